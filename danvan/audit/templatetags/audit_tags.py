"""An audit event's change as people read it: “Trạng thái: Nháp → Đã gửi”, not a Python dict."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Labels of the keys services write most; any other key is shown with its underscores as spaces.
LABELS = {
    "status": _("Status"),
    "title": _("Title"),
    "name": _("Name"),
    "unit": _("Unit"),
    "role": _("Role"),
    "kind": _("Kind"),
    "due_date": _("Due"),
    "deadline": _("Deadline"),
    "count": _("Count"),
    "year": _("Year"),
    "username": _("Username"),
    "full_name": _("Full name"),
    "email": _("E-mail"),
    "user": _("Account"),
    "assignee": _("Lead unit"),
    "note": _("Note"),
    "parent": _("Parent unit"),
    "held_on": _("Held on"),
    "handler": _("Handler"),
    "petition": _("Petition"),
    "is_active": _("Active"),
    "version": _("Version"),
    "reference": _("Number"),
}
MAX_TEXT = 160


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "có"
    if value is False:
        return "không"
    if isinstance(value, list | tuple):
        shown = ", ".join(_text(v) for v in value[:10])
        return shown + (f" … (+{len(value) - 10})" if len(value) > 10 else "")
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in list(value.items())[:10])
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _label(key) -> str:
    return str(LABELS.get(key, str(key).replace("_", " ").capitalize()))


@register.filter
def audit_changes(event) -> list[tuple[str, str, str | None]]:
    """[(label, old or None, new)] for an event: each key of `after` (and `before`), then each detail."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    rows = []
    for key in dict.fromkeys([*after, *before]):
        old = _text(before[key]) if key in before else None
        new = _text(after.get(key)) if key in after else "—"
        if old is not None and old == new:
            continue
        rows.append((_label(key), old, new))
    details = event.details if isinstance(event.details, dict) else {}
    for key, value in details.items():
        rows.append((_label(key), None, _text(value)))
    if not rows and event.after not in (None, {}, "") and not isinstance(event.after, dict):
        rows.append(("", None, _text(event.after)))
    return rows
