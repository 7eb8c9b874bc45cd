"""Writes on documents: draft, revise, comment, route, sign and issue, acknowledge, correct; incoming documents.

Each service checks its permission, opens one transaction and writes one audit event. Issuing numbers through the
register (documents.numbering.document_issue), so a document issued here and a briefing report share one
running number per issuer, type and Party term.
"""

import datetime as dt
import os

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from danvan.accounts.permissions import assignment_scope, can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold
from danvan.documents import permissions as perms
from danvan.documents.docxpage import draft_reference, gaps, gaps_message
from danvan.documents.drafting import TEMPLATES, Signature, docx_text, render_docx, template_text
from danvan.documents.generated import signer_title_for
from danvan.documents.heading import document_place, header_names
from danvan.documents.models import (
    Document,
    DocumentComment,
    DocumentRecipient,
    DocumentType,
    DocumentVersion,
    IncomingDocument,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure

ORGANISATION_KINDS = (
    OrgUnit.Kind.FATHERLAND_FRONT,
    OrgUnit.Kind.FARMERS_UNION,
    OrgUnit.Kind.WOMENS_UNION,
    OrgUnit.Kind.YOUTH_UNION,
    OrgUnit.Kind.VETERANS_ASSOCIATION,
    OrgUnit.Kind.TRADE_UNION,
)
DRAFT_EXTENSIONS = (".docx", ".pdf")


# --- helpers ------------------------------------------------------------------------------------------------------


def doc_type_get(code: str) -> DocumentType:
    doc_type = DocumentType.objects.filter(code=(code or "").strip(), active=True).first()
    if doc_type is None:
        raise ApplicationError(
            "Loại văn bản: không có trong danh mục theo Hướng dẫn 36-HD/VPTW; hãy chọn một loại trong danh sách.",
            field="doc_type",
        )
    return doc_type


def draft_upload(upload, *, actor, label: str = "Tệp dự thảo"):
    """(StoredFile unsaved, text) for an uploaded draft (or, `label` naming the field, an incoming document's file):
    DOCX or PDF only, checked by content."""
    from danvan.core.files import stored_file_from_upload

    ext = os.path.splitext(getattr(upload, "name", "") or "")[1].lower()
    if ext not in DRAFT_EXTENSIONS:
        raise ApplicationError(
            f"{label}: chỉ nhận tệp DOCX hoặc PDF; hãy lưu văn bản thành .docx (hoặc quét thành PDF) rồi tải lên.",
            field="file",
        )
    stored = stored_file_from_upload(upload, actor=actor, field="file")
    text = docx_text(bytes(stored.content), field="file") if ext == ".docx" else ""
    return stored, text


def recipients_expand(issuer: OrgUnit, spec: dict) -> list[OrgUnit]:
    """The units `spec` names, checked against the issuer's reach: its assignment scope (below it) and the bodies
    above it (a report goes up). Any unit outside is refused by name."""
    spec = spec or {}
    codes = [c.strip().upper() for c in spec.get("units", []) if c and c.strip()]
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ApplicationError(
            f"Nơi nhận: không tìm thấy đơn vị {', '.join(unknown[:5])}; hãy chọn từ danh sách.", field="recipients"
        )
    units = [found[c] for c in codes]
    scope = assignment_scope(issuer)
    if spec.get("communes_of"):
        province = OrgUnit.objects.filter(code=spec["communes_of"].strip().upper()).first()
        if province is None:
            raise ApplicationError("Các xã của: hãy chọn một Tỉnh ủy / Thành ủy từ danh sách.", field="communes_of")
        units.append(province)  # checked for reach below, then replaced by its communes
        communes = list(
            OrgUnit.objects.filter(
                parent=province, kind=OrgUnit.Kind.PARTY_COMMITTEE, level=OrgUnit.Level.COMMUNE
            ).order_by("sort_order", "name")
        )
        if not communes:
            raise ApplicationError(
                f"Các xã của: {province.name} không có đảng ủy xã, phường nào; hãy chọn một Tỉnh ủy / Thành ủy.",
                field="communes_of",
            )
    else:
        communes, province = [], None
    if spec.get("organisations_level"):
        units += list(
            OrgUnit.objects.filter(
                kind__in=ORGANISATION_KINDS,
                level=spec["organisations_level"],
                ancestor_links__ancestor=scope,
            ).order_by("depth", "sort_order", "name")
        )
    below = set(
        OrgUnitClosure.objects.filter(ancestor=scope, descendant__in=[u.pk for u in units]).values_list(
            "descendant_id", flat=True
        )
    )
    above = set(OrgUnitClosure.objects.filter(descendant=issuer).values_list("ancestor_id", flat=True))
    outside = [u.name for u in units if u.pk not in below and u.pk not in above]
    if outside:
        raise ApplicationError(
            f"Nơi nhận: {', '.join(outside[:5])} nằm ngoài phạm vi của {issuer.name}; chỉ gửi cho đơn vị cấp dưới "
            f"thuộc {scope.name} hoặc cấp trên.",
            field="recipients",
        )
    result, seen = [], set()
    for u in [u for u in units if u != province] + communes:
        if u.pk not in seen:
            seen.add(u.pk)
            result.append(u)
    return result


def task_rows(text: str) -> list[tuple[str, str, dt.date]]:
    """Plan tasks, one a line "unit code | task | dd/mm/yyyy" (a blank unit: every recipient below the issuer)."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")] + ["", ""]
        code, title, when = cells[0].upper(), cells[1], cells[2]
        if not title:
            raise ApplicationError(f"Nhiệm vụ, dòng {number}: thiếu nội dung nhiệm vụ.", field="tasks")
        try:
            deadline = dt.datetime.strptime(when, "%d/%m/%Y").date()
        except ValueError:
            raise ApplicationError(
                f"Nhiệm vụ, dòng {number}: thời hạn “{when}” không đúng dạng dd/mm/yyyy (ví dụ 15/10/2027).",
                field="tasks",
            ) from None
        rows.append((code, title, deadline))
    return rows


def tasks_check(issuer: OrgUnit, text: str) -> list[tuple[str, str, dt.date]]:
    """The plan's task rows, each named unit known and within the issuer's assignment scope."""
    rows = task_rows(text)
    codes = {code for code, _title, _deadline in rows if code}
    if codes:
        known = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "pk"))
        unknown = sorted(codes - set(known))
        if unknown:
            raise ApplicationError(
                f"Nhiệm vụ: không tìm thấy đơn vị {', '.join(unknown[:5])}; hãy chọn từ danh sách.", field="tasks"
            )
        scope = assignment_scope(issuer)
        below = set(
            OrgUnitClosure.objects.filter(ancestor=scope, descendant_id__in=known.values()).values_list(
                "descendant_id", flat=True
            )
        )
        outside = sorted(code for code, pk in known.items() if pk not in below)
        if outside:
            raise ApplicationError(
                f"Nhiệm vụ: đơn vị {', '.join(outside[:5])} không thuộc {scope.name}; chỉ giao cho đơn vị cấp dưới.",
                field="tasks",
            )
    return rows


def _search_text(*parts: str) -> str:
    return fold(" ".join(p for p in parts if p))[:200_000]


def _version_add(*, document, actor, fields: dict, upload=None, note: str = "") -> DocumentVersion:
    stored, text = (None, "")
    if upload is not None:
        stored, text = draft_upload(upload, actor=actor)
        stored.save()
    else:
        text = template_text(TEMPLATES.get(document.template), fields)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        fields=fields if upload is None else {},
        text=text,
        file=stored,
        note=note[:255],
        created_by=actor,
    )


# --- outgoing documents -------------------------------------------------------------------------------------------


def document_draft(
    *,
    actor,
    issuer: OrgUnit,
    doc_type_code: str,
    template: str = "",
    title: str,
    summary: str = "",
    fields: dict | None = None,
    upload=None,
    reviewer=None,
    signer=None,
    signer_title: str = "",
    capacity: str = Document.Capacity.ON_BEHALF,
    recipients_spec: dict | None = None,
    tasks: str = "",
) -> Document:
    """Start a draft from a template (its sections in `fields`) or from an uploaded DOCX/PDF: version 1."""
    title = " ".join((title or "").split())
    if not perms.can_draft_for(actor, issuer):
        raise ApplicationError("Đồng chí không có quyền soạn văn bản cho đơn vị này.", code="forbidden", field="issuer")
    if not issuer.has_danvan_function:
        raise ApplicationError(
            f"Cơ quan ban hành: {issuer.name} không phải cơ quan làm công tác dân vận; hãy chọn Ban hoặc Khối dân vận.",
            field="issuer",
        )
    doc_type = doc_type_get(doc_type_code)
    if template and template not in TEMPLATES:
        raise ApplicationError("Mẫu văn bản: hãy chọn một mẫu trong danh sách.", field="template")
    if not title:
        raise ApplicationError("Trích yếu: bắt buộc (ví dụ “Tổ chức Tháng Dân vận năm 2027”).", field="title")
    if upload is None and not template_text(TEMPLATES.get(template), fields or {}).strip():
        raise ApplicationError("Nội dung: hãy điền các mục của mẫu hoặc tải lên tệp DOCX/PDF.", field="content")
    recipients_expand(issuer, recipients_spec or {})
    tasks_check(issuer, tasks)
    with transaction.atomic():
        document = Document.objects.create(
            issuer=issuer,
            doc_type=doc_type,
            template=template,
            title=title[:255],
            summary=(summary or "").strip(),
            drafter=actor,
            reviewer=reviewer,
            signer=signer,
            signer_title=signer_title_for(signer, issuer, signer_title)[0]
            if signer
            else (signer_title or "").strip()[:120],
            capacity=capacity or "",
            recipients_spec=recipients_spec or {},
            tasks=tasks or "",
            updated_by=actor,
        )
        version = _version_add(document=document, actor=actor, fields=fields or {}, upload=upload)
        document.search_text = _search_text(title, summary, version.text)
        document.save(update_fields=["search_text"])
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_DRAFTED,
            unit=issuer,
            target=document,
            after={"title": title[:200], "type": doc_type.code, "version": 1},
        )
    return document


def document_revise(
    *,
    actor,
    document: Document,
    expected_version=None,
    title: str,
    summary: str = "",
    fields: dict | None = None,
    upload=None,
    reviewer=None,
    signer=None,
    signer_title: str = "",
    capacity: str = Document.Capacity.ON_BEHALF,
    recipients_spec: dict | None = None,
    tasks: str = "",
    note: str = "",
) -> Document:
    """Save a new version of a draft (edited fields or a new upload), with who and when; audited before/after."""
    title = " ".join((title or "").split())
    if not perms.can_revise(actor, document):
        raise ApplicationError("Dự thảo này không sửa được ở bước hiện tại.", code="forbidden")
    if not title:
        raise ApplicationError("Trích yếu: bắt buộc.", field="title")
    if upload is None and not template_text(TEMPLATES.get(document.template), fields or {}).strip():
        raise ApplicationError("Nội dung: hãy điền các mục của mẫu hoặc tải lên tệp DOCX/PDF.", field="content")
    recipients_expand(document.issuer, recipients_spec or {})
    tasks_check(document.issuer, tasks)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        check_version(locked, expected_version, what="Dự thảo")
        if not perms.can_revise(actor, locked):
            raise ApplicationError("Dự thảo này không sửa được ở bước hiện tại.", code="forbidden")
        before = {
            "title": locked.title,
            "version": locked.versions.count(),
            "signer": locked.signer_id,
            "signer_title": locked.signer_title,
        }
        version = _version_add(document=locked, actor=actor, fields=fields or {}, upload=upload, note=note)
        locked.title = title[:255]
        locked.summary = (summary or "").strip()
        locked.reviewer, locked.signer = reviewer, signer
        locked.signer_title = (
            signer_title_for(signer, locked.issuer, signer_title)[0] if signer else (signer_title or "").strip()[:120]
        )
        locked.capacity = capacity or ""
        locked.recipients_spec = recipients_spec or {}
        locked.tasks = tasks or ""
        locked.search_text = _search_text(title, summary, version.text)
        locked.updated_by = actor
        changed = bump(locked)
        locked.save()
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_REVISED,
            unit=locked.issuer,
            target=locked,
            before=before,
            after={
                "title": locked.title,
                "version": version.number,
                "signer": locked.signer_id,
                "signer_title": locked.signer_title,
            },
            details={"fields": changed},
        )
    return locked


def document_comment(*, actor, document: Document, text: str) -> DocumentComment:
    """A reviewer's comment on the current version."""
    text = (text or "").strip()
    if not perms.can_comment(actor, document):
        raise ApplicationError("Đồng chí không góp ý được cho văn bản này.", code="forbidden")
    if not text:
        raise ApplicationError("Ý kiến: hãy nhập nội dung góp ý.", field="text")
    with transaction.atomic():
        comment = DocumentComment.objects.create(
            document=document,
            version_number=document.versions.aggregate(n=Max("number"))["n"] or 1,
            author=actor,
            text=text[:10_000],
        )
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_COMMENTED,
            unit=document.issuer,
            target=document,
            after={"text": text[:200]},
        )
    return comment


