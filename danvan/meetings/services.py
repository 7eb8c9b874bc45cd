"""Meetings: schedule, record the outcome (each conclusion becomes a task), issue the conclusion notice."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from danvan.accounts.permissions import assignment_scope, can_assign_to, can_edit_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.meetings.models import Attendance, Conclusion, Meeting
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_is_within


def _check_chairs(chairs: list[dict]) -> list[dict]:
    cleaned = []
    for chair in chairs or []:
        name, title = " ".join(str(chair.get("name", "")).split()), " ".join(str(chair.get("title", "")).split())
        if name:
            cleaned.append({"name": name, "title": title})
    return cleaned


def meeting_schedule(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    chairs: list[dict] | None = None,
    invited: list[OrgUnit] | None = None,
    agenda: str = "",
    period=None,
    invited_people: str = "",
) -> Meeting:
    title = " ".join((title or "").split())
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền tổ chức hội nghị cho đơn vị này.", code="forbidden")
    if kind not in Meeting.Kind.values:
        raise ApplicationError("Loại hội nghị: chọn trong danh sách.", field="kind")
    if not title:
        raise ApplicationError("Tên hội nghị: bắt buộc.", field="title")
    if starts_at is None or ends_at is None:
        raise ApplicationError("Thời gian: nhập giờ bắt đầu và kết thúc (dd/mm/yyyy hh:mm).", field="starts_at")
    if ends_at < starts_at:
        raise ApplicationError("Kết thúc: phải sau giờ bắt đầu.", field="ends_at")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            unit=unit,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=(place or "").strip(),
            chairs=_check_chairs(chairs),
            agenda=(agenda or "").strip(),
            period=period,
            invited_people=(invited_people or "").strip(),
            created_by=actor,
        )
        if invited:
            meeting.invited_units.set(invited)
        audit_record(
            actor=actor,
            action=Action.MEETING_SCHEDULED,
            unit=unit,
            target=meeting,
            after={"title": title, "kind": kind, "starts_at": starts_at.isoformat()},
        )
    return meeting


@dataclass
class ConclusionInput:
    text: str
    assignee: OrgUnit | None
    deadline: dt.date | None
    # The conclusion this row corrects, when the page knows it (a row editor); else rows are matched by text.
    conclusion_id: int | None = None


def _match_conclusions(existing: list[Conclusion], items: list[ConclusionInput]) -> dict[int, Conclusion]:
    """Which stored conclusion each new row corrects (row index → conclusion).

    Rows that name their conclusion are matched by id. Others: first the same text (a row left as it was), then the
    remaining rows in order against the remaining conclusions in order (a row whose wording was corrected).
    Conclusions left without a row were removed."""
    by_id = {c.pk: c for c in existing}
    matched: dict[int, Conclusion] = {}
    for index, item in enumerate(items):
        if item.conclusion_id is not None:
            if item.conclusion_id not in by_id:
                raise ApplicationError(f"Kết luận {index + 1}: không thuộc hội nghị này.", field="conclusions")
            matched[index] = by_id[item.conclusion_id]
    free = [c for c in existing if c not in matched.values()]
    for index, item in enumerate(items):
        if index in matched or item.conclusion_id is not None:
            continue
        same = next((c for c in free if c.text == item.text.strip()), None)
        if same is not None:
            matched[index] = same
            free.remove(same)
    rest = [i for i, item in enumerate(items) if i not in matched and item.conclusion_id is None]
    for index, conclusion in zip(rest, list(free), strict=False):
        matched[index] = conclusion
    return matched


def _conclusion_snapshot(meeting: Meeting) -> list[dict]:
    return [
        {
            "text": c.text[:200],
            "assignee": c.task.assignee.code if c.task else None,
            "deadline": c.task.deadline.isoformat() if c.task else None,
        }
        for c in meeting.conclusions.select_related("task__assignee").order_by("order")
    ]


def _sync_conclusions(*, actor, meeting: Meeting, conclusions: list[ConclusionInput]) -> None:
    """Make the meeting's conclusions the given list: kept rows are corrected in place and their task follows;
    new rows are added (a task when assigned); removed rows go and their open task is cancelled."""
    from danvan.workplans.models import Task
    from danvan.workplans.services import task_assign, task_cancel, task_revise

    existing = list(meeting.conclusions.select_related("task").order_by("order"))
    matched = _match_conclusions(existing, conclusions)
    kept = {c.pk for c in matched.values()}
    for conclusion in existing:
        if conclusion.pk not in kept:
            if conclusion.task is not None and conclusion.task.is_open:
                task_cancel(actor=actor, task=conclusion.task, reason="Kết luận đã bỏ khỏi kết quả hội nghị.")
            conclusion.delete()
    for order, item in enumerate(conclusions, start=1):
        text = item.text.strip()
        conclusion = matched.get(order - 1)
        task = conclusion.task if conclusion is not None else None
        if task is not None and task.status == Task.Status.CANCELLED:
            task = None
        if item.assignee is not None and task is not None:
            task_revise(actor=actor, task=task, title=text, assignee=item.assignee, deadline=item.deadline)
        elif item.assignee is not None:
            task = task_assign(
                actor=actor, assigned_by=meeting.unit, assignee=item.assignee, title=text, deadline=item.deadline
            )
        elif task is not None:
            task_cancel(actor=actor, task=task, reason="Kết luận không còn giao cho đơn vị.")
            task = None
        if conclusion is None:
            Conclusion.objects.create(meeting=meeting, order=order, text=text, task=task)
        else:
            conclusion.order, conclusion.text = order, text
            conclusion.task = task if task is not None else conclusion.task
            conclusion.save(update_fields=["order", "text", "task"])


def meeting_record_outcome(
    *,
    actor,
    meeting: Meeting,
    minutes: str,
    conclusions: list[ConclusionInput],
    attendance: list[tuple[OrgUnit | None, str, int]] | None = None,
    commendations: str = "",
    proposals: str = "",
    expected_version: str | int | None = None,
) -> Meeting:
    """Minutes, attendance, and the chair's conclusions; each conclusion with an assignee becomes a task of
    the meeting's unit. Every conclusion is checked before anything is written.

    Saving again corrects the outcome: `conclusions` is the whole list as it should now be (see
    `_sync_conclusions`), never appended. `expected_version` is the meeting's version the page was opened with
    (core.locking): if someone saved in between, nothing is written."""
    if not can_edit_unit(actor, meeting.unit):
        raise ApplicationError("Đồng chí không có quyền ghi kết quả hội nghị này.", code="forbidden")
    errors = []
    for number, item in enumerate(conclusions, start=1):
        if not item.text.strip():
            errors.append(f"Kết luận {number}: nội dung trống.")
        if item.assignee is not None and not can_assign_to(meeting.unit, item.assignee):
            errors.append(f"Kết luận {number}: {item.assignee.name} không thuộc {assignment_scope(meeting.unit).name}.")
        if item.assignee is not None and item.deadline is None:
            errors.append(f"Kết luận {number}: cần thời hạn khi giao cho đơn vị.")
    if errors:
        raise ApplicationError(" ".join(errors), field="conclusions", extra={"errors": errors})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        check_version(meeting, expected_version, what="Kết quả hội nghị")
        before = {
            "version": meeting.version,
            "minutes": meeting.minutes,
            "conclusions": _conclusion_snapshot(meeting),
        }
        meeting.minutes, meeting.commendations, meeting.proposals = (
            minutes.strip(),
            commendations.strip(),
            proposals.strip(),
        )
        meeting.status = Meeting.Status.HELD
        meeting.updated_by = actor
        changed = bump(meeting)
        meeting.save(update_fields=["minutes", "commendations", "proposals", "status", "updated_by", *changed])
        if attendance is not None:
            meeting.attendance.all().delete()
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, unit=u, site=site, people=people) for u, site, people in attendance]
            )
        _sync_conclusions(actor=actor, meeting=meeting, conclusions=conclusions)
        audit_record(
            actor=actor,
            action=Action.MEETING_RECORDED,
            unit=meeting.unit,
            target=meeting,
            before=before if before["conclusions"] or before["minutes"] else None,
            after={
                "version": meeting.version,
                "minutes": meeting.minutes,
                "conclusions": _conclusion_snapshot(meeting),
                "attendance": len(attendance or []),
            },
        )
    return meeting


def conclusion_notice_draft(*, actor, meeting: Meeting, today: dt.date):
    """The "Thông báo kết luận" of a held meeting in Party format, put into its draft in the documents app (one per
    meeting); the signer issues it there and the TB register gives its number then."""
    from danvan.documents.generated import generated_draft
    from danvan.documents.heading import document_place, header_names, issuer_for
    from danvan.reports.documents import Header, party_notice_docx

    if not can_edit_unit(actor, meeting.unit):
        raise ApplicationError("Đồng chí không có quyền ban hành thông báo của đơn vị này.", code="forbidden")
    conclusions = list(meeting.conclusions.select_related("task__assignee"))
    if not conclusions:
        raise ApplicationError("Hội nghị chưa có kết luận nào để thông báo.", field="conclusions")
    issuer = issuer_for(meeting.unit)
    superior, short = header_names(issuer)
    chair = meeting.chairs[0] if meeting.chairs else None
    by_whom = f"đồng chí {chair['name']}, {chair['title']}" if chair else "đồng chí chủ trì"
    subject = f"Kết luận của {by_whom} tại {meeting.title}"
    started = meeting.starts_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
    opening = (
        f"Ngày {started:%d/%m/%Y}, tại {meeting.place or 'hội trường'}, {meeting.unit.name} tổ chức "
        f"{meeting.title}. Sau khi nghe báo cáo và ý kiến của các đại biểu, {by_whom} kết luận như sau:"
    )
    items = [
        c.text + (f" (Giao {c.task.assignee.name} chủ trì; thời hạn {c.task.deadline:%d/%m/%Y}.)" if c.task else "")
        for c in conclusions
    ]

    def build(reference: str) -> bytes:
        return party_notice_docx(
            header=Header(
                superior=superior, issuer=short, reference=reference, place=document_place(meeting.unit), date=today
            ),
            subject=subject,
            opening=opening,
            items=items,
            closing=f"{short} thông báo để các cơ quan, đơn vị biết, thực hiện.",
            signer_title="T/L " + short,
            recipients=[u.name for u in meeting.invited_units.all()[:8]],
        )

    return generated_draft(
        actor=actor,
        issuer=issuer,
        doc_type_code="TB",
        title=subject,
        build=build,
        key=f"meeting:{meeting.public_id}",
        source_url=f"/hoi-nghi/{meeting.public_id}/",
    )


KIND_FROM_EVENT = {"giao_ban": "giao_ban", "so_ket": "so_ket", "tong_ket": "tong_ket"}
PERIOD_PATTERNS = {"Q": "quarter", "H": "half", "9M": "nine"}


def _period_from_record(value: str | None):
    """ "2021-Q1" → quarter 1 of 2021; "2021-H1" → 6 months; "2021-9M" → 9 months; "2021" → the year."""
    from danvan.reports.periods import period_get_or_create

    if not value:
        return None
    year, _sep, rest = value.partition("-")
    if not year.isdigit() or len(year) != 4:
        return None
    if not rest:
        return period_get_or_create("year", int(year), 1)
    if rest.startswith("Q") and rest[1:].isdigit():
        return period_get_or_create("quarter", int(year), int(rest[1:]))
    if rest in {"H1", "9M"}:
        return period_get_or_create("half" if rest == "H1" else "nine", int(year), 1)
    return None


def meeting_from_ingest(*, actor, record) -> Meeting:
    """A held meeting from a confirmed ingested record: type, date, place, chairs, the period it reviewed, and
    the tasks it stated as conclusions (history: no task is assigned from them)."""
    from danvan.ingest.models import EVENT_TYPE_LABELS

    unit = record.document.unit
    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền tạo hội nghị cho đơn vị này.", code="forbidden")
    if record.status != "confirmed":
        raise ApplicationError("Bản ghi chưa được xác nhận: kiểm tra, sửa và xác nhận trước.", code="not_confirmed")
    if Meeting.objects.filter(source_record=record).exists():
        raise ApplicationError("Bản ghi này đã được tạo thành hội nghị.", code="duplicate")
    data = record.current
    if record.event_date is None:
        raise ApplicationError(
            "Ngày hội nghị chưa xác định: sửa ngày trong bản ghi rồi xác nhận lại.", field="event_date"
        )
    label = str(EVENT_TYPE_LABELS.get(data.get("event_type"), "Hội nghị"))
    title = data.get("title") or f"{label} {data.get('organizer') or unit.name}".strip()
    tz = dt.timezone(dt.timedelta(hours=7))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            unit=unit,
            kind=KIND_FROM_EVENT.get(data.get("event_type"), Meeting.Kind.THEMATIC),
            title=title[:255],
            starts_at=dt.datetime.combine(record.event_date, dt.time(8, 0), tzinfo=tz),
            ends_at=dt.datetime.combine(record.event_date, dt.time(11, 30), tzinfo=tz),
            place=(data.get("place") or "")[:255],
            chairs=_check_chairs(data.get("chair") or []),
            period=_period_from_record(data.get("period")),
            status=Meeting.Status.HELD,
            minutes=f"Tạo từ: {record.document}",
            source_record=record,
            created_by=actor,
        )
        Conclusion.objects.bulk_create(
            [Conclusion(meeting=meeting, order=i, text=text) for i, text in enumerate(data.get("tasks") or [], 1)]
        )
        audit_record(
            actor=actor,
            action=Action.MEETING_RECORDED,
            unit=unit,
            target=meeting,
            after={"from_document": str(record.document.public_id), "conclusions": meeting.conclusions.count()},
        )
    return meeting


def meeting_honour_model(*, actor, meeting: Meeting, initiative) -> Meeting:
    """Record that a recognised “Dân vận khéo” model of the meeting unit's area was honoured at the meeting."""
    from danvan.initiatives.models import RECOGNISED_STATUSES

    if not can_edit_unit(actor, meeting.unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật hội nghị này.", code="forbidden")
    if initiative.status not in RECOGNISED_STATUSES:
        raise ApplicationError(
            f"Mô hình {initiative.code}: chỉ biểu dương mô hình đã được công nhận; mô hình này đang ở trạng thái "
            f"“{initiative.get_status_display()}”.",
            field="code",
        )
    if not orgunit_is_within(initiative.unit, meeting.unit):
        raise ApplicationError(
            f"Mô hình {initiative.code}: thuộc {initiative.unit.name}, ngoài phạm vi của {meeting.unit.name}.",
            field="code",
        )
    with transaction.atomic():
        if meeting.honoured_models.filter(pk=initiative.pk).exists():
            raise ApplicationError(f"Mô hình {initiative.code} đã có trong danh sách biểu dương.", field="code")
        meeting.honoured_models.add(initiative)
        audit_record(
            actor=actor,
            action=Action.MEETING_RECORDED,
            unit=meeting.unit,
            target=meeting,
            after={"honoured": initiative.code},
        )
    return meeting


def meeting_document_add(*, actor, meeting: Meeting, title: str, upload):
    """Attach a document to the meeting (the report presented, a speech, the signed minutes)."""
    from danvan.core.files import stored_file_from_upload
    from danvan.meetings.models import MeetingDocument

    if not can_edit_unit(actor, meeting.unit):
        raise ApplicationError("Đồng chí không có quyền cập nhật hội nghị này.", code="forbidden")
    if upload is None:
        raise ApplicationError("Tệp: hãy chọn một tệp.", field="upload")
    stored = stored_file_from_upload(upload, actor=actor, field="upload")
    title = " ".join((title or "").split()) or stored.name
    with transaction.atomic():
        stored.save()
        document = MeetingDocument.objects.create(meeting=meeting, title=title[:255], file=stored)
        audit_record(
            actor=actor,
            action=Action.MEETING_RECORDED,
            unit=meeting.unit,
            target=meeting,
            after={"document": title[:255], "size": stored.size},
        )
    return document
