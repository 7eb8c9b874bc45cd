"""Optimistic locking: two people editing the same record never overwrite each other silently.

The edit page carries the record's version (a hidden `version` field, `VersionField`). The service locks the row,
calls `check_version(row, expected)` and, when someone else saved in between, raises a conflict naming who and
when; nothing is written. The view shows the message on the bound form — what the person typed stays on the page —
and the form now carries the new version, so saving again is a deliberate choice made after reading the message.

A record's version is its integer `version` field when it has one (reports.Submission, meetings.Meeting,
workplans.Task, organisations.OrgUnit, petitions.Commitment), else its `updated_at` to the microsecond (movements,
initiatives, contests: their apps keep their tables).
"""

from django import forms
from django.utils import timezone

from danvan.core.errors import ApplicationError


def version_of(obj) -> str:
    if hasattr(obj, "version"):
        return str(obj.version)
    stamp = getattr(obj, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def bump(obj) -> list[str]:
    """Advance `obj`'s version before saving it; returns the fields to add to `update_fields`."""
    if hasattr(obj, "version"):
        obj.version += 1
        return ["version", "updated_at"] if hasattr(obj, "updated_at") else ["version"]
    return ["updated_at"]


def check_version(obj, expected, *, what: str) -> None:
    """Raise a conflict if `obj` (freshly read with select_for_update) changed since `expected` was shown.

    `expected` None or "" means the caller does not take part (API, scripts): no check."""
    if expected in (None, ""):
        return
    current = version_of(obj)
    if str(expected) == current:
        return
    who = getattr(obj, "updated_by", None)
    who = (who.get_full_name() or who.get_username()) if who else "một người khác"
    stamp = getattr(obj, "updated_at", None)
    when = f" lúc {timezone.localtime(stamp):%H:%M %d/%m/%Y}" if stamp else ""
    raise ApplicationError(
        f"{what} vừa được {who} lưu{when}, sau khi đồng chí mở trang. Chưa lưu thay đổi của đồng chí; nội dung "
        f"đồng chí nhập vẫn còn dưới đây. Hãy mở bản mới ở thẻ khác để đối chiếu, sửa lại nếu cần rồi bấm lưu lần "
        f"nữa: khi đó bản của đồng chí sẽ thay bản mới.",
        code="conflict",
        field="version",
        extra={"current_version": current},
    )


class VersionField(forms.CharField):
    """The hidden version an edit form was rendered with."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)


def show_conflict(form, exc: ApplicationError) -> None:
    """Put a conflict (or any error) on `form`; after a conflict the form carries the version now stored, so the
    person's typed text is kept and a second save is theirs to choose."""
    name = next((n for n, f in form.fields.items() if isinstance(f, VersionField)), None)
    if exc.code == "conflict" and "current_version" in exc.extra and name:
        form.data = form.data.copy()
        form.data[form.add_prefix(name)] = exc.extra["current_version"]
        form.add_error(None, exc.message)
        return
    exc.add_to_form(form)
