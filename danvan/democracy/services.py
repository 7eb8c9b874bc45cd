"""Every write of grassroots democracy: one transaction and one audit event each."""

import datetime as dt
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from danvan.accounts.permissions import can_enter_data
from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold
from danvan.democracy import permissions as perms
from danvan.democracy.models import (
    Base,
    BaseKind,
    Board,
    BoardMember,
    Comment,
    Consultation,
    ConsultationFile,
    Disclosure,
    DisclosureFile,
    DisclosureItem,
    Finding,
    Inspection,
    InspectionResult,
    Matter,
    PostingForm,
    Rule,
)
from danvan.organisations.models import OrgUnit, OrgUnitClosure

MAX_FILES = 10
CONSULTATION_MIN_DAYS = "consultation_min_days"
VOTE_THRESHOLD = "vote_threshold_percent"
VOTE_QUORUM = "vote_quorum_percent"


def rule_value(code: str, default: Decimal) -> Decimal:
    value = Rule.objects.filter(code=code).values_list("value", flat=True).first()
    return default if value is None else value


def _forbidden(what: str = "cơ sở này") -> ApplicationError:
    return ApplicationError(f"Đồng chí không có quyền cập nhật {what}.", code="forbidden")


def _province_of(unit: OrgUnit) -> OrgUnit | None:
    link = OrgUnitClosure.objects.filter(descendant=unit, ancestor__level=OrgUnit.Level.PROVINCE).first()
    return link.ancestor if link else None


def commune_head_unit(unit: OrgUnit) -> OrgUnit | None:
    """The top body of the commune `unit` belongs to (its Đảng ủy), or None if `unit` is not in a commune."""
    if unit.level not in (OrgUnit.Level.COMMUNE, OrgUnit.Level.VILLAGE):
        return None
    link = (
        OrgUnitClosure.objects.filter(descendant=unit, ancestor__level=OrgUnit.Level.COMMUNE)
        .select_related("ancestor")
        .order_by("-depth")
        .first()
    )
    return link.ancestor if link else None


def base_for_commune(*, actor, unit: OrgUnit) -> Base:
    """The commune's base, registered on first use. `unit` is any body of the commune."""
    head = commune_head_unit(unit)
    if head is None or head.admin_unit_id is None:
        raise ApplicationError("Xã/phường: hãy chọn một đơn vị cấp xã.", field="unit")
    existing = Base.objects.filter(kind=BaseKind.COMMUNE, admin_unit_id=head.admin_unit_id).first()
    if existing:
        return existing
    if not can_enter_data(actor, head):
        raise _forbidden()
    with transaction.atomic():
        base, created = Base.objects.get_or_create(
            kind=BaseKind.COMMUNE,
            admin_unit_id=head.admin_unit_id,
            defaults={
                "name": head.admin_unit.name,
                "name_folded": fold(head.admin_unit.name),
                "unit": head,
                "province": _province_of(head),
                "created_by": actor,
            },
        )
        if created:
            audit_record(actor=actor, action=Action.DEMOCRACY_BASE_REGISTERED, unit=head, target=base)
    return base


def base_register(*, actor, kind: str, name: str, unit: OrgUnit) -> Base:
    """Register an agency or enterprise base under the unit that oversees it."""
    if kind not in (BaseKind.AGENCY, BaseKind.ENTERPRISE):
        raise ApplicationError("Loại cơ sở: hãy chọn cơ quan, đơn vị hoặc doanh nghiệp.", field="kind")
    name = " ".join((name or "").split())[:255]
    if not name:
        raise ApplicationError("Tên cơ sở: bắt buộc.", field="name")
    if not can_enter_data(actor, unit):
        raise ApplicationError("Đơn vị quản lý: đồng chí không có quyền với đơn vị này.", field="unit")
    with transaction.atomic():
        base = Base.objects.create(
            kind=kind,
            name=name,
            name_folded=fold(name),
            unit=unit,
            province=_province_of(unit),
            created_by=actor,
        )
        audit_record(actor=actor, action=Action.DEMOCRACY_BASE_REGISTERED, unit=unit, target=base)
    return base


def _stored_files(uploads, *, actor, field: str):
    from danvan.core.files import stored_file_from_upload

    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise ApplicationError(f"Tệp: tối đa {MAX_FILES} tệp một lần.", field=field)
    return [stored_file_from_upload(u, actor=actor, field=field) for u in uploads]


def _clean_forms(forms_used) -> list[str]:
    values = list(dict.fromkeys(forms_used or []))
    bad = [v for v in values if v not in PostingForm.values]
    if bad:
        raise ApplicationError("Hình thức công khai: hãy chọn trong danh sách.", field="forms_used")
    return values


