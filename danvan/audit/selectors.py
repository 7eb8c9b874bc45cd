import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.accounts.permissions import AUDIT_ROLES, units_in_scope
from danvan.audit.models import AuditEvent
from danvan.audit.services import target_key
from danvan.core.text import fold


def auditevent_list_for_user(
    *,
    user,
    actor: str = "",
    unit_code: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events about units the user administers. Events without a unit (logins, system jobs) are shown
    only to administrators of the root, who see everything."""
    scope = units_in_scope(user, AUDIT_ROLES)
    qs = AuditEvent.objects.select_related("unit", "actor")
    if not scope.filter(parent__isnull=True).exists():
        qs = qs.filter(unit__in=scope)
    if actor:
        folded = fold(actor)
        qs = qs.filter(Q(actor_label__icontains=actor.strip()) | Q(actor__username__icontains=folded))
    if unit_code:
        qs = qs.filter(unit__code=unit_code.strip().upper())
    if action:
        qs = qs.filter(action=action)
    tz = timezone.get_current_timezone()
    # The first and last days Python knows bound nothing, and shifting them to UTC or adding a day overflows
    # (?date_to=31/12/9999): skip them rather than filter on at__date, which the index on "at" cannot serve.
    if date_from and date_from > dt.date.min:
        qs = qs.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to and date_to < dt.date.max:
        qs = qs.filter(at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs.order_by("-at", "-id")


def auditevent_history_of(target, *, limit: int = 100) -> list[AuditEvent]:
    """A record's own events, oldest first: the history shown beside a correction page. The caller has already
    checked that the person may see the record."""
    return list(
        AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target_key(target))
        .select_related("actor")
        .order_by("at", "id")[:limit]
    )
