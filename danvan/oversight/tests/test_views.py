import datetime as dt
import re

import pytest
from django.urls import reverse

from danvan.core.inbox import inbox_for_user
from danvan.oversight import services
from danvan.oversight.models import Recommendation, Supervision
from danvan.oversight.tests.conftest import post, recommendation, supervision, u

pytestmark = pytest.mark.django_db


def test_the_front_records_a_supervision_through_the_pages(client, front_officer):
    client.force_login(front_officer)
    response = post(
        client,
        reverse("oversight:supervision_new"),
        {
            "unit": "P24-MTTQ",
            "subject_kind": "project",
            "subject": "Dự án đường tỉnh 398",
            "method": "delegation",
            "supervised_unit": "C7288-UBND",
            "start_date": "15/09/2026",
            "findings": "",
        },
    )
    sup = Supervision.objects.get()
    assert response.status_code == 302 and response.url == reverse("oversight:supervision_detail", args=[sup.code])
    response = post(
        client,
        reverse("oversight:recommendation_new", args=[sup.code]),
        {"content": "Bồi thường đủ cho 3 hộ.", "responsible_unit": "C7288-UBND", "deadline": "30/10/2026"},
    )
    assert response.status_code == 302
    assert Recommendation.objects.get().deadline == dt.date(2026, 10, 30)


def test_a_supervision_without_the_body_supervised_names_the_field_and_writes_nothing(client, front_officer):
    client.force_login(front_officer)
    response = post(
        client,
        reverse("oversight:supervision_new"),
        {"unit": "P24-MTTQ", "subject_kind": "policy", "subject": "x", "method": "documents", "start_date": "1/9/2026"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "chọn đơn vị trong danh sách" in page or "Choose a unit from the list" in page
    assert not Supervision.objects.exists()


def test_a_mistyped_date_is_refused_with_the_format(client, front_officer):
    client.force_login(front_officer)
    response = post(
        client,
        reverse("oversight:supervision_new"),
        {
            "unit": "P24-MTTQ",
            "subject_kind": "policy",
            "subject": "x",
            "method": "documents",
            "supervised_unit": "C7288-UBND",
            "start_date": "31/02/2026",
        },
    )
    assert response.status_code == 200 and "dd/mm/yyyy" in response.content.decode()
    assert not Supervision.objects.exists()


def test_the_answer_form_refuses_an_answer_without_the_body(client, front_officer, commune_ubnd):
    rec = recommendation(front_officer, supervision(front_officer))
    client.force_login(commune_ubnd)
    detail = reverse("oversight:recommendation_detail", args=[rec.code])
    page = client.get(detail).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(
        reverse("oversight:recommendation_answer", args=[rec.code]),
        {
            "answer": "Đã làm.",
            "answered_by": "",
            "answered_on": "01/11/2026",
            "implementation": "done",
            "form_token": token,
        },
    )
    assert response.status_code == 200
    rec.refresh_from_db()
    assert rec.answered_on is None


def test_the_commune_answers_through_the_page(client, front_officer, commune_ubnd):
    rec = recommendation(front_officer, supervision(front_officer))
    client.force_login(commune_ubnd)
    page = client.get(reverse("oversight:recommendation_detail", args=[rec.code])).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(
        reverse("oversight:recommendation_answer", args=[rec.code]),
        {
            "answer": "Đã niêm yết.",
            "answered_by": "C7288-UBND",
            "answered_on": "01/11/2026",
            "implementation": "done",
            "form_token": token,
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.answered_by_unit.code == "C7288-UBND"


def test_another_provinces_front_gets_404(client, front_officer, front_b):
    sup = supervision(front_officer)
    rec = recommendation(front_officer, sup)
    client.force_login(front_b)
    assert client.get(reverse("oversight:supervision_detail", args=[sup.code])).status_code == 404
    assert client.get(reverse("oversight:recommendation_detail", args=[rec.code])).status_code == 404
    assert rec.code not in client.get(reverse("oversight:followup")).content.decode()


def test_the_followup_list_shows_the_overdue_one_and_the_province_sees_its_communes(
    client, front_officer, commune_front
):
    sup = supervision(front_officer)
    answered = recommendation(front_officer, sup, content="Đã trả lời")
    late = recommendation(front_officer, sup, deadline=dt.date(2026, 10, 1), content="Chưa trả lời")
    services.recommendation_answer(
        actor=front_officer,
        recommendation=answered,
        answer="Đã làm",
        answered_by=u("C7288-UBND"),
        answered_on=dt.date(2026, 10, 20),
    )
    commune_sup = supervision(commune_front, unit="C7288-MTTQ", start_date=dt.date(2026, 9, 1), end_date=None)
    commune_rec = recommendation(commune_front, commune_sup, deadline=dt.date(2026, 9, 20), content="Của xã")
    client.force_login(front_officer)
    page = client.get(reverse("oversight:followup")).content.decode()
    assert late.code in page and commune_rec.code in page and answered.code not in page
    assert re.search(r"Quá hạn \d+ ngày|Overdue \d+ days", page)
    provincial = client.get(reverse("oversight:followup") + "?level=province").content.decode()
    assert late.code in provincial and commune_rec.code not in provincial
    client.force_login(commune_front)
    own = client.get(reverse("oversight:followup")).content.decode()
    assert commune_rec.code in own


def test_the_inbox_shows_what_the_commune_must_answer(front_officer, commune_ubnd):
    rec = recommendation(front_officer, supervision(front_officer))
    inbox = inbox_for_user(user=commune_ubnd, today=dt.date(2026, 12, 5))
    section = next(s for s in inbox.sections if s.key == "recommendations")
    assert [item.link for item in section.items] == [reverse("oversight:recommendation_detail", args=[rec.code])]
    assert section.items[0].overdue


def test_the_area_picker_finds_a_communes_ubnd_for_the_provincial_front(client, front_officer, front_b):
    client.force_login(front_officer)
    data = client.get(reverse("oversight:pick"), {"q": "ubnd yen the"}).json()
    assert data["results"][0]["code"] == "C7288-UBND"
    client.force_login(front_b)
    data = client.get(reverse("oversight:pick"), {"q": "ubnd yen the"}).json()
    assert "C7288-UBND" not in [r["code"] for r in data["results"]]


def test_the_pages_render_for_the_front(client, front_officer):
    sup = supervision(front_officer)
    rec = recommendation(front_officer, sup)
    critique = services.critique_create(
        actor=front_officer,
        unit=u("P24-MTTQ"),
        title="Dự thảo",
        drafting_unit=u("P24-UBND"),
        received_on=dt.date(2026, 10, 1),
    )
    opinion = services.opinion_add(actor=front_officer, critique=critique, content="Ý kiến")
    client.force_login(front_officer)
    for url in (
        reverse("oversight:index"),
        reverse("oversight:supervision_edit", args=[sup.code]),
        reverse("oversight:recommendation_edit", args=[rec.code]),
        reverse("oversight:critique_detail", args=[critique.code]),
        reverse("oversight:critique_edit", args=[critique.code]),
        reverse("oversight:opinion_edit", args=[opinion.code]),
        reverse("oversight:programme_new"),
        reverse("oversight:critique_new"),
    ):
        assert client.get(url).status_code == 200, url


def test_the_followup_page_costs_the_same_queries_for_one_or_many_rows(client, front_officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sup = supervision(front_officer)
    recommendation(front_officer, sup)
    client.force_login(front_officer)
    url = reverse("oversight:followup")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(5):
        recommendation(front_officer, sup, content=f"Kiến nghị {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)
