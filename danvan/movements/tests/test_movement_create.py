import datetime

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import Movement
from danvan.movements.tests.factories import draft, today, unit


def test_an_officer_drafts_a_movement_with_a_readable_code_and_the_committee_as_scope(officer_a):
    movement = draft(officer_a)
    assert movement.code == f"PT-{movement.start_date.year}-000001"
    assert movement.status == Movement.Status.DRAFT
    # The board has no units below it: the movement is open to the Party committee it serves.
    assert movement.unit.code == "P24-TGDV" and movement.scope_unit.code == "P24-TU"
    assert movement.name_folded == "thang dan van nam 2026"
    assert (movement.results_weight, movement.completeness_weight) == (70, 30)
    assert AuditEvent.objects.filter(action=Action.MOVEMENT_CREATED, target_id=movement.code).count() == 1


def test_a_party_committee_launching_itself_is_its_own_scope(leader_a):
    assert draft(leader_a, unit_code="P24-TU").scope_unit.code == "P24-TU"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"end_date": datetime.date(2020, 1, 1)}, "end_date", "Ngày kết thúc"),
        ({"name": "  "}, "name", "Tên phong trào"),
        ({"kind": "khac"}, "kind", "Loại"),
        ({"results_weight": 80, "completeness_weight": 30}, "results_weight", "cộng lại bằng 100"),
        ({"results_weight": 120, "completeness_weight": -20}, "results_weight", "từ 0 đến 100"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_field_and_nothing_is_written(officer_a, change, field, words):
    with pytest.raises(ApplicationError) as e:
        draft(officer_a, **change)
    assert e.value.field == field and words in e.value.message
    assert not Movement.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.MOVEMENT_CREATED).exists()


def test_a_commune_officer_cannot_launch_for_the_province_and_a_reporter_cannot_draft(commune_officer_a, reporter_a):
    with pytest.raises(ApplicationError) as e:
        draft(commune_officer_a)
    assert e.value.code == "forbidden"
    with pytest.raises(ApplicationError):
        draft(reporter_a, unit_code="C7288-HND")
    assert not Movement.objects.exists()


def test_a_plan_of_another_unit_is_refused(officer_a, officer_b):
    from danvan.workplans.services import workplan_create

    plan = workplan_create(actor=officer_b, unit=unit("P91-TU"), kind="plan", title="Kế hoạch An Giang", year=2026)
    with pytest.raises(ApplicationError) as e:
        draft(officer_a, plan=plan)
    assert e.value.field == "plan" and "Thành ủy Bắc Ninh" in e.value.message


def test_an_officer_edits_a_draft_but_only_a_leader_edits_a_running_movement(officer_a, leader_a):
    movement = draft(officer_a)
    data = {
        "kind": "campaign",
        "name": "Tháng Dân vận",
        "start_date": movement.start_date,
        "end_date": movement.end_date,
        "results_weight": 60,
        "completeness_weight": 40,
    }
    movement = services.movement_update(actor=officer_a, movement=movement, **data)
    assert movement.kind == "campaign" and movement.completeness_weight == 40
    services.movement_target_add(actor=officer_a, movement=movement, name="Buổi", target_value="5")
    services.movement_checkpoint_add(actor=officer_a, movement=movement, name="Sơ kết", due_date=today())
    services.movement_launch(actor=leader_a, movement=movement)
    with pytest.raises(ApplicationError):
        services.movement_update(actor=officer_a, movement=movement, **data)
    services.movement_update(actor=leader_a, movement=movement, **{**data, "name": "Tháng Dân vận 2026"})
    # A new period that leaves a reporting round outside is refused.
    with pytest.raises(ApplicationError) as e:
        services.movement_update(
            actor=leader_a, movement=movement, **{**data, "start_date": today() + datetime.timedelta(days=1)}
        )
    assert e.value.field == "start_date"
