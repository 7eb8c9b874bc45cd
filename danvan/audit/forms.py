from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.audit.models import Action
from danvan.organisations.widgets import unit_field


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Person"), max_length=150, required=False)
    unit_code = unit_field(_("Unit"), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[("", "—"), *Action.choices], required=False)
    date_from = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    date_to = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("“To” must be on or after “From”."))
        return data
