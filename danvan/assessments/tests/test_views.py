"""The pages, through HTTP: scope (404 outside), the flow's forms, bad input shown on the page, the inbox."""

import datetime as dt

import pytest
from django.urls import reverse

from danvan.assessments.models import Assessment, Criterion, Scheme
from danvan.assessments.tests.conftest import TODAY, fill
from danvan.core.inbox import inbox_for_user


def test_the_ban_creates_a_scheme_and_sets_its_criteria_through_the_pages(client_for, officer_a):
    client = client_for(officer_a)
    assert client.get(reverse("assessments:create")).status_code == 200
    response = client.post(
        reverse("assessments:create"),
        {
            "unit": "P24-TGDV",
            "year": "2026",
            "group": "front",
            "title": "Đánh giá năm 2026",
            "excellent_min": "90",
            "good_min": "75",
            "passed_min": "50",
            "self_due": "15/12/2026",
        },
    )
    scheme = Scheme.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("assessments:criteria", args=[scheme.code])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "reports.on_time" in page.content.decode()
    response = client.post(
        reverse("assessments:criteria", args=[scheme.code]),
        {
            "criteria__title": ["Tập hợp đoàn viên", "Báo cáo"],
            "criteria__max_score": ["60", "40"],
            "criteria__weight": ["", ""],
            "criteria__measure": ["", "reports.on_time"],
            "expected_version": "1",
        },
    )
    assert response.status_code == 302
    assert list(Criterion.objects.values_list("measure", flat=True)) == ["", "reports.on_time"]


def test_a_bad_threshold_is_shown_on_the_form_and_nothing_is_written(client_for, officer_a):
    response = client_for(officer_a).post(
        reverse("assessments:create"),
        {
            "unit": "P24-TGDV",
            "year": "2026",
            "group": "front",
            "title": "X",
            "excellent_min": "90",
            "good_min": "chín",
            "passed_min": "50",
        },
    )
    assert response.status_code == 200
    assert "Điểm tối thiểu loại Hoàn thành tốt" in response.content.decode()
    assert not Scheme.objects.exists()


def test_the_body_sees_the_figure_and_a_score_above_the_maximum_is_refused(
    client_for, officer_a, commune_officer_a, make_scheme
):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    a = scheme.assessments.get()
    client = client_for(commune_officer_a)
    url = reverse("assessments:assessment", args=[a.public_id])
    page = client.get(url).content.decode()
    assert "0 cuộc đối thoại" in page and "báo cáo nộp đúng hạn" in page
    ids = fill(a, {1: None, 2: None, 3: None})
    data = {"action": "submit", "version": str(a.version)}
    for cid, score in zip(ids, ("45", "20", "20"), strict=True):
        data[f"score_{cid}"] = score
    response = client.post(url, data)
    assert response.status_code == 200
    assert "từ 0 đến 40 (đồng chí đã nhập 45)" in response.content.decode()
    a.refresh_from_db()
    assert a.status == Assessment.Status.PENDING
    data[f"score_{next(iter(ids))}"] = "38"
    assert client.post(url, data).status_code == 302
    a.refresh_from_db()
    assert a.status == Assessment.Status.SUBMITTED and str(a.self_total) == "78.00"


def test_pages_are_404_outside_scope(client_for, officer_a, officer_b, make_scheme):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    a = scheme.assessments.get()
    client = client_for(officer_b)
    assert client.get(reverse("assessments:detail", args=[scheme.code])).status_code == 404
    assert client.get(reverse("assessments:assessment", args=[a.public_id])).status_code == 404
    assert client.post(reverse("assessments:rank", args=[scheme.code])).status_code == 404


def test_a_commune_cannot_open_the_bans_setup(client_for, officer_a, commune_officer_a, make_scheme):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    client = client_for(commune_officer_a)
    assert client.get(reverse("assessments:criteria", args=[scheme.code])).status_code == 404
    assert client.get(reverse("assessments:edit", args=[scheme.code])).status_code == 404


