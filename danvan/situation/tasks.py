"""Background jobs of the situation app: alert e-mails and the escalation of unacknowledged hotspots."""

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import timezone


def alert_recipients(unit) -> list[str]:
    """E-mail addresses of the leaders of `unit` and of the units directly below it (its dân vận board)."""
    from django.db.models import Q

    from danvan.accounts.models import Role, RoleAssignment

    return sorted(
        set(
            RoleAssignment.objects.filter(Q(unit=unit) | Q(unit__parent=unit), role=Role.LEADER, user__is_active=True)
            .exclude(user__email="")
            .exclude(user__email__endswith=".invalid")
            .values_list("user__email", flat=True)
        )
    )


@task()
def hotspot_alert_mail(*, alert_id: int) -> int:
    """E-mail the leaders of the alerted unit: code, title, severity and the link only."""
    from django.urls import reverse

    from danvan.situation.models import HotspotAlert

    alert = HotspotAlert.objects.select_related("hotspot__severity", "unit").filter(pk=alert_id).first()
    if alert is None:
        return 0
    addresses = alert_recipients(alert.unit)
    if not addresses:
        return 0
    hotspot = alert.hotspot
    due = timezone.localtime(alert.due_at).strftime("%H:%M %d/%m/%Y")
    path = reverse("situation:hotspot_detail", args=[hotspot.code])
    where = (
        f"Xem và tiếp nhận tại: {settings.DANVAN_SITE_URL}{path}"
        if settings.DANVAN_SITE_URL
        else f"Đồng chí đăng nhập danvan, mục Tình hình nhân dân, để xem và tiếp nhận (trang {path})."
    )
    body = (
        f"Kính gửi đồng chí,\n\nĐiểm nóng {hotspot.code} mức {hotspot.severity.name} cần {alert.unit.name} "
        f"tiếp nhận trước {due}.\n{where}"
    )
    messages = [EmailMessage(f"[danvan] Điểm nóng {hotspot.code}", body, None, [a]) for a in addresses]
    return mailers.default.send_messages(messages)


@task()
def hotspot_alerts_escalate() -> int:
    """Periodic: alerts nobody acknowledged in time climb one level."""
    from danvan.situation.services import hotspot_alerts_escalate_due

    return hotspot_alerts_escalate_due(now=timezone.now())


@task()
def digests_generate(*, kind: str, start: str) -> int:
    """The digests of the centre and every province for one period (`start` an ISO date in it)."""
    import datetime as dt

    from danvan.situation.services import digests_generate_all

    return digests_generate_all(kind=kind, start=dt.date.fromisoformat(start))


@task()
def digests_generate_due() -> int:
    """Periodic (daily): last week's and last month's digests, each once (skipped when already made)."""
    from danvan.situation.services import digests_due, digests_generate_all

    made = 0
    for kind, start in digests_due(today=timezone.localdate()):
        made += digests_generate_all(kind=kind, start=start)
    return made
