"""Choosing a unit instead of typing its code: a type-ahead over the units in the person's scope.

The form still receives the unit's code (a hidden input), so every view and service keeps reading codes; what the
person sees and types is the unit's name, with or without diacritics, old names included. static/js/picker.js
drives it; `organisations:pick` answers the searches.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from danvan.organisations.models import OrgUnit


class UnitPicker(forms.Widget):
    template_name = "organisations/widgets/unit_picker.html"
    # The shared form templates render most widgets by hand; this one they render as itself.
    is_picker = True

    def __init__(self, attrs=None, *, multiple: bool = False, kinds: str = ""):
        super().__init__(attrs)
        self.multiple = multiple
        self.kinds = kinds

    def format_value(self, value):
        return "" if value is None else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        codes = [c.strip().upper() for c in (self.format_value(value) or "").replace(",", "\n").split() if c.strip()]
        chosen = (
            {u.code: u for u in OrgUnit.objects.filter(code__in=codes[:200]).select_related("parent")} if codes else {}
        )
        context["widget"].update(
            {
                "multiple": self.multiple,
                "chosen": [chosen[c] for c in codes if c in chosen],
                "unknown": [c for c in codes if c not in chosen],
                "url": reverse_lazy("organisations:pick"),
                "kinds": self.kinds,
                "placeholder": _("Type a unit's name, without diacritics is fine…"),
                "invalid": str(context["widget"]["attrs"].get("aria-invalid", "")).lower() == "true",
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return (
                ", ".join(v.strip() for v in data.getlist(name) if v.strip())
                if hasattr(data, "getlist")
                else data.get(name)
            )
        return data.get(name)


def unit_field(
    label, *, required: bool = True, help_text=None, multiple: bool = False, kinds: str = ""
) -> forms.CharField:
    """A form field whose value is a unit code chosen with the picker (several codes, one per line, if multiple)."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=8000 if multiple else 40,
        help_text=help_text,
        widget=UnitPicker(multiple=multiple, kinds=kinds),
    )
