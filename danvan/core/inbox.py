"""“Việc của tôi”: everything due from one person, gathered from every module, each item with its deadline and link.

The inbox only reads: each module keeps its own rules and selectors, and an item appears here exactly when that
module's page would ask the person to act. Every section is bounded (the newest/soonest `LIMIT` rows and a total),
so the page costs a fixed number of queries whatever the size of the person's scope.
"""

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.permissions import APPROVE_ROLES, EDIT_ROLES, scope_root_ids
from danvan.organisations.models import OrgUnitClosure

LIMIT = 20
# Tasks and commitments show from this many days before their deadline.
HORIZON_DAYS = 7


def _bounded(qs) -> tuple[list, int]:
    """The first LIMIT rows and the total: counted only when the rows fill the limit (most sections of most
    people hold fewer, and then the rows are the total)."""
    rows = list(qs[:LIMIT])
    return rows, (qs.count() if len(rows) == LIMIT else len(rows))


@dataclass
class Item:
    title: str
    link: str
    unit: str = ""
    deadline: dt.date | None = None
    state: str = ""  # shown as a badge: overdue, due soon, returned, waiting…
    overdue: bool = False
    note: str = ""
    # A one-click action on the item itself (a POST form), e.g. acknowledging a hotspot alert.
    action_url: str = ""
    action_label: str = ""


@dataclass
class Section:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    total: int = 0
    more_link: str = ""

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


@dataclass
class Inbox:
    sections: list[Section]
    # Notices not read yet: the bell's number (the page passes it as nav_unread, so it is not counted twice).
    unread: int = 0

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)

    @property
    def overdue(self) -> int:
        return sum(section.overdue_count for section in self.sections)


def _reports(user, today: dt.date) -> Section:
    """Reports the person's units must still enter, or that came back returned; overdue first."""
    from danvan.reports.selectors import reports_due_for_user

    section = Section("reports", _("Reports to enter"), more_link=reverse("reports:index"))
    items = []
    for row in reports_due_for_user(user=user, today=today):
        if row.status in ("submitted", "approved"):
            continue
        due = row.due_date
        overdue = due < today
        if row.status == "returned":
            state = _("Returned")
        elif overdue:
            state = _("Overdue")
        elif row.status == "draft":
            state = _("Draft")
        else:
            state = _("Not reported")
        items.append(
            Item(
                title=f"{row.form.name} — {row.period.label}",
                link=reverse("reports:entry", args=[row.form.pk, row.period.key, row.unit.code]),
                unit=row.unit.name,
                deadline=due,
                state=str(state),
                overdue=overdue,
                note=row.submission.return_comment if row.submission and row.status == "returned" else "",
            )
        )
    # Returned first (someone is waiting), then by deadline.
    items.sort(key=lambda item: (item.state != str(_("Returned")), item.deadline))
    section.total = len(items)
    section.items = items[:LIMIT]
    return section


def _approvals_source(user):
    from danvan.reports.models import Submission

    roots = scope_root_ids(user, APPROVE_ROLES)
    if not roots:
        return None
    return Submission.objects.filter(
        status=Submission.Status.SUBMITTED,
        unit__parent_id__in=OrgUnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id"),
    )


def _approvals(qs) -> Section:
    """Reports submitted by the units below the units where the person approves."""
    section = Section("approvals", _("Reports waiting for your approval"), more_link=reverse("reports:completeness"))
    if qs is None:
        return section
    submissions, section.total = _bounded(qs.select_related("form", "period", "unit").order_by("submitted_at", "id"))
    for submission in submissions:
        section.items.append(
            Item(
                title=f"{submission.form.name} — {submission.period.label}",
                link=reverse("reports:entry", args=[submission.form_id, submission.period.key, submission.unit.code]),
                unit=submission.unit.name,
                deadline=submission.due_date,
                state=str(_("Waiting for approval")),
            )
        )
    return section


def _tasks_source(user, today: dt.date):
    from danvan.workplans.selectors import tasks_assigned_to

    return tasks_assigned_to(user=user, open_only=True).filter(deadline__lte=today + dt.timedelta(HORIZON_DAYS))


