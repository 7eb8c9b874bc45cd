"""Special situation rounds (an election, Tết, a storm): one report per unit and round, as for a month — a second
one updates the draft or, once sent, is refused with a message naming the round — and "who did not report this
round" for the province's leaders (decision 0051)."""

import re

import pytest
from django.urls import reverse

from danvan.core.errors import ApplicationError
from danvan.situation import services
from danvan.situation.models import SituationReport
from danvan.situation.tests.factories import MONTH, MONTH_KEY, report

pytestmark = pytest.mark.django_db

ELECTION = "Bầu cử đại biểu Quốc hội khóa XVI"


def test_a_second_report_of_a_sent_round_is_refused_naming_the_round(commune_officer_a):
    sent = report(commune_officer_a, kind="event", event_name=ELECTION, submit=True)
    with pytest.raises(ApplicationError) as exc:
        # The same round written with other capitals and spaces is the same round.
        report(commune_officer_a, kind="event", event_name="  bầu cử đại biểu  Quốc hội khóa xvi ", opinions="khác")
    assert exc.value.field == "event_name" and exc.value.code == "duplicate"
    assert ELECTION in exc.value.message and sent.code in exc.value.message and f"{MONTH:%Y}" in exc.value.message
    assert SituationReport.objects.filter(kind="event").count() == 1
    sent.refresh_from_db()
    assert sent.opinions != "khác"


def test_a_second_save_of_a_draft_round_updates_the_draft(commune_officer_a):
    draft = report(commune_officer_a, kind="event", event_name=ELECTION)
    again = report(commune_officer_a, kind="event", event_name=ELECTION, opinions="Cử tri phấn khởi.", submit=True)
    assert again.pk == draft.pk and again.status == "submitted" and again.opinions == "Cử tri phấn khởi."
    assert SituationReport.objects.filter(kind="event").count() == 1


def test_the_same_event_another_year_or_another_unit_is_another_report(commune_officer_a, leader_a):
    report(commune_officer_a, kind="event", event_name="Tết Nguyên đán", submit=True)
    report(
        commune_officer_a, kind="event", event_name="Tết Nguyên đán", period_month=MONTH.replace(year=MONTH.year - 1)
    )
    report(leader_a, "P24-TU", kind="event", event_name="Tết Nguyên đán", submit=True)
    assert SituationReport.objects.filter(kind="event").count() == 3


def test_a_draft_corrected_into_a_round_already_reported_is_refused(commune_officer_a):
    report(commune_officer_a, kind="event", event_name=ELECTION, submit=True)
    draft = report(commune_officer_a, kind="event", event_name="Bão số 3")
    with pytest.raises(ApplicationError) as exc:
        services.situation_report_update(
            actor=commune_officer_a,
            report=draft,
            period_month=MONTH,
            event_name=ELECTION.upper(),
            mood="stable",
            trend="same",
            opinions="Ổn định.",
        )
    assert exc.value.field == "event_name" and ELECTION in exc.value.message
    draft.refresh_from_db()
    assert draft.event_name == "Bão số 3" and draft.opinions != "Ổn định."


def test_the_form_shows_the_message_under_the_event_name(client, commune_officer_a):
    report(commune_officer_a, kind="event", event_name=ELECTION, submit=True)
    client.force_login(commune_officer_a)
    url = reverse("situation:report_new")
    page = client.get(url).content.decode()
    token = re.findall(r'name="form_token" value="([^"]+)"', page)[-1]
    response = client.post(
        url,
        {
            "form_token": token,
            "unit": "C7288-DU",
            "kind": "event",
            "period": MONTH_KEY,
            "event_name": ELECTION,
            "mood": "stable",
            "trend": "same",
            "opinions": "Cử tri phấn khởi.",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["event_name"]
    assert SituationReport.objects.filter(kind="event").count() == 1


def test_the_province_leader_sees_who_did_not_report_the_round(client, commune_officer_a, leader_a):
    report(commune_officer_a, kind="event", event_name=ELECTION, submit=True)
    client.force_login(leader_a)
    url = reverse("situation:coverage")
    response = client.get(url, {"province": "P24-TU", "month": MONTH_KEY})
    rounds = response.context["rounds"]
    assert [r["name"] for r in rounds] == [ELECTION]
    # The monthly list: Xã Yên Thế sent no monthly report, so it is listed.
    assert "C7288-DU" in [c.code for c in response.context["missing"]]
    response = client.get(url, {"province": "P24-TU", "month": MONTH_KEY, "round": rounds[0]["key"]})
    missing = [c.code for c in response.context["missing"]]
    assert "C7288-DU" not in missing and missing  # the other communes of the province did not report the round
    page = response.content.decode()
    assert ELECTION in page and "Xã Yên Thế" not in page.split("<ul class")[-1]


def test_a_round_not_of_the_province_is_ignored(client, commune_officer_a, officer_b, leader_a):
    other = report(officer_b, "P91-TU", kind="event", event_name="Bão số 9", submit=True)
    client.force_login(leader_a)
    response = client.get(reverse("situation:coverage"), {"province": "P24-TU", "round": other.event_key})
    assert response.context["round"] is None and response.context["rounds"] == []
