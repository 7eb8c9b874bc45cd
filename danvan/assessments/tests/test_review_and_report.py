"""The Ban reviews, the grade follows from the thresholds, bodies are ranked, the numbered report is issued."""

import io

import pytest
from docx import Document

from danvan.assessments import services
from danvan.assessments.models import Assessment, Grade, Scheme
from danvan.assessments.tests.conftest import TODAY, fill
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.documents.tests.factories import issue_generated
from danvan.organisations.models import OrgUnit


@pytest.fixture
def scheme(officer_a, make_scheme):
    """Three Party committees of Bắc Ninh, all sent: 90, 80 and 80."""
    scheme = make_scheme(officer_a, bodies=["C7288-DU", "C7210-DU", "C9295-DU"])
    for code, scores in (
        ("C7288-DU", ("40", "25", "25")),
        ("C7210-DU", ("30", "25", "25")),
        ("C9295-DU", ("35", "20", "25")),
    ):
        a = scheme.assessments.get(body__code=code)
        services.self_assessment_save(
            actor=officer_a,
            assessment=a,
            values=fill(a, dict(enumerate([(s, "") for s in scores], 1))),
            submit=True,
            today=TODAY,
        )
    return scheme


def review(actor, scheme, code, scores, comment=""):
    a = scheme.assessments.get(body__code=code)
    return services.review_save(
        actor=actor, assessment=a, values=fill(a, dict(enumerate([(s, "") for s in scores], 1))), comment=comment
    )


def test_the_grade_is_computed_from_the_thresholds(officer_a, scheme):
    a = review(officer_a, scheme, "C7288-DU", ("40", "25", "25"), "Tốt")
    assert (str(a.review_total), a.grade, a.status) == ("90.00", Grade.EXCELLENT, Assessment.Status.REVIEWED)
    b = review(officer_a, scheme, "C7210-DU", ("30", "20", "20"))
    assert b.grade == Grade.PASSED
    c = review(officer_a, scheme, "C9295-DU", ("10", "10", "10"))
    assert c.grade == Grade.FAILED


def test_a_review_score_above_the_maximum_names_the_criterion(officer_a, scheme):
    with pytest.raises(ApplicationError, match="Đối thoại với nhân dân.*từ 0 đến 30"):
        review(officer_a, scheme, "C7288-DU", ("40", "31", "25"))
    assert scheme.assessments.get(body__code="C7288-DU").status == Assessment.Status.SUBMITTED


def test_a_correction_of_the_review_is_audited_with_before_and_after(officer_a, scheme):
    review(officer_a, scheme, "C7288-DU", ("40", "25", "25"))
    review(officer_a, scheme, "C7288-DU", ("30", "25", "25"))
    event = AuditEvent.objects.filter(action=Action.ASSESSMENT_REVIEWED).order_by("-id").first()
    assert (event.before["total"], event.after["total"]) == ("90.00", "80.00")
    assert (event.before["grade"], event.after["grade"]) == (Grade.EXCELLENT, Grade.GOOD)


def test_changing_the_thresholds_regrades(officer_a, scheme):
    review(officer_a, scheme, "C7288-DU", ("30", "25", "25"))
    scheme.refresh_from_db()
    services.scheme_update(
        actor=officer_a,
        scheme=scheme,
        expected_version=str(scheme.version),
        title=scheme.title,
        uses_weights=False,
        excellent_min="80",
        good_min="70",
        passed_min="50",
    )
    assert scheme.assessments.get(body__code="C7288-DU").grade == Grade.EXCELLENT


def test_ranking_needs_every_review_and_shares_equal_ranks(officer_a, scheme):
    review(officer_a, scheme, "C7288-DU", ("40", "25", "25"))
    with pytest.raises(ApplicationError, match="chưa thẩm định"):
        services.scheme_rank(actor=officer_a, scheme=scheme)
    review(officer_a, scheme, "C7210-DU", ("30", "25", "25"))
    review(officer_a, scheme, "C9295-DU", ("35", "20", "25"))
    ranked = services.scheme_rank(actor=officer_a, scheme=scheme)
    assert {a.body.code: a.rank for a in ranked} == {"C7288-DU": 1, "C7210-DU": 2, "C9295-DU": 2}


