"""Indexes for the commune officer's list and the national dashboard (issue 15).

- (unit, received_on, id) replaces (unit, received_on): a commune's list reads its (date, id) pairs from the
  index alone and picks the newest. Built before the old one is dropped.
- PostgreSQL only: petition_received_idx (received_on, id) is rebuilt under the same name with the columns the
  national dashboard counts as INCLUDE columns, so a year of the whole country is an index-only range instead
  of a scan of every petition. SQLite has no INCLUDE (and Django warns about it in the model), hence SQL here;
  the index keeps its name and key columns, so Django's migration state stays right on both engines.
"""

from django.conf import settings
from django.db import migrations, models

COVERED = "field_id, status, due_on, repeat_of_id, is_over_level, province_id"


def cover(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX petition_received_cover_new ON petitions_petition (received_on, id) INCLUDE ({COVERED})"
    )
    schema_editor.execute("DROP INDEX IF EXISTS petition_received_idx")
    schema_editor.execute("ALTER INDEX petition_received_cover_new RENAME TO petition_received_idx")


def uncover(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX petition_received_plain_new ON petitions_petition (received_on, id)")
    schema_editor.execute("DROP INDEX IF EXISTS petition_received_idx")
    schema_editor.execute("ALTER INDEX petition_received_plain_new RENAME TO petition_received_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_closure_without_fk_indexes"),
        ("petitions", "0011_case_code_sequence"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(fields=["unit", "received_on", "id"], name="petition_unit_received_id_idx"),
        ),
        migrations.RemoveIndex(model_name="petition", name="petition_unit_received_idx"),
        migrations.RunPython(cover, uncover),
    ]
