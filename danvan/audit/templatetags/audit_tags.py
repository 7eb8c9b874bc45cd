"""An audit event's change as people read it: “Trạng thái: Nháp → Đã gửi”, not a Python dict."""

import functools
import re

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
# More keys services write, in a context of their own: "Source" or "Form" mean other things elsewhere.
LABELS |= {
    "address": pgettext_lazy("audit detail", "Address"),
    "alerted_unit": pgettext_lazy("audit detail", "Unit alerted"),
    "answer": pgettext_lazy("audit detail", "Answer"),
    "answered_by": pgettext_lazy("audit detail", "Answered by"),
    "answered_on": pgettext_lazy("audit detail", "Answered on"),
    "code": pgettext_lazy("audit detail", "Code"),
    "content": pgettext_lazy("audit detail", "Content"),
    "created": pgettext_lazy("audit detail", "Created"),
    "decision": pgettext_lazy("audit detail", "Decision"),
    "decision_date": pgettext_lazy("audit detail", "Decision date"),
    "decision_note": pgettext_lazy("audit detail", "Decision note"),
    "delegation": pgettext_lazy("audit detail", "Delegation"),
    "denomination": pgettext_lazy("audit detail", "Denomination"),
    "dignitaries": pgettext_lazy("audit detail", "Dignitaries"),
    "dignitary": pgettext_lazy("audit detail", "Dignitary"),
    "drafting_unit": pgettext_lazy("audit detail", "Drafting unit"),
    "due_at": pgettext_lazy("audit detail", "Due"),
    "duplicate_of": pgettext_lazy("audit detail", "Duplicate of"),
    "end_date": pgettext_lazy("audit detail", "End date"),
    "start_date": pgettext_lazy("audit detail", "Start date"),
    "establishment": pgettext_lazy("audit detail", "Establishment"),
    "ethnic_area": pgettext_lazy("audit detail", "Ethnic minority area"),
    "field": pgettext_lazy("audit detail", "Field"),
    "followers": pgettext_lazy("audit detail", "Followers"),
    "form": pgettext_lazy("audit detail", "Report form"),
    "generated_at": pgettext_lazy("audit detail", "Made at"),
    "judges": pgettext_lazy("audit detail", "Judges"),
    "members": pgettext_lazy("audit detail", "Members"),
    "method": pgettext_lazy("audit detail", "Method"),
    "month": pgettext_lazy("audit detail", "Month"),
    "movement_name": pgettext_lazy("audit detail", "Movement"),
    "movements": pgettext_lazy("audit detail", "Movements"),
    "new_hotspots": pgettext_lazy("audit detail", "New hotspots"),
    "new_rural": pgettext_lazy("audit detail", "New rural development"),
    "number": pgettext_lazy("audit detail", "Number"),
    "person_name": pgettext_lazy("audit detail", "Person's name"),
    "place": pgettext_lazy("audit detail", "Place"),
    "reason": pgettext_lazy("audit detail", "Reason"),
    "recognition_level": pgettext_lazy("audit detail", "Recognition level"),
    "religion": pgettext_lazy("audit detail", "Religion"),
    "removed": pgettext_lazy("audit detail", "Removed"),
    "reported_on": pgettext_lazy("audit detail", "Reported on"),
    "response": pgettext_lazy("audit detail", "Response"),
    "responsible_unit": pgettext_lazy("audit detail", "Responsible unit"),
    "results": pgettext_lazy("audit detail", "Results"),
    "scheme": pgettext_lazy("audit detail", "Scoring scheme"),
    "schemes": pgettext_lazy("audit detail", "Scoring schemes"),
    "scores": pgettext_lazy("audit detail", "Scores"),
    "severity": pgettext_lazy("audit detail", "Severity"),
    "situation": pgettext_lazy("audit detail", "Situation"),
    "start": pgettext_lazy("audit detail", "Start"),
    "supervised": pgettext_lazy("audit detail", "Supervised"),
    "supervision": pgettext_lazy("audit detail", "Supervision"),
    "targets": pgettext_lazy("audit detail", "Targets"),
    "teams": pgettext_lazy("audit detail", "Teams"),
    "total": pgettext_lazy("audit detail", "Total"),
    "unchanged": pgettext_lazy("audit detail", "Unchanged"),
    "updated": pgettext_lazy("audit detail", "Updated"),
    "users": pgettext_lazy("audit detail", "Accounts"),
    "village": pgettext_lazy("audit detail", "Village"),
    "visit_on": pgettext_lazy("audit detail", "Visit date"),
    "period": pgettext_lazy("audit detail", "Period"),
    "indicators": pgettext_lazy("audit detail", "Indicators"),
    "flags": pgettext_lazy("audit detail", "Reader's warnings"),
    "filename": pgettext_lazy("audit detail", "File name"),
    "source": pgettext_lazy("audit detail", "Source"),
    "frequency": pgettext_lazy("audit detail", "Frequency"),
    "aggregation": pgettext_lazy("audit detail", "Aggregation"),
    "replaces": pgettext_lazy("audit detail", "Replaces"),
    "revoked": pgettext_lazy("audit detail", "Revoked"),
    "unit_kinds": pgettext_lazy("audit detail", "Kinds of unit"),
    "text": pgettext_lazy("audit detail", "Text"),
    "sha256": pgettext_lazy("audit detail", "File fingerprint"),
    "on": pgettext_lazy("audit detail", "Date"),
    "to": pgettext_lazy("audit detail", "To"),
    "gifts": pgettext_lazy("audit detail", "Gifts"),
    "implementation": pgettext_lazy("audit detail", "Implementation"),
    "populations": pgettext_lazy("audit detail", "Population"),
    "successions": pgettext_lazy("audit detail", "Successions"),
    "records_refreshed": pgettext_lazy("audit detail", "Records refreshed"),
    "closure_rows_added": pgettext_lazy("audit detail", "Tree links added"),
    "closure_rows_removed": pgettext_lazy("audit detail", "Tree links removed"),
    "unmatched_successions": pgettext_lazy("audit detail", "Successions not matched"),
    "demo": pgettext_lazy("audit detail", "Demo data"),
    "holiday_date": pgettext_lazy("audit detail", "Holiday"),
    "step": pgettext_lazy("audit detail", "Step"),
    "procedure": pgettext_lazy("audit detail", "Procedure"),
    "days": pgettext_lazy("audit detail", "Days"),
    "legal_basis": pgettext_lazy("audit detail", "Legal basis"),
    "expected_version": pgettext_lazy("audit detail", "Version"),
}
MAX_TEXT = 160
KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


@functools.cache
def _choice_labels() -> dict[str, object]:
    """Every stored choice key of every model ("xu_ly_ban_dau", "to_dan_van") → its label, and the reader's
    warning flags → their sentences: the values services write into audit details are often such keys."""
    from django.apps import apps

    from danvan.ingest.flags import FLAG_LABELS

    labels: dict[str, object] = {}
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            for value, label in getattr(model_field, "flatchoices", None) or []:
                if isinstance(value, str) and KEY.match(value):
                    labels.setdefault(value, label)
    return labels | FLAG_LABELS


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
    if KEY.match(text):
        # A stored key is shown by its label; one no model knows, as words.
        return str(_choice_labels().get(text, text.replace("_", " ")))
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
