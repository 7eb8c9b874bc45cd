"""The register moved from `reports` to `documents` (decision 0059): its tables kept their names, so a database
with numbers keeps every one of them, with their files and links; the history of a register entry still shows the
events written under the old label (`reports.issueddocument`), which are never rewritten."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from conftest import make_user
from danvan.audit.models import AuditEvent
from danvan.documents import services
from danvan.documents.models import Document, DocumentRegister, IssuedDocument
from danvan.documents.numbering import document_issue
from danvan.documents.selectors import history_of
from danvan.documents.tests.factories import TODAY, people, plan, to_signer

BEFORE = [("documents", "0008_recipient_issued_on"), ("reports", "0014_faiths_sources")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _leaf():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_a_database_with_numbers_keeps_them_when_the_register_moves(django_db_setup, django_db_blocker):
    """Migrated back to before the move, register rows written with the old (reports) models, migrated forward:
    the same rows, numbers, files and links, read by the documents models; the register runs on from its number."""
    with django_db_blocker.unblock():
        old_apps = _migrate(BEFORE)
        created = {}
        try:
            term = old_apps.get_model("reports", "PartyTerm").objects.get(label="2025-2030")
            unit = old_apps.get_model("organisations", "OrgUnit").objects.get(code="P91-TGDV")
            user = make_user("register.moved", "leader", "P91-TGDV")
            register = old_apps.get_model("reports", "DocumentRegister").objects.create(
                issuer=unit, doc_type="ZZ", term=term, symbol="BTGDVTU", last_number=7
            )
            issued = old_apps.get_model("reports", "IssuedDocument")
            revoked = issued.objects.create(
                register=register,
                number=6,
                reference="Số 06-ZZ/BTGDVTU",
                title="Báo cáo số liệu cũ",
                issued_on=dt.date(2026, 3, 2),
                issued_by_id=user.pk,
                content=b"docx number 6",
                key="doc:ZZ:P91-TGDV:moved-test",
                revoked_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC),
                revoked_by_id=user.pk,
                revoke_reason="Sai số liệu, ban hành lại",
            )
            replacement = issued.objects.create(
                register=register,
                number=7,
                reference="Số 07-ZZ/BTGDVTU",
                title="Báo cáo số liệu cũ",
                issued_on=dt.date(2026, 3, 4),
                issued_by_id=user.pk,
                content=b"docx number 7",
                key="doc:ZZ:P91-TGDV:moved-test",
                replaces=revoked,
            )
            draft = old_apps.get_model("documents", "Document").objects.create(
                issuer=unit,
                doc_type=old_apps.get_model("documents", "DocumentType").objects.get(code="BC"),
                title="Báo cáo số liệu cũ",
                status="issued",
                drafter_id=user.pk,
                issued=replacement,
            )
            created = {"register": register.pk, "ids": [revoked.pk, replacement.pk], "draft": draft.pk}
            # Before the move the content types were the reports app's.
            assert ContentType.objects.filter(app_label="reports", model="issueddocument").exists()

            _migrate(_leaf())

            register = DocumentRegister.objects.get(pk=created["register"])
            assert (register.issuer.code, register.doc_type, register.term.label, register.last_number) == (
                "P91-TGDV",
                "ZZ",
                "2025-2030",
                7,
            )
            old, new = IssuedDocument.objects.filter(pk__in=created["ids"]).order_by("number")
            assert (old.number, old.reference, bytes(old.content)) == (6, "Số 06-ZZ/BTGDVTU", b"docx number 6")
            assert old.revoked_at is not None and old.revoke_reason == "Sai số liệu, ban hành lại"
            assert (new.number, new.replaces_id, bytes(new.content)) == (7, old.pk, b"docx number 7")
            assert old.replaced_by == new and new.draft.pk == created["draft"]
            assert Document.objects.get(pk=created["draft"]).issued == new
            # The content type (and the permissions that hang on it) followed the model; none is left behind.
            assert ContentType.objects.get_for_model(IssuedDocument).app_label == "documents"
            assert not ContentType.objects.filter(
                app_label="reports", model__in=["partyterm", "documentregister", "issueddocument"]
            ).exists()
            # The register runs on from its last number.
            following = document_issue(
                actor=user,
                issuer=register.issuer,
                doc_type="ZZ",
                title="Báo cáo tiếp theo",
                build=lambda reference: reference.encode(),
                today=dt.date(2026, 4, 1),
                key="moved-test-next",
            )
            created["ids"].append(following.pk)
            assert (following.register_id, following.number, following.reference) == (
                register.pk,
                8,
                "Số 08-ZZ/BTGDVTU",
            )
        finally:
            _migrate(_leaf())
            # Leave no register rows behind for the tests that count them (audit events are append-only).
            if created:
                Document.objects.filter(pk=created["draft"]).delete()
                IssuedDocument.objects.filter(pk__in=created["ids"]).update(replaces=None)
                IssuedDocument.objects.filter(pk__in=created["ids"]).delete()
                DocumentRegister.objects.filter(pk=created["register"]).delete()


@pytest.mark.django_db
def test_the_history_of_a_register_entry_reads_events_under_the_old_and_the_new_label(client):
    drafter, head, signer = people()
    document = services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer), drafter, head), today=TODAY
    )
    issued = document.issued
    new = AuditEvent.objects.get(action="document.issued", target_id=str(issued.public_id))
    assert new.target_type == "documents.issueddocument"
    # An event written before the move names the model by its old label; it stays as it was written.
    old = AuditEvent.objects.create(
        actor=signer,
        actor_label=signer.get_full_name(),
        unit=document.issuer,
        action="document.revoked",
        target_type="reports.issueddocument",
        target_id=str(issued.public_id),
        target_label=issued.reference,
        after={"revoked": True, "reason": "Ghi trước khi sổ chuyển sang văn bản"},
    )

    history = history_of(document)
    assert old in history and new in history
    client.force_login(drafter)
    page = client.get(reverse("documents:detail", args=[document.public_id])).content.decode()
    section = page[page.index("data-history") :]
    assert 'data-action="document.issued"' in section and "Ghi trước khi sổ chuyển sang văn bản" in section
