from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.meetings.models import Meeting
from danvan.organisations.widgets import unit_field


class ScheduleForm(forms.Form):
    unit = unit_field(_("Organising unit"))
    kind = forms.ChoiceField(label=_("Type"), choices=Meeting.Kind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=255, help_text=_("e.g. Hội nghị giao ban công tác dân vận quý I/2026")
    )
    starts_at = forms.DateTimeField(label=_("Starts (dd/mm/yyyy hh:mm)"))
    ends_at = forms.DateTimeField(label=_("Ends (dd/mm/yyyy hh:mm)"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    period = forms.CharField(
        label=_("Period reviewed"),
        max_length=32,
        required=False,
        help_text=_("e.g. quarter-2026-1 for quý I/2026; leave empty if none."),
    )
    chairs = forms.CharField(
        label=_("Chairs"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line: name | title"),
    )
    invited = unit_field(_("Invited units"), required=False, multiple=True)
    invited_people = forms.CharField(
        label=_("Invited people"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line: name, title"),
    )
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OutcomeForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    attendance = forms.CharField(
        label=_("Attendance"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: unit code or connected site | number of people"),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line: conclusion | lead unit code | deadline dd/mm/yyyy. "
            "Leave out the unit and deadline for a conclusion without a task."
        ),
    )
    commendations = forms.CharField(label=_("Commendations"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    proposals = forms.CharField(label=_("Proposals"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    upload = forms.FileField(label=_("File (PDF, image, DOCX, XLSX; at most 10 MB)"))
