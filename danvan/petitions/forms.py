from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.errors import ApplicationError
from danvan.core.locking import VersionField
from danvan.organisations.widgets import person_field, unit_field
from danvan.petitions.models import (
    Case,
    CaseEvent,
    Commitment,
    DayType,
    Petition,
    PetitionField,
    PetitionTransfer,
    Procedure,
    ReceptionDutyRule,
    ReceptionSession,
    Step,
)
from danvan.petitions.services import clean_cccd, clean_phone


class PetitionIntakeForm(forms.Form):
    unit = unit_field(_("Receiving unit"))
    source = forms.ChoiceField(label=_("Source"), choices=Petition.Source.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Petition.Category.choices)
    field = forms.ModelChoiceField(label=_("Field"), queryset=PetitionField.objects.filter(is_active=True))
    received_on = forms.DateField(label=_("Received on (dd/mm/yyyy)"))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}))
    respondent = forms.CharField(label=_("Person or body complained about"), max_length=255, required=False)
    petitioner_kind = forms.ChoiceField(label=_("Sent by"), choices=Petition.PetitionerKind.choices)
    group_size = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=1_000_000, initial=1)
    is_anonymous = forms.BooleanField(label=_("Anonymous (nặc danh)"), required=False)
    is_ineligible = forms.BooleanField(label=_("Not eligible (không đủ điều kiện)"), required=False)
    is_over_level = forms.BooleanField(label=_("Sent above the competent level (vượt cấp)"), required=False)
    is_complex = forms.BooleanField(label=_("Prolonged complex case (phức tạp kéo dài)"), required=False)
    is_remote_area = forms.BooleanField(label=_("Remote area (vùng sâu, vùng xa)"), required=False)


class PetitionerForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128, required=False)
    cccd = forms.CharField(label=_("Citizen ID (CCCD, 12 digits)"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    is_representative = forms.BooleanField(label=_("Representative"), required=False)

    def clean_cccd(self):
        try:
            return clean_cccd(self.cleaned_data["cccd"])
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data["phone"])
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc


PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=3, max_num=50)


class ActionForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(ActionForm):
    decision_number = forms.CharField(label=_("Decision or conclusion number"), max_length=64)


class ExtendForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Petition.Status.RESOLVED, Petition.Status.RESOLVED.label),
            (Petition.Status.CLOSED_UNRESOLVED, Petition.Status.CLOSED_UNRESOLVED.label),
        ],
    )
    # Not required here: the service refuses an empty result with its own message, the one rule in one place.
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    to_unit = unit_field(_("Competent unit in danvan"), required=False)
    to_body_name = forms.CharField(label=_("Or the name of the competent body"), max_length=255, required=False)
    letter_number = forms.CharField(label=_("Transfer letter number"), max_length=64, required=False)
    letter_date = forms.DateField(label=_("Letter date (dd/mm/yyyy)"), required=False)


class TrackForm(forms.Form):
    tracking = forms.ChoiceField(label=_("Tracking"), choices=PetitionTransfer.Tracking.choices)
    note = forms.CharField(label=_("Note"), required=False)


class AssignForm(forms.Form):
    username = person_field(_("Handler"))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search content (diacritics optional)"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", pgettext_lazy("petition status", "Open"))] + list(Petition.Status.choices),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All"))] + list(Petition.Category.choices)
    )


class PeriodForm(forms.Form):
    unit = unit_field(_("Unit"), required=False)
    start = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    end = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)


class ReceptionSessionForm(forms.Form):
    unit = unit_field(_("Unit"))
    held_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    duty = forms.IntegerField(required=False, widget=forms.HiddenInput)
    leader_name = forms.CharField(label=_("Leader receiving (or delegated person)"), max_length=128)
    is_delegated = forms.BooleanField(label=_("Delegated (ủy quyền)"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReceptionSession.Kind.choices)
    citizen_kind = forms.ChoiceField(label=_("Citizens"), choices=Petition.PetitionerKind.choices)
    citizen_count = forms.IntegerField(label=_("Number of citizens"), min_value=1, max_value=1_000_000, initial=1)
    field = forms.ModelChoiceField(label=_("Field"), queryset=PetitionField.objects.filter(is_active=True))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    create_petition = forms.BooleanField(label=_("Also record a petition from this session"), required=False)
    category = forms.ChoiceField(label=_("Petition category"), choices=Petition.Category.choices, required=False)


class DutyForm(forms.Form):
    unit = unit_field(_("Unit"))
    holder_name = forms.CharField(label=_("Leader"), max_length=128)
    position = forms.ChoiceField(label=_("Position"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = list(
            ReceptionDutyRule.objects.filter(effective_to__isnull=True).values_list("position", "position_name")
        )


class CaseForm(forms.Form):
    unit = unit_field(_("Unit"))
    title = forms.CharField(label=_("Title"), max_length=255)
    opened_on = forms.DateField(label=_("Opened on (dd/mm/yyyy)"))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CasePetitionForm(forms.Form):
    petition = forms.CharField(label=_("Petition code"), max_length=20)


class CaseMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    role = forms.CharField(label=_("Role in the working group"), max_length=128)


class CaseEventForm(forms.Form):
    on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseEvent.Kind.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}))
    status_after = forms.ChoiceField(
        label=_("Status after a review"), required=False, choices=[("", "—")] + list(Case.Status.choices)
    )


