from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.organisations.widgets import unit_field
from danvan.workplans.models import Task, WorkPlan


class TaskForm(forms.Form):
    assignee = unit_field(_("Lead unit"), help_text=_("Your unit or a unit below it."))
    title = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    expected_output = forms.CharField(label=_("Expected output"), max_length=255, required=False)
    coordinating = unit_field(_("Coordinating units"), required=False, multiple=True)
    deadline = forms.DateField(label=_("Deadline (dd/mm/yyyy)"))


class AdHocTaskForm(TaskForm):
    assigned_by = unit_field(_("Assigning unit"))
    field_order = ["assigned_by", "assignee", "title", "expected_output", "coordinating", "deadline"]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[c for c in Task.Status.choices if c[0] != "cancelled"])
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    upload = forms.FileField(label=_("Attached file (PDF, image, DOCX, XLSX; at most 10 MB)"), required=False)
    expected_version = VersionField()


class PlanForm(forms.Form):
    unit = unit_field(_("Unit"))
    kind = forms.ChoiceField(label=_("Type"), choices=WorkPlan.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reference = forms.CharField(
        label=_("Number and symbol"), max_length=64, required=False, help_text=_("e.g. 24-KH/BDVTU")
    )


class PlanCorrectForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=WorkPlan.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reference = forms.CharField(
        label=_("Number and symbol"), max_length=64, required=False, help_text=_("e.g. 24-KH/BDVTU")
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()