def _check_disclosure(*, base, item, title, start_date, end_date, loudspeaker_days, forms_used):
    if item is None:
        raise ApplicationError("Nội dung công khai: hãy chọn một mục trong danh mục (Điều 11).", field="item")
    if item.base_kind != base.kind or not item.is_active:
        raise ApplicationError("Nội dung công khai: mục này không thuộc danh mục của loại cơ sở này.", field="item")
    if not (title or "").strip():
        raise ApplicationError("Tiêu đề: bắt buộc, ví dụ “Dự toán ngân sách xã năm 2026”.", field="title")
    if start_date is None:
        raise ApplicationError("Ngày bắt đầu công khai: bắt buộc (dd/mm/yyyy).", field="start_date")
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            f"Ngày kết thúc: không được trước ngày bắt đầu ({start_date:%d/%m/%Y}); hãy sửa một trong hai ngày.",
            field="end_date",
        )
    if loudspeaker_days is not None and PostingForm.LOUDSPEAKER not in forms_used:
        raise ApplicationError(
            "Số ngày phát trên loa: chỉ nhập khi có chọn hình thức “Hệ thống loa truyền thanh”.",
            field="loudspeaker_days",
        )


DISCLOSURE_FIELDS = ["item", "title", "forms_used", "loudspeaker_days", "start_date", "end_date", "is_published"]


