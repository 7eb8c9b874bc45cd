"""Side effects run after commit. Small enough to run inline; they take ids, as a queued task would."""

import logging

from django.core.mail import send_mail

from danvan.accounts.models import User

log = logging.getLogger(__name__)


def send_handler_email(*, user_id: int, code: str) -> int:
    """Tell a new handler they handle petition `code`: the code only, never its content or its sender."""
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
