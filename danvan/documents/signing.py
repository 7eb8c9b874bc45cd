"""Digital signatures (chữ ký số) on issued PDFs: PAdES with pyHanko, verification shown on the page.

Certificates live outside the repository, in `settings.DOCUMENT_SIGNING_DIR` (env DANVAN_SIGNING_DIR, default
var/signing): `<username>.p12` (the signer's key and certificate) with its passphrase in `<username>.pass`, and the
certificate authorities trusted for verification as `trust/*.pem`. A signer without a certificate issues an
unsigned PDF; no private key is ever stored in the database or the repository.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


def _folder() -> Path:
    return Path(settings.DOCUMENT_SIGNING_DIR)


def has_certificate(user) -> bool:
    return bool(user) and (_folder() / f"{user.get_username()}.p12").is_file()


def pdf_sign(pdf: bytes, *, user, reason: str) -> bytes | None:
    """`pdf` signed (PAdES B-B) with `user`'s certificate, or None when the user has none configured."""
    if not has_certificate(user):
        return None
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    folder = _folder()
    secret = folder / f"{user.get_username()}.pass"
    passphrase = secret.read_bytes().strip() if secret.is_file() else None
    signer = signers.SimpleSigner.load_pkcs12(str(folder / f"{user.get_username()}.p12"), passphrase=passphrase)
    if signer is None:
        return None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo", reason=reason[:200], subfilter=fields.SigSeedSubFilter.PADES
    )
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


@dataclass
class Verification:
    signer: str
    intact: bool  # the signed bytes are unchanged since signing
    trusted: bool  # the certificate chains to a trusted authority
    valid: bool  # both, and the cryptography checks out
    signed_at: object
    whole_file: bool  # the signature covers the whole file (nothing added after it)


def pdf_verify(pdf: bytes) -> list[Verification]:
    """Each embedded signature of `pdf`, validated offline against the trusted authorities; [] when unsigned or
    unreadable."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    trust_dir = _folder() / "trust"
    roots = [load_cert_from_pemder(str(p)) for p in sorted(trust_dir.glob("*.pem"))] if trust_dir.is_dir() else []
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 - a damaged or foreign PDF is "no signature we can read", never a 500
        return []
    results = []
    for signature in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(signature, context)
        except Exception:  # noqa: BLE001 - see above
            results.append(Verification("?", False, False, False, None, False))
            continue
        results.append(
            Verification(
                signer=status.signing_cert.subject.human_friendly if status.signing_cert else "?",
                intact=bool(status.intact),
                trusted=bool(status.trusted),
                valid=bool(status.bottom_line),
                signed_at=status.signer_reported_dt,
                whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return results