def disclosure_post(
    *,
    actor,
    base: Base,
    item: DisclosureItem | None,
    title: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    forms_used: list[str] | None = None,
    loudspeaker_days: int | None = None,
    uploads=None,
    publish: bool = False,
) -> Disclosure:
    """Record a disclosure (công khai) of `base`, with its files; published to the portal if `publish`."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    if publish and not perms.can_publish_for(actor, base):
        raise ApplicationError("Đăng lên cổng thông tin: đồng chí không có quyền đăng.", field="publish")
    forms_used = _clean_forms(forms_used)
    _check_disclosure(
        base=base,
        item=item,
        title=title,
        start_date=start_date,
        end_date=end_date,
        loudspeaker_days=loudspeaker_days,
        forms_used=forms_used,
    )
    stored = _stored_files(uploads, actor=actor, field="files")
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            base=base,
            item=item,
            title=" ".join(title.split())[:255],
            forms_used=forms_used,
            loudspeaker_days=loudspeaker_days,
            start_date=start_date,
            end_date=end_date,
            is_published=publish,
            posted_by=actor,
        )
        for f in stored:
            f.save()
            DisclosureFile.objects.create(disclosure=disclosure, file=f)
        audit_record(
            actor=actor,
            action=Action.DISCLOSURE_POSTED,
            unit=base.unit,
            target=disclosure,
            after={**snapshot(disclosure, DISCLOSURE_FIELDS), "files": [f.name for f in stored]},
        )
    return disclosure


def disclosure_update(
    *,
    actor,
    disclosure: Disclosure,
    item: DisclosureItem | None,
    title: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    forms_used: list[str] | None,
    loudspeaker_days: int | None = None,
    uploads=None,
    expected_version=None,
) -> Disclosure:
    """Correct a disclosure; the audit event keeps what it said before (its history)."""
    base = disclosure.base
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    forms_used = _clean_forms(forms_used)
    _check_disclosure(
        base=base,
        item=item,
        title=title,
        start_date=start_date,
        end_date=end_date,
        loudspeaker_days=loudspeaker_days,
        forms_used=forms_used,
    )
    stored = _stored_files(uploads, actor=actor, field="files")
    with transaction.atomic():
        row = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        check_version(row, expected_version, what="Nội dung công khai này")
        before = snapshot(row, DISCLOSURE_FIELDS)
        row.item, row.title, row.forms_used = item, " ".join(title.split())[:255], forms_used
        row.start_date, row.end_date, row.loudspeaker_days = start_date, end_date, loudspeaker_days
        row.updated_by = actor
        row.save(
            update_fields=[
                "item",
                "title",
                "forms_used",
                "start_date",
                "end_date",
                "loudspeaker_days",
                "updated_by",
                *bump(row),
            ]
        )
        for f in stored:
            f.save()
            DisclosureFile.objects.create(disclosure=row, file=f)
        audit_record(
            actor=actor,
            action=Action.DISCLOSURE_UPDATED,
            unit=base.unit,
            target=row,
            before=before,
            after={**snapshot(row, DISCLOSURE_FIELDS), "files_added": [f.name for f in stored]},
        )
    return row


def disclosure_publish(*, actor, disclosure: Disclosure, publish: bool, note: str = "") -> Disclosure:
    """Publish a disclosure on the portal, or withdraw it: a withdrawal leaves a public note."""
    if not perms.can_publish_for(actor, disclosure.base):
        raise _forbidden("việc đăng công khai của cơ sở này")
    note = " ".join((note or "").split())[:255]
    with transaction.atomic():
        row = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        if not publish and row.is_published and not note:
            raise ApplicationError("Lý do gỡ: bắt buộc khi gỡ khỏi cổng thông tin (hiển thị công khai).", field="note")
        row.is_published = publish
        row.withdrawn_note = "" if publish else note
        row.updated_by = actor
        row.save(update_fields=["is_published", "withdrawn_note", "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.DISCLOSURE_PUBLISHED if publish else Action.DISCLOSURE_WITHDRAWN,
            unit=row.base.unit,
            target=row,
            details={"note": note} if note else {},
        )
    return row


def disclosure_item_update(
    *, actor, item: DisclosureItem, title: str, legal_reference: str, min_days, due_days, loudspeaker_days, frequency
) -> DisclosureItem:
    """Correct a catalogue item (the law's wording, figures still unconfirmed)."""
    from danvan.democracy.models import Frequency

    if not perms.can_edit_catalogue(actor):
        raise _forbidden("danh mục công khai")
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError("Nội dung: bắt buộc.", field="title")
    if frequency not in Frequency.values:
        raise ApplicationError("Định kỳ: hãy chọn trong danh sách.", field="frequency")
    fields = ["title", "legal_reference", "min_days", "due_days", "loudspeaker_days", "frequency"]
    with transaction.atomic():
        row = DisclosureItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(row, fields)
        row.title, row.legal_reference = title[:500], (legal_reference or "").strip()[:255]
        row.min_days, row.due_days, row.loudspeaker_days, row.frequency = (
            min_days,
            due_days,
            loudspeaker_days,
            frequency,
        )
        row.save(update_fields=fields)
        audit_record(
            actor=actor, action=Action.DISCLOSURE_ITEM_UPDATED, target=row, before=before, after=snapshot(row, fields)
        )
    return row


# Consultations (tham gia ý kiến)


def consultation_open(
    *,
    actor,
    base: Base,
    title: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    description: str = "",
    uploads=None,
    publish: bool = True,
) -> Consultation:
    """Put a draft out for residents' comments; the comment period is at least the legal minimum (rule data)."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Tên dự thảo: bắt buộc.", field="title")
    if opens_on is None:
        raise ApplicationError("Ngày bắt đầu lấy ý kiến: bắt buộc (dd/mm/yyyy).", field="opens_on")
    if closes_on is None:
        raise ApplicationError("Ngày kết thúc lấy ý kiến: bắt buộc (dd/mm/yyyy).", field="closes_on")
    minimum = int(rule_value(CONSULTATION_MIN_DAYS, Decimal(30)))
    earliest = opens_on + dt.timedelta(days=minimum - 1)
    if closes_on < earliest:
        raise ApplicationError(
            f"Ngày kết thúc lấy ý kiến: thời gian lấy ý kiến tối thiểu là {minimum} ngày; hãy chọn từ ngày "
            f"{earliest:%d/%m/%Y} trở đi.",
            field="closes_on",
        )
    if publish and not perms.can_publish_for(actor, base):
        publish = False
    stored = _stored_files(uploads, actor=actor, field="files")
    with transaction.atomic():
        consultation = Consultation.objects.create(
            base=base,
            title=title,
            description=(description or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            is_published=publish,
            created_by=actor,
        )
        for f in stored:
            f.save()
            ConsultationFile.objects.create(consultation=consultation, file=f)
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_OPENED,
            unit=base.unit,
            target=consultation,
            after=snapshot(consultation, ["title", "opens_on", "closes_on", "is_published"]),
        )
    return consultation


MAX_COMMENT = 4000


def comment_record(*, actor, consultation: Consultation, channel: str, text: str, author_name: str = "") -> Comment:
    """Record a comment collected at a meeting, in a box or in writing (officials' entry: no moderation)."""
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    if channel not in Comment.Channel.values or channel == Comment.Channel.PORTAL:
        raise ApplicationError("Kênh góp ý: hãy chọn hội nghị, hòm thư hoặc văn bản.", field="channel")
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Nội dung góp ý: bắt buộc.", field="text")
    if len(text) > MAX_COMMENT:
        raise ApplicationError(f"Nội dung góp ý: tối đa {MAX_COMMENT} ký tự.", field="text")
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            channel=channel,
            author_name=" ".join((author_name or "").split())[:128],
            text=text,
            moderation=Comment.Moderation.APPROVED,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_COMMENT_ADDED,
            unit=consultation.base.unit,
            target=consultation,
            details={"channel": channel},
        )
    return comment


def comment_moderate(*, actor, comment: Comment, approve: bool) -> Comment:
    """Decide whether a citizen's comment is shown on the portal; audited."""
    consultation = comment.consultation
    if not perms.can_publish_for(actor, consultation.base):
        raise _forbidden("góp ý này")
    with transaction.atomic():
        row = Comment.objects.select_for_update().get(pk=comment.pk)
        before = row.moderation
        row.moderation = Comment.Moderation.APPROVED if approve else Comment.Moderation.REJECTED
        row.save(update_fields=["moderation"])
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_COMMENT_MODERATED,
            unit=consultation.base.unit,
            target=consultation,
            before={"moderation": before},
            after={"moderation": row.moderation, "comment": str(row.public_id)},
        )
    return row


