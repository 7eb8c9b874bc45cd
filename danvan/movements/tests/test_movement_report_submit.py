import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.movements import services
from danvan.movements.models import MovementReport, MovementResult
from danvan.movements.tests.factories import launched, report, unit

TARGETS = [("Buổi tuyên truyền", "buổi", "10", "1"), ("Người tham gia", "người", "200", "3")]


@pytest.fixture
def movement(officer_a, leader_a, commune_officer_a):
    movement = launched(officer_a, leader_a, targets=TARGETS)
    services.movement_register(actor=commune_officer_a, movement=movement, unit=unit("C7288-DU"))
    return movement


def test_a_report_after_the_due_date_is_taken_and_counted_late(movement, commune_officer_a):
    past, _, future = movement.checkpoints.all()
    late = report(commune_officer_a, movement, "C7288-DU", past, ["4", "120,5"])
    early = report(commune_officer_a, movement, "C7288-DU", future, ["5", "130"])
    assert late.is_late and not early.is_late
    assert sorted(str(v) for v in MovementResult.objects.filter(report=late).values_list("value", flat=True)) == [
        "120.50",
        "4.00",
    ]
    assert AuditEvent.objects.filter(action=Action.MOVEMENT_REPORTED).count() == 2


def test_reporting_again_corrects_the_values_and_keeps_the_first_submission(movement, commune_officer_a):
    checkpoint = movement.checkpoints.last()
    first = report(commune_officer_a, movement, "C7288-DU", checkpoint, ["4", "100"])
    again = report(commune_officer_a, movement, "C7288-DU", checkpoint, ["6", "150"], note="Sửa số liệu")
    assert again.pk == first.pk and again.submitted_at == first.submitted_at and again.corrected_at
    assert MovementReport.objects.count() == 1
    assert sorted(MovementResult.objects.values_list("value", flat=True)) == [6, 150]


@pytest.mark.parametrize(
    ("values", "words"),
    [(["-1", "5"], "không được âm"), (["", "5"], "nhập 0 nếu chưa có"), (["5", "abc"], "hãy nhập một số")],
)
def test_negative_missing_or_non_numeric_results_are_refused_and_nothing_is_written(
    movement, commune_officer_a, values, words
):
    with pytest.raises(ApplicationError) as e:
        report(commune_officer_a, movement, "C7288-DU", movement.checkpoints.first(), values)
    assert words in e.value.message and e.value.field.startswith("target_")
    assert not MovementReport.objects.exists() and not MovementResult.objects.exists()


def test_a_unit_not_registered_cannot_report_and_nor_can_another_commune(movement, officer_a, commune_officer_a):
    with pytest.raises(ApplicationError) as e:
        report(officer_a, movement, "C7210-DU", movement.checkpoints.first(), ["1", "1"])
    assert e.value.code == "not_registered" and "chưa đăng ký" in e.value.message
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7210-DU"))
    with pytest.raises(ApplicationError) as e:
        report(commune_officer_a, movement, "C7210-DU", movement.checkpoints.first(), ["1", "1"])
    assert e.value.code == "forbidden"
    assert not MovementReport.objects.exists()


def test_a_reporter_of_a_commune_body_reports_for_that_body_only(movement, officer_a, reporter_a):
    # The Hội Nông dân xã is in the scope: registered by the province, it reports through its own reporter.
    services.movement_register(actor=officer_a, movement=movement, unit=unit("C7288-HND"))
    assert report(reporter_a, movement, "C7288-HND", movement.checkpoints.first(), ["1", "2"]).pk
    with pytest.raises(ApplicationError):
        report(reporter_a, movement, "C7288-DU", movement.checkpoints.first(), ["1", "2"])


def test_nothing_can_be_reported_once_the_movement_is_closed(movement, leader_a, commune_officer_a):
    services.movement_close(actor=leader_a, movement=movement, note="Tổng kết")
    movement.refresh_from_db()
    with pytest.raises(ApplicationError) as e:
        report(commune_officer_a, movement, "C7288-DU", movement.checkpoints.first(), ["1", "1"])
    assert e.value.code == "bad_state"
