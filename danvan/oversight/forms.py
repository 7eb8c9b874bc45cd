from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.organisations.widgets import UnitPicker, unit_field
from danvan.oversight.models import SUPERVISING_KINDS, Implementation, Method, Response, SubjectKind

BODY_KINDS = ",".join(SUPERVISING_KINDS)


class AreaPicker(UnitPicker):
    """The unit picker over the Front's whole area (a province's Front picks a commune's UBND), not only the
    units the person holds a role on."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["url"] = reverse_lazy("oversight:pick")
        return context


def area_field(label, *, required: bool = True, help_text=None) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=40, help_text=help_text, widget=AreaPicker())


def year_choices() -> list[tuple[int, str]]:
    year = timezone.localdate().year
    return [(y, str(y)) for y in range(year + 1, year - 5, -1)]


PICK_MESSAGE = _("Choose a unit from the list: type part of its name, then pick it.")
DATE_MESSAGE = _("Enter the date as dd/mm/yyyy, for example 15/03/2026.")


class OversightForm(forms.Form):
    """Pickers and dates say what to do when left empty or mistyped."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, UnitPicker):
                field.error_messages["required"] = PICK_MESSAGE
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = DATE_MESSAGE


def _text(label, rows=4, required=True):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required)


class ProgrammeForm(OversightForm):
    unit = unit_field(_("Supervising body (the Front or an organisation)"), kinds=BODY_KINDS)
    year = forms.TypedChoiceField(label=_("Year"), choices=year_choices, coerce=int)
    title = forms.CharField(label=_("Title of the programme"), max_length=255)
    content = _text(_("Content: what will be supervised, when and how"), rows=5, required=False)


class ProgrammeEditForm(ProgrammeForm):
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]
        del self.fields["year"]


class SupervisionForm(OversightForm):
    unit = unit_field(_("Supervising body (the Front or an organisation)"), kinds=BODY_KINDS)
    programme = forms.ModelChoiceField(
        label=_("Yearly programme"), queryset=None, required=False, empty_label=_("— Outside the programme —")
    )
    subject_kind = forms.ChoiceField(label=_("What is supervised"), choices=SubjectKind.choices)
    subject = forms.CharField(
        label=_("Subject of the supervision"),
        max_length=255,
        help_text=_("e.g. “Việc thực hiện chính sách hỗ trợ hộ nghèo năm 2026”"),
    )
    method = forms.ChoiceField(label=_("How it is done"), choices=Method.choices)
    board = forms.ModelChoiceField(
        label=_("Board (when done through the boards)"), queryset=None, required=False, empty_label="—"
    )
    supervised_unit = area_field(_("Body supervised"))
    start_date = forms.DateField(label=_("Start date (dd/mm/yyyy)"))
    end_date = forms.DateField(label=_("End date (dd/mm/yyyy)"), required=False)
    findings = _text(_("Findings"), rows=5, required=False)

    def __init__(self, *args, programmes, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda p: f"{p.year} — {p.title} ({p.unit.name})"
        self.fields["board"].queryset = boards
        self.fields["board"].label_from_instance = lambda b: f"{b} — {b.base.name}"


class SupervisionEditForm(SupervisionForm):
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]


class RecommendationForm(OversightForm):
    content = _text(_("Recommendation"), rows=3)
    responsible_unit = area_field(_("Body that must answer"))
    deadline = forms.DateField(label=_("Answer due by (dd/mm/yyyy)"))


class RecommendationEditForm(RecommendationForm):
    expected_version = VersionField()


class AnswerForm(OversightForm):
    answer = _text(_("Answer"), rows=4)
    answered_by = area_field(_("Body that gave the answer"))
    answered_on = forms.DateField(label=_("Date of the answer (dd/mm/yyyy)"))
    implementation = forms.ChoiceField(label=_("Carried out?"), choices=Implementation.choices)
    expected_version = VersionField()


class CritiqueForm(OversightForm):
    unit = unit_field(_("Body that critiques (the Front or an organisation)"), kinds=BODY_KINDS)
    title = forms.CharField(label=_("Draft policy, plan or project"), max_length=255)
    drafting_unit = area_field(_("Drafting body that sent it"))
    received_on = forms.DateField(label=_("Received on (dd/mm/yyyy)"))
    conference_on = forms.DateField(label=_("Critique conference held on (dd/mm/yyyy)"), required=False)
    conference_place = forms.CharField(label=_("Where the conference was held"), max_length=255, required=False)
    conference_summary = _text(_("Summary of the conference"), rows=4, required=False)


class CritiqueEditForm(CritiqueForm):
    expected_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["unit"]


class OpinionForm(OversightForm):
    content = _text(_("Opinion given"), rows=3)


class OpinionEditForm(OversightForm):
    content = _text(_("Opinion given"), rows=3)
    response = forms.ChoiceField(label=_("Drafting body's response"), choices=Response.choices)
    response_note = _text(_("How it was taken up, or the explanation"), rows=3, required=False)
    responded_on = forms.DateField(label=_("Date of the response (dd/mm/yyyy)"), required=False)
    expected_version = VersionField()
