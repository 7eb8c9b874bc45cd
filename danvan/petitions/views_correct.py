"""Correcting a petition's recorded details (services.petition_correct)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.correction_pages import correction_page
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.petitions import forms, services
from danvan.petitions import permissions as perms
from danvan.petitions.models import Petitioner
from danvan.petitions.selectors import dialogue_get_for_user, petition_get_for_user, reception_session_get_for_user

_PETITION_KEYS = (
    "category",
    "field",
    "received_on",
    "content",
    "respondent",
    "petitioner_kind",
    "group_size",
    "is_ineligible",
    "is_over_level",
    "is_complex",
    "is_remote_area",
)


def _people(formset, stored: list[Petitioner]) -> list[dict] | None:
    """The rows as the service takes them, one per form (an empty one too, so the service's "petitioners-<i>-…"
    errors name the right row); a CCCD left masked is the stored one of the same row. None (a person never keeps
    masked text that is not theirs) when a masked number does not match its row's."""
    people = []
    for i, form in enumerate(formset.forms):
        row = dict(form.cleaned_data)
        cccd = row.get("cccd", "")
        if cccd.startswith(forms.CCCD_MASK):
            original = stored[i].cccd if i < len(stored) else ""
            if not original or forms.masked_cccd(original) != cccd:
                form.add_error("cccd", _("Citizen ID: type all 12 digits."))
                return None
            row["cccd"] = original
        people.append(row)
    return people


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def correct(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    if not perms.can_act_on_petition(request.user, petition):
        raise Http404
    # A denouncer's identity is never edited here: it stays in its confidential table (Petitioner is empty).
    stored = [] if petition.is_denunciation else list(Petitioner.objects.filter(petition=petition).order_by("id"))
    initial = {name: getattr(petition, name) for name in _PETITION_KEYS}
    initial["expected_version"] = version_of(petition)
    form = forms.PetitionCorrectForm(request.POST or None, initial=initial, petition=petition)
    formset = None
    if not petition.is_denunciation:
        people_initial = [
            {
                "full_name": p.full_name,
                "cccd": forms.masked_cccd(p.cccd),
                "phone": p.phone,
                "address": p.address,
                "is_representative": p.is_representative,
            }
            for p in stored
        ]
        formset = forms.PetitionerCorrectFormSet(request.POST or None, initial=people_initial, prefix="petitioners")
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        people = None if formset is None else _people(formset, stored)
        if formset is None or people is not None:
            try:
                services.petition_correct(
                    actor=request.user, petition=petition, petitioners=people, **form.cleaned_data
                )
            except ApplicationError as exc:
                if exc.code == "forbidden":
                    raise Http404 from exc
                if exc.field and exc.field.startswith("petitioners-") and formset is not None:
                    _prefix, index, name = exc.field.split("-", 2)
                    formset.forms[int(index)].add_error(name, exc.message)
                elif exc.field == "petitioners":
                    form.add_error(None, exc.message)
                else:
                    show_conflict(form, exc)
            else:
                messages.success(request, _("Petition %(code)s corrected.") % {"code": petition.code})
                return redirect("petitions:detail", code=petition.code)
    return render(request, "petitions/correct.html", {"petition": petition, "form": form, "formset": formset})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def session_correct(request, pk):
    session = reception_session_get_for_user(user=request.user, pk=pk)
    if session is None or not perms.can_receive_for(request.user, session.unit):
        raise Http404
    back = reverse("petitions:reception")
    title = _("Correct the reception session of %(date)s, %(unit)s") % {
        "date": f"{session.held_on:%d/%m/%Y}",
        "unit": session.unit.name,
    }
    return correction_page(
        request,
        record=session,
        form_class=forms.ReceptionSessionCorrectForm,
        current_field_id=session.field_id,
        service=partial(services.reception_session_correct, session=session),
        template="petitions/record_correct.html",
        done=back,
        context={"title": title, "back": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def dialogue_correct(request, pk):
    dialogue = dialogue_get_for_user(user=request.user, pk=pk)
    if dialogue is None or not perms.can_edit_unit(request.user, dialogue.unit):
        raise Http404
    back = reverse("petitions:dialogues")
    title = _("Correct the dialogue of %(date)s, %(unit)s") % {
        "date": f"{dialogue.held_on:%d/%m/%Y}",
        "unit": dialogue.unit.name,
    }
    return correction_page(
        request,
        record=dialogue,
        form_class=forms.DialogueCorrectForm,
        service=partial(services.dialogue_correct, dialogue=dialogue),
        template="petitions/record_correct.html",
        done=back,
        context={"title": title, "back": back},
    )
