"""One guard against double submits for every form that writes.

Each POST form carries a one-time token (`{% form_token %}` from `core_tags`, next to `{% csrf_token %}`). A view
decorated with `@submit_once` inserts the token into `SubmissionToken` inside the transaction that runs the view,
so the token and the write commit together or not at all. A second request with the same token (a double click,
a resent form, the back button) fails that insert: it writes nothing and is sent where the first one led, with a
message. A second request that arrives while the first is still running waits for it (PostgreSQL: the unique
index; SQLite: the write lock taken at BEGIN IMMEDIATE) and then sees its result.

A POST without a token (the API, a script, an old page) runs unguarded: the guard is against the browser's
repeats, not a permission.
"""

import functools
import re
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

TOKEN_FIELD = "form_token"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
REPLAY_MESSAGE = (
    "Biểu mẫu này đã được gửi và lưu ở lần bấm trước; không lưu thêm lần nữa. Đây là kết quả của lần gửi đó."
)
FOREIGN_MESSAGE = "Biểu mẫu đã được dùng; hãy mở lại trang và nhập lại."


def new_form_token() -> str:
    return uuid.uuid4().hex


def claim_key(*, key: str, user=None, location: str = ""):
    """Insert `key` once. Returns the new row, or None when the key was used before (nothing written).

    Call it inside the transaction of the write it guards: the key commits with the write, or not at all."""
    from danvan.core.models import SubmissionToken

    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(
                key=key, user=user if getattr(user, "is_authenticated", False) else None, location=location
            )
    except IntegrityError:
        return None


def key_location(key: str) -> str | None:
    from danvan.core.models import SubmissionToken

    return SubmissionToken.objects.filter(key=key).values_list("location", flat=True).first()


def submit_once(view):
    """Run a POST view at most once per form token (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
        if not _TOKEN.match(token):
            return view(request, *args, **kwargs)
        key = f"form:{token}"
        with transaction.atomic():
            row = claim_key(key=key, user=request.user)
            if row is not None:
                response = view(request, *args, **kwargs)
                location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
                if location:
                    row.location = location[:500]
                    row.save(update_fields=["location"])
                else:
                    # The form came back with errors (or a file was sent): nothing was saved under this token,
                    # so the same page may be sent again.
                    row.delete()
                return response
        from danvan.core.models import SubmissionToken

        first = SubmissionToken.objects.filter(key=key).values_list("user_id", "location").first()
        if first is None or first[0] != getattr(request.user, "pk", None):
            messages.error(request, FOREIGN_MESSAGE)
            return redirect(request.path)
        messages.info(request, REPLAY_MESSAGE)
        location = first[1]
        if not url_has_allowed_host_and_scheme(location, allowed_hosts={request.get_host()}):
            location = request.path
        return redirect(location)

    wrapper.submit_once = True
    return wrapper
