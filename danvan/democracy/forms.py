import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, rows_field
from danvan.democracy.models import Agreement, BaseKind, Board, Comment, DisclosureItem, Matter, PostingForm, Project
from danvan.organisations.widgets import unit_field
from danvan.reports.forms import period_field


class Checkboxes(forms.CheckboxSelectMultiple):
    """A list of checkboxes rendered by Django: the shared _form.html treats input_type "checkbox" as one box."""

    renders_itself = True
    input_type = "checkbox-list"
    template_name = "democracy/_checkboxes.html"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["type"] = "checkbox"
        return option


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


FILES_LABEL = _("Files (PDF, image, DOCX, XLSX; at most 10 MB each)")


class CommuneForm(forms.Form):
    unit = unit_field(_("Commune"), kinds="party_committee")


class BaseRegisterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of base"), choices=[c for c in BaseKind.choices if c[0] != BaseKind.COMMUNE])
    name = forms.CharField(label=_("Name of the agency or enterprise"), max_length=255)
    unit = unit_field(_("Overseeing unit"))


class DisclosureForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Catalogue item"), queryset=DisclosureItem.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    forms_used = forms.MultipleChoiceField(
        label=_("Forms of disclosure"), choices=PostingForm.choices, widget=Checkboxes, required=False
    )
    loudspeaker_days = forms.IntegerField(
        label=_("Days on the loudspeakers"), min_value=0, max_value=366, required=False
    )
    start_date = forms.DateField(label=_("Posted from (dd/mm/yyyy)"), required=False)
    end_date = forms.DateField(label=_("Posted until (dd/mm/yyyy)"), required=False)
    files = MultipleFileField(label=FILES_LABEL)
    expected_version = VersionField()

    def __init__(self, *args, base_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = DisclosureItem.objects.filter(base_kind=base_kind, is_active=True)
        self.fields["item"].label_from_instance = lambda i: f"{i.number}. {i.title}"


class PublishForm(forms.Form):
    note = forms.CharField(label=_("Reason for withdrawal (shown publicly)"), max_length=255, required=False)


class ItemForm(forms.ModelForm):
    class Meta:
        model = DisclosureItem
        fields = [
            "title",
            "legal_reference",
            "frequency",
            "due_days",
            "min_days",
            "loudspeaker_days",
            "wording_confirmed",
            "days_confirmed",
            "source",
            "note",
        ]
        labels = {
            "title": _("Content"),
            "legal_reference": _("Legal reference"),
            "frequency": _("How often"),
            "due_days": _("Days after the period starts by which it must be posted"),
            "min_days": _("Minimum days posted"),
            "loudspeaker_days": _("Minimum consecutive days on the loudspeakers"),
            "wording_confirmed": _("Wording checked against the legal text"),
            "days_confirmed": _("Posting time and deadline checked against the legal text"),
            "source": _("Where it was checked (article, clause, text read)"),
            "note": _("Note"),
        }
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "source": forms.Textarea(attrs={"rows": 3}),
        }


class CompliancePeriodForm(forms.Form):
    period = period_field(_("Period"), required=False)


class RollupForm(forms.Form):
    unit = unit_field(
        _("Province, or the centre for the whole country"),
        kinds="party_committee",
        required=False,
    )
    kind = forms.ChoiceField(label=_("Kind of base"), choices=BaseKind.choices, required=False)
    period = period_field(_("Period"), required=False)
    behind_only = forms.BooleanField(label=_("Only those behind"), required=False)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Draft put out for comment"), max_length=255, required=False)
    description = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens_on = forms.DateField(label=_("Comments open on (dd/mm/yyyy)"), required=False)
    closes_on = forms.DateField(label=_("Comments close on (dd/mm/yyyy)"), required=False)
    files = MultipleFileField(label=FILES_LABEL)


class CommentForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Collected through"), choices=[c for c in Comment.Channel.choices if c[0] != Comment.Channel.PORTAL]
    )
    author_name = forms.CharField(label=_("From (person or group)"), max_length=128, required=False)
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class AnswerForm(forms.Form):
    uptake = forms.ChoiceField(label=_("Taken into account?"), choices=Comment.Uptake.choices[1:])
    response = forms.CharField(
        label=_("How it was taken into account, or why not"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )


class SummaryForm(forms.Form):
    uptake_summary = forms.CharField(
        label=_("Summary of how the comments were taken into account"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    expected_version = VersionField()


class MatterForm(forms.Form):
    title = forms.CharField(label=_("Matter to decide"), max_length=255, required=False)
    subject = forms.ChoiceField(label=_("Kind of matter"), choices=Matter.Subject.choices)
    method = forms.ChoiceField(label=_("How residents decide"), choices=Matter.Method.choices)
    village = unit_field(
        _("Village or residential group (leave empty for the whole commune)"),
        kinds="village,residential_group",
        required=False,
    )
    description = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    quorum_percent = forms.DecimalField(
        label=_("Minimum turnout (% of eligible households, more than)"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    threshold_percent = forms.DecimalField(
        label=_("Approval threshold (% of eligible households, more than)"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )


class VoteForm(forms.Form):
    voted_on = forms.DateField(label=_("Voted on (dd/mm/yyyy)"), required=False)
    eligible_households = forms.IntegerField(label=_("Eligible households"), min_value=0, required=False)
    turnout = forms.IntegerField(label=_("Households taking part"), min_value=0, required=False)
    votes_for = forms.IntegerField(label=_("Households for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Households against"), min_value=0, required=False)
    expected_version = VersionField()


class RecogniseForm(forms.Form):
    reference = forms.CharField(label=_("Recognition decision (number and symbol)"), max_length=128, required=False)
    recognised_on = forms.DateField(label=_("Recognised on (dd/mm/yyyy)"), required=False)


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Board"), choices=Board.Kind.choices)
    project = forms.CharField(
        label=_("Works or project supervised (community supervision board)"), max_length=255, required=False
    )
    term_start = forms.DateField(label=_("Term from (dd/mm/yyyy)"), required=False)
    term_end = forms.DateField(label=_("Term until (dd/mm/yyyy)"), required=False)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=128, required=False)
    position = forms.CharField(label=_("Position on the board"), max_length=64, required=False)
    village = unit_field(
        _("Elected by village or residential group"), kinds="village,residential_group", required=False
    )


class FindingForm(forms.Form):
    subject = forms.CharField(label=_("Works or matter supervised"), max_length=255, required=False)
    found_on = forms.DateField(label=_("Supervised on (dd/mm/yyyy)"), required=False)
    finding = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recommendation = forms.CharField(
        label=_("Recommendation to the commune"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    publish = forms.BooleanField(label=_("Publish on the citizens' portal"), required=False)


class FindingAnswerForm(forms.Form):
    answer = forms.CharField(label=_("The commune's answer"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    answered_on = forms.DateField(label=_("Answered on (dd/mm/yyyy)"), required=False)
    is_resolved = forms.BooleanField(label=_("The recommendation was resolved"), required=False)


class InspectionForm(forms.Form):
    unit = unit_field(_("Inspecting unit"))
    title = forms.CharField(label=_("Inspection"), max_length=255, required=False)
    planned_from = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    planned_to = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)
    communes = unit_field(_("Communes inspected"), kinds="party_committee", multiple=True)


class InspectionResultForm(forms.Form):
    base = forms.ChoiceField(label=_("Base"), choices=())
    inspected_on = forms.DateField(label=_("Inspected on (dd/mm/yyyy)"), required=False)
    # Not the boards' "Findings" ("Kết quả giám sát"): what an inspection found ("Kết quả kiểm tra").
    findings = forms.CharField(
        label=pgettext_lazy("inspection", "Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    remedy = forms.CharField(
        label=_("Remedy required (becomes a task of the base)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    remedy_deadline = forms.DateField(label=_("Remedy deadline (dd/mm/yyyy)"), required=False)

    def __init__(self, *args, bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [(str(b.public_id), b.name) for b in bases]


class ReinspectForm(forms.Form):
    planned_from = forms.DateField(label=_("From (dd/mm/yyyy)"), required=False)
    planned_to = forms.DateField(label=_("To (dd/mm/yyyy)"), required=False)


# Chính quyền thân thiện


def _year_choices(today) -> list[tuple[int, int]]:
    return [(y, y) for y in range(today.year + 1, today.year - 4, -1)]


class FriendlySchemeForm(forms.Form):
    province = forms.ChoiceField(label=_("Province"), choices=())
    year = forms.TypedChoiceField(label=_("Year"), choices=(), coerce=int)
    title = forms.CharField(label=_("Name of the criteria"), max_length=255, required=False)
    pass_score = forms.CharField(label=_("Pass mark (points of the steering committee)"), max_length=10, required=False)
    criteria = rows_field(
        _("Criteria and their maximum points"),
        [Column("title", _("Criterion")), Column("max_points", _("Maximum points"), kind="number")],
    )
    expected_version = VersionField()

    def __init__(self, *args, provinces=(), today, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [(p.code, p.name) for p in provinces]
        self.fields["year"].choices = _year_choices(today)
        if scheme is not None:
            # Province and year identify a scheme: a correction changes the rest.
            del self.fields["province"]
            del self.fields["year"]

    def criteria_rows(self) -> list[tuple[str, str]]:
        widget = self.fields["criteria"].widget
        return [(cells[0], cells[1]) for cells in widget.parse(self.cleaned_data.get("criteria"))]


class FriendlyStartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), choices=(), coerce=int)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(today)
        self.fields["year"].initial = today.year


class FriendlyScoresForm(forms.Form):
    """One score and note per criterion (and evidence files for the commune); field names carry the criterion id."""

    expected_version = VersionField()

    def __init__(self, *args, scores, prefix_name: str, with_files: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefix_name = prefix_name
        self.score_rows = []
        for score in scores:
            c = score.criterion
            number = forms.CharField(
                label=_("Criterion %(number)s: points (0–%(max)s)") % {"number": c.number, "max": f"{c.max_points:g}"},
                max_length=10,
                required=False,
            )
            note = forms.CharField(
                label=_("Criterion %(number)s: notes") % {"number": c.number},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=4000,
            )
            self.fields[f"{prefix_name}_{c.pk}"] = number
            self.fields[f"{prefix_name}note_{c.pk}"] = note
            names = [f"{prefix_name}_{c.pk}", f"{prefix_name}note_{c.pk}"]
            if with_files:
                self.fields[f"evidence_{c.pk}"] = MultipleFileField(
                    label=_("Criterion %(number)s: evidence files") % {"number": c.number}
                )
                names.append(f"evidence_{c.pk}")
            self.score_rows.append((score, [self[n] for n in names]))

    def entries(self) -> dict:
        return {
            score.criterion_id: (
                self.cleaned_data.get(f"{self.prefix_name}_{score.criterion_id}"),
                self.cleaned_data.get(f"{self.prefix_name}note_{score.criterion_id}"),
            )
            for score, _fields in self.score_rows
        }

    def uploads(self) -> dict:
        return {
            score.criterion_id: self.cleaned_data.get(f"evidence_{score.criterion_id}") or []
            for score, _fields in self.score_rows
            if f"evidence_{score.criterion_id}" in self.fields
        }


class FriendlyDecideForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Recognised")), ("0", _("Not recognised"))],
        coerce=lambda v: v == "1",
    )
    reference = forms.CharField(label=_("Decision (number and symbol)"), max_length=128, required=False)
    decided_on = forms.DateField(label=_("Decided on (dd/mm/yyyy)"), required=False)


# Mobilising residents for projects


class ProjectForm(forms.Form):
    unit = unit_field(_("Unit running the mobilisation"))
    kind = forms.ChoiceField(label=_("Kind of project"), choices=Project.Kind.choices)
    name = forms.CharField(label=_("Project or works"), max_length=255, required=False)
    description = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    starts_on = forms.DateField(label=_("Mobilisation starts on (dd/mm/yyyy)"), required=False)
    ends_on = forms.DateField(label=_("Planned to end on (dd/mm/yyyy)"), required=False)
    communes = unit_field(_("Communes the project touches"), kinds="party_committee", multiple=True)
    matter = forms.ChoiceField(label=_("Residents' decision on their contribution (if any)"), required=False)
    expected_version = VersionField()

    def __init__(self, *args, matters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = [("", "—")] + [(str(m.public_id), f"{m.base.name}: {m.title}") for m in matters]


class ProjectPublishForm(forms.Form):
    progress = forms.CharField(
        label=_("Progress and results published to residents"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    note = forms.CharField(label=_("Reason for withdrawal (shown publicly)"), max_length=255, required=False)


class HouseholdForm(forms.Form):
    base = forms.ChoiceField(label=_("Commune"), choices=())
    head_name = forms.CharField(label=_("Head of household"), max_length=128, required=False)
    village = unit_field(_("Village or residential group"), kinds="village,residential_group", required=False)

    def __init__(self, *args, bases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base"].choices = [(str(b.public_id), b.name) for b in bases]


class HouseholdEditForm(forms.Form):
    head_name = forms.CharField(label=_("Head of household"), max_length=128, required=False)
    village = unit_field(_("Village or residential group"), kinds="village,residential_group", required=False)
    petitions = forms.MultipleChoiceField(
        label=_("Petitions of this household"), choices=(), widget=Checkboxes, required=False
    )
    expected_version = VersionField()

    def __init__(self, *args, petitions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petitions"].choices = [
            (p.code, f"{p.code} · {p.received_on:%d/%m/%Y} · {p.content[:60]}") for p in petitions
        ]


class ContactForm(forms.Form):
    contacted_on = forms.DateField(label=_("Met on (dd/mm/yyyy)"), required=False)
    contacted_by = forms.CharField(label=_("Who went (name, position)"), max_length=128, required=False)
    agreement = forms.ChoiceField(label=_("The household's answer"), choices=Agreement.choices)
    reason = forms.CharField(
        label=_("Reasons, wishes (required unless agreed)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
    expected_version = VersionField()


# Supervision plans of the boards


def _parse_day(text: str) -> dt.date | None:
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


class SupervisionPlanForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), choices=(), coerce=int)
    title = forms.CharField(label=_("Name of the plan"), max_length=255, required=False)
    items = rows_field(
        _("Plan items"),
        [
            Column("content", _("Content supervised")),
            Column("due_on", _("Time (dd/mm/yyyy)"), kind="date"),
            Column("target", _("Target (works, body or person)")),
        ],
        help_text=_("Items whose result is recorded are locked and are not listed here."),
    )
    expected_version = VersionField()

    def __init__(self, *args, today, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(today)
        if plan is not None:
            # The year identifies the plan of a board: a correction changes the rest.
            del self.fields["year"]
        else:
            self.fields["items"].help_text = ""

    def clean_items(self):
        value = self.cleaned_data.get("items") or ""
        widget = self.fields["items"].widget
        for n, (_content, due, _target) in enumerate(widget.parse(value), start=1):
            if due.strip() and _parse_day(due) is None:
                raise forms.ValidationError(
                    _("Line %(n)s: the time “%(value)s” is not a date; write it as dd/mm/yyyy.")
                    % {"n": n, "value": due}
                )
        return value

    def plan_rows(self):
        from danvan.democracy.services import PlanRow

        widget = self.fields["items"].widget
        return [
            PlanRow(content=content, due_on=_parse_day(due) if due.strip() else None, target=target)
            for content, due, target in widget.parse(self.cleaned_data.get("items"))
        ]


class SupervisionResultForm(forms.Form):
    result_on = forms.DateField(label=_("Supervised on (dd/mm/yyyy)"), required=False)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    recommendations = forms.CharField(
        label=_("Recommendations to the commune"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    publish = forms.BooleanField(label=_("Publish on the citizens' portal"), required=False)