def _tasks(qs, today: dt.date) -> Section:
    """Open tasks given to the person's units (meeting conclusions included) due within the horizon or overdue."""
    section = Section("tasks", _("Tasks due"), more_link=reverse("workplans:index"))
    if qs is None:
        return section
    tasks, section.total = _bounded(qs.order_by("deadline", "id"))
    for task in tasks:
        overdue = task.deadline < today
        section.items.append(
            Item(
                title=task.title,
                link=reverse("workplans:task", args=[task.public_id]),
                unit=task.assignee.name,
                deadline=task.deadline,
                state=str(_("Overdue") if overdue else _("Due soon")),
                overdue=overdue,
                note=str(_("from %(unit)s") % {"unit": task.assigned_by.name}),
            )
        )
    return section


def _petitions(user, today: dt.date, *, handled, unassigned) -> Section:
    """Petitions the person handles (or received and nobody handles yet) due within 3 days or overdue."""
    from danvan.petitions.selectors import petitions_due_for_officer

    section = Section("petitions", _("Petitions due"), more_link=reverse("petitions:due"))
    if handled is None and unassigned is None:
        return section
    # Only the reads that have rows (asked with the other sections).
    due = petitions_due_for_officer(user=user, today=today, sources=(handled, unassigned))
    rows = due.overdue + due.due_soon
    section.total = len(rows)
    for petition in rows[:LIMIT]:
        overdue = petition.due_on < today
        section.items.append(
            Item(
                title=f"{petition.code} — {petition.get_category_display()}",
                link=reverse("petitions:detail", args=[petition.code]),
                unit=petition.unit.name,
                deadline=petition.due_on,
                state=str(_("Overdue") if overdue else _("Due soon")),
                overdue=overdue,
            )
        )
    return section


def _commitments_source(user, today: dt.date):
    from danvan.petitions.models import Commitment

    roots = scope_root_ids(user, EDIT_ROLES)
    if not roots:
        return None
    units = OrgUnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id")
    return Commitment.objects.filter(
        Q(owner_unit_id__in=units), status="open", due_on__lte=today + dt.timedelta(HORIZON_DAYS)
    )


def _commitments(qs, today: dt.date) -> Section:
    """Open commitments made in dialogues with citizens, owned by the person's units, due within the horizon."""
    section = Section("commitments", _("Commitments to citizens due"), more_link=reverse("petitions:commitments"))
    if qs is None:
        return section
    commitments, section.total = _bounded(qs.select_related("owner_unit", "dialogue").order_by("due_on", "id"))
    for commitment in commitments:
        overdue = commitment.due_on < today
        section.items.append(
            Item(
                title=commitment.issue,
                link=reverse("petitions:commitments"),
                unit=commitment.owner_unit.name,
                deadline=commitment.due_on,
                state=str(_("Overdue") if overdue else _("Due soon")),
                overdue=overdue,
            )
        )
    return section


def _hotspots(qs) -> Section:
    """Hotspots alerted to units the person leads, waiting for acknowledgement; the soonest deadline first."""
    section = Section("hotspots", _("Hotspots to acknowledge"), more_link=reverse("situation:index"))
    if qs is None:
        return section
    alerts, section.total = _bounded(qs)
    now = timezone.now()
    for alert in alerts:
        overdue = alert.due_at < now
        section.items.append(
            Item(
                title=f"{alert.hotspot.code} — {alert.hotspot.title} ({alert.hotspot.severity.name})",
                link=reverse("situation:hotspot_detail", args=[alert.hotspot.code]),
                unit=alert.unit.name,
                deadline=timezone.localtime(alert.due_at).date(),
                state=str(_("Overdue") if overdue else _("Waiting")),
                overdue=overdue,
                action_url=reverse("situation:hotspot_acknowledge", args=[alert.hotspot.code]),
                action_label=str(_("Acknowledge the hotspot")),
            )
        )
    return section


