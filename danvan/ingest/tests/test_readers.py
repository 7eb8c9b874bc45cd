import io
import unicodedata

import docx
import pytest

from danvan.core.errors import ApplicationError
from danvan.core.text import fold
from danvan.ingest.readers import MAX_BYTES, check_text, html_to_text, read_file

from .fixtures import seed_text

ARTICLE = seed_text("000")


def docx_bytes(paragraphs, table=None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_utf8_text_file_is_read_as_nfc():
    text = read_file(filename="bai.txt", content=ARTICLE.encode("utf-8-sig"))
    assert text.startswith("Bắc Giang: Tiếp tục")
    sentence = "Hội nghị giao ban công tác dân vận của tỉnh và các huyện"
    assert read_file(filename="a.txt", content=unicodedata.normalize("NFD", sentence).encode()) == sentence


def test_a_docx_report_gives_its_paragraphs_and_table_rows():
    lines = ARTICLE.split("\n")
    content = docx_bytes(lines, table=[["Chỉ tiêu", "Kết quả"], ["Mô hình dân vận khéo", "123 mô hình"]])
    text = read_file(filename="bao-cao.docx", content=content)
    assert "Ban Dân vận Tỉnh ủy Bắc Giang tổ chức giao ban quý I/2021" in text
    assert "Mô hình dân vận khéo | 123 mô hình" in text


def test_an_html_page_loses_its_scripts_navigation_and_styles():
    html = (
        "<html><head><style>p{color:red}</style><script>var x = 'Trang chủ';</script></head><body>"
        "<nav><a href='/'>Trang chủ</a> <a>Tin tức</a></nav>"
        "<article><h1>Bắc Giang: Tiếp tục nâng cao chất lượng công tác dân vận</h1>"
        "<p>Ngày 19/3, tại huyện Yên Thế, Ban Dân vận Tỉnh ủy Bắc Giang tổ chức giao ban quý I/2021 &amp; triển khai.</p>"
        "</article><footer>Bản quyền</footer></body></html>"
    )
    text = read_file(filename="bai.html", content=html.encode())
    assert text.split("\n")[0] == "Bắc Giang: Tiếp tục nâng cao chất lượng công tác dân vận"
    assert "giao ban quý I/2021 & triển khai" in text
    assert "Trang chủ" not in text and "color" not in text and "Bản quyền" not in text


def test_html_to_text_keeps_blocks_on_their_own_lines():
    lines = html_to_text("<div>Một</div><div>Hai<br>Ba</div>").split("\n")
    assert [line for line in lines if line] == ["Một", "Hai", "Ba"]


@pytest.mark.parametrize(
    ("filename", "content", "code"),
    [
        ("trong.txt", b"", "empty"),
        ("trang.txt", b"   \n\n  ", "empty"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("lon.txt", b"a" * (MAX_BYTES + 1), "too_large"),
        (
            "english.txt",
            b"The committee met on Monday to review the quarter and plan the work for the next one.",
            "language",
        ),
        ("bao-cao.doc", b"\xd0\xcf\x11\xe0 old word", "type"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "docx"),
    ],
)
def test_bad_files_are_refused_with_a_vietnamese_message(filename, content, code):
    with pytest.raises(ApplicationError) as info:
        read_file(filename=filename, content=content)
    assert info.value.code == code
    assert info.value.field == "file"
    assert info.value.message.endswith(".") and fold(info.value.message) != info.value.message.lower()


def test_pasted_english_text_is_refused():
    with pytest.raises(ApplicationError) as info:
        check_text("Le comité s'est réuni lundi pour discuter du plan de l'année et des tâches.")
    assert info.value.code == "language"


def test_vietnamese_typed_without_diacritics_is_accepted():
    text = "Hoi nghi giao ban cong tac dan van quy I nam 2021 cua Ban Dan van Tinh uy Bac Giang tai huyen Yen The"
    assert check_text(text) == text


def test_an_html_page_that_would_take_minutes_to_parse_is_refused_within_the_time_budget(monkeypatch):
    # A budget of 0 s stands for "spent": what is tested is that the parser is fed under one, not a timing.
    monkeypatch.setattr("danvan.core.uploads.PARSE_SECONDS", 0)
    with pytest.raises(ApplicationError) as info:
        read_file(filename="trang.html", content=b"<p>" + b"<" * 100_000)
    assert info.value.code == "too_slow" and info.value.field == "file"