def document_route(*, actor, document: Document, step: str) -> Document:
    """Move a draft along drafter → head of division → signer ("review", "signing"), or back ("draft")."""
    S = Document.Status
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if step == "review":
            if not perms.can_send_for_review(actor, locked):
                raise ApplicationError("Dự thảo không chuyển được ở bước này.", code="forbidden")
            if locked.reviewer_id is None:
                raise ApplicationError("Trưởng phòng duyệt: hãy chọn người duyệt trước khi trình.", field="reviewer")
        elif step == "signing":
            if not perms.can_forward_to_signer(actor, locked):
                raise ApplicationError("Chỉ người duyệt được chọn mới chuyển dự thảo cho người ký.", code="forbidden")
            if locked.signer_id is None:
                raise ApplicationError(
                    "Người ký: chưa chọn người ký; hãy sửa dự thảo và chọn người ký trước khi trình ký.", field="signer"
                )
        elif step == "draft":
            if locked.status not in (S.REVIEW, S.SIGNING) or actor.pk not in (locked.reviewer_id, locked.signer_id):
                raise ApplicationError("Chỉ người duyệt hoặc người ký được trả lại dự thảo.", code="forbidden")
        else:
            raise ApplicationError("Bước chuyển không hợp lệ.", field="step")
        before = locked.status
        locked.status = step
        locked.updated_by = actor
        bump(locked)
        locked.save()
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_ROUTED,
            unit=locked.issuer,
            target=locked,
            before={"status": before},
            after={"status": step},
        )
    return locked


