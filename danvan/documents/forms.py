from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from danvan.core.locking import VersionField
from danvan.core.widgets import Column, rows_field
from danvan.documents.drafting import TEMPLATES
from danvan.documents.models import Document, DocumentType
from danvan.organisations.models import OrgUnit
from danvan.organisations.widgets import PersonPicker, person_field, unit_field


def _doc_types():
    return forms.ModelChoiceField(
        label=_("Document type"),
        queryset=DocumentType.objects.filter(active=True),
        to_field_name="code",
        empty_label=None,
    )


class DraftForm(forms.Form):
    """A draft: its header fields, one box per section of the template (or a file), the route and recipients."""

    issuer = unit_field(_("Issuing body (the Ban or the khối dân vận)"))
    doc_type = _doc_types()
    title = forms.CharField(label=_("Subject (trích yếu)"), max_length=255)
    summary = forms.CharField(
        label=_("Summary (for the register and search)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    file = forms.FileField(label=_("Draft file (DOCX or PDF)"), required=False)
    reviewer = person_field(_("Head of division who reviews"), required=False)
    signer = person_field(_("Signer"), required=False)
    signer_title = forms.CharField(
        label=_("Signer's title"), max_length=120, required=False, help_text=_("e.g. “Trưởng ban”, “Phó Trưởng ban”")
    )
    capacity = forms.ChoiceField(label=_("Signing as"), choices=Document.Capacity.choices, required=False)
    recipients = unit_field(_("Recipient units"), required=False, multiple=True)
    communes_of = unit_field(
        _("Every commune of (choose a provincial Party committee)"), required=False, kinds="party_committee"
    )
    organisations_level = forms.ChoiceField(
        label=_("Every Front and organisation at level"),
        required=False,
        choices=[("", "—"), (OrgUnit.Level.PROVINCE, _("Province")), (OrgUnit.Level.COMMUNE, _("Commune"))],
    )
    tasks = rows_field(
        _("Tasks the plan gives (a blank unit: every recipient below)"),
        [
            Column("unit", _("Unit"), kind="unit"),
            Column("title", _("Task")),
            Column("deadline", _("Deadline"), kind="date"),
        ],
    )
    note = forms.CharField(label=_("What changed in this version"), max_length=255, required=False)
    version = VersionField()

    def __init__(self, *args, template: str = "", upload: bool = False, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = TEMPLATES.get(template)
        self.section_names = []
        if self.template and not upload:
            for section in self.template.sections:
                name = f"s_{section.key}"
                self.fields[name] = forms.CharField(
                    label=section.label, widget=forms.Textarea(attrs={"rows": 5}), required=False
                )
                self.section_names.append(name)
            del self.fields["file"]
        # Order: header, sections, file, route, recipients, tasks.
        order = ["issuer", "doc_type", "title", "summary", *self.section_names, "file", "reviewer", "signer"]
        self.order_fields(order)
        if editing:
            del self.fields["issuer"]
            del self.fields["doc_type"]
        else:
            del self.fields["note"]

    def section_values(self) -> dict:
        return {name[2:]: self.cleaned_data.get(name, "") for name in self.section_names}

    def recipients_spec(self) -> dict:
        d = self.cleaned_data
        spec = {"units": [c.strip() for c in (d.get("recipients") or "").replace(",", "\n").split() if c.strip()]}
        if d.get("communes_of"):
            spec["communes_of"] = d["communes_of"].strip()
        if d.get("organisations_level"):
            spec["organisations_level"] = d["organisations_level"]
        return spec

    def person(self, name: str):
        return person_from_form(self, name)

    @staticmethod
    def initial_for(document: Document) -> dict:
        latest = document.latest
        spec = document.recipients_spec or {}
        initial = {
            "title": document.title,
            "summary": document.summary,
            "reviewer": document.reviewer.username if document.reviewer else "",
            "signer": document.signer.username if document.signer else "",
            "signer_title": document.signer_title,
            "capacity": document.capacity,
            "recipients": "\n".join(spec.get("units", [])),
            "communes_of": spec.get("communes_of", ""),
            "organisations_level": spec.get("organisations_level", ""),
            "tasks": document.tasks,
            "version": document.version,
        }
        for key, value in (latest.fields if latest else {}).items():
            initial[f"s_{key}"] = value
        return initial


def person_from_form(form, name: str):
    """The active account whose username the person picker posted in `form[name]`, or None (with a field error
    when something was posted that is not an account)."""
    username = (form.cleaned_data.get(name) or "").strip()
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        form.add_error(name, _("Choose a person from the list: type part of their name, then pick them."))
    return user


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)


class IncomingForm(forms.Form):
    unit = unit_field(_("Receiving unit"))
    reference = forms.CharField(label=_("Number and symbol (as printed)"), max_length=64)
    dated = forms.DateField(label=_("Date of the document (dd/mm/yyyy)"))
    arrived_on = forms.DateField(label=_("Date it arrived (dd/mm/yyyy)"))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)
    summary = forms.CharField(label=_("Subject (trích yếu)"), widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Scanned or received file (DOCX or PDF)"), required=False)
    instruction = forms.CharField(
        label=_("Leader's instruction (bút phê)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    assignees = unit_field(_("Units assigned to handle it"), required=False, multiple=True)
    handler = person_field(_("Person who follows it"), required=False)
    deadline = forms.DateField(label=_("Deadline (dd/mm/yyyy)"), required=False)


class SignerPicker(PersonPicker):
    """The person picker, answering only with the leaders of the draft's issuing body."""

    def __init__(self, url: str = "", issuer=None, attrs=None):
        super().__init__(attrs=attrs)
        self.url, self.issuer = url, issuer

    def get_context(self, name, value, attrs):
        from types import SimpleNamespace

        from danvan.documents.generated import signer_title_for

        context = super().get_context(name, value, attrs)
        if self.url:
            context["widget"]["url"] = self.url
        chosen = context["widget"]["chosen"]
        if chosen and self.issuer is not None:
            # Under the chosen name: the title the block will print, from the leader's recorded position.
            user = get_user_model().objects.filter(username=chosen[0].code).first()
            title = signer_title_for(user, self.issuer)[0] if user else ""
            chosen[0].parent = SimpleNamespace(name=title or _("no position recorded: type the title below"))
        return context


class SignerForm(forms.Form):
    """Who signs a generated document, the form of the signature block, and the title printed under it."""

    signer = forms.CharField(label=_("Signer (a leader of the issuing body)"), max_length=150)
    capacity = forms.ChoiceField(
        label=_("Signature block"),
        choices=[(v, label) for v, label in Document.Capacity.choices if v],
        initial=Document.Capacity.ON_BEHALF,
    )
    signer_title = forms.CharField(
        label=_("Signer's title, only for a leader without a recorded position"),
        max_length=120,
        required=False,
        help_text=_(
            "The title is taken from the leader's position in the unit; type it (e.g. “Phó Trưởng ban”) only when "
            "none is recorded."
        ),
    )
    version = VersionField()

    def __init__(self, *args, url: str = "", issuer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].widget = SignerPicker(url=url, issuer=issuer)

    def person(self):
        return person_from_form(self, "signer")


class DelegationForm(forms.Form):
    unit = forms.ChoiceField(label=_("Issuing body"))
    delegate = person_field(_("Person who may issue in your place"))
    starts_on = forms.DateField(label=_("From (dd/mm/yyyy)"))
    ends_on = forms.DateField(label=_("To (dd/mm/yyyy)"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]
