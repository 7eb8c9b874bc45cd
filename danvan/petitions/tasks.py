"""Background jobs of the petitions app. Read-only: they send what the petitions' records already say."""

import datetime as dt
from collections import defaultdict

from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.utils import timezone

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
