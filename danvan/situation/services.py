"""Writes of the situation app: situation reports, hotspots, their alerts, acknowledgement and escalation.

Every function runs in one transaction and writes one audit event (or one per record touched, for the job);
notices are rows written in the same transaction, e-mails go out after commit through a task.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_ancestors
from danvan.situation import permissions as perms
from danvan.situation.models import Hotspot, HotspotAlert, Mood, SeverityLevel, SituationReport, Trend


def province_of(unit: OrgUnit) -> OrgUnit | None:
    """The province-level ancestor of `unit` (itself if it is one)."""
    if unit.level == OrgUnit.Level.PROVINCE:
        return unit
    return OrgUnit.objects.filter(descendant_links__descendant=unit, level=OrgUnit.Level.PROVINCE).first()


def level_above(unit: OrgUnit) -> OrgUnit | None:
    """The nearest ancestor on a higher level (a commune's bloc → the province committee), or None at the top."""
    rank = perms.LEVEL_RANK.get(unit.level, 9)
    above = [u for u in orgunit_ancestors(unit) if perms.LEVEL_RANK.get(u.level, 9) < rank]
    return above[-1] if above else None


def _month(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _validate_report(*, kind, period_month, event_name, mood, trend, opinions, area, unit) -> None:
    if kind not in SituationReport.Kind.values:
        raise ApplicationError("Loại báo cáo không hợp lệ: chọn “Hằng tháng” hoặc “Sự kiện”.", field="kind")
    if period_month is None:
        raise ApplicationError("Chưa chọn tháng báo cáo: chọn tháng trong danh sách.", field="period")
    if kind == SituationReport.Kind.EVENT and not event_name.strip():
        raise ApplicationError(
            "Báo cáo theo sự kiện cần tên sự kiện, ví dụ “Bầu cử đại biểu Quốc hội khóa XVI”.", field="event_name"
        )
    if mood not in Mood.values:
        raise ApplicationError("Chưa chọn tâm trạng của nhân dân.", field="mood")
    if trend not in Trend.values:
        raise ApplicationError("Chưa chọn xu hướng so với kỳ trước.", field="trend")
    if not opinions.strip():
        raise ApplicationError("Chưa ghi ý kiến, dư luận của nhân dân.", field="opinions")
    if area is not None and not (area == unit or area.ancestor_links.filter(ancestor=unit).exists()):
        raise ApplicationError(
            "Địa bàn phải là đơn vị báo cáo hoặc một thôn, tổ dân phố thuộc đơn vị đó.", field="area"
        )


def _round_taken(unit: OrgUnit, report: SituationReport) -> str:
    """The message for a unit's second report of a special round, naming the round and the report on file."""
    sent = report.status == SituationReport.Status.SUBMITTED
    return (
        f"{unit.name} đã {'gửi' if sent else 'có bản nháp'} báo cáo đợt “{report.event_name}” năm "
        f"{report.period_month:%Y} ({report.code}). "
        + ("Mỗi đơn vị báo cáo một lần mỗi đợt; nếu là đợt khác, ghi rõ tên đợt." if sent else "Mở bản đó để sửa.")
    )


def situation_report_save(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    period_month: dt.date | None,
    mood: str,
    trend: str,
    opinions: str,
    proposals: str = "",
    event_name: str = "",
    topics=(),
    area: OrgUnit | None = None,
    restricted: bool = False,
    named_people=(),
    submit: bool = False,
) -> SituationReport:
    """Save a situation report as a draft (and submit it if `submit`).

    A monthly report for a month the unit has already reported updates that draft; once submitted, another
    is refused with a message on the period field.
    """
    if not perms.can_report_for(actor, unit):
        raise ApplicationError("Đồng chí chỉ được báo cáo cho đơn vị mình và các đơn vị cấp dưới.", field="unit")
    _validate_report(
        kind=kind,
        period_month=period_month,
        event_name=event_name,
        mood=mood,
        trend=trend,
        opinions=opinions,
        area=area,
        unit=unit,
    )
    month = _month(period_month)
    is_event = kind == SituationReport.Kind.EVENT
    event_key = SituationReport.round_key(event_name, month) if is_event else ""
    with transaction.atomic():
        report = None
        if kind == SituationReport.Kind.MONTHLY:
            report = (
                SituationReport.objects.select_for_update().filter(unit=unit, kind=kind, period_month=month).first()
            )
            if report is not None and report.status == SituationReport.Status.SUBMITTED:
                raise ApplicationError(
                    f"{unit.name} đã gửi báo cáo tình hình tháng {month:%m/%Y} ({report.code}). "
                    "Chọn tháng khác, hoặc báo cáo theo sự kiện.",
                    field="period",
                    code="duplicate",
                )
        else:
            # One report per unit and special round: a second one updates the draft, or is refused once sent.
            report = (
                SituationReport.objects.select_for_update().filter(unit=unit, kind=kind, event_key=event_key).first()
            )
            if report is not None and report.status == SituationReport.Status.SUBMITTED:
                raise ApplicationError(_round_taken(unit, report), field="event_name", code="duplicate")
        created = report is None
        if created:
            report = SituationReport(
                code=next_in_sequence(prefix="TH", year=month.year),
                unit=unit,
                province=province_of(unit),
                kind=kind,
                period_month=month,
                created_by=actor,
            )
        report.event_name = event_name.strip() if is_event else ""
        report.event_key = event_key
        report.area = area
        report.mood = mood
        report.trend = trend
        report.opinions = opinions.strip()
        report.proposals = proposals.strip()
        report.restricted = restricted
        if submit:
            report.status = SituationReport.Status.SUBMITTED
            report.submitted_at = timezone.now()
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            # Two first saves of the same month (or round) at once: the constraint keeps one; the other is told.
            if is_event:
                raise ApplicationError(
                    f"Vừa có người lưu báo cáo đợt “{report.event_name}” năm {month:%Y} của {unit.name}. Mở lại "
                    "danh sách để sửa bản đó.",
                    field="event_name",
                    code="duplicate",
                ) from None
            raise ApplicationError(
                f"Vừa có người lưu báo cáo tình hình tháng {month:%m/%Y} của {unit.name}. Mở lại danh sách để "
                "sửa bản đó.",
                field="period",
                code="duplicate",
            ) from None
        report.topics.set(topics)
        report.named_people.set(named_people)
        audit_record(
            actor=actor,
            action=Action.SITUATION_REPORT_SUBMITTED if submit else Action.SITUATION_REPORT_SAVED,
            unit=unit,
            target=report,
            details={"created": created, "month": f"{month:%m/%Y}", "kind": kind},
        )
    return report


def situation_report_update(
    *,
    actor,
    report: SituationReport,
    period_month: dt.date | None,
    mood: str,
    trend: str,
    opinions: str,
    proposals: str = "",
    event_name: str = "",
    topics=(),
    area: OrgUnit | None = None,
    restricted: bool = False,
    named_people=(),
    submit: bool = False,
    expected_version: str | None = None,
) -> SituationReport:
    """Correct a draft report (a sent one is closed). `expected_version` is the version the edit page showed
    (core.locking): if someone saved in between, nothing is written."""
    if not perms.can_edit_record(actor, report):
        raise ApplicationError("Đồng chí không có quyền sửa báo cáo này.")
    _validate_report(
        kind=report.kind,
        period_month=period_month,
        event_name=event_name,
        mood=mood,
        trend=trend,
        opinions=opinions,
        area=area,
        unit=report.unit,
    )
    month = _month(period_month)
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
        check_version(report, expected_version, what=f"Báo cáo {report.code}")
        if report.status != SituationReport.Status.DRAFT:
            raise ApplicationError("Báo cáo đã gửi thì không sửa được nữa.", code="already_submitted")
        if (
            report.kind == SituationReport.Kind.MONTHLY
            and SituationReport.objects.filter(unit=report.unit, kind=report.kind, period_month=month)
            .exclude(pk=report.pk)
            .exists()
        ):
            raise ApplicationError(
                f"{report.unit.name} đã có báo cáo tình hình tháng {month:%m/%Y}. Chọn tháng khác.", field="period"
            )
        is_event = report.kind == SituationReport.Kind.EVENT
        event_key = SituationReport.round_key(event_name, month) if is_event else ""
        if is_event:
            other = (
                SituationReport.objects.filter(unit=report.unit, kind=report.kind, event_key=event_key)
                .exclude(pk=report.pk)
                .first()
            )
            if other is not None:
                raise ApplicationError(_round_taken(report.unit, other), field="event_name", code="duplicate")
        before = {"month": f"{report.period_month:%m/%Y}", "mood": report.mood, "trend": report.trend}
        report.period_month = month
        report.event_name = event_name.strip() if is_event else ""
        report.event_key = event_key
        report.area = area
        report.mood = mood
        report.trend = trend
        report.opinions = opinions.strip()
        report.proposals = proposals.strip()
        report.restricted = restricted
        if submit:
            report.status = SituationReport.Status.SUBMITTED
            report.submitted_at = timezone.now()
        report.save()
        report.topics.set(topics)
        report.named_people.set(named_people)
        audit_record(
            actor=actor,
            action=Action.SITUATION_REPORT_SUBMITTED if submit else Action.SITUATION_REPORT_SAVED,
            unit=report.unit,
            target=report,
            before=before,
            after={"month": f"{month:%m/%Y}", "mood": mood, "trend": trend},
        )
    return report


def situation_report_submit(*, actor, report: SituationReport) -> SituationReport:
    """Send a draft report up: it can no longer be changed."""
    if not perms.can_edit_record(actor, report):
        raise ApplicationError("Đồng chí không có quyền gửi báo cáo này.")
    with transaction.atomic():
        changed = SituationReport.objects.filter(pk=report.pk, status=SituationReport.Status.DRAFT).update(
            status=SituationReport.Status.SUBMITTED, submitted_at=timezone.now()
        )
        if not changed:
            raise ApplicationError("Báo cáo này đã được gửi.", code="already_submitted")
        audit_record(actor=actor, action=Action.SITUATION_REPORT_SUBMITTED, unit=report.unit, target=report)
    report.refresh_from_db()
    return report


def _send_alert(*, hotspot: Hotspot, unit: OrgUnit, now: dt.datetime, actor, escalated: bool) -> HotspotAlert:
    """Alert `unit` of `hotspot`: the alert row, a notice for its inbox and bell, and after commit an e-mail."""
    from danvan.reports.models import Notice
    from danvan.situation.tasks import hotspot_alert_mail

    alert = HotspotAlert.objects.create(
        hotspot=hotspot,
        unit=unit,
        created_at=now,
        due_at=now + dt.timedelta(hours=hotspot.severity.acknowledge_hours),
    )
    prefix = "Điểm nóng chưa được tiếp nhận, chuyển lên" if escalated else "Điểm nóng mức"
    # Everyone working for the unit sees its notices: a restricted hotspot's notice names only its code.
    what = "hồ sơ hạn chế" if hotspot.restricted else hotspot.title
    text = f"{prefix} {hotspot.severity.name}: {hotspot.code} — {what} ({hotspot.unit.name})"
    Notice.objects.create(
        unit=unit, text=text[:500], link=reverse("situation:hotspot_detail", args=[hotspot.code]), created_by=actor
    )
    audit_record(
        actor=actor,
        action=Action.HOTSPOT_ESCALATED if escalated else Action.HOTSPOT_ALERTED,
        unit=unit,
        target=hotspot,
        details={"alerted_unit": unit.code, "due_at": alert.due_at.isoformat()},
        system_label="leo thang điểm nóng" if actor is None else "",
    )
    transaction.on_commit(lambda: hotspot_alert_mail.enqueue(alert_id=alert.pk))
    return alert


def _validate_hotspot(*, title, place_unit, severity, description, people_involved) -> None:
    if not title.strip():
        raise ApplicationError("Chưa ghi tên vụ việc.", field="title")
    if place_unit is None:
        raise ApplicationError("Chưa chọn địa bàn xảy ra: gõ tên xã, thôn rồi chọn.", field="place_unit")
    if severity is None:
        raise ApplicationError("Chưa chọn mức độ nghiêm trọng.", field="severity")
    if not description.strip():
        raise ApplicationError("Chưa ghi diễn biến vụ việc.", field="description")
    if people_involved is not None and people_involved < 0:
        raise ApplicationError("Số người tham gia không thể âm.", field="people_involved")


def hotspot_raise(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    occurred_on: dt.date,
    place_unit: OrgUnit | None,
    severity: SeverityLevel | None,
    description: str,
    place_text: str = "",
    people_involved: int | None = 0,
    handled_by: str = "",
    topics=(),
    restricted: bool = False,
    named_people=(),
    now: dt.datetime | None = None,
) -> Hotspot:
    """Record a hotspot. At or above the alerting severity it alerts the level above at once."""
    if not perms.can_report_for(actor, unit):
        raise ApplicationError("Đồng chí chỉ được báo điểm nóng cho đơn vị mình và các đơn vị cấp dưới.", field="unit")
    _validate_hotspot(
        title=title, place_unit=place_unit, severity=severity, description=description, people_involved=people_involved
    )
    now = now or timezone.now()
    with transaction.atomic():
        hotspot = Hotspot.objects.create(
            code=next_in_sequence(prefix="DN", year=occurred_on.year),
            unit=unit,
            province=province_of(unit),
            title=title.strip(),
            occurred_on=occurred_on,
            place_unit=place_unit,
            place_text=place_text.strip(),
            people_involved=people_involved or 0,
            severity=severity,
            description=description.strip(),
            handled_by=handled_by.strip(),
            restricted=restricted,
            created_by=actor,
        )
        hotspot.topics.set(topics)
        hotspot.named_people.set(named_people)
        audit_record(
            actor=actor,
            action=Action.HOTSPOT_RAISED,
            unit=unit,
            target=hotspot,
            details={"severity": severity.rank, "place": place_unit.code},
        )
        if severity.alerts and (above := level_above(unit)) is not None:
            _send_alert(hotspot=hotspot, unit=above, now=now, actor=actor, escalated=False)
    return hotspot


def hotspot_update(
    *,
    actor,
    hotspot: Hotspot,
    status: str,
    handled_by: str,
    petitions=(),
    dialogues=(),
    cases=(),
    severity: SeverityLevel | None = None,
    people_involved: int | None = None,
    expected_version: str | None = None,
    now: dt.datetime | None = None,
) -> Hotspot:
    """Change a hotspot's status, handler, severity and number of people, and link it to petitions, dialogues
    and prolonged complex cases (chosen from the scope). `severity` / `people_involved` None: unchanged.

    A hotspot whose severity rises to a level that alerts, with no alert of it waiting, alerts the level above at
    once, as a new hotspot of that level does (a case that worsens is not left below the threshold it was
    reported at); the returned hotspot's `alerted_above` says whether it did.

    `expected_version` is the version the edit page showed (core.locking): if someone saved in between, nothing
    is written."""
    if not perms.can_view_record(actor, hotspot) or not (
        perms.can_edit_record(actor, hotspot) or perms.leads_above(actor, hotspot.unit)
    ):
        raise ApplicationError("Đồng chí không có quyền cập nhật điểm nóng này.")
    if status not in Hotspot.Status.values:
        raise ApplicationError("Trạng thái không hợp lệ: chọn trong danh sách.", field="status")
    if people_involved is not None and people_involved < 0:
        raise ApplicationError("Số người tham gia không thể âm.", field="people_involved")
    now = now or timezone.now()
    with transaction.atomic():
        hotspot = Hotspot.objects.select_for_update().select_related("unit", "severity").get(pk=hotspot.pk)
        check_version(hotspot, expected_version, what=f"Điểm nóng {hotspot.code}")
        old_severity = hotspot.severity
        before = {
            "severity": old_severity.rank,
            "people_involved": hotspot.people_involved,
            "status": hotspot.status,
            "handled_by": hotspot.handled_by,
            "petitions": sorted(hotspot.petitions.values_list("code", flat=True)),
            "dialogues": sorted(hotspot.dialogues.values_list("pk", flat=True)),
            "cases": sorted(hotspot.cases.values_list("code", flat=True)),
        }
        if status == Hotspot.Status.RESOLVED and hotspot.status != status:
            hotspot.resolved_at = timezone.now()
        elif status != Hotspot.Status.RESOLVED:
            hotspot.resolved_at = None
        hotspot.status = status
        hotspot.handled_by = handled_by.strip()
        if severity is not None:
            hotspot.severity = severity
        if people_involved is not None:
            hotspot.people_involved = people_involved
        hotspot.save(update_fields=["status", "handled_by", "resolved_at", "severity", "people_involved", "updated_at"])
        hotspot.petitions.set(petitions)
        hotspot.dialogues.set(dialogues)
        hotspot.cases.set(cases)
        after = {
            "severity": hotspot.severity.rank,
            "people_involved": hotspot.people_involved,
            "status": status,
            "handled_by": hotspot.handled_by,
            "petitions": sorted(p.code for p in petitions),
            "dialogues": sorted(d.pk for d in dialogues),
            "cases": sorted(c.code for c in cases),
        }
        audit_record(
            actor=actor, action=Action.HOTSPOT_UPDATED, unit=hotspot.unit, target=hotspot, before=before, after=after
        )
        rose = hotspot.severity.rank > old_severity.rank and hotspot.severity.alerts
        # Read by the edit page to say that the level above was alerted.
        hotspot.alerted_above = False
        if (
            rose
            and status != Hotspot.Status.RESOLVED
            and not hotspot.alerts.filter(acknowledged_at=None, escalated_at=None).exists()
            and (above := level_above(hotspot.unit)) is not None
        ):
            _send_alert(hotspot=hotspot, unit=above, now=now, actor=actor, escalated=False)
            hotspot.alerted_above = True
    return hotspot


def hotspot_acknowledge(*, actor, hotspot: Hotspot, now: dt.datetime | None = None) -> Hotspot:
    """A leader of an alerted unit acknowledges the hotspot: its open alerts to units they lead close, and a new
    hotspot becomes "acknowledged"."""
    now = now or timezone.now()
    with transaction.atomic():
        alerts = [
            a
            for a in HotspotAlert.objects.select_for_update()
            .select_related("unit")
            .filter(hotspot=hotspot, acknowledged_at=None)
            if perms.can_acknowledge_alert(actor, a)
        ]
        if not alerts:
            raise ApplicationError("Không có cảnh báo nào về điểm nóng này đang chờ đồng chí tiếp nhận.")
        HotspotAlert.objects.filter(pk__in=[a.pk for a in alerts]).update(acknowledged_at=now, acknowledged_by=actor)
        if hotspot.status == Hotspot.Status.NEW:
            Hotspot.objects.filter(pk=hotspot.pk).update(status=Hotspot.Status.ACKNOWLEDGED, updated_at=now)
        audit_record(
            actor=actor,
            action=Action.HOTSPOT_ACKNOWLEDGED,
            unit=alerts[0].unit,
            target=hotspot,
            details={"units": [a.unit.code for a in alerts], "acknowledged_at": now.isoformat()},
        )
    hotspot.refresh_from_db()
    return hotspot


def hotspot_alerts_escalate_due(*, now: dt.datetime) -> int:
    """The periodic job: each alert not acknowledged by its deadline climbs one level (once; a conditional update
    makes two runs at once harmless). Returns the number of alerts escalated."""
    due = (
        HotspotAlert.objects.filter(acknowledged_at=None, escalated_at=None, due_at__lte=now)
        .exclude(hotspot__status=Hotspot.Status.RESOLVED)
        .select_related("hotspot__severity", "hotspot__unit", "unit")
        .order_by("id")
    )
    count = 0
    for alert in due:
        with transaction.atomic():
            # Claim the alert first: a second run of the job at the same time finds nothing to claim.
            if not HotspotAlert.objects.filter(pk=alert.pk, escalated_at=None, acknowledged_at=None).update(
                escalated_at=now
            ):
                continue
            above = level_above(alert.unit)
            if above is None:
                continue  # already at the centre: nothing above to alert
            _send_alert(hotspot=alert.hotspot, unit=above, now=now, actor=None, escalated=True)
            count += 1
    return count


def restricted_view_record(*, actor, record) -> None:
    """Every view of a restricted report or hotspot is audited."""
    if record.restricted:
        audit_record(actor=actor, action=Action.SITUATION_RESTRICTED_VIEWED, unit=record.unit, target=record)


def restricted_views_record(*, actor, records) -> None:
    """The views of several restricted records on one page (a digest's list): one audit event each, written in
    one INSERT rather than one per record."""
    from danvan.audit.context import current_ip
    from danvan.audit.models import AuditEvent

    rows = [
        AuditEvent(
            actor=actor,
            actor_label=actor.get_username(),
            unit_id=record.unit_id,
            action=Action.SITUATION_RESTRICTED_VIEWED,
            target_type=record._meta.label_lower,
            target_id=record.code,
            target_label=str(record)[:255],
            details={},
            ip=current_ip.get(),
        )
        for record in records
        if record.restricted
    ]
    if rows:
        AuditEvent.objects.bulk_create(rows)


def digest_generate(*, actor, unit: OrgUnit, kind: str, start: dt.date, now: dt.datetime | None = None):
    """Make the digest of `unit` (the centre or a province committee) for the week or month of `start`: its
    figures and its DOCX, in one transaction with one audit event. `actor` None is the scheduled job. Made again
    for the same period, it is a new version with its own code; the earlier one is kept and marked superseded
    (a meeting that has it attached keeps it, and is offered the newer one)."""
    from danvan.situation import digests
    from danvan.situation.exports import digest_docx
    from danvan.situation.models import Digest

    if kind not in Digest.Kind.values:
        raise ApplicationError("Loại bản tin không hợp lệ: chọn “Hằng tuần” hoặc “Hằng tháng”.", field="kind")
    if not digests.digest_units().filter(pk=unit.pk).exists():
        raise ApplicationError("Bản tin chỉ làm cho Trung ương hoặc Tỉnh ủy, Thành ủy.", field="unit")
    if actor is not None and not perms.can_generate_digest(actor, unit):
        raise ApplicationError("Đồng chí không có quyền làm bản tin cho đơn vị này.", field="unit")
    now = now or timezone.now()
    start, end = digests.period_bounds(kind, start)
    if start > timezone.localdate(now):
        raise ApplicationError("Kỳ của bản tin chưa bắt đầu: chọn tuần hoặc tháng đã qua.", field="period")
    data = digests.digest_data(unit=unit, kind=kind, start=start)
    with transaction.atomic():
        # Locks the period's current version: two people making it again at once make two versions, one after
        # the other, never two current ones (a partial unique constraint backs this).
        earlier = (
            Digest.objects.select_for_update()
            .filter(unit=unit, kind=kind, period_start=start, superseded_at=None)
            .defer("document", "data")
            .first()
        )
        before = None
        if earlier is not None:
            before = {
                "code": earlier.code,
                "version": earlier.version,
                "generated_at": earlier.generated_at.isoformat(),
            }
            Digest.objects.filter(pk=earlier.pk).update(superseded_at=now)
        code = next_in_sequence(prefix="BT", year=end.year)
        document = digest_docx(unit=unit, data=data, code=code, today=timezone.localdate(now))
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    unit=unit,
                    kind=kind,
                    period_start=start,
                    period_end=end,
                    code=code,
                    version=earlier.version + 1 if earlier else 1,
                    data=data,
                    new_total=data["new_total"],
                    document=document,
                    generated_at=now,
                    generated_by=actor,
                )
        except IntegrityError:
            # The period's first version, made by someone else at the same moment.
            raise ApplicationError(
                "Bản tin của kỳ này vừa được làm cùng lúc; mở danh sách bản tin để xem, hoặc làm lại sau ít phút.",
                field="period",
                code="conflict",
            ) from None
        audit_record(
            actor=actor,
            action=Action.SITUATION_DIGEST_GENERATED,
            unit=unit,
            target=digest,
            before=before,
            after={"generated_at": now.isoformat(), "new_hotspots": data["new_total"], "version": digest.version},
            details={"kind": kind, "start": start.isoformat()},
            system_label="" if actor else "digests_generate",
        )
    return digest


def digests_generate_all(*, kind: str, start: dt.date, now: dt.datetime | None = None) -> int:
    """The job: the digest of the centre and of every province for one period (one transaction each)."""
    from danvan.situation.digests import digest_units

    units = list(digest_units())
    for unit in units:
        digest_generate(actor=None, unit=unit, kind=kind, start=start, now=now)
    return len(units)


def digests_due(*, today: dt.date) -> list[tuple[str, dt.date]]:
    """The periods the daily job makes when their centre digest is missing: the last full week (Monday to Sunday)
    and the last full month."""
    from danvan.situation.models import Digest

    last_week = today - dt.timedelta(days=today.weekday() + 7)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    wanted = [(Digest.Kind.WEEKLY.value, last_week), (Digest.Kind.MONTHLY.value, last_month)]
    return [
        (kind, start)
        for kind, start in wanted
        if not Digest.objects.filter(unit__level=OrgUnit.Level.CENTRAL, kind=kind, period_start=start).exists()
    ]


def meeting_digest_attach(
    *, actor, meeting, digest=None, kind: str = "", start: dt.date | None = None, now: dt.datetime | None = None
):
    """Attach a digest of the meeting's area to a briefing meeting: one picked (`digest`), or made now for the
    week or month of `start` (`kind`) and attached in the same transaction."""
    from danvan.situation.models import MeetingDigest
    from danvan.situation.selectors import digest_area_of_meeting

    area = digest_area_of_meeting(meeting)
    if not perms.can_attach_digest(actor, meeting, area):
        raise ApplicationError("Đồng chí không có quyền gắn bản tin tình hình vào hội nghị này.", field="digest")
    if digest is None and not kind:
        raise ApplicationError(
            "Chưa chọn bản tin: chọn một bản tin trong danh sách, hoặc làm bản tin mới.", field="digest"
        )
    if digest is not None and digest.unit_id != area.pk:
        raise ApplicationError(f"Chọn một bản tin của {area.name} trong danh sách.", field="digest")
    now = now or timezone.now()
    with transaction.atomic():
        if digest is None:
            if not perms.can_generate_digest(actor, area):
                raise ApplicationError(f"Đồng chí không có quyền làm bản tin của {area.name}.", field="kind")
            digest = digest_generate(actor=actor, unit=area, kind=kind, start=start, now=now)
        try:
            with transaction.atomic():
                link = MeetingDigest.objects.create(meeting=meeting, digest=digest, attached_at=now, attached_by=actor)
        except IntegrityError:
            raise ApplicationError(
                f"Bản tin {digest.code} đã được gắn vào hội nghị này.", field="digest", code="duplicate"
            ) from None
        audit_record(
            actor=actor,
            action=Action.MEETING_DIGEST_ATTACHED,
            unit=meeting.unit,
            target=meeting,
            details={"digest": digest.code, "kind": digest.kind, "start": digest.period_start.isoformat()},
        )
    return link


def meeting_digest_detach(*, actor, link, now: dt.datetime | None = None):
    """Take a digest off a meeting's agenda. The row stays, with who took it off and when."""
    from danvan.situation.models import MeetingDigest
    from danvan.situation.selectors import digest_area_of_meeting

    meeting = link.meeting
    if not perms.can_attach_digest(actor, meeting, digest_area_of_meeting(meeting)):
        raise ApplicationError("Đồng chí không có quyền gỡ bản tin khỏi hội nghị này.")
    now = now or timezone.now()
    with transaction.atomic():
        # Conditional: two people taking it off at once write one detach.
        if not MeetingDigest.objects.filter(pk=link.pk, detached_at=None).update(detached_at=now, detached_by=actor):
            raise ApplicationError("Bản tin này đã được gỡ khỏi hội nghị.", code="already_detached")
        audit_record(
            actor=actor,
            action=Action.MEETING_DIGEST_DETACHED,
            unit=meeting.unit,
            target=meeting,
            details={"digest": link.digest.code},
        )
    link.refresh_from_db()
    return link


def meeting_digest_update(*, actor, link, now: dt.datetime | None = None):
    """Put the current version of an attached digest on the meeting in place of the superseded version it has:
    the old link is taken off (its row kept, with who and when), the new one attached, in one transaction with one
    audit event."""
    from danvan.situation.models import Digest, MeetingDigest
    from danvan.situation.selectors import digest_area_of_meeting

    meeting = link.meeting
    if not perms.can_attach_digest(actor, meeting, digest_area_of_meeting(meeting)):
        raise ApplicationError("Đồng chí không có quyền gắn bản tin tình hình vào hội nghị này.", field="digest")
    old = link.digest
    current = (
        Digest.objects.filter(unit_id=old.unit_id, kind=old.kind, period_start=old.period_start, superseded_at=None)
        .defer("document", "data")
        .first()
    )
    if current is None or current.pk == old.pk:
        raise ApplicationError(f"Bản tin {old.code} đã là bản mới nhất của kỳ này.", code="current")
    now = now or timezone.now()
    with transaction.atomic():
        # Conditional: two people pressing at once write one change.
        if not MeetingDigest.objects.filter(pk=link.pk, detached_at=None).update(detached_at=now, detached_by=actor):
            raise ApplicationError("Bản tin này đã được gỡ khỏi hội nghị.", code="already_detached")
        try:
            with transaction.atomic():
                new_link = MeetingDigest.objects.create(
                    meeting=meeting, digest=current, attached_at=now, attached_by=actor
                )
        except IntegrityError:
            raise ApplicationError(
                f"Bản tin {current.code} đã được gắn vào hội nghị này.", field="digest", code="duplicate"
            ) from None
        audit_record(
            actor=actor,
            action=Action.MEETING_DIGEST_UPDATED,
            unit=meeting.unit,
            target=meeting,
            before={"digest": old.code, "version": old.version},
            after={"digest": current.code, "version": current.version},
            details={"kind": current.kind, "start": current.period_start.isoformat()},
        )
    return new_link
