"""The briefing report: one click turns a unit's live roll-up and its sub-units' narratives into a numbered
DOCX "Báo cáo kết quả công tác dân vận [kỳ]" in Party format, kept in the document register."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from danvan.accounts.permissions import can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.models import SubmissionToken
from danvan.core.numbers import format_vn
from danvan.organisations.loading import COMMUNE_PREFIXES, PROVINCE_PREFIXES, strip_type
from danvan.organisations.models import OrgUnit
from danvan.reports.documents import FigureRow, Group, Header, Part, party_report_docx
from danvan.reports.models import (
    DocumentRegister,
    IssuedDocument,
    PartyTerm,
    ReportForm,
    ReportingPeriod,
)
from danvan.reports.selectors import rollup
from danvan.reports.synthesis import briefing_synthesis

PART_TITLES = {
    "ket_qua": "Kết quả công tác",
    "han_che": "Hạn chế, nguyên nhân",
    "nhiem_vu": "Nhiệm vụ trọng tâm kỳ tới",
    "kien_nghi": "Kiến nghị, đề xuất",
}
# Issuer abbreviations after the slash in "Số 12-BC/…". The merged board's abbreviation is [unconfirmed]
# (DOMAIN.md §6); the register keeps it per issuer, so a province can correct it once.
DEFAULT_SYMBOLS = {
    ("tgdv_board", "central"): "BTGDVTW",
    ("tgdv_board", "province"): "BTGDVTU",
    ("danvan_board", "province"): "BDVTU",
    ("danvan_bloc", "commune"): "KDV",
}


def issuer_for(unit: OrgUnit) -> OrgUnit:
    """The dân vận body that issues for `unit`: itself, or its dân vận child (Tỉnh ủy → Ban TG&DV)."""
    if unit.has_danvan_function:
        return unit
    body = unit.children.filter(has_danvan_function=True).order_by("sort_order").first()
    if body is None:
        raise ApplicationError("Đơn vị này không có cơ quan làm công tác dân vận để ban hành báo cáo.", field="unit")
    return body


def header_names(issuer: OrgUnit) -> tuple[str, str]:
    """(superior, issuer) as a Party document header prints them: "Thành ủy Bắc Ninh" above "Ban Tuyên giáo và
    Dân vận", the issuer's name without the superior's at its end."""
    superior = issuer.parent.name if issuer.parent else "Ban Chấp hành Trung ương"
    short = issuer.name[: -len(superior)].strip() if issuer.name.endswith(superior) else issuer.name
    return superior, short


def _number(value: Decimal | None, decimals: int) -> str:
    return "—" if value is None else format_vn(value, decimals)


def document_place(unit: OrgUnit) -> str:
    """The place name in a document's date line: the province (or \"Hà Nội\" for the centre)."""
    admin = unit.admin_unit
    if admin is None:
        return "Hà Nội"
    province = admin.parent if admin.level == "commune" else admin
    return strip_type(province.name, PROVINCE_PREFIXES) if province else strip_type(admin.name, COMMUNE_PREFIXES)


def briefing_content(*, unit, form, period, reference: str, today: dt.date) -> tuple[str, bytes]:
    superior, short = header_names(issuer_for(unit))
    rows = rollup(unit=unit, form=form, period=period)
    figures = [
        FigureRow(
            r.indicator.name,
            r.indicator.unit_label,
            _number(r.value, r.indicator.decimal_places),
            _number(r.ytd, r.indicator.decimal_places),
        )
        for r in rows
    ]
    synthesis = briefing_synthesis(unit=unit, form=form, period=period, rollup_rows=rows, part_titles=PART_TITLES)
    results = Part(
        PART_TITLES["ket_qua"],
        groups=[Group(f.title, f.summary, [(c.unit_name, c.text) for c in f.contributions]) for f in synthesis.fields],
    )
    parts = [results, *(Part(title, entries) for _key, title, entries in synthesis.parts)]
    label = period.label[0].lower() + period.label[1:]
    subject = f"Kết quả công tác dân vận {label}"
    content = party_report_docx(
        header=Header(superior=superior, issuer=short, reference=reference, place=document_place(unit), date=today),
        doc_type_title="Báo cáo",
        subject=subject,
        intro=f"Thực hiện chương trình công tác, {short} báo cáo kết quả công tác dân vận {label} "
        f"của {unit.name} và các đơn vị trực thuộc như sau:",
        figures=figures,
        period_label=period.label,
        parts=parts,
        signer_title="T/M " + short,
        recipients=[f"{superior} (để báo cáo)", "Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)"],
    )
    return subject, content