def _documents(waiting_qs, received_qs) -> Section:
    """Documents sent to the person's units and not acknowledged yet, and drafts waiting for them to review or
    sign (documents app)."""
    section = Section("documents", _("Documents to acknowledge or sign"), more_link=reverse("documents:index"))
    waiting, waiting_total = _bounded(waiting_qs) if waiting_qs is not None else ([], 0)
    received, received_total = _bounded(received_qs) if received_qs is not None else ([], 0)
    section.total = waiting_total + received_total
    for document in waiting:
        section.items.append(
            Item(
                title=f"{document.doc_type.code} — {document.title}",
                link=reverse("documents:detail", args=[document.public_id]),
                unit=document.issuer.name,
                state=str(document.get_status_display()),
            )
        )
    for row in received[: max(LIMIT - len(section.items), 0)]:
        section.items.append(
            Item(
                title=f"{row.document.issued.reference} — {row.document.title}",
                link=reverse("documents:detail", args=[row.document.public_id]),
                unit=row.unit.name,
                state=str(_("To acknowledge")),
                note=str(_("from %(unit)s") % {"unit": row.document.issuer.name}),
            )
        )
    return section


def _recommendations(qs, today: dt.date) -> Section:
    """Supervision recommendations the person's units must answer, or made by their units and due soon or overdue."""
    section = Section("recommendations", _("Supervision recommendations"), more_link=reverse("oversight:followup"))
    if qs is None:
        return section
    recommendations, section.total = _bounded(qs)
    for rec in recommendations:
        overdue = rec.deadline < today
        section.items.append(
            Item(
                title=f"{rec.code} — {rec.content[:120]}",
                link=reverse("oversight:recommendation_detail", args=[rec.code]),
                unit=rec.responsible_unit.name,
                deadline=rec.deadline,
                state=str(_("Overdue") if overdue else _("Waiting")),
                overdue=overdue,
                note=str(_("from %(unit)s") % {"unit": rec.supervision.unit.name}),
            )
        )
    return section


def _assessments(user, today: dt.date, *, any_rows: bool) -> Section:
    """Yearly assessments: self-assessments the person's bodies owe, and sent ones waiting for their Ban's review."""
    from danvan.assessments.selectors import inbox_items_for_user

    section = Section("assessments", _("Yearly assessment"), more_link=reverse("assessments:index"))
    if not any_rows:
        return section
    rows, section.total = inbox_items_for_user(user=user, limit=LIMIT)
    for kind, a in rows:
        due = a.scheme.self_due if kind == "self" else None
        overdue = bool(due and due < today)
        section.items.append(
            Item(
                title=a.scheme.title,
                link=reverse("assessments:assessment", args=[a.public_id]),
                unit=a.body.name,
                deadline=due,
                state=str(_("Self-assessment due") if kind == "self" else _("Waiting for review")),
                overdue=overdue,
            )
        )
    return section


def notices_for_user(user):
    """Notices (reminders and alerts) sent to the units the person works for (where they hold a role, and the
    units directly below, such as a commune's khối dân vận), newest first."""
    from danvan.reports.models import Notice

    roots = scope_root_ids(user)
    return (
        Notice.objects.filter(Q(unit_id__in=roots) | Q(unit__parent_id__in=roots))
        .select_related("unit")
        .order_by("-created_at", "-id")
    )


def _read(user):
    """A notice is read when the person opened the inbox at or after it came (an InboxSeen at or after it)."""
    from django.db.models import Exists, OuterRef

    from danvan.core.models import InboxSeen

    return Exists(InboxSeen.objects.filter(user=user, seen_at__gte=OuterRef("created_at")))


