import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import MovementRegistration
from danvan.movements.selectors import candidate_units
from danvan.movements.tests.factories import draft, launched, unit


def test_a_commune_registers_itself_with_its_own_target_value(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    target = movement.targets.get()
    registration = services.movement_register(
        actor=commune_officer_a,
        movement=movement,
        unit=unit("C7288-DU"),
        commitment="Hoàn thành 100% chỉ tiêu",
        committed_values={target.pk: "12"},
    )
    assert registration.committed_values == {str(target.pk): "12.00"}
    assert registration.registered_by == commune_officer_a and not registration.in_bulk
    assert AuditEvent.objects.filter(action=Action.MOVEMENT_REGISTERED, unit__code="C7288-DU").count() == 1


def test_a_commune_officer_cannot_register_another_commune(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_register(actor=commune_officer_a, movement=movement, unit=unit("C7210-DU"))
    assert e.value.field == "unit" and "Đảng ủy phường Bắc Giang" in e.value.message
    assert not MovementRegistration.objects.exists()


@pytest.mark.parametrize(("values", "words"), [({"x": "1"}, "không thuộc chỉ tiêu"), (None, "lớn hơn 0")])
def test_a_committed_value_of_zero_or_a_foreign_target_is_refused(officer_a, leader_a, values, words):
    movement = launched(officer_a, leader_a)
    values = values if values is not None else {movement.targets.get().pk: "0"}
    with pytest.raises(ApplicationError) as e:
        services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"), committed_values=values)
    assert words in e.value.message
    assert not MovementRegistration.objects.exists()


def test_a_unit_outside_the_scope_twice_or_before_launch_is_refused(officer_a, leader_a, sysadmin):
    movement = launched(officer_a, leader_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_register(actor=sysadmin, movement=movement, unit=unit("P91-TU"))
    assert e.value.field == "unit" and "phạm vi" in e.value.message
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    with pytest.raises(ApplicationError) as e:
        services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    assert e.value.code == "duplicate" and "đã đăng ký" in e.value.message
    other = draft(officer_a, name="Nháp")
    with pytest.raises(ApplicationError) as e:
        services.movement_register(actor=officer_a, movement=other, unit=unit("C7288-DU"))
    assert e.value.code == "bad_state"
    assert MovementRegistration.objects.count() == 1


def test_the_launching_unit_registers_every_commune_of_the_province_in_bulk(officer_a, leader_a):
    movement = launched(officer_a, leader_a)
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-DU"))
    communes = candidate_units(movement=movement, which="communes")
    assert len(communes) == 99 and all(u.level == "commune" for u in communes)
    with CaptureQueriesContext(connection) as queries:
        created, skipped = services.movement_register_bulk(actor=officer_a, movement=movement, units=communes)
    assert (created, skipped) == (98, 1)
    assert MovementRegistration.objects.filter(movement=movement).count() == 99
    assert len(queries) < 15  # scope check, existing, one INSERT, audit — not one query per unit
    assert AuditEvent.objects.get(action=Action.MOVEMENT_REGISTERED_BULK).details == {"registered": 98, "skipped": 1}


def test_bulk_registration_with_a_unit_outside_the_scope_writes_nothing(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_register_bulk(actor=officer_a, movement=movement, units=[unit("C7288-DU"), unit("P91-TU")])
    assert e.value.field == "units" and "Tỉnh ủy An Giang" in e.value.message
    with pytest.raises(ApplicationError) as e:
        services.movement_register_bulk(actor=commune_officer_a, movement=movement, units=[unit("C7288-DU")])
    assert e.value.code == "forbidden"
    assert not MovementRegistration.objects.exists()