def _signature(document: Document) -> Signature:
    from danvan.documents.generated import current_signer_title

    _superior, short = header_names(document.issuer)
    signer = document.signer
    return Signature(
        capacity=document.capacity,
        collective=short if document.capacity == "T/M" else "",
        head_title="Trưởng ban" if document.issuer.kind != OrgUnit.Kind.MOBILISATION_BLOC else "Trưởng khối",
        # The title the signer holds when the block is printed, not the one noted when they were chosen.
        signer_title=current_signer_title(document),
        signer_name=signer.get_full_name() or signer.get_username(),
    )


def document_sign_issue(*, actor, document: Document, today: dt.date, expected_version=None) -> Document:
    """The signer signs and issues: the next number and today's date from the register, the DOCX in HD 36 layout,
    the recipients and the plan's tasks, all in one transaction; the PDF copy follows as a task. Immutable after."""
    from danvan.documents import generated
    from danvan.documents.numbering import document_issue
    from danvan.reports.documents import Header
    from danvan.workplans.services import task_assign

    if document.signer_id is None:
        raise ApplicationError(
            "Người ký: văn bản chưa có người ký; hãy chọn người ký trong số lãnh đạo của cơ quan ban hành.",
            field="signer",
        )
    if document.status == Document.Status.ISSUED:
        raise ApplicationError(f"Văn bản đã được ban hành: {document.reference}.", field="status")
    if not perms.can_issue(actor, document, today):
        raise ApplicationError(
            "Chỉ người ký được chọn, hoặc người được người ký ủy quyền, mới ban hành văn bản này.", code="forbidden"
        )
    latest = document.latest
    if latest is None or not latest.text.strip():
        raise ApplicationError(
            "Nội dung: bản dự thảo cuối không có nội dung đọc được (PDF); hãy soạn từ mẫu hoặc tải lên DOCX.",
            field="content",
        )
    recipients = recipients_expand(document.issuer, document.recipients_spec)
    rows = task_rows(document.tasks)
    superior, short = header_names(document.issuer)
    signature = _signature(document)

    if document.source_key:
        # A generated document: its own DOCX (tables and all), signed and numbered; nothing left to fill in.
        checked = generated.issue_check(document)

        def build(reference: str) -> bytes:
            return generated.issued_content(checked, reference=reference, today=today)

    else:

        def build(reference: str) -> bytes:
            return render_docx(
                header=Header(
                    superior=superior,
                    issuer=short,
                    reference=reference,
                    place=document_place(document.issuer),
                    date=today,
                ),
                doc_type_name=document.doc_type.name,
                letter=document.doc_type.code == "CV",
                title=document.title,
                body=latest.text,
                sig=signature,
                recipients=[u.name for u in recipients[:12]]
                + ([f"{len(recipients) - 12} đơn vị khác"] if len(recipients) > 12 else []),
            )

        found = gaps(build(draft_reference(document.doc_type.code, "")))
        if found:
            raise ApplicationError(gaps_message(found), field="content")

    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.status == Document.Status.ISSUED:
            # Two clicks (or two signers' pages) at once: the second finds it issued and takes no number.
            raise ApplicationError(f"Văn bản đã được ban hành: {locked.issued.reference}.", field="status")
        check_version(locked, expected_version, what="Văn bản")
        issued = document_issue(
            actor=actor,
            issuer=locked.issuer,
            doc_type=locked.doc_type.code,
            title=locked.title,
            build=build,
            today=today,
            key=locked.source_key or f"document:{locked.public_id}",
            details={"document": str(locked.public_id)},
            source_url=locked.source_url or f"/van-ban/{locked.public_id}/",
        )
        if locked.replaces_id and locked.replaces.issued_id and not hasattr(locked.replaces.issued, "replaced_by"):
            issued.replaces = locked.replaces.issued
            issued.save(update_fields=["replaces"])
        locked.issued = issued
        locked.status = Document.Status.ISSUED
        title_before = locked.signer_title
        # The draft keeps the title the issued file prints (the signer's position may have changed since).
        locked.signer_title = signature.signer_title[:120]
        locked.search_text = _search_text(issued.reference, locked.title, locked.summary, latest.text)
        locked.updated_by = actor
        bump(locked)
        locked.save()
        DocumentRecipient.objects.bulk_create(
            [DocumentRecipient(document=locked, unit=u, issued_on=issued.issued_on) for u in recipients]
        )
        made = 0
        below = set(
            OrgUnitClosure.objects.filter(
                ancestor=assignment_scope(locked.issuer), descendant__in=[u.pk for u in recipients]
            ).values_list("descendant_id", flat=True)
        )
        for code, title, deadline in rows:
            # A task without a unit goes to every recipient below the issuer (every commune of the plan).
            targets = (
                [u for u in recipients if u.pk in below] if code == "" else list(OrgUnit.objects.filter(code=code))
            )
            if not targets:
                raise ApplicationError(
                    f"Nhiệm vụ: không tìm thấy đơn vị {code or '(nơi nhận cấp dưới)'}.", field="tasks"
                )
            for unit in targets:
                task_assign(
                    actor=actor,
                    assigned_by=locked.issuer,
                    assignee=unit,
                    title=f"{title} (theo {issued.reference})",
                    deadline=deadline,
                )
                made += 1
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_SENT,
            unit=locked.issuer,
            target=locked,
            before={"status": Document.Status.SIGNING}
            | ({"signer_title": title_before} if title_before != locked.signer_title else {}),
            after={"reference": issued.reference, "recipients": len(recipients), "tasks": made}
            | ({"signer_title": locked.signer_title} if title_before != locked.signer_title else {}),
        )
        if locked.source_key:
            generated.after_issue(locked, actor=actor)
        transaction.on_commit(lambda: _enqueue_pdf(locked.pk))
    return locked


