import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.ingest.models import IngestRecord
from danvan.ingest.services import ingest_document_create, ingest_record_confirm

from .fixtures import seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(officer_a, unit):
    return ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))


def test_the_correction_is_kept_beside_the_proposal(officer_a, record):
    corrected = {
        **record.proposed,
        "event_date": "2016-07-12",
        "chair": [{"name": "Trịnh Đình Sính", "title": "Bí thư Thành ủy"}],
    }
    ingest_record_confirm(actor=officer_a, record=record, corrected=corrected)
    record.refresh_from_db()
    assert record.status == IngestRecord.Status.CONFIRMED
    assert record.proposed["event_date"] is None
    assert record.corrected["event_date"] == "2016-07-12"
    assert record.corrected["chair"][0]["title"] == "Bí thư Thành ủy"
    assert record.confirmed_by == officer_a
    event = AuditEvent.objects.get(action=Action.INGEST_RECORD_CONFIRMED)
    assert event.details["changed_fields"] == ["chair", "event_date"]
    assert event.before["event_date"] is None and event.after["event_date"] == "2016-07-12"


def test_a_correction_in_the_fixed_format_only(officer_a, record):
    ingest_record_confirm(actor=officer_a, record=record, corrected={**record.proposed})
    record.refresh_from_db()
    # jsonb keeps no key order on PostgreSQL: compare the sets.
    assert set(record.corrected) == {
        "id",
        "event_type",
        "event_date",
        "period",
        "province",
        "level",
        "organizer",
        "chair",
        "attendees_orgs",
        "tasks",
        "models",
        "figures",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("event_type", "hop"), ("event_date", "31/02/2021"), ("period", "quý I"), ("level", "thon")],
)
def test_invalid_corrections_are_refused_and_nothing_changes(officer_a, record, field, value):
    with pytest.raises(ApplicationError) as info:
        ingest_record_confirm(actor=officer_a, record=record, corrected={**record.proposed, field: value})
    assert info.value.field == field
    record.refresh_from_db()
    assert record.status == IngestRecord.Status.PROPOSED
    assert not AuditEvent.objects.filter(action=Action.INGEST_RECORD_CONFIRMED).exists()


def test_someone_outside_the_unit_cannot_confirm(officer_b, record):
    with pytest.raises(ApplicationError):
        ingest_record_confirm(actor=officer_b, record=record, corrected=record.proposed)


@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1e999"])
def test_a_figure_that_is_not_a_finite_number_is_refused(officer_a, record, value):
    figures = [{"text": "200 ngày đêm", "value": value, "unit": "ngày đêm"}]
    with pytest.raises(ApplicationError) as info:
        ingest_record_confirm(actor=officer_a, record=record, corrected={**record.proposed, "figures": figures})
    assert info.value.field == "figures"
    assert "không có giá trị số" in info.value.message
    record.refresh_from_db()
    assert record.status == IngestRecord.Status.PROPOSED
