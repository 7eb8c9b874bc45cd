from django import template
from django.utils.html import format_html

from danvan.core.submissions import TOKEN_FIELD, new_form_token

register = template.Library()


@register.simple_tag
def form_token():
    """A one-time token for this form (core.submissions): a second submit of the same page writes nothing."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_form_token())


@register.filter
def days_overdue(due) -> int:
    """Days since `due` passed (0 when not yet, or no date): “Quá hạn 61 ngày” instead of a bare “not started”."""
    import datetime as dt

    from django.utils import timezone

    if not isinstance(due, dt.date):
        return 0
    return max((timezone.localdate() - due).days, 0)