def _enqueue_pdf(document_id: int) -> None:
    from danvan.documents.tasks import document_pdf_make

    document_pdf_make.enqueue(document_id=document_id)


def document_pdf_attach(*, document_id: int) -> Document | None:
    """Make and keep the PDF copy of an issued document (LibreOffice runs outside the transaction)."""
    from danvan.documents.drafting import pdf_from_docx
    from danvan.documents.signing import pdf_sign

    document = Document.objects.select_related("issued", "issuer", "signer").filter(pk=document_id).first()
    if document is None or document.issued_id is None:
        return None
    pdf = pdf_from_docx(bytes(document.issued.content))
    # The signer's digital signature (PAdES) when a certificate is configured for them; else the plain copy.
    signed = pdf_sign(pdf, user=document.signer, reason=f"Ký ban hành {document.issued.reference}")
    pdf = signed or pdf
    with transaction.atomic():
        updated = Document.objects.filter(pk=document.pk, pdf__isnull=True).update(pdf=pdf)
        if updated:
            audit_record(
                actor=None,
                action=Action.DOCUMENT_PDF_MADE,
                unit=document.issuer,
                target=document,
                after={"bytes": len(pdf), "signed": signed is not None},
                system_label="documents.pdf",
            )
    return document


def document_correct(*, actor, document: Document) -> Document:
    """Start the correction of an issued document: a new draft (copy of the last version) that replaces it once
    issued. The issued file itself never changes."""
    if not perms.can_correct(actor, document):
        raise ApplicationError("Chỉ cán bộ của cơ quan ban hành được soạn văn bản thay thế.", code="forbidden")
    if hasattr(document, "replaced_by"):
        raise ApplicationError(f"Văn bản này đã có văn bản thay thế: {document.replaced_by.title}.", field="replaces")
    latest = document.latest
    with transaction.atomic():
        draft = Document.objects.create(
            issuer=document.issuer,
            doc_type=document.doc_type,
            template=document.template,
            title=document.title,
            summary=document.summary,
            drafter=actor,
            reviewer=document.reviewer,
            signer=document.signer,
            signer_title=document.signer_title,
            capacity=document.capacity,
            recipients_spec=document.recipients_spec,
            tasks="",
            replaces=document,
            search_text=document.search_text,
            updated_by=actor,
        )
        DocumentVersion.objects.create(
            document=draft,
            number=1,
            fields=latest.fields if latest else {},
            text=latest.text if latest else "",
            note=f"Thay thế {document.reference}",
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_DRAFTED,
            unit=document.issuer,
            target=draft,
            after={"title": draft.title[:200], "replaces": document.reference},
        )
    return draft


