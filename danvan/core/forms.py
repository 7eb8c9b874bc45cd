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
