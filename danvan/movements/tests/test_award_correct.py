"""Correcting a recorded award: a reason, the version check, the award's history; the participant stays."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.corrections import movement_award_correct
from danvan.movements.models import MovementAward
from danvan.movements.tests.factories import launched, today, unit

from .test_movement_close_and_award import AWARD

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    movement = services.movement_close(actor=leader_a, movement=movement)
    return services.movement_award_add(
        actor=leader_a, movement=movement, unit=unit("C7288-DU"), decided_on=today(), **AWARD
    )


def test_a_wrong_decision_number_is_corrected_on_the_page_with_its_history(client_for, award, leader_a):
    client = client_for(leader_a)
    url = f"/phong-trao/{award.movement.code}/tong-ket/khen-thuong/{award.pk}/sua/"
    assert f'href="{url}"' in client.get(f"/phong-trao/{award.movement.code}/tong-ket/").content.decode()
    data = {
        **AWARD,
        "decision_number": "152-QĐ/TU",
        "decided_on": today().strftime("%d/%m/%Y"),
        "reason": "Gõ nhầm số quyết định",
        "expected_version": "0",
    }
    assert client.post(url, data).status_code == 302
    award.refresh_from_db()
    assert (award.decision_number, award.version, award.registration.unit.code) == ("152-QĐ/TU", 1, "C7288-DU")
    page = client.get(url).content.decode()
    assert "125-QĐ/TU" in page and "Gõ nhầm số quyết định" in page
    stale = client.post(url, {**data, "title": "Đơn vị xuất sắc"}).content.decode()
    assert "Khen thưởng này vừa được" in stale
    assert MovementAward.objects.get().title == AWARD["title"]


def test_a_correction_needs_a_reason_and_a_leader(award, officer_a, leader_a):
    values = {**AWARD, "decided_on": today(), "decision_number": "152-QĐ/TU"}
    with pytest.raises(ApplicationError) as no_reason:
        movement_award_correct(actor=leader_a, award=award, reason="", **values)
    assert no_reason.value.field == "reason"
    with pytest.raises(ApplicationError) as forbidden:
        movement_award_correct(actor=officer_a, award=award, reason="Sửa", **values)
    assert forbidden.value.code == "forbidden"
    assert not AuditEvent.objects.filter(action="movement.award_corrected").exists()
