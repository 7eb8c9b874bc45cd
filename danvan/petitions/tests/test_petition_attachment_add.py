import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.models import StoredFile
from danvan.petitions import services
from danvan.petitions.models import PetitionAttachment

from .factories import receive

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"


def test_a_pdf_is_stored_in_the_database_under_a_random_name(officer_a):
    petition = receive(officer_a)
    attachment = services.petition_attachment_add(
        actor=officer_a, petition=petition, upload=SimpleUploadedFile("Đơn khiếu nại.pdf", PDF)
    )
    stored = StoredFile.objects.get(key=f"petition_files/{attachment.file.name}")
    assert bytes(stored.content) == PDF and "khieu" not in attachment.file.name.lower()
    assert attachment.original_name == "Đơn khiếu nại.pdf" and attachment.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ...", "chỉ nhận"),
        ("fake.pdf", b"<html>", "không phải tệp PDF"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "tối đa 10 MB"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(officer_a, name, content, message):
    petition = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_attachment_add(actor=officer_a, petition=petition, upload=SimpleUploadedFile(name, content))
    assert exc.value.field == "file" and message in exc.value.message
    assert (
        not PetitionAttachment.objects.exists()
        and not StoredFile.objects.filter(key__startswith="petition_files/").exists()
    )


def test_download_goes_through_the_petition_check(client_for, officer_a, officer_b, leader_a):
    petition = receive(officer_a)
    client = client_for(officer_a)
    page = client.post(f"/don-thu/{petition.code}/tep/", {"file": SimpleUploadedFile("scan.pdf", PDF)})
    assert page.status_code == 302
    attachment = PetitionAttachment.objects.get()
    url = f"/don-thu/{petition.code}/tep/{attachment.pk}/"
    assert b"".join(client.get(url).streaming_content) == PDF
    assert client_for(officer_b).get(url).status_code == 404
    client = client_for(officer_a)  # the fixture's client is shared: log back in
    page = client.post(f"/don-thu/{petition.code}/tep/", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert page.status_code == 400 and "chỉ nhận" in page.content.decode()


def test_a_denunciations_files_are_for_its_handlers_only(client_for, officer_a, leader_a):
    petition = receive(officer_a, category="to_cao")
    attachment = services.petition_attachment_add(
        actor=officer_a, petition=petition, upload=SimpleUploadedFile("to-cao.pdf", PDF)
    )
    url = f"/don-thu/{petition.code}/tep/{attachment.pk}/"
    assert client_for(leader_a).get(url).status_code == 404
    assert client_for(make_user("officer.a2", "officer", "P24-TU")).get(url).status_code == 404
    assert client_for(officer_a).get(url).status_code == 200


def test_a_denunciations_file_names_stay_with_its_handlers(client_for, officer_a, leader_a):
    petition = receive(officer_a, category="to_cao")
    attachment = services.petition_attachment_add(
        actor=officer_a, petition=petition, upload=SimpleUploadedFile("Don-cua-Nguyen-Van-An.pdf", PDF)
    )
    page = client_for(leader_a).get(f"/don-thu/{petition.code}/").content.decode()
    assert "Nguyen-Van-An" not in page and gettext("[confidential]") in page
    added = AuditEvent.objects.get(action=Action.PETITION_ATTACHMENT_ADDED)
    assert "Nguyen-Van-An" not in str(added.after) and added.after["type"] == "application/pdf"
    assert "Don-cua-Nguyen-Van-An.pdf" in client_for(officer_a).get(f"/don-thu/{petition.code}/").content.decode()
    client_for(officer_a).get(f"/don-thu/{petition.code}/tep/{attachment.pk}/")
    viewed = AuditEvent.objects.get(action=Action.PETITION_IDENTITY_VIEWED)
    assert viewed.actor == officer_a and viewed.target_id == petition.code


def test_a_complaints_file_name_is_kept_and_its_downloads_are_not_identity_views(client_for, officer_a):
    petition = receive(officer_a)
    attachment = services.petition_attachment_add(
        actor=officer_a, petition=petition, upload=SimpleUploadedFile("scan.pdf", PDF)
    )
    assert AuditEvent.objects.get(action=Action.PETITION_ATTACHMENT_ADDED).after["file"] == "scan.pdf"
    client_for(officer_a).get(f"/don-thu/{petition.code}/tep/{attachment.pk}/")
    assert not AuditEvent.objects.filter(action=Action.PETITION_IDENTITY_VIEWED).exists()
