"""PostgreSQL only: the completeness table's reads of a period's reports become index-only (decision 0043).

(form, period, unit) with status, submitted_at and due_date as INCLUDE columns: the page's 500 probes and the
grouped count read the index alone instead of one heap page per report. SQLite has no INCLUDE (and Django warns
about it in a model), hence SQL here; Django's migration state does not know this index.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS submission_completeness_cover ON reports_submission (form_id, period_id, unit_id) "
    "INCLUDE (status, submitted_at, due_date)"
)


def cover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def uncover(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS submission_completeness_cover")


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_completeness_lists")]
    operations = [migrations.RunPython(cover, uncover)]
