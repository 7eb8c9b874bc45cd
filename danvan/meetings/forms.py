from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, rows_field
from danvan.meetings.models import Meeting
from danvan.organisations.widgets import unit_field
from danvan.reports.forms import period_field


class ScheduleForm(forms.Form):
    unit = unit_field(_("Organising unit"))
    kind = forms.ChoiceField(label=_("Type"), choices=Meeting.Kind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=255, help_text=_("e.g. Hội nghị giao ban công tác dân vận quý I/2026")
    )
    starts_at = forms.DateTimeField(label=_("Starts (dd/mm/yyyy hh:mm)"))
    ends_at = forms.DateTimeField(label=_("Ends (dd/mm/yyyy hh:mm)"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    period = period_field(_("Period reviewed"), help_text=_("The reporting period the meeting reviews, if any."))
    chairs = rows_field(_("Chairs"), [Column("name", _("Full name")), Column("title", _("Position"))])
    invited = unit_field(_("Invited units"), required=False, multiple=True)
    invited_people = rows_field(
        _("Invited people"), [Column("name", _("Full name")), Column("title", _("Position"))], separator=", "
    )
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class OutcomeForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    attendance = rows_field(
        _("Attendance"),
        [
            Column("site", _("Unit or connected site"), "unit_or_text"),
            Column("people", _("Number of people"), "number"),
        ],
        help_text=_("Choose a unit, or type the name of a connected site."),
    )
    conclusions = rows_field(
        _("Conclusions"),
        [
            Column("text", _("Conclusion"), "textarea"),
            Column("unit", _("Lead unit"), "unit"),
            Column("deadline", _("Deadline"), "date"),
        ],
        required=True,
        help_text=_("A conclusion with a lead unit and a deadline becomes that unit's task."),
    )
    commendations = forms.CharField(label=_("Commendations"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    proposals = forms.CharField(label=_("Proposals"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    expected_version = VersionField()


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=255, required=False)
    upload = forms.FileField(label=_("File (PDF, image, DOCX, XLSX; at most 10 MB)"))