def document_acknowledge(*, actor, document: Document) -> int:
    """The person's unit(s) among the recipients acknowledge receipt. Returns how many rows were acknowledged."""
    units = perms.receiving_units(actor)
    with transaction.atomic():
        count = DocumentRecipient.objects.filter(
            document=document, unit_id__in=units, acknowledged_at__isnull=True
        ).update(acknowledged_at=timezone.now(), acknowledged_by=actor)
        if count == 0:
            raise ApplicationError(
                "Đơn vị của đồng chí đã tiếp nhận văn bản này, hoặc không phải nơi nhận.", field="ack"
            )
        audit_record(
            actor=actor,
            action=Action.DOCUMENT_ACKNOWLEDGED,
            unit=document.issuer,
            target=document,
            after={"units": count},
        )
    return count


# --- incoming documents -------------------------------------------------------------------------------------------


def incoming_register(
    *,
    actor,
    unit: OrgUnit,
    reference: str,
    dated: dt.date,
    arrived_on: dt.date,
    issuing_body: str,
    summary: str,
    upload=None,
    instruction: str = "",
    handler=None,
    assignees: list[OrgUnit] | None = None,
    deadline: dt.date | None = None,
) -> IncomingDocument:
    """Register a document that arrived from outside danvan with the next arrival number of the unit's year; each
    assigned unit gets a task with the deadline."""
    from danvan.workplans.services import task_assign

    reference, issuing_body, summary = (" ".join((v or "").split()) for v in (reference, issuing_body, summary))
    if not perms.can_register_incoming(actor, unit):
        raise ApplicationError(
            "Đồng chí không có quyền vào sổ văn bản đến của đơn vị này.", code="forbidden", field="unit"
        )
    for value, name, label in (
        (reference, "reference", "Số, ký hiệu"),
        (issuing_body, "issuing_body", "Cơ quan ban hành"),
        (summary, "summary", "Trích yếu"),
    ):
        if not value:
            raise ApplicationError(f"{label}: bắt buộc.", field=name)
    if dated is None or arrived_on is None:
        raise ApplicationError("Ngày văn bản và ngày đến: bắt buộc (dd/mm/yyyy).", field="dated")
    if dated > arrived_on:
        raise ApplicationError("Ngày văn bản: không được sau ngày đến.", field="dated")
    if (assignees or handler) and deadline is None:
        raise ApplicationError("Hạn xử lý: bắt buộc khi giao đơn vị hoặc người xử lý (dd/mm/yyyy).", field="deadline")
    stored = None
    if upload is not None:
        stored, _text = draft_upload(upload, actor=actor, label="Tệp văn bản đến")
    if assignees and not can_edit_unit(actor, unit):
        raise ApplicationError("Chỉ cán bộ, lãnh đạo của đơn vị được giao xử lý.", field="assignees")
    with transaction.atomic():
        # The unit's row lock serialises arrival numbers: two clerks registering at once get 12 and 13.
        OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
        number = (
            IncomingDocument.objects.filter(unit=unit, arrival_year=arrived_on.year).aggregate(n=Max("arrival_number"))[
                "n"
            ]
            or 0
        ) + 1
        if stored is not None:
            stored.save()
        incoming = IncomingDocument.objects.create(
            unit=unit,
            arrival_year=arrived_on.year,
            arrival_number=number,
            arrived_on=arrived_on,
            reference=reference[:64],
            dated=dated,
            issuing_body=issuing_body[:255],
            summary=summary,
            file=stored,
            instruction=(instruction or "").strip(),
            handler=handler,
            deadline=deadline,
            search_text=_search_text(reference, issuing_body, summary, instruction),
            registered_by=actor,
        )
        tasks = [
            task_assign(
                actor=actor,
                assigned_by=unit,
                assignee=assignee,
                title=f"Xử lý văn bản đến số {number} ({reference}): {summary[:150]}",
                expected_output=(instruction or "")[:255],
                deadline=deadline,
            )
            for assignee in assignees or []
        ]
        if tasks:
            incoming.tasks.set(tasks)
        audit_record(
            actor=actor,
            action=Action.INCOMING_REGISTERED,
            unit=unit,
            target=incoming,
            after={"number": number, "reference": reference, "assignees": [u.code for u in assignees or []]},
        )
    return incoming
