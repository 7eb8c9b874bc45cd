"""Print-ready PDFs of the petitions module (issue 14, finding 8): the receipt handed to the petitioner, the
transfer slip, the citizen reception register of a period, and forms 2a–2d. Same scope as the pages they come
from; a denouncer's identity is never printed (Luật Tố cáo: the denouncer is kept confidential)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone

from danvan.core.printing import letterhead, pdf_response
from danvan.organisations.models import Position
from danvan.petitions.models import PetitionTransfer, ReceptionSession
from danvan.petitions.selectors import petition_get_for_user, petitioners_of
from danvan.petitions.views import _period


def _receiver(user) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person else (user.get_full_name() or user.username)


def _head(unit):
    """(title, name) of the unit's current head, for the signature block; blank lines when none is recorded."""
    position = Position.objects.filter(unit=unit, is_head=True, end_date__isnull=True).select_related("person").first()
    return (position.title, position.person.full_name) if position else ("Thủ trưởng đơn vị", "")


@login_required
def receipt(request, code):
    petition = petition_get_for_user(user=request.user, code=code)
    today = timezone.localdate()
    context = {
        "head": letterhead(petition.unit, on=petition.received_on),
        "petition": petition,
        "petitioners": [] if petition.is_denunciation else petitioners_of(petition),
        "show_people": not petition.is_denunciation,
        "step_label": petition.current_step_label,
        "receiver": _receiver(request.user),
        "today": today,
    }
    return pdf_response("petitions/print/receipt.html", context, filename=f"phieu-tiep-nhan-{petition.code}.pdf")


@login_required
def transfer_slip(request, code, transfer_id):
    petition = petition_get_for_user(user=request.user, code=code)
    transfer = PetitionTransfer.objects.filter(pk=transfer_id, petition=petition).first()
    if transfer is None:
        raise Http404
    title, name = _head(petition.unit)
    context = {
        "head": letterhead(petition.unit, on=transfer.letter_date),
        "reference": f"Số {transfer.letter_number}" if transfer.letter_number else "",
        "petition": petition,
        "transfer": transfer,
        "petitioners": [] if petition.is_denunciation else petitioners_of(petition),
        "show_people": not petition.is_denunciation,
        "signer_title": title,
        "signer_name": name,
    }
    return pdf_response("petitions/print/transfer.html", context, filename=f"phieu-chuyen-don-{petition.code}.pdf")


@login_required
def register(request):
    _form, unit, start, end, today = _period(request)
    sessions = (
        ReceptionSession.objects.filter(unit=unit, held_on__range=(start, end))
        .select_related("field", "petition")
        .order_by("held_on", "id")
    )
    context = {
        "head": letterhead(unit, on=today),
        "sessions": sessions,
        "start": start,
        "end": end,
        "receiver": _receiver(request.user),
    }
    return pdf_response("petitions/print/register.html", context, filename=f"so-tiep-cong-dan-{unit.code}.pdf")


@login_required
def statistics(request, form_code):
    from danvan.petitions.exports import statistics_form

    if form_code not in {"2a", "2b", "2c", "2d"}:
        raise Http404
    _form, unit, start, end, today = _period(request)
    title, headers, rows = statistics_form(form_code, unit=unit, start=start, end=end, today=today)
    context = {
        "head": letterhead(unit, on=today),
        "form_code": form_code,
        "title": title,
        "unit": unit,
        "start": start,
        "end": end,
        "headers": headers,
        "rows": rows,
        "receiver": _receiver(request.user),
    }
    return pdf_response("petitions/print/statistics.html", context, filename=f"mau-{form_code}-{unit.code}.pdf")