def test_the_numbered_report_goes_through_the_register(officer_a, scheme):
    for code in ("C7288-DU", "C7210-DU", "C9295-DU"):
        review(officer_a, scheme, code, ("35", "25", "25"))
    with pytest.raises(ApplicationError, match="xếp hạng"):
        services.scheme_report_draft(actor=officer_a, scheme=scheme, today=TODAY)
    services.scheme_rank(actor=officer_a, scheme=scheme)
    draft = services.scheme_report_draft(actor=officer_a, scheme=scheme, today=TODAY)
    scheme.refresh_from_db()
    assert draft.issued_id is None and scheme.status != Scheme.Status.CLOSED  # no number before the signer issues
    document = issue_generated(draft, chooser=officer_a, today=TODAY)
    assert document.reference.startswith("Số ") and "-BC/" in document.reference
    again = services.scheme_report_draft(actor=officer_a, scheme=scheme, today=TODAY)
    assert again.issued_id == document.pk
    docx = Document(io.BytesIO(bytes(document.content)))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "BÁO CÁO" in text and "kết quả đánh giá công tác dân vận năm 2026" in text
    assert document.reference in cells and "Đảng ủy xã Yên Thế" in cells
    assert "số liệu hệ thống: 0 cuộc đối thoại" in text
    scheme.refresh_from_db()
    assert scheme.status == Scheme.Status.CLOSED
    a = scheme.assessments.first()
    with pytest.raises(ApplicationError, match="khóa"):
        services.review_save(actor=officer_a, assessment=a, values=fill(a, {1: ("1", ""), 2: ("1", ""), 3: ("1", "")}))


def test_the_ban_cannot_review_before_the_body_sends(officer_a, make_scheme):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    a = scheme.assessments.get()
    with pytest.raises(ApplicationError, match="chưa gửi"):
        services.review_save(actor=officer_a, assessment=a, values=fill(a, {1: ("1", ""), 2: ("1", ""), 3: ("1", "")}))


def test_a_commune_cannot_review(commune_officer_a, scheme):
    with pytest.raises(ApplicationError):
        review(commune_officer_a, scheme, "C7288-DU", ("40", "25", "25"))


def test_weighted_totals(officer_a, make_scheme):
    rows = [["A", "10", "60", ""], ["B", "20", "40", ""]]
    scheme = make_scheme(officer_a, criteria=rows, uses_weights=True, group="government", bodies=["P24-UBND"])
    a = scheme.assessments.get()
    services.self_assessment_save(
        actor=officer_a, assessment=a, values=fill(a, {1: ("10", ""), 2: ("10", "")}), submit=True, today=TODAY
    )
    a = services.review_save(actor=officer_a, assessment=a, values=fill(a, {1: ("10", ""), 2: ("15", "")}))
    # 10/10 × 60 + 15/20 × 40 = 90
    assert str(a.review_total) == "90.00" and a.grade == Grade.EXCELLENT
    assert OrgUnit.objects.get(code="P24-UBND") == a.body


def test_a_review_from_a_stale_page_is_a_conflict(officer_a, leader_a, scheme):
    a = scheme.assessments.get(body__code="C7288-DU")
    shown = str(a.version)
    review(leader_a, scheme, "C7288-DU", ("40", "25", "25"))
    with pytest.raises(ApplicationError) as e:
        services.review_save(
            actor=officer_a,
            assessment=a,
            values=fill(a, {1: ("10", ""), 2: ("10", ""), 3: ("10", "")}),
            expected_version=shown,
        )
    assert e.value.code == "conflict"
    assert scheme.assessments.get(body__code="C7288-DU").review_total == 90
