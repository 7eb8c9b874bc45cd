"""A commune's population figure corrected or removed, with its history (who, when, old → new, reason), locked
against a save made meanwhile, audited, and only in the officer's scope (issue 12; decision 0041)."""

import re

import pytest
from django.utils import timezone

from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD
from danvan.members.models import CommunePopulation
from danvan.members.population import Figure, population_correct, population_save
from danvan.organisations.models import AdminUnit

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
FIGURE = f"/hoi-vien/dan-so/C7288/{YEAR}/sua/"
DELETE = f"/hoi-vien/dan-so/C7288/{YEAR}/xoa/"
HISTORY = "/hoi-vien/dan-so/C7288/lich-su/"


@pytest.fixture
def entered(officer_a):
    commune = AdminUnit.objects.get(code="C7288")
    population_save(actor=officer_a, year=YEAR, figures=[Figure(commune=commune, male=600, female=634, total=1234)])
    return commune


def _form(page: str, action: str | None = None) -> dict:
    """The hidden fields (token, version) of the page's form posting to `action` (the page itself when None)."""
    pattern = r'<form method="post"(?: novalidate)?[^>]*data-testid="population-correct"' if action is None else ""
    if action is not None:
        pattern = rf'<form method="post" action="{re.escape(action)}"'
    start = re.search(pattern, page).start()
    form = page[start : page.index("</form>", start)]
    return {
        TOKEN_FIELD: re.search(r'name="form_token" value="([^"]+)"', form).group(1),
        **{name: value for name, value in re.findall(r'name="((?:remove-)?version)" value="([^"]*)"', form)},
    }


def _stored():
    return list(
        CommunePopulation.objects.filter(commune__code="C7288", year=YEAR).values_list(
            "male", "female", "people_of_age", "version"
        )
    )


def test_a_figure_is_corrected_with_a_reason_and_the_history_shows_old_and_new(client_for, officer_a, entered):
    client = client_for(officer_a)
    page = client.get(FIGURE).content.decode()
    assert "the statistics always read the current figure" in page or "luôn đọc số hiện tại" in page
    data = _form(page) | {"male": "610", "female": "640", "total": "", "reason": "Rà soát lại theo danh sách cử tri"}
    response = client.post(FIGURE, data)
    assert response.status_code == 302
    assert _stored() == [(610, 640, 1250, 2)]
    event = AuditEvent.objects.get(action=Action.MEMBER_POPULATION_CORRECTED)
    assert event.before == {"male": 600, "female": 634, "people_of_age": 1234}
    assert event.after["people_of_age"] == 1250 and event.details["reason"] == "Rà soát lại theo danh sách cử tri"
    history = client.get(HISTORY).content.decode()
    assert "1.234" in history and "1.250" in history and "Rà soát lại theo danh sách cử tri" in history
    # The population page offers the correction next to the figure.
    assert FIGURE in client.get("/hoi-vien/dan-so/").content.decode()


def test_a_correction_made_on_a_stale_page_is_a_conflict_and_changes_nothing(client_for, officer_a, leader_a, entered):
    client = client_for(officer_a)
    data = _form(client.get(FIGURE).content.decode())
    population_correct(actor=leader_a, commune=entered, year=YEAR, male=700, female=700, total=None)
    response = client.post(FIGURE, data | {"male": "610", "female": "640", "total": "1250", "reason": ""})
    assert response.status_code == 200
    assert "sau khi đồng chí mở trang" in response.content.decode()
    assert _stored() == [(700, 700, 1400, 2)]
    # The page now carries the stored version: saving again is a deliberate overwrite.
    assert response.context["form"].data["version"] == "2"
    assert AuditEvent.objects.filter(action=Action.MEMBER_POPULATION_CORRECTED).count() == 1


def test_a_bad_number_is_refused_naming_its_column_and_nothing_changes(client_for, officer_a, entered):
    client = client_for(officer_a)
    data = _form(client.get(FIGURE).content.decode())
    response = client.post(FIGURE, data | {"male": "610", "female": "", "total": "1250"})
    assert response.status_code == 200
    assert "Nữ" in str(response.context["form"].errors)
    response = client.post(FIGURE, data | {"male": "", "female": "", "total": "một nghìn"})
    assert response.status_code == 200 and "Tổng" in str(response.context["form"].errors)
    assert _stored() == [(600, 634, 1234, 1)]
    assert not AuditEvent.objects.filter(action=Action.MEMBER_POPULATION_CORRECTED).exists()


def test_a_figure_is_removed_once_and_stays_in_the_history(client_for, officer_a, entered):
    client = client_for(officer_a)
    data = _form(client.get(FIGURE).content.decode(), action=DELETE) | {"remove-reason": "Nhập nhầm xã"}
    first = client.post(DELETE, data)
    second = client.post(DELETE, data)  # the same form sent twice
    assert first.status_code == 302 and second.status_code == 302
    assert _stored() == []
    events = AuditEvent.objects.filter(action=Action.MEMBER_POPULATION_DELETED)
    assert events.count() == 1
    assert events.get().before["people_of_age"] == 1234 and events.get().after is None
    history = client.get(HISTORY).content.decode()
    # The entry and the removal, with its reason, though the row is gone.
    assert "1.234" in history and "Nhập nhầm xã" in history
    assert len(re.findall(r"<tr><td>\d\d:\d\d \d\d/\d\d/\d{4}</td>", history)) == 2
    assert client.get(FIGURE).status_code == 404


def test_a_removal_on_a_stale_page_is_a_conflict_and_removes_nothing(client_for, officer_a, leader_a, entered):
    client = client_for(officer_a)
    data = _form(client.get(FIGURE).content.decode(), action=DELETE)
    population_correct(actor=leader_a, commune=entered, year=YEAR, male=None, female=None, total=1300)
    response = client.post(DELETE, data | {"remove-reason": ""})
    assert response.status_code == 200 and "sau khi đồng chí mở trang" in response.content.decode()
    assert _stored() == [(None, None, 1300, 2)]
    assert not AuditEvent.objects.filter(action=Action.MEMBER_POPULATION_DELETED).exists()


def test_another_province_gets_404_and_nothing_changes(client_for, officer_b, entered):
    client = client_for(officer_b)
    assert client.get(FIGURE).status_code == 404
    assert client.get(HISTORY).status_code == 404
    assert client.post(FIGURE, {"male": "1", "female": "1", "total": "2", "version": "1"}).status_code == 404
    assert client.post(DELETE, {"remove-reason": "x", "remove-version": "1"}).status_code == 404
    assert _stored() == [(600, 634, 1234, 1)]
    assert not AuditEvent.objects.filter(
        action__in=[Action.MEMBER_POPULATION_CORRECTED, Action.MEMBER_POPULATION_DELETED]
    ).exists()
