"""The briefing report's results section: a synthesis grouped by field (the form's sections) across the units,
each unit's contribution under its name; nothing placeholder-like; a period with nothing from any unit refused."""

import datetime as dt
import io

import pytest
from docx import Document

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.documents.models import IssuedDocument
from danvan.organisations.models import OrgUnit
from danvan.reports.briefing import PART_TITLES, briefing_content
from danvan.reports.selectors import rollup
from danvan.reports.synthesis import OTHER_FIELD, briefing_synthesis, split_sentences
from danvan.reports.tests.briefing_helpers import briefing_issue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]
TODAY = dt.date(2026, 4, 2)


@pytest.fixture
def province():
    return OrgUnit.objects.get(code="P24-TU")


@pytest.fixture
def reported(report, commune_officer_a):
    other = make_user("bo.ha", "officer", "C7294-DU")
    report(
        "C7288-KDV",
        commune_officer_a,
        {"doi_thoai_cuoc": "3", "tuyen_truyen_hoi_nghi": "2", "tuyen_truyen_luot_nguoi": "1250"},
        narratives={
            "ket_qua": "Tổ chức 3 hội nghị đối thoại về giải phóng mặt bằng.\n"
            "- Mở 2 hội nghị tuyên truyền, quán triệt nghị quyết cho 1.250 lượt người; "
            "hỗ trợ bà con thu hoạch lúa vụ đông xuân.",
        },
    )
    report(
        "C7294-KDV",
        other,
        {"doi_thoai_cuoc": "2"},
        narratives={"ket_qua": "Xây dựng mô hình dân vận khéo.", "kien_nghi": "Đề nghị bổ sung kinh phí."},
    )


def synthesis_of(unit, form, period):
    rows = rollup(unit=unit, form=form, period=period)
    return briefing_synthesis(unit=unit, form=form, period=period, rollup_rows=rows, part_titles=PART_TITLES)


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def test_a_text_is_split_into_sentences_without_list_marks():
    assert split_sentences("- Một việc.\n• Hai việc; ba việc!  \n\n") == ["Một việc.", "Hai việc;", "ba việc!"]


def test_results_are_grouped_by_the_forms_fields_with_each_unit_named(reported, province, quarterly, q1):
    synthesis = synthesis_of(province, quarterly, q1)
    by_title = {f.title: f for f in synthesis.fields}
    dialogue = by_title["Tiếp xúc, đối thoại với Nhân dân"]
    # Units in the tree's order.
    assert [c.unit_name for c in dialogue.contributions] == ["Khối dân vận xã Bố Hạ", "Khối dân vận xã Yên Thế"]
    bo_ha, yen_the = dialogue.contributions
    assert yen_the.sentences == ["Tổ chức 3 hội nghị đối thoại về giải phóng mặt bằng."]
    assert yen_the.figures == ["Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân: 3 cuộc"]
    # A unit that wrote nothing about the field still contributes its figures, as a sentence.
    assert bo_ha.text == "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân: 2 cuộc."
    assert dialogue.summary.startswith("Tổng hợp 2 đơn vị đã báo cáo: Hội nghị đối thoại")
    assert ": 5 cuộc" in dialogue.summary

    propaganda = by_title["Tuyên truyền, vận động"]
    assert [c.unit_name for c in propaganda.contributions] == ["Khối dân vận xã Yên Thế"]
    assert propaganda.contributions[0].sentences[0].startswith("Mở 2 hội nghị tuyên truyền, quán triệt")
    assert "Lượt người dự hội nghị tuyên truyền, quán triệt: 1.250 người" in propaganda.contributions[0].figures

    models = by_title["Phong trào thi đua “Dân vận khéo”"]
    assert [(c.unit_name, c.text) for c in models.contributions] == [
        ("Khối dân vận xã Bố Hạ", "Xây dựng mô hình dân vận khéo.")
    ]
    # A sentence about none of the form's fields is kept, under "other work".
    other = by_title[OTHER_FIELD]
    assert [(c.unit_name, c.sentences) for c in other.contributions] == [
        ("Khối dân vận xã Yên Thế", ["hỗ trợ bà con thu hoạch lúa vụ đông xuân."])
    ]
    # Fields in the form's order, the other work last; a field nobody reported is left out.
    assert [f.title for f in synthesis.fields] == [
        "Tiếp xúc, đối thoại với Nhân dân",
        "Tuyên truyền, vận động",
        "Phong trào thi đua “Dân vận khéo”",
        OTHER_FIELD,
    ]
    assert synthesis.units == 2
    assert synthesis.parts == [
        ("kien_nghi", "Kiến nghị, đề xuất", [("Khối dân vận xã Bố Hạ", "Đề nghị bổ sung kinh phí.")])
    ]


