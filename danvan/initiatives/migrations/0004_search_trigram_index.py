"""PostgreSQL only: a trigram index on the folded name and goal, so `LIKE '% giao thong%'` uses an index."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS initiative_search_trgm ON initiatives_initiative "
        "USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_photos")]
    operations = [migrations.RunPython(forwards, backwards)]
