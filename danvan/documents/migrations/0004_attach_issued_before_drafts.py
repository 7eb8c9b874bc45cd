"""Documents issued before drafts existed (decision 0034) join their draft now, instead of when an issue button is
pressed again (decision 0040). Idempotent: a document that has its draft, or whose source already has one, is left
alone; running it twice attaches nothing the second time. Reversible as a no-op (the drafts are kept)."""

from django.db import migrations


def attach(apps, schema_editor):
    from danvan.core.text import fold
    from danvan.documents.legacy import attach_issued_before_drafts

    attach_issued_before_drafts(
        issued_documents=apps.get_model("reports", "IssuedDocument"),
        documents=apps.get_model("documents", "Document"),
        versions=apps.get_model("documents", "DocumentVersion"),
        doc_types=apps.get_model("documents", "DocumentType"),
        audit_events=apps.get_model("audit", "AuditEvent"),
        fold=fold,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_source_and_delegation"),
        ("reports", "0010_dialogue_and_situation_sources"),
        ("audit", "0004_append_only_against_replace"),
    ]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
