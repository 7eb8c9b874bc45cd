"""Background jobs and after-commit side effects of the petitions app. Read-only: they send what the petitions'
records already say, and take ids, as a queued task does."""

import datetime as dt
import logging
from collections import defaultdict

from django.core.mail import EmailMessage, mailers, send_mail
from django.tasks import task
from django.utils import timezone

log = logging.getLogger(__name__)

# Handlers hear of a legal deadline this many calendar days before it falls.
DAYS_AHEAD = 3


def petition_deadlines_mail(*, today: dt.date) -> int:
    """E-mail each handler of an open petition whose current step falls due in DAYS_AHEAD days the list of those
    petitions (codes, steps and dates only: nothing of a denouncer). One SMTP connection for all."""
    from danvan.petitions.models import Petition, PetitionHandler, Step

    due = today + dt.timedelta(days=DAYS_AHEAD)
    lines_by_address: dict[str, list[str]] = defaultdict(list)
    handlers = (
        PetitionHandler.objects.filter(
            petition__status__in=Petition.OPEN_STATUSES, petition__due_on=due, user__is_active=True
        )
        .exclude(user__email="")
        .exclude(user__email__endswith=".invalid")
        .order_by("petition__code")
        .values_list("user__email", "petition__code", "petition__current_step")
    )
    for address, code, step in handlers:
        label = Step(step).label if step in Step.values else step
        lines_by_address[address].append(f"- {code}" + (f": {label}" if label else ""))
    if not lines_by_address:
        return 0
    subject = f"[danvan] Đơn thư đến hạn ngày {due:%d/%m/%Y}"
    messages = [
        EmailMessage(
            subject,
            f"Các đơn thư đồng chí đang xử lý đến hạn ngày {due:%d/%m/%Y}:\n" + "\n".join(lines),
            None,
            [address],
        )
        for address, lines in sorted(lines_by_address.items())
    ]
    return mailers.default.send_messages(messages)


@task()
def petition_deadlines_remind() -> int:
    """Periodic (daily): tell handlers which of their petitions fall due in three days."""
    return petition_deadlines_mail(today=timezone.localdate())


def send_handler_email(*, user_id: int, code: str) -> int:
    """Tell a new handler they handle petition `code`: the code only, never its content or its sender."""
    from danvan.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    text = (
        f"Đồng chí {user.get_full_name() or user.get_username()} được phân công xử lý đơn {code} trên danvan.\n"
        "Hãy đăng nhập danvan để xem đơn."
    )
    try:
        return send_mail(f"[danvan] Phân công xử lý đơn {code}", text, None, [user.email])
    except Exception:  # a mail server problem must not undo the assignment already recorded
        log.exception("handler e-mail for %s failed", code)
        return 0