def unread_notice_count(user) -> int:
    """Notices received since the person last opened the inbox: the number on the bell (one query).

    The same count as `notices_for_user(user).filter(~_read(user)).count()` (a test compares them), written as
    fixed SQL with only the parameters bound: the bell is on nearly every page, and building and compiling the
    ORM's query cost more CPU than PostgreSQL's answer (perf15j)."""
    from django.db import connection

    from danvan.core.models import InboxSeen
    from danvan.organisations.models import OrgUnit
    from danvan.reports.models import Notice

    roots = scope_root_ids(user)
    if not roots:
        return 0
    marks = ", ".join(["%s"] * len(roots))
    # Table names from the models and one placeholder per root: nothing from the request is put into the text.
    sql = (
        f"SELECT COUNT(*) FROM {Notice._meta.db_table} n"  # noqa: S608
        f" INNER JOIN {OrgUnit._meta.db_table} u ON n.unit_id = u.id"
        f" WHERE (n.unit_id IN ({marks}) OR u.parent_id IN ({marks}))"
        f" AND NOT EXISTS (SELECT 1 FROM {InboxSeen._meta.db_table} s WHERE s.user_id = %s AND s.seen_at >= n.created_at)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roots, *roots, user.pk])
        return cursor.fetchone()[0]


def _notices(user) -> tuple[Section, int]:
    """The notices section and the bell's number, read and counted together in one query (the counts are window
    aggregates over every notice, computed before the limit)."""
    from django.db.models import Count, Window

    section = Section("notices", _("Reminders and notices received"))
    if not scope_root_ids(user):
        return section, 0
    notices = list(
        notices_for_user(user).annotate(
            read=_read(user),
            n_total=Window(Count("id")),
            n_unread=Window(Count("id", filter=~_read(user))),
        )[:LIMIT]
    )
    section.total = notices[0].n_total if notices else 0
    for notice in notices:
        section.items.append(
            Item(
                title=notice.text,
                link=notice.link,
                unit=notice.unit.name,
                state="" if notice.read else str(_("New")),
                note=timezone.localtime(notice.created_at).strftime("%d/%m/%Y %H:%M"),
            )
        )
    return section, notices[0].n_unread if notices else 0


def inbox_for_user(*, user, today: dt.date) -> Inbox:
    """The person's inbox: reports, approvals, tasks, petitions, commitments and notices, each bounded; with the
    bell's number, counted with the notices."""
    notices, unread = _notices(user)
    sources = _present(user, today)
    sections = [
        _reports(user, today),
        _approvals(sources["approvals"]),
        _tasks(sources["tasks"], today),
        _petitions(user, today, handled=sources["petitions_handled"], unassigned=sources["petitions_unassigned"]),
        _commitments(sources["commitments"], today),
        _hotspots(sources["hotspots"]),
        _documents(sources["documents_waiting"], sources["documents_received"]),
        _recommendations(sources["recommendations"], today),
        _assessments(
            user,
            today,
            any_rows=sources["assessments_due"] is not None or sources["assessments_review"] is not None,
        ),
        _supervision_plans(sources["supervision_plans"], today),
        notices,
    ]
    return Inbox(sections=sections, unread=unread)


def _sources(user, today: dt.date) -> dict:
    """How to build the read behind each bounded section (a function giving a queryset not run yet, or None where
    the person's roles rule the section out). Built only when needed: most sections of most people are empty."""
    from functools import cache

    from danvan.assessments.selectors import inbox_sources
    from danvan.democracy.selectors import supervision_items_due_for_user
    from danvan.documents.selectors import received_for_user, waiting_for_user
    from danvan.oversight.selectors import recommendations_for_inbox
    from danvan.petitions.selectors import petitions_due_sources
    from danvan.situation.selectors import alerts_awaiting_for_user

    petitions = cache(lambda: petitions_due_sources(user=user, today=today))
    assessments = cache(lambda: inbox_sources(user=user))
    return {
        "approvals": lambda: _approvals_source(user),
        "tasks": lambda: _tasks_source(user, today),
        "petitions_handled": lambda: petitions()[0],
        "petitions_unassigned": lambda: petitions()[1],
        "commitments": lambda: _commitments_source(user, today),
        "hotspots": lambda: alerts_awaiting_for_user(user=user),
        "documents_waiting": lambda: waiting_for_user(user=user),
        "documents_received": lambda: received_for_user(user=user, pending_only=True),
        "recommendations": lambda: recommendations_for_inbox(user=user, today=today, horizon_days=HORIZON_DAYS),
        "assessments_due": lambda: assessments()[0],
        "assessments_review": lambda: assessments()[1],
        "supervision_plans": lambda: supervision_items_due_for_user(user=user, today=today, horizon_days=HORIZON_DAYS),
    }


# The presence query's SQL and parameters, per person and day (`_presence_key`), for at most this many people in
# each process: building the twelve querysets and compiling their EXISTS cost half the home page's CPU (perf15k),
# and they are the same each time the same person opens the page the same day with the same roles.
PRESENCE_CACHE_SIZE = 2000
_presence_cache: OrderedDict = OrderedDict()
_presence_lock = threading.Lock()


def _presence_key(user, today: dt.date) -> tuple:
    """Every input the sources' selectors build their queries from, besides the database's rows: the person, their
    roles and units (`roles_key`), the day (the selectors that read the clock themselves read today's date) and
    the database. A selector that starts to read anything else of the person must add it here."""
    from django.db import connection

    from danvan.accounts.permissions import roles_key

    return (
        connection.alias,
        connection.vendor,
        user.pk,
        user.is_active,
        today,
        timezone.localdate(),
        roles_key(user),
    )


def _present(user, today: dt.date) -> dict:
    """The sources (`_sources`) that hold a row, as querysets, and None for the others, asked in ONE query (an
    EXISTS per source on the person's own row). Most sections of most people are empty: each used to cost its own
    bounded read. The query's text and parameters are compiled once per person and day and kept (the rows are
    read every time); only the sources found with rows are built again."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Exists

    builders = _sources(user, today)
    key = _presence_key(user, today)
    with _presence_lock:
        compiled = _presence_cache.get(key)
        if compiled is not None:
            _presence_cache.move_to_end(key)
    built = None
    if compiled is None:
        built = {name: build() for name, build in builders.items()}
        asked = tuple(name for name, qs in built.items() if qs is not None)
        sql, params = None, ()
        if asked:
            query = (
                get_user_model()
                .objects.filter(pk=user.pk)
                .values(**{f"has_{name}": Exists(built[name]) for name in asked})
                .query
            )
            sql, params = query.get_compiler(connection=connection).as_sql()
        compiled = (asked, sql, tuple(params))
        with _presence_lock:
            _presence_cache[key] = compiled
            while len(_presence_cache) > PRESENCE_CACHE_SIZE:
                _presence_cache.popitem(last=False)
    asked, sql, params = compiled
    found = {}
    if sql is not None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        found = dict(zip(asked, row, strict=True)) if row else {}
    present = {}
    for name, build in builders.items():
        present[name] = (built[name] if built is not None else build()) if found.get(name) else None
    return present


def inbox_mark_read(*, actor) -> None:
    """Mark every notice received so far as read: the bell goes back to zero."""
    from django.db import transaction

    from danvan.audit.models import Action
    from danvan.audit.services import audit_record
    from danvan.core.models import InboxSeen

    with transaction.atomic():
        now = timezone.now()
        InboxSeen.objects.update_or_create(user=actor, defaults={"seen_at": now})
        audit_record(actor=actor, action=Action.INBOX_READ, details={"seen_at": now.isoformat()})


def _supervision_plans(qs, today: dt.date) -> Section:
    """Items of the Ban TTND / Ban GSĐTCĐ supervision plans of the person's bases, due soon or overdue, no result."""
    section = Section("supervision_plans", _("Supervision plan items due"), more_link=reverse("democracy:index"))
    if qs is None:
        return section
    items, section.total = _bounded(qs)
    for item in items:
        overdue = item.due_on < today
        section.items.append(
            Item(
                title=f"{item.content} — {item.target}",
                link=reverse("democracy:supervision_plan", args=[item.plan.public_id]) + f"#item-{item.public_id}",
                unit=item.plan.board.base.name,
                deadline=item.due_on,
                state=str(_("Overdue") if overdue else _("Due soon")),
                overdue=overdue,
                note=str(item.plan.board),
            )
        )
    return section
