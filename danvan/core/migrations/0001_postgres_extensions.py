"""PostgreSQL extensions for Vietnamese search: unaccent (folding) and pg_trgm (substring indexes).

Both are trusted extensions (PostgreSQL >= 13), so a database owner may create them. SQLite: nothing to do.
"""

from django.db import migrations


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop)]
