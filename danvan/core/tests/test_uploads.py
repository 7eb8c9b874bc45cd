"""The one upload reader: hostile XLSX/DOCX files are refused before a parser sees them, with a message."""

import pytest

from danvan.core.errors import ApplicationError
from danvan.core.tests import crafted
from danvan.core.uploads import (
    DOCX_TEXT,
    XLSX_IMPORT,
    Deadline,
    ZipLimits,
    _prologue_problem,
    check_office_zip,
    open_docx,
    open_xlsx,
)


def refusal(content, *, kind="xlsx", limits=XLSX_IMPORT) -> ApplicationError:
    with pytest.raises(ApplicationError) as info:
        check_office_zip(content, kind=kind, limits=limits)
    assert info.value.field == "file"
    assert info.value.message.startswith("Tệp: ")
    return info.value


def test_an_ordinary_xlsx_and_docx_pass():
    check_office_zip(crafted.xlsx(), kind="xlsx", limits=XLSX_IMPORT)
    check_office_zip(crafted.docx_file(), kind="docx", limits=DOCX_TEXT)


def test_a_small_xlsx_that_unpacks_to_80_mb_is_refused_by_its_directory():
    content = crafted.xlsx_unpacking_to(80 * crafted.MiB)
    assert len(content) < crafted.MiB
    error = refusal(content)
    assert error.code == "too_large_unpacked"
    assert "khi giải nén lên tới 80 MB, quá mức 20 MB" in error.message


def test_a_docx_that_unpacks_huge_is_refused():
    error = refusal(crafted.docx_unpacking_to(60 * crafted.MiB), kind="docx", limits=DOCX_TEXT)
    assert error.code == "too_large_unpacked" and "Word" not in error.message.split(";")[0]


def test_one_part_packed_a_thousand_to_one_is_refused_even_under_the_total():
    error = refusal(crafted.xlsx_unpacking_to(5 * crafted.MiB))
    assert error.code == "compression_ratio"
    assert "xl/worksheets/sheet1.xml" in error.message and "hãy mở tệp bằng Excel" in error.message


def test_billion_laughs_in_an_xlsx_is_refused():
    error = refusal(crafted.xlsx_billion_laughs())
    assert error.code == "xml_declaration"
    assert "DOCTYPE/ENTITY" in error.message and "xl/worksheets/sheet1.xml" in error.message


def test_billion_laughs_in_a_docx_is_refused_in_utf_8_and_in_utf_16():
    assert refusal(crafted.docx_billion_laughs(), kind="docx", limits=DOCX_TEXT).code == "xml_declaration"
    utf16 = crafted.docx_billion_laughs(utf16=True)
    assert refusal(utf16, kind="docx", limits=DOCX_TEXT).code == "xml_declaration"


def test_too_many_parts_are_refused():
    error = refusal(crafted.with_many_parts(crafted.xlsx(), 1200))
    assert error.code == "too_many_parts" and "quá mức 1000" in error.message


def test_a_renamed_file_is_refused_as_not_an_office_file():
    error = refusal(b"PK\x03\x04 not really a zip")
    assert error.code == "xlsx" and "tệp hỏng hoặc bị đổi đuôi" in error.message


def test_the_upload_itself_is_bounded():
    error = refusal(crafted.xlsx(), limits=ZipLimits(max_bytes=1000, max_unpacked=crafted.MiB))
    assert error.code == "too_large" and "lớn hơn 1 KB; hãy chia" in error.message


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (b'<?xml version="1.0"?><root/>', None),
        (b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n<root/>", None),
        (b"\x89PNG\r\n\x1a\n", None),  # a picture: not XML, not our concern
        (b'<?xml version="1.0"?><!-- a comment --><!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', "dtd"),
        (b'<?xml version="1.0"?>\n<!ENTITY e SYSTEM "file:///etc/passwd">', "dtd"),
        (b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE', "encoding"),
        ("<!DOCTYPE r><r/>".encode("utf-16-be"), "dtd"),
        ("<!DOCTYPE r><r/>".encode("utf-32"), "encoding"),
        (b"<!--" + b"x" * 70000, "long"),  # a prologue longer than any office file's hides what follows
    ],
)
def test_the_xml_prologue_is_read_for_declarations(head, problem):
    assert _prologue_problem(head) == problem


def test_a_sheet_with_a_row_far_below_is_refused_at_the_row_bound_not_read_to_the_end():
    with open_xlsx(crafted.xlsx_with_a_row_far_below()) as workbook:
        with pytest.raises(ApplicationError) as info:
            workbook.rows(max_rows=20000, max_cols=3)
    assert info.value.code == "too_many_rows"
    assert "hơn 20000 dòng (kể cả dòng trống)" in info.value.message


def test_a_spent_time_budget_refuses_the_file():
    with open_xlsx(crafted.xlsx(), seconds=60) as workbook:
        workbook.deadline = Deadline(0)
        with pytest.raises(ApplicationError) as info:
            workbook.rows(max_rows=10, max_cols=3)
    assert info.value.code == "too_slow" and "hãy chia tệp thành nhiều tệp nhỏ" in info.value.message


def test_open_docx_gives_the_document_of_a_good_file():
    document, deadline = open_docx(crafted.docx_file(["Một", "Hai"]))
    deadline.check()
    assert [p.text for p in document.paragraphs] == ["Một", "Hai"]
