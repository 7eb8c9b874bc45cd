import datetime

import pytest

from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import MovementCheckpoint, MovementTarget
from danvan.movements.tests.factories import draft, launched, today


@pytest.mark.parametrize(
    ("value", "weight", "field", "words"),
    [
        ("0", "1", "target_value", "phải lớn hơn 0"),
        ("-3", "1", "target_value", "phải lớn hơn 0"),
        ("mười", "1", "target_value", "hãy nhập một số"),
        ("10", "0", "weight", "Trọng số"),
    ],
)
def test_a_target_value_or_weight_of_zero_or_less_is_refused(officer_a, value, weight, field, words):
    movement = draft(officer_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_target_add(actor=officer_a, movement=movement, name="Buổi", target_value=value, weight=weight)
    assert e.value.field == field and words in e.value.message
    assert not MovementTarget.objects.exists()


def test_targets_take_vietnamese_decimals_and_are_frozen_once_launched(officer_a, leader_a):
    movement = draft(officer_a)
    target = services.movement_target_add(
        actor=officer_a, movement=movement, name="Tỷ lệ hộ", unit_label="%", target_value="92,5", weight="2"
    )
    assert str(target.target_value) == "92.50"
    movement = launched(officer_a, leader_a, name="Khác")
    with pytest.raises(ApplicationError) as e:
        services.movement_target_add(actor=officer_a, movement=movement, name="Mới", target_value="3")
    assert e.value.code == "bad_state"


def test_a_reporting_round_must_fall_in_the_period_and_not_repeat_a_due_date(officer_a):
    movement = draft(officer_a)
    for due in (movement.start_date - datetime.timedelta(days=1), movement.end_date + datetime.timedelta(days=93)):
        with pytest.raises(ApplicationError) as e:
            services.movement_checkpoint_add(actor=officer_a, movement=movement, name="Sơ kết", due_date=due)
        assert e.value.field == "due_date"
    services.movement_checkpoint_add(actor=officer_a, movement=movement, name="Sơ kết", due_date=today())
    with pytest.raises(ApplicationError) as e:
        services.movement_checkpoint_add(actor=officer_a, movement=movement, name="Lần 2", due_date=today())
    assert e.value.field == "due_date"
    assert MovementCheckpoint.objects.count() == 1


def test_launching_needs_a_leader_a_target_and_a_round(officer_a, leader_a):
    movement = draft(officer_a)
    with pytest.raises(ApplicationError) as e:
        services.movement_launch(actor=officer_a, movement=movement)
    assert e.value.code == "forbidden"
    with pytest.raises(ApplicationError) as e:
        services.movement_launch(actor=leader_a, movement=movement)
    assert e.value.field == "targets"
    services.movement_target_add(actor=officer_a, movement=movement, name="Buổi", target_value="5")
    with pytest.raises(ApplicationError) as e:
        services.movement_launch(actor=leader_a, movement=movement)
    assert e.value.field == "checkpoints"
    services.movement_checkpoint_add(actor=officer_a, movement=movement, name="Sơ kết", due_date=today())
    assert services.movement_launch(actor=leader_a, movement=movement).status == "launched"
    with pytest.raises(ApplicationError):
        services.movement_launch(actor=leader_a, movement=movement)


def test_a_target_typed_with_a_thousands_dot_is_a_thousand(officer_a):
    from decimal import Decimal

    from danvan.movements.tests.factories import draft

    movement = draft(officer_a)
    target = services.movement_target_add(
        actor=officer_a, movement=movement, name="Lượt người tham gia", unit_label="người", target_value="1.000"
    )
    assert target.target_value == Decimal("1000")