def comment_answer(*, actor, comment: Comment, uptake: str, response: str) -> Comment:
    """How the commune took the comment into account (tiếp thu) or why not (giải trình)."""
    consultation = comment.consultation
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    if uptake not in Comment.Uptake.values or not uptake:
        raise ApplicationError("Tiếp thu: hãy chọn tiếp thu, tiếp thu một phần hoặc giải trình.", field="uptake")
    response = (response or "").strip()
    if uptake != Comment.Uptake.ACCEPTED and not response:
        raise ApplicationError("Giải trình: bắt buộc khi không tiếp thu toàn bộ góp ý.", field="response")
    with transaction.atomic():
        row = Comment.objects.select_for_update().get(pk=comment.pk)
        before = snapshot(row, ["uptake", "response"])
        row.uptake, row.response = uptake, response[:MAX_COMMENT]
        row.save(update_fields=["uptake", "response"])
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_COMMENT_ANSWERED,
            unit=consultation.base.unit,
            target=consultation,
            before=before,
            after=snapshot(row, ["uptake", "response"]),
        )
    return row


def consultation_summarise(
    *, actor, consultation: Consultation, uptake_summary: str, expected_version=None
) -> Consultation:
    """The commune's summary of how the comments were taken into account; public once the consultation closes."""
    if not perms.can_record_for(actor, consultation.base):
        raise _forbidden()
    with transaction.atomic():
        row = Consultation.objects.select_for_update().get(pk=consultation.pk)
        check_version(row, expected_version, what="Dự thảo lấy ý kiến này")
        before = snapshot(row, ["uptake_summary"])
        row.uptake_summary = (uptake_summary or "").strip()
        row.updated_by = actor
        row.save(update_fields=["uptake_summary", "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.CONSULTATION_SUMMARISED,
            unit=row.base.unit,
            target=row,
            before=before,
            after=snapshot(row, ["uptake_summary"]),
        )
    return row


# Matters residents decide (dân bàn và quyết định)


def vote_result(
    *, eligible: int, turnout: int, votes_for: int, quorum_percent: Decimal, threshold_percent: Decimal
) -> str:
    """The outcome, from the figures only: below the quorum nothing is decided; else approved when the votes for
    are strictly more than `threshold_percent` of the eligible households."""
    if eligible <= 0 or turnout * 100 <= quorum_percent * eligible:
        return Matter.Result.NOT_DECIDED
    if votes_for * 100 > threshold_percent * eligible:
        return Matter.Result.APPROVED
    return Matter.Result.REJECTED


def _percent(value, field: str, label: str) -> Decimal:
    if value is None:
        raise ApplicationError(f"{label}: bắt buộc (0–100).", field=field)
    value = Decimal(value)
    if not 0 <= value < 100:
        raise ApplicationError(f"{label}: phải từ 0 đến dưới 100 (%).", field=field)
    return value


def matter_create(
    *,
    actor,
    base: Base,
    title: str,
    subject: str,
    method: str,
    village: OrgUnit | None = None,
    description: str = "",
    quorum_percent=None,
    threshold_percent=None,
) -> Matter:
    """Put a matter to the residents' decision, in one thôn/TDP or the whole commune."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Nội dung quyết định: bắt buộc.", field="title")
    if subject not in Matter.Subject.values:
        raise ApplicationError("Loại việc: hãy chọn trong danh sách (Điều 15).", field="subject")
    if method not in Matter.Method.values:
        raise ApplicationError("Hình thức quyết định: hãy chọn trong danh sách.", field="method")
    if village is not None and not OrgUnitClosure.objects.filter(ancestor=base.unit, descendant=village).exists():
        raise ApplicationError("Thôn, tổ dân phố: hãy chọn một thôn của xã này, hoặc để trống.", field="village")
    if quorum_percent is None:
        quorum_percent = rule_value(VOTE_QUORUM, Decimal(50))
    if threshold_percent is None:
        threshold_percent = rule_value(VOTE_THRESHOLD, Decimal(50))
    quorum = _percent(quorum_percent, "quorum_percent", "Tỷ lệ tham gia tối thiểu")
    threshold = _percent(threshold_percent, "threshold_percent", "Tỷ lệ tán thành")
    with transaction.atomic():
        matter = Matter.objects.create(
            base=base,
            title=title,
            subject=subject,
            method=method,
            village=village,
            description=(description or "").strip(),
            quorum_percent=quorum,
            threshold_percent=threshold,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.MATTER_CREATED,
            unit=base.unit,
            target=matter,
            after={
                **snapshot(matter, ["title", "subject", "method", "village"]),
                "quorum_percent": str(quorum),
                "threshold_percent": str(threshold),
            },
        )
    return matter


VOTE_FIELDS = ["voted_on", "eligible_households", "turnout", "votes_for", "votes_against", "result"]


def matter_vote_record(
    *,
    actor,
    matter: Matter,
    voted_on: dt.date | None,
    eligible_households: int | None,
    turnout: int | None,
    votes_for: int | None,
    votes_against: int | None,
    expected_version=None,
    today: dt.date | None = None,
) -> Matter:
    """Record the household vote's figures; the result is computed from them. Figures that do not add up are
    refused, naming the field."""
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, matter.base):
        raise _forbidden()
    labels = {
        "eligible_households": "Số hộ có quyền tham gia",
        "turnout": "Số hộ tham gia",
        "votes_for": "Số hộ tán thành",
        "votes_against": "Số hộ không tán thành",
    }
    figures = {
        "eligible_households": eligible_households,
        "turnout": turnout,
        "votes_for": votes_for,
        "votes_against": votes_against,
    }
    for name, value in figures.items():
        if value is None:
            raise ApplicationError(f"{labels[name]}: bắt buộc (số nguyên ≥ 0).", field=name)
        if value < 0:
            raise ApplicationError(f"{labels[name]}: không được âm.", field=name)
    if voted_on is None:
        raise ApplicationError("Ngày biểu quyết: bắt buộc (dd/mm/yyyy).", field="voted_on")
    if voted_on > today:
        raise ApplicationError("Ngày biểu quyết: không được sau hôm nay.", field="voted_on")
    if eligible_households == 0:
        raise ApplicationError("Số hộ có quyền tham gia: phải lớn hơn 0.", field="eligible_households")
    if turnout > eligible_households:
        raise ApplicationError(
            f"Số hộ tham gia ({turnout}) lớn hơn số hộ có quyền tham gia ({eligible_households}); hãy kiểm tra lại.",
            field="turnout",
        )
    if votes_for + votes_against > turnout:
        raise ApplicationError(
            f"Số hộ tán thành + không tán thành ({votes_for + votes_against}) lớn hơn số hộ tham gia ({turnout}); "
            f"hãy kiểm tra lại.",
            field="votes_against",
        )
    with transaction.atomic():
        row = Matter.objects.select_for_update().get(pk=matter.pk)
        check_version(row, expected_version, what="Kết quả biểu quyết này")
        before = snapshot(row, VOTE_FIELDS)
        row.voted_on = voted_on
        row.eligible_households, row.turnout = eligible_households, turnout
        row.votes_for, row.votes_against = votes_for, votes_against
        row.result = vote_result(
            eligible=eligible_households,
            turnout=turnout,
            votes_for=votes_for,
            quorum_percent=row.quorum_percent,
            threshold_percent=row.threshold_percent,
        )
        row.updated_by = actor
        row.save(update_fields=[*VOTE_FIELDS, "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.MATTER_VOTE_RECORDED,
            unit=row.base.unit,
            target=row,
            before=before,
            after=snapshot(row, VOTE_FIELDS),
        )
    return row


def _publish(*, actor, model, row, publish: bool, note: str, action_on, action_off, what: str):
    """Publish a record on the portal, or withdraw it: a withdrawal needs a reason, shown publicly."""
    if not perms.can_publish_for(actor, row.base):
        raise _forbidden("việc đăng công khai của cơ sở này")
    note = " ".join((note or "").split())[:255]
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=row.pk)
        if not publish and locked.is_published and not note:
            raise ApplicationError(
                f"Lý do gỡ {what}: bắt buộc khi gỡ khỏi cổng thông tin (hiển thị công khai).", field="note"
            )
        locked.is_published = publish
        locked.withdrawn_note = "" if publish else note
        fields = ["is_published", "withdrawn_note", *bump(locked)]
        if hasattr(locked, "updated_by"):
            locked.updated_by = actor
            fields.append("updated_by")
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=action_on if publish else action_off,
            unit=locked.base.unit,
            target=locked,
            details={"note": note} if note else {},
        )
    return locked


def consultation_publish(*, actor, consultation: Consultation, publish: bool, note: str = "") -> Consultation:
    return _publish(
        actor=actor,
        model=Consultation,
        row=consultation,
        publish=publish,
        note=note,
        action_on=Action.CONSULTATION_PUBLISHED,
        action_off=Action.CONSULTATION_WITHDRAWN,
        what="dự thảo",
    )


def matter_publish(*, actor, matter: Matter, publish: bool, note: str = "") -> Matter:
    return _publish(
        actor=actor,
        model=Matter,
        row=matter,
        publish=publish,
        note=note,
        action_on=Action.MATTER_PUBLISHED,
        action_off=Action.MATTER_WITHDRAWN,
        what="kết quả",
    )


def matter_recognise(*, actor, matter: Matter, reference: str, recognised_on: dt.date | None, today=None) -> Matter:
    """The commune recognises an approved result (công nhận kết quả): its decision's reference and date."""
    today = today or timezone.localdate()
    if not perms.can_publish_for(actor, matter.base):
        raise _forbidden("việc công nhận kết quả của cơ sở này")
    reference = " ".join((reference or "").split())[:128]
    if not reference:
        raise ApplicationError("Số, ký hiệu quyết định công nhận: bắt buộc, ví dụ 25/QĐ-UBND.", field="reference")
    if recognised_on is None:
        raise ApplicationError("Ngày công nhận: bắt buộc (dd/mm/yyyy).", field="recognised_on")
    with transaction.atomic():
        row = Matter.objects.select_for_update().get(pk=matter.pk)
        if row.result != Matter.Result.APPROVED:
            raise ApplicationError(
                "Công nhận kết quả: chỉ công nhận khi nội dung đã được thông qua; hãy nhập kết quả biểu quyết trước.",
                field="reference",
            )
        if row.voted_on and recognised_on < row.voted_on:
            raise ApplicationError(
                f"Ngày công nhận: không được trước ngày biểu quyết ({row.voted_on:%d/%m/%Y}).", field="recognised_on"
            )
        if recognised_on > today:
            raise ApplicationError("Ngày công nhận: không được sau hôm nay.", field="recognised_on")
        before = snapshot(row, ["recognised_on", "recognition_reference"])
        row.recognised_on, row.recognition_reference = recognised_on, reference
        row.updated_by = actor
        row.save(update_fields=["recognised_on", "recognition_reference", "updated_by", *bump(row)])
        audit_record(
            actor=actor,
            action=Action.MATTER_RECOGNISED,
            unit=row.base.unit,
            target=row,
            before=before,
            after=snapshot(row, ["recognised_on", "recognition_reference"]),
        )
    return row


# Inspection and supervision (Ban TTND, Ban GSĐTCĐ)

TTND_MIN_MEMBERS = "ttnd_min_members"


def board_create(
    *, actor, base: Base, kind: str, term_start: dt.date | None, term_end: dt.date | None = None, project: str = ""
) -> Board:
    """Set up a board. A commune has one Ban TTND at a time: a second whose term overlaps is refused."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    if kind not in Board.Kind.values:
        raise ApplicationError(
            "Loại ban: hãy chọn Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng.", field="kind"
        )
    project = " ".join((project or "").split())[:255]
    if kind == Board.Kind.INVESTMENT and not project:
        raise ApplicationError(
            "Công trình, dự án giám sát: bắt buộc với Ban Giám sát đầu tư của cộng đồng.", field="project"
        )
    if term_start is None:
        raise ApplicationError("Nhiệm kỳ từ ngày: bắt buộc (dd/mm/yyyy).", field="term_start")
    if term_end is not None and term_end < term_start:
        raise ApplicationError(
            f"Nhiệm kỳ đến ngày: không được trước ngày bắt đầu ({term_start:%d/%m/%Y}).", field="term_end"
        )
    with transaction.atomic():
        if kind == Board.Kind.INSPECTION:
            overlapping = (
                Board.objects.select_for_update()
                .filter(base=base, kind=kind)
                .filter(models.Q(term_end__isnull=True) | models.Q(term_end__gte=term_start))
            )
            if term_end is not None:
                overlapping = overlapping.filter(term_start__lte=term_end)
            if overlapping.exists():
                raise ApplicationError(
                    "Nhiệm kỳ: mỗi xã chỉ có một Ban Thanh tra nhân dân; nhiệm kỳ này trùng với ban hiện có.",
                    field="term_start",
                )
        board = Board.objects.create(
            base=base, kind=kind, project=project, term_start=term_start, term_end=term_end, created_by=actor
        )
        audit_record(
            actor=actor,
            action=Action.BOARD_CREATED,
            unit=base.unit,
            target=board,
            after=snapshot(board, ["kind", "project", "term_start", "term_end"]),
        )
    return board


def board_member_add(
    *, actor, board: Board, full_name: str, position: str = "", village: OrgUnit | None = None, start_date=None
) -> BoardMember:
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    name = " ".join((full_name or "").split())[:128]
    if not name:
        raise ApplicationError("Họ và tên thành viên: bắt buộc.", field="full_name")
    if village is not None and not OrgUnitClosure.objects.filter(ancestor=board.base.unit, descendant=village).exists():
        raise ApplicationError("Thôn, tổ dân phố: hãy chọn một thôn của xã này, hoặc để trống.", field="village")
    start_date = start_date or board.term_start
    with transaction.atomic():
        member = BoardMember.objects.create(
            board=board,
            full_name=name,
            position=" ".join((position or "").split())[:64] or "Thành viên",
            village=village,
            start_date=start_date,
        )
        audit_record(
            actor=actor, action=Action.BOARD_MEMBER_ADDED, unit=board.base.unit, target=board, after={"member": name}
        )
    return member


def board_member_end(*, actor, member: BoardMember, end_date: dt.date | None) -> BoardMember:
    board = member.board
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    if end_date is None or end_date < member.start_date:
        raise ApplicationError(
            f"Ngày thôi làm thành viên: bắt buộc, không trước {member.start_date:%d/%m/%Y}.", field="end_date"
        )
    with transaction.atomic():
        member.end_date = end_date
        member.save(update_fields=["end_date"])
        audit_record(
            actor=actor,
            action=Action.BOARD_MEMBER_ENDED,
            unit=board.base.unit,
            target=board,
            after={"member": member.full_name, "end_date": end_date.isoformat()},
        )
    return member


def finding_record(
    *,
    actor,
    board: Board,
    subject: str,
    found_on: dt.date | None,
    finding: str,
    recommendation: str = "",
    publish: bool = False,
    today=None,
) -> Finding:
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, board.base):
        raise _forbidden()
    subject = " ".join((subject or "").split())[:255]
    if not subject:
        raise ApplicationError("Công trình, nội dung giám sát: bắt buộc.", field="subject")
    if found_on is None or found_on > today:
        raise ApplicationError("Ngày giám sát: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="found_on")
    finding = (finding or "").strip()
    if not finding:
        raise ApplicationError("Kết quả giám sát: bắt buộc.", field="finding")
    if publish and not perms.can_publish_for(actor, board.base):
        publish = False
    with transaction.atomic():
        row = Finding.objects.create(
            board=board,
            subject=subject,
            found_on=found_on,
            finding=finding,
            recommendation=(recommendation or "").strip(),
            is_published=publish,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.FINDING_RECORDED,
            unit=board.base.unit,
            target=row,
            after=snapshot(row, ["subject", "found_on", "is_published"]),
        )
    return row


def finding_answer(
    *, actor, finding: Finding, answer: str, answered_on: dt.date | None, is_resolved: bool, today=None
) -> Finding:
    """The commune's answer to a board's recommendation, and whether it was resolved."""
    today = today or timezone.localdate()
    if not perms.can_record_for(actor, finding.board.base):
        raise _forbidden()
    answer = (answer or "").strip()
    if not answer:
        raise ApplicationError("Nội dung trả lời: bắt buộc.", field="answer")
    if answered_on is None or answered_on > today or answered_on < finding.found_on:
        raise ApplicationError(
            f"Ngày trả lời: bắt buộc, từ {finding.found_on:%d/%m/%Y} đến hôm nay (dd/mm/yyyy).", field="answered_on"
        )
    fields = ["answer", "answered_on", "is_resolved"]
    with transaction.atomic():
        row = Finding.objects.select_for_update().get(pk=finding.pk)
        before = snapshot(row, fields)
        row.answer, row.answered_on, row.is_resolved = answer, answered_on, bool(is_resolved)
        row.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=Action.FINDING_ANSWERED,
            unit=row.board.base.unit,
            target=row,
            before=before,
            after=snapshot(row, fields),
        )
    return row


# Inspections of how grassroots democracy is carried out (by the level above)


def inspection_plan(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    planned_from: dt.date | None,
    planned_to: dt.date | None,
    bases: list[Base],
    reinspection_of: Inspection | None = None,
) -> Inspection:
    """Plan an inspection by `unit` of bases below it."""
    from danvan.accounts.permissions import can_edit_unit
    from danvan.organisations.selectors import orgunit_is_within

    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đơn vị kiểm tra: đồng chí không có quyền với đơn vị này.", field="unit")
    title = " ".join((title or "").split())[:255]
    if not title:
        raise ApplicationError("Tên đợt kiểm tra: bắt buộc.", field="title")
    if planned_from is None or planned_to is None:
        raise ApplicationError("Thời gian kiểm tra: nhập cả từ ngày và đến ngày (dd/mm/yyyy).", field="planned_to")
    if planned_to < planned_from:
        raise ApplicationError(
            f"Đến ngày: không được trước ngày bắt đầu ({planned_from:%d/%m/%Y}).", field="planned_to"
        )
    if not bases:
        raise ApplicationError("Cơ sở được kiểm tra: hãy chọn ít nhất một cơ sở.", field="bases")
    outside = [b.name for b in bases if b.unit_id == unit.pk or not orgunit_is_within(b.unit, unit)]
    if outside:
        raise ApplicationError(
            f"Cơ sở được kiểm tra: {', '.join(outside)} không thuộc cấp dưới của {unit.name}.", field="bases"
        )
    with transaction.atomic():
        inspection = Inspection.objects.create(
            unit=unit,
            title=title,
            planned_from=planned_from,
            planned_to=planned_to,
            reinspection_of=reinspection_of,
            created_by=actor,
        )
        inspection.bases.set(bases)
        audit_record(
            actor=actor,
            action=Action.INSPECTION_PLANNED,
            unit=unit,
            target=inspection,
            after={"title": title, "bases": [b.name for b in bases]},
        )
    return inspection


def inspection_result_record(
    *,
    actor,
    inspection: Inspection,
    base: Base | None,
    inspected_on: dt.date | None,
    findings: str,
    remedy: str = "",
    remedy_deadline: dt.date | None = None,
    today=None,
) -> InspectionResult:
    """Record what the inspection found at one base; a required remedy becomes a task of the base's unit, assigned
    by the inspecting unit, followed like any other task."""
    from danvan.accounts.permissions import can_edit_unit
    from danvan.workplans.services import task_assign

    today = today or timezone.localdate()
    if not can_edit_unit(actor, inspection.unit):
        raise _forbidden("đợt kiểm tra này")
    if base is None or not inspection.bases.filter(pk=base.pk).exists():
        raise ApplicationError("Cơ sở: hãy chọn một cơ sở trong danh sách của đợt kiểm tra.", field="base")
    if inspected_on is None or inspected_on > today:
        raise ApplicationError("Ngày kiểm tra: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="inspected_on")
    findings = (findings or "").strip()
    if not findings:
        raise ApplicationError("Kết quả kiểm tra: bắt buộc.", field="findings")
    remedy = (remedy or "").strip()
    if remedy and remedy_deadline is None:
        raise ApplicationError(
            "Thời hạn khắc phục: bắt buộc khi có yêu cầu khắc phục (dd/mm/yyyy).", field="remedy_deadline"
        )
    if remedy_deadline is not None and remedy_deadline < inspected_on:
        raise ApplicationError(
            f"Thời hạn khắc phục: không được trước ngày kiểm tra ({inspected_on:%d/%m/%Y}).", field="remedy_deadline"
        )
    if InspectionResult.objects.filter(inspection=inspection, base=base).exists():
        raise ApplicationError(f"Cơ sở: đã nhập kết quả kiểm tra {base.name} trong đợt này.", field="base")
    with transaction.atomic():
        task = None
        if remedy:
            task = task_assign(
                actor=actor,
                assigned_by=inspection.unit,
                assignee=base.unit,
                title=f"Khắc phục sau kiểm tra thực hiện dân chủ ở cơ sở: {remedy}"[:255],
                deadline=remedy_deadline,
                expected_output="Báo cáo kết quả khắc phục",
            )
        result = InspectionResult.objects.create(
            inspection=inspection,
            base=base,
            inspected_on=inspected_on,
            findings=findings,
            remedy=remedy,
            remedy_deadline=remedy_deadline,
            task=task,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=Action.INSPECTION_RESULT_RECORDED,
            unit=inspection.unit,
            target=inspection,
            after={"base": base.name, "remedy": remedy, "task": task.pk if task else None},
        )
    return result


def inspection_reinspect(*, actor, inspection: Inspection, planned_from, planned_to) -> Inspection:
    """A re-inspection of the bases that were asked for a remedy."""
    bases = list(Base.objects.filter(inspection_results__inspection=inspection).exclude(inspection_results__remedy=""))
    if not bases:
        raise ApplicationError("Tái kiểm tra: không có cơ sở nào phải khắc phục trong đợt này.", field="planned_from")
    return inspection_plan(
        actor=actor,
        unit=inspection.unit,
        title=f"Tái kiểm tra: {inspection.title}",
        planned_from=planned_from,
        planned_to=planned_to,
        bases=bases,
        reinspection_of=inspection,
    )
