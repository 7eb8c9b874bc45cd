from danvan.audit.models import Action, AuditEvent
from danvan.movements.demo import demo_movements_load
from danvan.movements.models import Movement, MovementRegistration, MovementReport
from danvan.movements.selectors import movement_scoreboard


def test_the_demo_loader_creates_two_movements_once(db):
    codes = demo_movements_load()
    assert len(codes) == 2
    assert demo_movements_load() == []
    assert Movement.objects.count() == 2 and MovementRegistration.objects.count() == 9
    month = Movement.objects.get(name="Tháng Dân vận năm 2026")
    assert month.unit.code == "P24-TGDV" and month.targets.count() == 3 and month.checkpoints.count() == 2
    assert MovementReport.objects.filter(registration__movement=month, is_late=True).exists()
    assert Movement.objects.get(counts_initiatives=True).scope_unit.code == "P24-TU"
    board = movement_scoreboard(movement=month)
    assert board.rows[0].unit.code == "C7288-DU" and board.rows[-1].unit.code == "C7738-DU"
    event = AuditEvent.objects.get(action=Action.DEMO_DATA_LOADED, actor=None)
    assert event.details == {"movements": codes} and "load_demo_data" in event.actor_label
