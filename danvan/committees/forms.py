from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.committees.models import Committee, Member, Position, Subject
from danvan.committees.services import Decision, MemberRow
from danvan.core.errors import ApplicationError
from danvan.core.locking import VersionField
from danvan.organisations.models import OrgUnit
from danvan.organisations.widgets import person_field, unit_field

DATE_HELP = _("dd/mm/yyyy, e.g. 15/03/2026")
# Blank member rows offered under the filled ones (a committee rarely has more than a dozen members at once).
EXTRA_ROWS = 4


def _date(label, *, required_message, invalid_message):
    return forms.DateField(
        label=label,
        help_text=DATE_HELP,
        error_messages={"required": required_message, "invalid": invalid_message},
    )


class DecisionForm(forms.Form):
    """The decision a membership stands on (of establishment or of reorganisation)."""

    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=64,
        help_text=_("as on the document, e.g. 125-QĐ/TU"),
        error_messages={"required": _("Decision number: required, as on the document, e.g. 125-QĐ/TU.")},
    )
    decision_date = _date(
        _("Decision date"),
        required_message=_("Decision date: required, as dd/mm/yyyy."),
        invalid_message=_("Decision date: not a date; type it as dd/mm/yyyy, e.g. 15/03/2026."),
    )
    signer = forms.CharField(
        label=_("Signed by"),
        max_length=255,
        help_text=_("e.g. T/M Ban Thường vụ, Bí thư Nguyễn Văn A"),
        error_messages={"required": _("Signed by: required, e.g. T/M Ban Thường vụ, Bí thư Nguyễn Văn A.")},
    )
    decision_file = forms.FileField(
        label=_("Scanned decision (PDF, JPG, PNG or DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def decision(self, *, actor) -> Decision:
        """The decision as the service takes it; the file is checked (type by content, size) here."""
        from danvan.core.files import stored_file_from_upload

        d = self.cleaned_data
        upload = d.get("decision_file")
        stored = stored_file_from_upload(upload, actor=actor, field="decision_file") if upload else None
        return Decision(
            number=d["decision_number"], date=d["decision_date"], signer=d["signer"], file=stored, note=d["note"]
        )


class CommitteeForm(DecisionForm):
    unit = unit_field(_("Set up by (Party committee or body)"))
    kind = forms.ChoiceField(label=_("Kind of body"), choices=Committee.Kind.choices)
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Subject.objects.filter(active=True),
        error_messages={"required": _("Subject: choose one from the list.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        help_text=_("e.g. Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Bắc Ninh"),
        error_messages={"required": _("Name: required, e.g. Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh.")},
    )
    duties = forms.CharField(label=_("Functions and duties"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    case = forms.ModelChoiceField(
        label=_("Prolonged complex case (for a case working group)"), queryset=None, required=False
    )
    bases = forms.ModelMultipleChoiceField(
        label=_("Grassroots democracy bases it steers (for a QCDC committee)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["unit", "kind", "subject", "name", "duties", "case", "bases"]

    def __init__(self, *args, cases, bases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.code} — {c.title}"
        self.fields["bases"].queryset = bases


class CommitteeEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.filter(active=True))
    duties = forms.CharField(label=_("Functions and duties"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Committee.Status.choices)
    case = forms.ModelChoiceField(
        label=_("Prolonged complex case (for a case working group)"), queryset=None, required=False
    )
    bases = forms.ModelMultipleChoiceField(
        label=_("Grassroots democracy bases it steers (for a QCDC committee)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_version = VersionField()

    def __init__(self, *args, cases, bases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda c: f"{c.code} — {c.title}"
        self.fields["bases"].queryset = bases


class CompositionForm(DecisionForm):
    """A reorganisation (new decision, new membership) or a correction of the current one."""

    expected_version = VersionField()


class MemberForm(forms.Form):
    position = forms.ModelChoiceField(
        label=_("Position in the committee"), queryset=Position.objects.filter(active=True), required=False
    )
    body = unit_field(_("Body"), required=False)
    person = person_field(_("Person (if they have an account)"), required=False)
    name = forms.CharField(label=_("Full name (if no account)"), max_length=150, required=False)
    title = forms.CharField(label=_("Post in their body"), max_length=255, required=False)


MemberFormSet = forms.formset_factory(MemberForm, extra=0, max_num=200, absolute_max=200)


def member_formset(data=None, *, members=(), extra: int = EXTRA_ROWS):
    """The member table: the given members (a current membership being reorganised or corrected) plus blank rows."""
    initial = [
        {
            "position": m.position_id,
            "body": m.body.code,
            "person": m.person.username if m.person_id else "",
            "name": "" if m.person_id else m.name,
            "title": m.title,
        }
        for m in members
    ]
    formset = MemberFormSet(data, initial=initial + [{}] * extra, prefix="members")
    return formset


def member_rows(formset) -> list[MemberRow]:
    """The rows as the service takes them; a body or person that is not one from the list is refused by row."""
    errors = []
    rows = []
    codes, usernames = set(), set()
    for f in formset.forms:
        d = getattr(f, "cleaned_data", {}) or {}
        codes.add((d.get("body") or "").strip().upper())
        usernames.add((d.get("person") or "").strip())
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes - {""})}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=usernames - {""}, is_active=True)}
    number = 0
    for f in formset.forms:
        d = getattr(f, "cleaned_data", {}) or {}
        code, username = (d.get("body") or "").strip().upper(), (d.get("person") or "").strip()
        row = MemberRow(
            position=d.get("position"),
            body=units.get(code),
            person=people.get(username),
            name=d.get("name") or "",
            title=d.get("title") or "",
        )
        if row.is_blank and not code and not username:
            continue
        number += 1
        if code and code not in units:
            errors.append(gettext("Row %(n)s: choose the body from the list (type part of its name).") % {"n": number})
        if username and username not in people:
            errors.append(
                gettext("Row %(n)s: choose the person from the list, or type the name instead.") % {"n": number}
            )
        rows.append(row)
    if errors:
        raise ApplicationError(" ".join(errors), field="members", extra={"errors": errors})
    return rows


class TaskForm(forms.Form):
    member = forms.ModelChoiceField(label=_("To a member (their body carries it out)"), queryset=None, required=False)
    unit = unit_field(_("Or to a unit"), required=False)
    title = forms.CharField(
        label=_("Task"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Task: required, say what is to be done.")},
    )
    deadline = _date(
        _("Deadline"),
        required_message=_("Deadline: required, as dd/mm/yyyy."),
        invalid_message=_("Deadline: not a date; type it as dd/mm/yyyy, e.g. 15/03/2026."),
    )
    expected_output = forms.CharField(label=_("Expected result"), max_length=255, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.position.name}: {m.name} — {m.body.name}"


class MeetingLinkForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        error_messages={"required": _("Meeting: choose one from the list.")},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.meetings.models import Meeting

        self.fields["meeting"].queryset = (
            Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related("unit").order_by("-starts_at")
        )
        self.fields["meeting"].label_from_instance = lambda m: f"{m.starts_at:%d/%m/%Y} — {m.title} ({m.unit.name})"


def member_label(member: Member) -> str:
    return f"{member.position.name}: {member.name}"
