import io

import pytest
from docx import Document as Docx

from danvan.core.errors import ApplicationError
from danvan.documents import services
from danvan.documents.models import Document, DocumentRecipient, IssuedDocument
from danvan.documents.tests.factories import TODAY, people, plan, to_signer
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    document = Docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_signer_issues_a_plan_to_every_commune_with_its_tasks():
    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer), drafter, head)
    document = services.document_sign_issue(actor=signer, document=document, today=TODAY)
    communes = OrgUnit.objects.filter(parent__code="P24-TU", kind="party_committee", level="commune")
    assert document.status == "issued"
    assert document.issued.reference == "Số 01-KH/BTGDVTU" and document.issued.issued_on == TODAY
    assert DocumentRecipient.objects.filter(document=document).count() == communes.count() > 50
    assert Task.objects.filter(assignee__in=communes, title__contains="Số 01-KH/BTGDVTU").count() == communes.count()
    text = text_of(bytes(document.issued.content))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "KẾ HOẠCH" in text and "Số 01-KH/BTGDVTU" in text
    assert "T/M BAN TUYÊN GIÁO VÀ DÂN VẬN" in text and "TRƯỞNG BAN" in text and "Chief.A" in text
    assert "Nơi nhận:" in text and "I. MỤC ĐÍCH, YÊU CẦU" in text


def test_issuing_without_a_signer_is_refused_and_takes_no_number():
    drafter, head, _signer = people()
    document = plan(drafter, head, None)
    with pytest.raises(ApplicationError) as error:
        services.document_sign_issue(actor=drafter, document=document, today=TODAY)
    assert error.value.field == "signer" and "Người ký" in error.value.message
    services.document_route(actor=drafter, document=document, step="review")
    with pytest.raises(ApplicationError) as error:
        services.document_route(actor=head, document=document, step="signing")
    assert error.value.field == "signer"
    assert IssuedDocument.objects.count() == 0


def test_only_the_chosen_signer_issues():
    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer), drafter, head)
    with pytest.raises(ApplicationError):
        services.document_sign_issue(actor=head, document=document, today=TODAY)
    assert Document.objects.get().status == "signing" and IssuedDocument.objects.count() == 0


def test_an_unknown_type_is_refused():
    drafter, head, signer = people()
    with pytest.raises(ApplicationError) as error:
        plan(drafter, head, signer, doc_type_code="XX")
    assert error.value.field == "doc_type" and Document.objects.count() == 0


def test_a_recipient_outside_the_senders_reach_is_refused():
    drafter, head, signer = people()
    with pytest.raises(ApplicationError) as error:
        plan(drafter, head, signer, recipients_spec={"units": ["P91-MTTQ"]})
    assert error.value.field == "recipients" and "ngoài phạm vi" in error.value.message
    assert Document.objects.count() == 0


def test_issuing_twice_is_refused_and_the_number_is_kept():
    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer), drafter, head)
    services.document_sign_issue(actor=signer, document=document, today=TODAY)
    with pytest.raises(ApplicationError):
        services.document_sign_issue(actor=signer, document=Document.objects.get(), today=TODAY)
    assert IssuedDocument.objects.count() == 1


def test_numbers_continue_the_register_of_briefing_reports_and_notices():
    from danvan.documents.numbering import document_issue

    drafter, head, signer = people()
    issuer = OrgUnit.objects.get(code="P24-TGDV")
    old = document_issue(
        actor=signer, issuer=issuer, doc_type="KH", title="Kế hoạch cũ", build=lambda r: b"x", today=TODAY, key="old"
    )
    document = to_signer(plan(drafter, head, signer), drafter, head)
    document = services.document_sign_issue(actor=signer, document=document, today=TODAY)
    assert old.number == 1 and document.issued.number == 2 and document.issued.register_id == old.register_id


def test_a_correction_is_a_new_document_that_replaces_the_issued_one():
    drafter, head, signer = people()
    first = to_signer(plan(drafter, head, signer, tasks=""), drafter, head)
    first = services.document_sign_issue(actor=signer, document=first, today=TODAY)
    content = bytes(first.issued.content)
    correction = services.document_correct(actor=drafter, document=first)
    correction = to_signer(correction, drafter, head)
    correction = services.document_sign_issue(actor=signer, document=correction, today=TODAY)
    first.refresh_from_db()
    assert correction.replaces == first and first.replaced_by == correction
    assert correction.issued.replaces == first.issued and correction.issued.number == 2
    assert bytes(first.issued.content) == content


def test_the_pdf_copy_is_made_after_commit(django_capture_on_commit_callbacks):
    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer, tasks=""), drafter, head)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign_issue(actor=signer, document=document, today=TODAY)
    document.refresh_from_db()
    assert bytes(document.pdf).startswith(b"%PDF")


def test_a_commune_acknowledges_and_the_sender_sees_who_has_not(commune_officer_a):
    from danvan.documents.selectors import recipients_of

    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer), drafter, head)
    document = services.document_sign_issue(actor=signer, document=document, today=TODAY)
    assert services.document_acknowledge(actor=commune_officer_a, document=document) == 1
    rows, done, waiting = recipients_of(document)
    assert done == 1 and waiting == len(rows) - 1
    assert rows[0].unit.code == "C7288-DU" and rows[0].acknowledged_by == commune_officer_a
    with pytest.raises(ApplicationError):
        services.document_acknowledge(actor=commune_officer_a, document=document)


def test_a_task_for_a_unit_outside_the_province_is_refused_on_the_tasks_field():
    drafter, head, signer = people()
    with pytest.raises(ApplicationError) as error:
        plan(drafter, head, signer, tasks="P91-MTTQ | Phối hợp tổ chức | 15/10/2027")
    assert error.value.field == "tasks" and "P91-MTTQ" in error.value.message
    with pytest.raises(ApplicationError) as error:
        plan(drafter, head, signer, tasks=" | Tổ chức ra quân | 15-10-2027")
    assert error.value.field == "tasks" and "dd/mm/yyyy" in error.value.message
    assert Document.objects.count() == 0
