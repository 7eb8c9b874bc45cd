"""Who did not report: there is one period at a time: a month, or a special round. A round is the period of its own
reports, so with a round chosen the month picker is off and a month sent anyway is said not to apply, instead of
being silently ignored (decision 0054)."""

import re

import pytest
from django.urls import reverse

from danvan.situation.tests.factories import MONTH, MONTH_KEY, report

pytestmark = pytest.mark.django_db

ELECTION = "Bầu cử đại biểu Quốc hội khóa XVI"


def _month_select(page: str) -> str:
    return re.search(r'<select[^>]*name="month"[^>]*>', page).group(0)


@pytest.fixture
def election(commune_officer_a):
    return report(commune_officer_a, kind="event", event_name=ELECTION, submit=True)


def test_a_chosen_round_is_the_period_and_the_month_picker_is_off(client, leader_a, election):
    client.force_login(leader_a)
    url = reverse("situation:coverage")
    by_round = client.get(url, {"province": "P24-TU", "round": election.event_key})
    assert by_round.context["round"]["key"] == election.event_key and by_round.context["notices"] == []
    page = by_round.content.decode()
    assert "disabled" in _month_select(page)
    assert 'data-dv-disabled-help="coverage-month">' in page  # the help saying why is shown

    # A month sent with the round (no script, or a link): the round still decides, and the page says the month
    # does not apply, naming the round.
    with_month = client.get(url, {"province": "P24-TU", "round": election.event_key, "month": MONTH_KEY})
    assert [c.code for c in with_month.context["missing"]] == [c.code for c in by_round.context["missing"]]
    [notice] = with_month.context["notices"]
    assert ELECTION in notice and str(MONTH.year) in notice
    assert 'data-testid="coverage-notice"' in with_month.content.decode()
    assert "disabled" in _month_select(with_month.content.decode())


def test_the_monthly_list_has_the_month_picker_on_and_names_the_month(client, leader_a, election):
    client.force_login(leader_a)
    response = client.get(reverse("situation:coverage"), {"province": "P24-TU", "month": MONTH_KEY})
    page = response.content.decode()
    assert response.context["round"] is None and response.context["notices"] == []
    assert "disabled" not in _month_select(page)
    assert 'data-dv-disabled-help="coverage-month" hidden' in page
    # The sentence above the list names the month it is about; Xã Yên Thế sent no monthly report, so it is listed.
    assert f"{MONTH:%m/%Y}" in page.split('data-testid="coverage-notice"')[0].split("</form>")[-1]
    assert "C7288-DU" in [c.code for c in response.context["missing"]]


def test_a_round_or_month_not_on_offer_is_said_and_the_month_is_shown(client, leader_a, election):
    client.force_login(leader_a)
    url = reverse("situation:coverage")
    response = client.get(url, {"province": "P24-TU", "round": "2026|bão số 99", "month": MONTH_KEY})
    assert response.status_code == 200 and response.context["round"] is None
    [notice] = response.context["notices"]
    assert f"{MONTH:%m/%Y}" in notice and "Bắc Ninh" in notice
    assert "disabled" not in _month_select(response.content.decode())
    response = client.get(url, {"province": "P24-TU", "month": "2026-13'"})
    assert response.status_code == 200 and response.context["month_key"] != "2026-13'"
    [notice] = response.context["notices"]
    assert "2026-13" in notice
