import pytest
from django.db import DatabaseError, connection, transaction

from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import OrgUnit
from danvan.organisations.services import orgunit_update

pytestmark = pytest.mark.django_db


def test_a_service_call_writes_exactly_one_audit_event_with_before_and_after(officer_a):
    unit = OrgUnit.objects.get(code="C7288-KDV")
    before = AuditEvent.objects.count()

    orgunit_update(actor=officer_a, unit=unit, name="Khối Dân vận xã Yên Thế", is_active=True)

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == Action.ORGUNIT_UPDATED
    assert event.actor == officer_a
    assert event.unit == unit
    assert event.target_id == "C7288-KDV"
    assert event.before == {"name": "Khối dân vận xã Yên Thế", "is_active": True}
    assert event.after == {"name": "Khối Dân vận xã Yên Thế", "is_active": True}


def test_the_request_ip_is_recorded(client, officer_a):
    client.force_login(officer_a)
    client.post("/don-vi/C7288-KDV/sua/", {"name": "Khối dân vận", "is_active": "on"}, REMOTE_ADDR="10.1.2.3")
    assert AuditEvent.objects.latest("id").ip == "10.1.2.3"


def test_a_refused_service_call_writes_nothing(commune_officer_a):
    from danvan.core.errors import ApplicationError

    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError):
        orgunit_update(actor=commune_officer_a, unit=OrgUnit.objects.get(code="P24-TU"), name="X", is_active=True)
    assert AuditEvent.objects.count() == before


def test_audit_events_cannot_be_changed_or_deleted(officer_a):
    orgunit_update(actor=officer_a, unit=OrgUnit.objects.get(code="C7288-KDV"), name="Khối dân vận", is_active=True)
    event = AuditEvent.objects.latest("id")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "officer.a"


def test_an_audit_event_cannot_be_rewritten_by_replace_or_upsert(officer_a):
    orgunit_update(actor=officer_a, unit=OrgUnit.objects.get(code="C7288-KDV"), name="Khối dân vận", is_active=True)
    event = AuditEvent.objects.latest("id")
    table = AuditEvent._meta.db_table
    columns = "id, at, actor_label, action, target_type, target_id, target_label, details"
    values = "%s, %s, 'someone else', 'auth.login', '', '', '', '{}'"
    statements = [f"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT (id) DO UPDATE SET actor_label = 'x'"]
    if connection.vendor == "sqlite":
        # REPLACE deletes the old row without firing a DELETE trigger (recursive_triggers is off).
        statements += [f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({values})"]
        statements += [f"REPLACE INTO {table} ({columns}) VALUES ({values})"]
    else:
        statements += [f"TRUNCATE {table} CASCADE"]
    for statement in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk, event.at] if "%s" in statement else [])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "officer.a"


def test_new_audit_events_are_still_written(officer_a):
    before = AuditEvent.objects.count()
    orgunit_update(actor=officer_a, unit=OrgUnit.objects.get(code="C7288-KDV"), name="Khối dân vận", is_active=True)
    assert AuditEvent.objects.count() == before + 1
