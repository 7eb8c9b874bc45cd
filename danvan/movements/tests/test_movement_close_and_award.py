import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import MovementAward
from danvan.movements.tests.factories import launched, today, unit

AWARD = {
    "title": "Đảng bộ dân vận khéo",
    "form": "bang_khen",
    "deciding_body": "Ban Thường vụ Thành ủy Bắc Ninh",
    "decision_number": "125-QĐ/TU",
}


def test_a_leader_closes_the_movement_then_honours_a_participant(officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    with pytest.raises(ApplicationError) as e:
        services.movement_award_add(
            actor=leader_a, movement=movement, unit=unit("C7288-DU"), decided_on=today(), **AWARD
        )
    assert e.value.code == "bad_state"
    with pytest.raises(ApplicationError) as e:
        services.movement_close(actor=officer_a, movement=movement)
    assert e.value.code == "forbidden"
    movement = services.movement_close(actor=leader_a, movement=movement, note="Hoàn thành xuất sắc")
    assert movement.status == "closed" and movement.closing_note == "Hoàn thành xuất sắc"
    award = services.movement_award_add(
        actor=leader_a, movement=movement, unit=unit("C7288-DU"), decided_on=today(), **AWARD
    )
    assert award.registration.unit.code == "C7288-DU" and award.get_form_display() == "Bằng khen"
    assert AuditEvent.objects.filter(action=Action.MOVEMENT_AWARDED).count() == 1
    with pytest.raises(ApplicationError):
        services.movement_close(actor=leader_a, movement=movement)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"unit_code": "C7210-DU"}, "unit"),
        ({"title": ""}, "title"),
        ({"form": "huan_chuong"}, "form"),
        ({"decision_number": " "}, "decision_number"),
        ({"deciding_body": ""}, "deciding_body"),
    ],
)
def test_an_award_with_bad_input_or_for_a_non_participant_is_refused(officer_a, leader_a, change, field):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    movement = services.movement_close(actor=leader_a, movement=movement)
    data = {**AWARD, **change}
    code = data.pop("unit_code", "C7288-DU")
    with pytest.raises(ApplicationError) as e:
        services.movement_award_add(actor=leader_a, movement=movement, unit=unit(code), decided_on=today(), **data)
    assert e.value.field == field
    assert not MovementAward.objects.exists()


def test_the_same_award_submitted_twice_is_recorded_once(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=commune_officer_a, movement=movement, unit=unit("C7288-DU"))
    services.movement_close(actor=leader_a, movement=movement, note="")
    movement.refresh_from_db()
    award = dict(
        actor=leader_a,
        movement=movement,
        unit=unit("C7288-DU"),
        title="Đảng bộ dân vận khéo",
        form="bang_khen",
        deciding_body="Ban Thường vụ Thành ủy Bắc Ninh",
        decision_number="125-QĐ/TU",
        decided_on=today(),
    )
    services.movement_award_add(**award)
    with pytest.raises(ApplicationError) as error:
        services.movement_award_add(**award)
    assert error.value.field == "title" and MovementAward.objects.count() == 1
