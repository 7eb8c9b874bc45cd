"""Unit search (`search_text LIKE '% token%'`) uses a trigram GIN index on PostgreSQL.

On SQLite the folded column is scanned; ~37,000 short rows take a few milliseconds.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS orgunit_search_trgm_idx "
            "ON organisations_orgunit USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgunit_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("core", "0001_postgres_extensions")]
    operations = [migrations.RunPython(forwards, backwards)]