class DialogueForm(forms.Form):
    unit = unit_field(_("Unit"))
    held_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    place = forms.CharField(label=_("Place"), max_length=255)
    leaders = forms.CharField(label=_("Leader(s)"), max_length=255)
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    participant_count = forms.IntegerField(
        label=_("Number of participants"), min_value=0, max_value=1_000_000, initial=0
    )


class IssueForm(forms.Form):
    issue = forms.CharField(label=_("Issue raised"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner_unit = unit_field(_("Owner unit"), required=False)
    due_on = forms.DateField(label=_("Deadline (dd/mm/yyyy)"), required=False)


IssueFormSet = forms.formset_factory(IssueForm, extra=3, max_num=50)


class CommitmentForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    outcome = forms.CharField(label=_("Outcome"), required=False)
    is_published = forms.BooleanField(label=_("Publish the outcome"), required=False)
    expected_version = VersionField()


class DeadlineRuleForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices)
    step = forms.ChoiceField(label=_("Step"), choices=Step.choices)
    variant = forms.CharField(label=_("Variant (empty for the general rule)"), max_length=32, required=False)
    days = forms.IntegerField(label=_("Days"), min_value=1)
    day_type = forms.ChoiceField(label=_("Day type"), choices=DayType.choices)
    extension_days = forms.IntegerField(label=_("Days per extension"), min_value=0, initial=0)
    max_extensions = forms.IntegerField(label=_("Maximum extensions"), min_value=0, initial=0)
    remote_area_days = forms.IntegerField(label=_("Days in remote areas"), min_value=1, required=False)
    remote_area_extension_days = forms.IntegerField(
        label=_("Extension days in remote areas"), min_value=0, required=False
    )
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}))
    effective_from = forms.DateField(label=_("In force from (dd/mm/yyyy)"))
    effective_to = forms.DateField(label=_("In force until (dd/mm/yyyy)"), required=False)


class RuleEndForm(forms.Form):
    rule = forms.IntegerField(widget=forms.HiddenInput)
    effective_to = forms.DateField(label=_("In force until (dd/mm/yyyy)"))


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    name = forms.CharField(label=_("Name"), max_length=128)
    is_estimate = forms.BooleanField(label=_("Estimate (not yet announced)"), required=False)


# --- Correcting a petition ------------------------------------------------------------------------------

CCCD_MASK = "•" * 8


def masked_cccd(value: str) -> str:
    """A stored CCCD as the correction form shows it: its last four digits."""
    return CCCD_MASK + value[-4:] if value else ""


class PetitionCorrectForm(PetitionIntakeForm):
    """The facts recorded at intake, less the receiving unit, the source and anonymity (which decide who may see the
    petition and how it came in, and are not typos to fix), with the reason and the version shown."""

    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()

    def __init__(self, *args, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "source", "is_anonymous"):
            del self.fields[name]
        if petition is not None:
            # A field retired since intake stays choosable for this petition.
            self.fields["field"].queryset = PetitionField.objects.filter(Q(is_active=True) | Q(pk=petition.field_id))


class PetitionerCorrectForm(PetitionerForm):
    cccd = forms.CharField(
        label=_("Citizen ID (CCCD, 12 digits)"),
        max_length=20,
        required=False,
        help_text=_("A stored number is shown masked: leave it to keep it, or type all 12 digits to replace it."),
    )

    def clean_cccd(self):
        value = (self.cleaned_data["cccd"] or "").strip()
        if value.startswith(CCCD_MASK):
            return value  # kept: the view puts the stored number back
        return super().clean_cccd()


PetitionerCorrectFormSet = forms.formset_factory(PetitionerCorrectForm, extra=1, max_num=50)


class ReceptionSessionCorrectForm(forms.Form):
    held_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    leader_name = forms.CharField(label=_("Leader receiving (or delegated person)"), max_length=128)
    is_delegated = forms.BooleanField(label=_("Delegated (ủy quyền)"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReceptionSession.Kind.choices)
    citizen_kind = forms.ChoiceField(label=_("Citizens"), choices=Petition.PetitionerKind.choices)
    citizen_count = forms.IntegerField(label=_("Number of citizens"), min_value=1, max_value=1_000_000)
    field = forms.ModelChoiceField(label=_("Field"), queryset=PetitionField.objects.all())
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()

    def __init__(self, *args, current_field_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A field retired since the session stays choosable for it.
        self.fields["field"].queryset = PetitionField.objects.filter(Q(is_active=True) | Q(pk=current_field_id))


class DialogueCorrectForm(forms.Form):
    held_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    place = forms.CharField(label=_("Place"), max_length=255)
    leaders = forms.CharField(label=_("Leader(s)"), max_length=255)
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    participant_count = forms.IntegerField(label=_("Number of participants"), min_value=0, max_value=1_000_000)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    expected_version = VersionField()
