"""Side effects run after commit. Small enough to run inline; they take ids, as a queued task would."""

import logging

from django.core.mail import send_mail

from danvan.accounts.models import User

log = logging.getLogger(__name__)


def send_reminder_emails(*, unit_ids: list[int], text: str) -> int:
    """E-mail the active accounts that hold a role directly on the reminded units."""
    addresses = sorted(
        set(
            User.objects.filter(role_assignments__unit_id__in=unit_ids, is_active=True)
            .exclude(email="")
            .exclude(email__endswith=".invalid")
            .values_list("email", flat=True)
        )
    )
    sent = 0
    for address in addresses:
        try:
            sent += send_mail("[danvan] Nhắc gửi báo cáo", text, None, [address])
        except Exception:  # a mail server problem must not break the reminder already recorded
            log.exception("reminder e-mail to %s failed", address)
    return sent
