"""Three items of issue 16 that had no test of their own: every HD 36 template (kế hoạch, hướng dẫn, báo cáo,
thông báo, công văn, tờ trình) is filled from its fields and issued as a numbered DOCX of its type; recipients
chosen as "all organisations at a level" below the sender; a correction shows the link on both documents' pages."""

import pytest
from django.urls import reverse

from danvan.documents import services
from danvan.documents.drafting import TEMPLATES
from danvan.documents.models import DocumentRecipient
from danvan.documents.tests.factories import TODAY, people, plan, to_signer
from danvan.documents.tests.test_document_sign_issue import text_of
from danvan.organisations.models import OrgUnit, OrgUnitClosure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_is_filled_from_its_fields_and_issued_in_its_type(key):
    template = TEMPLATES[key]
    drafter, head, signer = people()
    fields = {s.key: f"Nội dung mục {s.key} của {key}." for s in template.sections}
    document = plan(
        drafter,
        head,
        signer,
        template=key,
        doc_type_code=template.doc_type,
        fields=fields,
        title="Về công tác dân vận năm 2027",
        tasks="",
    )
    document = services.document_sign_issue(actor=signer, document=to_signer(document, drafter, head), today=TODAY)
    text = text_of(bytes(document.issued.content))
    assert f"Số 01-{template.doc_type}/BTGDVTU" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    for section in template.sections:
        assert fields[section.key] in text
        if section.heading:
            assert section.heading in text
    assert "Nơi nhận:" in text and "Chief.A" in text


def test_recipients_can_be_every_organisation_at_a_level_below_the_sender():
    from danvan.documents.services import ORGANISATION_KINDS

    drafter, head, signer = people()
    document = plan(drafter, head, signer, recipients_spec={"organisations_level": "commune"}, tasks="")
    document = services.document_sign_issue(actor=signer, document=to_signer(document, drafter, head), today=TODAY)
    province = OrgUnit.objects.get(code="P24-TU")
    expected = set(
        OrgUnit.objects.filter(
            kind__in=ORGANISATION_KINDS,
            level="commune",
            pk__in=OrgUnitClosure.objects.filter(ancestor=province).values("descendant_id"),
        ).values_list("pk", flat=True)
    )
    got = set(DocumentRecipient.objects.filter(document=document).values_list("unit_id", flat=True))
    assert expected and got == expected
    # None of them lies outside the province.
    assert not OrgUnit.objects.filter(pk__in=got, code__startswith="C30463").exists()


def test_a_correction_shows_the_link_on_both_pages_and_the_first_file_stays(client):
    drafter, head, signer = people()
    first = services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer, tasks=""), drafter, head), today=TODAY
    )
    content = bytes(first.issued.content)
    correction = services.document_correct(actor=drafter, document=first)
    correction = services.document_sign_issue(actor=signer, document=to_signer(correction, drafter, head), today=TODAY)
    client.force_login(drafter)
    old_page = client.get(reverse("documents:detail", args=[first.public_id])).content.decode()
    new_page = client.get(reverse("documents:detail", args=[correction.public_id])).content.decode()
    assert reverse("documents:detail", args=[correction.public_id]) in old_page and "02-KH/BTGDVTU" in old_page
    assert reverse("documents:detail", args=[first.public_id]) in new_page and "01-KH/BTGDVTU" in new_page
    first.issued.refresh_from_db()
    assert bytes(first.issued.content) == content
