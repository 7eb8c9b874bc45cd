"""Cleaning that every form of danvan gets: text fields lose bidirectional control characters.

Installed once from CoreConfig.ready() on Django's CharField (so on every CharField, EmailField, SlugField…
of every form, in every app) rather than by a base class each form must remember to use. Password fields
are left alone: what a person typed as a password must reach the hasher unchanged.

The API's schemas get the same cleaning from `danvan.core.schemas.CleanStr`.
"""

from django import forms

from danvan.core.text import strip_bidi_controls

_original_to_python = forms.CharField.to_python


def _to_python(self, value):
    value = _original_to_python(self, value)
    if isinstance(value, str) and not isinstance(self.widget, forms.PasswordInput):
        value = strip_bidi_controls(value)
        if self.strip:
            value = value.strip()
        if value in self.empty_values:
            return self.empty_value
    return value


def install_text_cleaning() -> None:
    forms.CharField.to_python = _to_python


# Rendered fields of blank forms, per process: (template, form class, prefix, initial, language, script prefix) →
# HTML. Bounded; cleared whole when full (the keys change with the day's date in `initial`).
_BLANK_FIELDS: dict = {}
_BLANK_FIELDS_MAX = 512


def blank_fields_html(form, template_name: str = "_fields.html"):
    """The fields of an unbound form as the shared template renders them, rendered once per process for the same
    form class, prefix, initial values and language (perf15j: a petition page rendered its four or five action
    forms on every request, ~20 % of its CPU).

    Only for forms whose fields depend on nothing else: no choices read from the database, nothing set from the
    person in `__init__`, no value typed. A bound form (with its values and errors) is rendered every time."""
    from django.template.loader import render_to_string
    from django.urls import get_script_prefix
    from django.utils.translation import get_language

    if form.is_bound:
        return render_to_string(template_name, {"form": form})
    try:
        initial = tuple(sorted(form.initial.items()))
        key = (template_name, type(form), form.prefix, form.auto_id, initial, get_language(), get_script_prefix())
        hash(key)
    except TypeError:  # an initial value that cannot be a key
        return render_to_string(template_name, {"form": form})
    html = _BLANK_FIELDS.get(key)
    if html is None:
        if len(_BLANK_FIELDS) >= _BLANK_FIELDS_MAX:
            _BLANK_FIELDS.clear()
        html = _BLANK_FIELDS[key] = render_to_string(template_name, {"form": form})
    return html