def register_for(issuer: OrgUnit, doc_type: str, today: dt.date) -> DocumentRegister:
    """The issuer's register for this document type and the Party term of `today` (row-locked)."""
    term = PartyTerm.objects.filter(starts_on__lte=today).order_by("-starts_on").first()
    if term is None or (term.ends_on and term.ends_on < today):
        raise ApplicationError(
            "Chưa khai báo nhiệm kỳ cấp ủy cho ngày hôm nay; quản trị viên cần bổ sung.", field="term"
        )
    symbol = DEFAULT_SYMBOLS.get((issuer.kind, issuer.level), "DV")
    register, _created = DocumentRegister.objects.select_for_update().get_or_create(
        issuer=issuer, doc_type=doc_type, term=term, defaults={"symbol": symbol}
    )
    return register


def document_issue(
    *,
    actor,
    issuer: OrgUnit,
    doc_type: str,
    title: str,
    build,
    today: dt.date,
    key: str,
    details: dict | None = None,
    source_url: str = "",
) -> IssuedDocument:
    """Give a document the next number of its register, build it with that reference, and keep the file.

    `build(reference) -> bytes`. `key` names the document itself (the meeting whose notice it is, the form, period
    and unit a briefing report covers): issuing the same document again returns the one already issued, with its
    number, instead of taking another (a double click, two officers at once). When that one was revoked, this
    issues its replacement under the next number (`replaces`). Call inside a permission-checked service; one
    audit event."""
    from danvan.core.submissions import claim_key, key_location

    document_key = f"doc:{doc_type}:{issuer.code}:{key}"
    with transaction.atomic():
        # The row lock makes two officers issuing at once get 12 and 13, never 12 twice; and the second of two
        # issuing the same document waits here, then finds the first one's key.
        register = register_for(issuer, doc_type, today)
        issued = key_location(document_key)
        replaced = None
        if issued:
            existing = IssuedDocument.objects.get(public_id=issued)
            if existing.revoked_at is None:
                return existing
            if hasattr(existing, "replaced_by"):
                return existing.replaced_by
            replaced = existing
        register.last_number += 1
        register.save(update_fields=["last_number"])
        reference = f"Số {register.last_number:02d}-{doc_type}/{register.symbol}"
        document = IssuedDocument.objects.create(
            register=register,
            number=register.last_number,
            reference=reference,
            title=title,
            issued_on=today,
            issued_by=actor,
            content=build(reference),
            key=document_key,
            source_url=source_url,
            replaces=replaced,
        )
        if replaced is None:
            claim_key(key=document_key, user=actor, location=str(document.public_id))
        else:
            # The document's key now leads to its replacement: issuing again returns it.
            SubmissionToken.objects.filter(key=document_key).update(location=str(document.public_id))
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_ISSUED,
            unit=issuer,
            target=document,
            after={
                "reference": reference,
                "title": title,
                **({"replaces": replaced.reference} if replaced else {}),
                **(details or {}),
            },
        )
    return document


ONLY_ISSUER_REVOKES = "Chỉ lãnh đạo của cơ quan ban hành được thu hồi văn bản."


def document_revoke(*, actor, document: IssuedDocument, reason: str) -> IssuedDocument:
    """Revoke an issued number (thu hồi văn bản): the register shows it revoked with the reason, the number is never
    reused, and issuing the same document again gives its replacement the next number. A leader of the issuing
    body (or of the Party committee it works for) decides; the reason is required."""
    from django.utils import timezone

    from danvan.accounts.permissions import can_revoke_number

    reason = " ".join((reason or "").split())
    if not can_revoke_number(actor, document.register.issuer):
        raise ApplicationError(ONLY_ISSUER_REVOKES, code="forbidden")
    if len(reason) < 10:
        raise ApplicationError(
            "Lý do thu hồi: bắt buộc, ít nhất 10 ký tự (ví dụ “Sai số liệu mục II, ban hành lại”).", field="reason"
        )
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if document.revoked_at is not None:
            raise ApplicationError(f"Văn bản {document.reference} đã được thu hồi trước đó.", field="reason")
        document.revoked_at = timezone.now()
        document.revoked_by = actor
        document.revoke_reason = reason[:2000]
        document.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_REVOKED,
            unit=document.register.issuer,
            target=document,
            before={"reference": document.reference},
            after={"revoked": True, "reason": reason[:500]},
        )
    return document


def briefing_draft(*, actor, unit: OrgUnit, form: ReportForm, period: ReportingPeriod, today: dt.date):
    """Put the briefing report into its draft in the documents app (one per unit, form and period); the signer
    issues it there and the BC register gives its number then."""
    from danvan.documents.generated import generated_draft

    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền ban hành báo cáo cho đơn vị này.", code="forbidden")
    label = period.label[0].lower() + period.label[1:]
    return generated_draft(
        actor=actor,
        issuer=issuer_for(unit),
        doc_type_code="BC",
        title=f"Kết quả công tác dân vận {label}",
        build=lambda reference: briefing_content(unit=unit, form=form, period=period, reference=reference, today=today)[
            1
        ],
        key=f"briefing:{unit.code}:{form.code}:{period.key}",
        source_url=reverse("reports:rollup") + f"?form={form.pk}&period={period.key}&unit={unit.code}",
    )
