"""The issued PDF carries the signer's PAdES signature, verified on the document's page. The certificate authority
and the signer's certificate are made here, at run time, in a temporary folder: no key is in the repository."""

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.urls import reverse

from danvan.documents import services
from danvan.documents.signing import pdf_verify
from danvan.documents.tests.factories import TODAY, people, plan, to_signer

pytestmark = pytest.mark.django_db


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_ca_and_signer(folder, username: str, common_name: str) -> None:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("CA thử nghiệm danvan"))
        .issuer_name(_name("CA thử nghiệm danvan"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "trust").mkdir(parents=True)
    (folder / "trust" / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    passphrase = b"mat-khau-thu"
    (folder / f"{username}.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, [ca], serialization.BestAvailableEncryption(passphrase)
        )
    )
    (folder / f"{username}.pass").write_bytes(passphrase)


def test_the_issued_pdf_is_signed_with_the_signers_certificate_and_verified(
    settings, tmp_path, client, django_capture_on_commit_callbacks
):
    settings.DOCUMENT_SIGNING_DIR = tmp_path
    drafter, head, signer = people()
    make_ca_and_signer(tmp_path, signer.username, "Nguyễn Văn Ký")
    document = to_signer(plan(drafter, head, signer, tasks=""), drafter, head)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign_issue(actor=signer, document=document, today=TODAY)
    document.refresh_from_db()
    pdf = bytes(document.pdf)
    [check] = pdf_verify(pdf)
    assert check.valid and check.intact and check.trusted and check.whole_file
    assert "Nguyễn Văn Ký" in check.signer

    client.force_login(drafter)
    page = client.get(reverse("documents:detail", args=[document.public_id])).content.decode()
    assert "Nguyễn Văn Ký" in page and "sig-valid" in page

    # One byte changed inside the signed range: the signature no longer holds.
    at = pdf.index(b"/Type /Catalog") if b"/Type /Catalog" in pdf else len(pdf) // 3
    tampered = pdf[:at] + (b"X" if pdf[at : at + 1] != b"X" else b"Y") + pdf[at + 1 :]
    assert not any(c.valid and c.intact for c in pdf_verify(tampered))


def test_a_signer_without_a_certificate_issues_an_unsigned_pdf(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DOCUMENT_SIGNING_DIR = tmp_path
    drafter, head, signer = people()
    document = to_signer(plan(drafter, head, signer, tasks=""), drafter, head)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_sign_issue(actor=signer, document=document, today=TODAY)
    document.refresh_from_db()
    assert bytes(document.pdf).startswith(b"%PDF") and pdf_verify(bytes(document.pdf)) == []


def test_a_signed_pdf_registered_as_incoming_is_verified_on_its_page(settings, tmp_path, client, officer_a):
    """Văn bản đến: a ministry's signed PDF shows who signed and that it is unchanged; a PDF changed after the
    signature shows as invalid."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.documents.models import IncomingDocument
    from danvan.documents.signing import pdf_sign
    from danvan.organisations.models import OrgUnit

    settings.DOCUMENT_SIGNING_DIR = tmp_path
    sender = make_user_named("bo.noivu")
    make_ca_and_signer(tmp_path, sender.username, "Bộ Nội vụ")
    html = tmp_path / "letter.html"
    html.write_text("<p>Công văn số 1234/BNV-CQĐP</p>", encoding="utf-8")
    signed = pdf_sign(pdf_bytes_from(html), user=sender, reason="Ban hành")
    assert signed

    def register(content: bytes, reference: str):
        return services.incoming_register(
            actor=officer_a,
            unit=OrgUnit.objects.get(code="P24-TU"),
            reference=reference,
            dated=TODAY,
            arrived_on=TODAY,
            issuing_body="Bộ Nội vụ",
            summary="Về việc báo cáo thực hiện dân chủ ở cơ sở",
            upload=SimpleUploadedFile("cong-van.pdf", content, content_type="application/pdf"),
            instruction="",
            handler=None,
            assignees=[],
            deadline=None,
        )

    client.force_login(officer_a)
    good = register(signed, "Số 1234/BNV-CQĐP")
    page = client.get(reverse("documents:incoming_detail", args=[good.public_id])).content.decode()
    assert "Bộ Nội vụ" in page and "sig-valid" in page and "sig-invalid" not in page
    at = signed.index(b"/Type /Catalog") if b"/Type /Catalog" in signed else len(signed) // 3
    tampered = signed[:at] + (b"X" if signed[at : at + 1] != b"X" else b"Y") + signed[at + 1 :]
    bad = register(tampered, "Số 1235/BNV-CQĐP")
    page = client.get(reverse("documents:incoming_detail", args=[bad.public_id])).content.decode()
    assert "sig-valid" not in page
    assert IncomingDocument.objects.count() == 2


def make_user_named(username: str):
    from danvan.accounts.models import User

    return User.objects.create_user(username=username, password="x")


def pdf_bytes_from(path) -> bytes:
    from weasyprint import HTML

    return HTML(filename=str(path)).write_pdf()
