import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.ingest.models import IngestDocument, IngestRecord
from danvan.ingest.services import ingest_document_create

from .fixtures import seed_text

pytestmark = pytest.mark.django_db


def test_a_file_is_read_into_a_proposal_with_one_audit_event(officer_a, unit):
    record = ingest_document_create(
        actor=officer_a, unit=unit("P24-TU"), filename="000_bac_giang.txt", content=seed_text("000").encode()
    )
    assert record.status == IngestRecord.Status.PROPOSED
    assert record.corrected is None
    assert record.proposed["event_type"] == "giao_ban"
    assert record.proposed["id"] == "000_bac_giang"
    assert record.document.filename == "000_bac_giang.txt"
    assert len(record.document.sha256) == 64
    events = AuditEvent.objects.filter(action=Action.INGEST_DOCUMENT_CREATED)
    assert events.count() == 1
    assert events.get().after["period"] == "2021-Q1"
    assert events.get().unit.code == "P24-TU"


def test_legacy_places_resolve_to_todays_units(officer_a, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("000"))
    names = set(record.admin_units.values_list("name", flat=True))
    # Bắc Giang is in today's Bắc Ninh (P24); huyện Yên Thế's communes are today's Xã Yên Thế, Xã Bố Hạ, …
    assert record.admin_units.filter(code="P24").exists()
    assert {"Xã Yên Thế", "Xã Bố Hạ"} <= names
    assert not record.admin_units.filter(generation="legacy").exists()


def test_a_district_named_alone_resolves_through_its_province(officer_b, unit):
    record = ingest_document_create(actor=officer_b, unit=unit("P91-TU"), content=seed_text("001"))
    assert record.proposed["province"] == "An Giang"
    assert record.admin_units.filter(code="P91").exists()
    assert record.admin_units.filter(level="commune").exists()


def test_pasted_text_without_a_date_is_kept_with_its_flag(officer_a, unit):
    record = ingest_document_create(actor=officer_a, unit=unit("P24-TU"), content=seed_text("002"))
    assert record.proposed["event_date"] is None
    assert "event_date_unresolved" in record.flags
    assert record.document.filename == ""


@pytest.mark.parametrize(
    ("filename", "content"),
    [("a.txt", b""), ("a.txt", b"\x00\x01\x02" * 100), ("a.txt", b"Just an English sentence about a meeting today.")],
)
def test_bad_input_creates_nothing(officer_a, unit, filename, content):
    with pytest.raises(ApplicationError):
        ingest_document_create(actor=officer_a, unit=unit("P24-TU"), filename=filename, content=content)
    assert not IngestDocument.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.INGEST_DOCUMENT_CREATED).exists()


def test_an_officer_cannot_file_under_a_unit_outside_their_scope(officer_b, unit):
    with pytest.raises(ApplicationError) as info:
        ingest_document_create(actor=officer_b, unit=unit("P24-TU"), content=seed_text("000"))
    assert info.value.field == "unit"
    assert not IngestDocument.objects.exists()
