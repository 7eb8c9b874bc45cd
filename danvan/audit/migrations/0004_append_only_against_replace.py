"""Audit events stay append-only against the statements that delete without a DELETE.

SQLite: `INSERT OR REPLACE` (and `REPLACE INTO`) resolves a key conflict by deleting the old row, and that
deletion fires no DELETE trigger unless `PRAGMA recursive_triggers` is on in that connection — which no
setting can promise for every client. A BEFORE INSERT trigger that refuses an id already present stops it in
the database itself, for every connection. (`INSERT … ON CONFLICT DO UPDATE` takes the UPDATE path, which
0002's trigger already refuses.)

PostgreSQL has no REPLACE, and `INSERT … ON CONFLICT DO UPDATE` fires 0002's row trigger; but `TRUNCATE`
fires no row trigger at all, so a statement trigger refuses it.
"""

from django.db import migrations

SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_replace BEFORE INSERT ON audit_auditevent "
    "WHEN EXISTS (SELECT 1 FROM audit_auditevent WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
]
POSTGRES = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent",
    "CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_refuse()",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE if vendor == "sqlite" else POSTGRES if vendor == "postgresql" else []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_replace")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_action_without_db_choices")]
    operations = [migrations.RunPython(forwards, backwards)]
