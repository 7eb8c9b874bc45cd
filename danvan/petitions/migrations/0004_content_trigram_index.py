"""PostgreSQL only: a trigram index on the folded content, so `LIKE '%tranh chap%'` does not read every petition."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS petition_content_trgm ON petitions_petition USING gin (content_folded gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS petition_content_trgm")


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_list_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
