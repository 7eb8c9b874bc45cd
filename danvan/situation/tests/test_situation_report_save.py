import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.situation.models import SituationReport
from danvan.situation.services import situation_report_submit
from danvan.situation.tests.factories import MONTH, report

pytestmark = pytest.mark.django_db


def test_a_second_report_for_the_same_month_updates_the_draft(commune_officer_a):
    first = report(commune_officer_a)
    second = report(commune_officer_a, opinions="Dư luận về giá điện tăng.", mood="worried")
    assert second.pk == first.pk and second.code == first.code
    assert SituationReport.objects.count() == 1
    assert second.opinions == "Dư luận về giá điện tăng."
    assert AuditEvent.objects.filter(action=Action.SITUATION_REPORT_SAVED).count() == 2


def test_it_refuses_a_report_for_a_month_already_submitted_naming_the_period(commune_officer_a):
    draft = report(commune_officer_a)
    situation_report_submit(actor=commune_officer_a, report=draft)
    with pytest.raises(ApplicationError) as exc:
        report(commune_officer_a, opinions="khác")
    assert exc.value.field == "period"
    assert f"{MONTH:%m/%Y}" in exc.value.message
    draft.refresh_from_db()
    assert draft.opinions != "khác"


def test_an_event_report_needs_the_event_name(commune_officer_a):
    with pytest.raises(ApplicationError) as exc:
        report(commune_officer_a, kind="event", event_name="")
    assert exc.value.field == "event_name"
    assert not SituationReport.objects.exists()


def test_event_reports_are_not_limited_to_one_a_month(commune_officer_a):
    report(commune_officer_a, kind="event", event_name="Bầu cử đại biểu Quốc hội khóa XVI", submit=True)
    report(commune_officer_a, kind="event", event_name="Tết Nguyên đán Bính Ngọ", submit=True)
    assert SituationReport.objects.filter(kind="event").count() == 2


def test_a_unit_outside_the_scope_cannot_report(officer_b):
    with pytest.raises(ApplicationError) as exc:
        report(officer_b)
    assert exc.value.field == "unit"


def test_the_area_must_lie_within_the_reporting_unit(commune_officer_a, unit):
    with pytest.raises(ApplicationError) as exc:
        report(commune_officer_a, area=unit("P91-TU"))
    assert exc.value.field == "area"


def test_the_report_carries_its_province(commune_officer_a):
    assert report(commune_officer_a).province.code == "P24-TU"


def test_a_first_save_racing_another_is_told_not_crashed(commune_officer_a, monkeypatch):
    from danvan.situation.models import SituationReport as Model

    first = report(commune_officer_a)
    # Simulate the other save landing between our look-up and our insert: the look-up finds nothing.
    real_filter = Model.objects.filter
    monkeypatch.setattr(
        Model.objects, "select_for_update", lambda: type("Q", (), {"filter": lambda self, **kw: real_filter(pk=-1)})()
    )
    with pytest.raises(ApplicationError) as exc:
        report(commune_officer_a, opinions="khác")
    assert exc.value.field == "period"
    first.refresh_from_db()
    assert first.opinions != "khác" and Model.objects.count() == 1
