"""PostgreSQL only: trigram indexes on the folded search columns of documents and incoming documents, so that the
search's `LIKE '%thang dan van%'` uses an index over a million documents (bench/bench_documents.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS document_search_trgm ON documents_document USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS incoming_search_trgm ON documents_incomingdocument "
        "USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS document_search_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS incoming_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_attach_issued_before_drafts")]
    operations = [migrations.RunPython(forwards, backwards)]
