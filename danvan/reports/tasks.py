"""Background jobs of the reports app: they take ids and call one service (or send what a service recorded)."""

from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import timezone

from danvan.accounts.models import User

SUBJECT = "[danvan] Nhắc gửi báo cáo"


@task()
def report_reminder_emails_send(*, unit_ids: list[int], text: str) -> int:
    """E-mail the active accounts that hold a role directly on the reminded units: one message per address, all
    through one SMTP connection. A mail-server failure fails this task (the worker records it); the notices
    were recorded before, by report_remind."""
    addresses = sorted(
        set(
            User.objects.filter(role_assignments__unit_id__in=unit_ids, is_active=True)
            .exclude(email="")
            .exclude(email__endswith=".invalid")
            .values_list("email", flat=True)
        )
    )
    if not addresses:
        return 0
    return mailers.default.send_messages([EmailMessage(SUBJECT, text, None, [address]) for address in addresses])


@task()
def overdue_reports_remind() -> int:
    """Periodic (daily): remind the units whose last period's report is overdue."""
    from danvan.reports.services import reports_overdue_remind

    return reports_overdue_remind(today=timezone.localdate())