def test_the_issued_document_carries_the_synthesis_and_no_placeholder(reported, officer_a, province, quarterly, q1):
    document = briefing_issue(actor=officer_a, unit=province, form=quarterly, period=q1, today=TODAY)
    lines = paragraphs(bytes(document.content))
    start = lines.index("2. Kết quả công tác")
    assert lines[start + 1] == "2.1. Tiếp xúc, đối thoại với Nhân dân"
    assert lines[start + 2].startswith("Tổng hợp 2 đơn vị đã báo cáo:")
    assert lines[start + 3].startswith("- Khối dân vận xã Bố Hạ: Hội nghị đối thoại")
    assert lines[start + 4] == (
        "- Khối dân vận xã Yên Thế: Tổ chức 3 hội nghị đối thoại về giải phóng mặt bằng. "
        "(Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân: 3 cuộc)."
    )
    assert "2.2. Tuyên truyền, vận động" in lines and f"2.4. {OTHER_FIELD}" in lines
    text = "\n".join(lines)
    assert "Chưa có nội dung" not in text and "(…)" not in text
    # Parts nobody wrote (hạn chế, nhiệm vụ) are left out; the one written follows, numbered on.
    assert "HẠN CHẾ, NGUYÊN NHÂN" not in text and "NHIỆM VỤ TRỌNG TÂM KỲ TỚI" not in text
    assert "II. KIẾN NGHỊ, ĐỀ XUẤT" in lines
    assert "Khối dân vận xã Bố Hạ: Đề nghị bổ sung kinh phí." in lines


def test_a_commune_synthesises_its_own_report(reported, commune_officer_a, quarterly, q1):
    _subject, content = briefing_content(
        unit=OrgUnit.objects.get(code="C7288-DU"), form=quarterly, period=q1, reference="Số 01-BC/KDV", today=TODAY
    )
    text = "\n".join(paragraphs(content))
    assert "Khối dân vận xã Yên Thế: Tổ chức 3 hội nghị đối thoại" in text
    assert "Bố Hạ" not in text


def test_a_period_with_nothing_from_any_unit_is_refused_and_takes_no_number(officer_a, province, quarterly, q2):
    with pytest.raises(ApplicationError) as refused:
        briefing_issue(actor=officer_a, unit=province, form=quarterly, period=q2, today=TODAY)
    assert "chưa có đơn vị nào gửi báo cáo" in refused.value.message
    assert "quý II/2026" in refused.value.message
    assert refused.value.field == "period"
    assert not IssuedDocument.objects.exists()


def test_drafts_do_not_count_as_something_from_a_unit(report, commune_officer_a, officer_a, province, quarterly, q1):
    report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"}, narratives={"ket_qua": "Nháp."}, submit=False)
    with pytest.raises(ApplicationError):
        briefing_issue(actor=officer_a, unit=province, form=quarterly, period=q1, today=TODAY)


def test_reports_sent_empty_are_refused_too(report, commune_officer_a, officer_a, province, quarterly, q1):
    report("C7288-KDV", commune_officer_a, {})
    with pytest.raises(ApplicationError) as refused:
        briefing_issue(actor=officer_a, unit=province, form=quarterly, period=q1, today=TODAY)
    assert "chưa có số liệu và nội dung nào" in refused.value.message


def test_the_pages_refuse_an_empty_period_with_the_message(client_for, officer_a, quarterly, q2):
    client = client_for(officer_a)
    query = f"?form={quarterly.pk}&period=quarter-2026-2&unit=P24-TU"
    preview = client.get("/bao-cao/van-ban/du-thao.docx" + query, follow=True)
    assert preview.status_code == 200
    assert "chưa có đơn vị nào gửi báo cáo" in preview.content.decode()
    issued = client.post("/bao-cao/van-ban/" + query, follow=True)
    assert issued.status_code == 200
    assert "chưa có đơn vị nào gửi báo cáo" in issued.content.decode()
    assert not IssuedDocument.objects.exists()
