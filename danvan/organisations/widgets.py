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
    renders_itself = True

    def __init__(self, attrs=None, *, multiple: bool = False, kinds: str = "", text_name: str = ""):
        super().__init__(attrs)
        self.multiple = multiple
        self.kinds = kinds
        # When set, the visible box is posted too under this name: free text is kept where no unit was chosen
        # (a connected site's name in an attendance row).
        self.text_name = text_name

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
                "text_name": self.text_name,
                "aria_label": context["widget"]["attrs"].get("aria-label", ""),
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


class PersonPicker(UnitPicker):
    """Choosing a person (an account holding a role in the units in scope) by name; the form posts the username."""

    def get_context(self, name, value, attrs):
        from django.contrib.auth import get_user_model

        context = forms.Widget.get_context(self, name, value, attrs)
        username = (self.format_value(value) or "").strip()
        user = get_user_model().objects.filter(username=username).first() if username else None
        chosen = [PickedPerson(user.username, user.get_full_name())] if user else []
        context["widget"].update(
            {
                "multiple": False,
                "chosen": chosen,
                "unknown": [] if user or not username else [username],
                "url": reverse_lazy("accounts:pick"),
                "kinds": "",
                "text_name": "",
                "aria_label": context["widget"]["attrs"].get("aria-label", ""),
                "placeholder": _("Type the person's name…"),
                "invalid": str(context["widget"]["attrs"].get("aria-invalid", "")).lower() == "true",
            }
        )
        return context


class PickedPerson:
    """What the picker template needs of a chosen person: the value posted (code) and the name shown."""

    def __init__(self, code: str, name: str):
        self.code, self.name, self.parent = code, name, None


def person_field(label, *, required: bool = True, help_text=None) -> forms.CharField:
    """A form field whose value is the username of a person chosen by name with the picker."""
    return forms.CharField(label=label, required=required, max_length=150, help_text=help_text, widget=PersonPicker())