def test_the_inbox_shows_the_due_self_assessment_and_the_pending_review(officer_a, commune_officer_a, make_scheme):
    from danvan.assessments import services

    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    section = next(s for s in inbox_for_user(user=commune_officer_a, today=TODAY).sections if s.key == "assessments")
    assert section.total == 1 and section.items[0].unit == "Đảng ủy xã Yên Thế"
    assert section.items[0].deadline == dt.date(2026, 12, 15)
    a = scheme.assessments.get()
    services.self_assessment_save(
        actor=commune_officer_a,
        assessment=a,
        values=fill(a, {1: ("30", ""), 2: ("20", ""), 3: ("20", "")}),
        submit=True,
        today=TODAY,
    )
    mine = next(s for s in inbox_for_user(user=commune_officer_a, today=TODAY).sections if s.key == "assessments")
    assert mine.total == 0
    ban = next(s for s in inbox_for_user(user=officer_a, today=TODAY).sections if s.key == "assessments")
    assert ban.total == 1 and ban.items[0].state == "Waiting for review" or ban.items[0].state == "Chờ thẩm định"


def test_the_draft_report_and_the_issued_one_download(client_for, officer_a, make_scheme):
    from danvan.assessments import services

    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    a = scheme.assessments.get()
    values = fill(a, {1: ("30", ""), 2: ("20", ""), 3: ("20", "")})
    services.self_assessment_save(actor=officer_a, assessment=a, values=values, submit=True, today=TODAY)
    services.review_save(actor=officer_a, assessment=a, values=values)
    client = client_for(officer_a)
    response = client.post(reverse("assessments:rank", args=[scheme.code]))
    assert response.status_code == 302
    # A GET never makes a file: before the draft exists it leads back to the scheme, then to the draft's page.
    before = client.get(reverse("assessments:report", args=[scheme.code]))
    assert before.status_code == 302 and before["Location"] == reverse("assessments:detail", args=[scheme.code])
    to_draft = client.post(reverse("assessments:report", args=[scheme.code]))
    assert to_draft.status_code == 302 and to_draft["Location"].startswith("/van-ban/")
    again = client.get(reverse("assessments:report", args=[scheme.code]))
    assert again.status_code == 302 and again["Location"] == to_draft["Location"]
    from danvan.documents.tests.factories import issue_through_pages

    assert issue_through_pages(client_for, officer_a, to_draft["Location"]).status_code == 302
    issued = client.get(to_draft["Location"] + "tep.docx")
    assert issued.status_code == 200 and "01-BC_" in issued["Content-Disposition"]


pytestmark = pytest.mark.django_db


def test_an_evidence_file_is_served_to_the_ban_and_its_opening_audited(
    client_for, officer_a, officer_b, commune_officer_a, make_scheme
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.assessments import services
    from danvan.assessments.models import Evidence
    from danvan.audit.models import Action, AuditEvent

    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    a = scheme.assessments.get()
    criterion = fill(a, {1: None}).popitem()[0]
    services.self_assessment_save(
        actor=commune_officer_a,
        assessment=a,
        values=fill(a, {1: ("30", "")}),
        uploads={criterion: [SimpleUploadedFile("nghi-quyet.pdf", b"%PDF-1.4 x", content_type="application/pdf")]},
        today=TODAY,
    )
    file_id = Evidence.objects.get().file.public_id
    url = reverse("assessments:evidence", args=[a.public_id, file_id])
    assert client_for(officer_b).get(url).status_code == 404
    response = client_for(officer_a).get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action=Action.ASSESSMENT_EVIDENCE_VIEWED, actor=officer_a).count() == 1


def test_the_list_costs_the_same_queries_whatever_the_number_of_schemes(client_for, officer_a, make_scheme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_scheme(officer_a, bodies=["C7288-DU"])
    client = client_for(officer_a)
    client.get(reverse("assessments:index"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("assessments:index")).status_code == 200
    for group, body in (("government", "P24-UBND"), ("front", "P24-HND"), ("armed", "P24-CA")):
        make_scheme(officer_a, group=group, bodies=[body])
    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("assessments:index"))
    assert page.content.decode().count(">DG-2026-") == 4
    assert len(four) == len(one)


def test_the_ban_copies_the_criteria_to_next_year_with_one_action(client_for, officer_a, make_scheme):
    scheme = make_scheme(officer_a)
    client = client_for(officer_a)
    response = client.post(reverse("assessments:copy", args=[scheme.code]), {"year": "2027"})
    copy = Scheme.objects.get(year=2027)
    assert response["Location"] == reverse("assessments:detail", args=[copy.code])
    assert copy.criteria.count() == 3
    again = client.post(reverse("assessments:copy", args=[scheme.code]), {"year": "2027"}, follow=True)
    assert "đã có đợt đánh giá năm 2027" in again.content.decode()
    assert Scheme.objects.filter(year=2027).count() == 1


def test_a_leap_day_due_date_moves_to_the_28th():
    from danvan.assessments.services import _same_day_in

    assert _same_day_in(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)
