from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.ingest.flags import flag_label
from danvan.ingest.forms import IngestRecordForm, IngestUploadForm
from danvan.ingest.permissions import can_ingest, ingest_units_for
from danvan.ingest.selectors import ingest_document_get_for_user, ingest_documents_for_user
from danvan.ingest.services import ingest_document_create, ingest_record_confirm

PAGE_SIZE = 50

# Which form field each extractor flag is about, to highlight it for review.
FLAG_FIELDS = {
    "event_date_unresolved": "event_date",
    "event_date_year_from_dateline": "event_date",
    "event_date_year_from_period": "event_date",
    "period_missing": "period",
    "period_year_unresolved": "period",
    "period_year_from_context": "period",
    "province_from_district": "province",
    "organizer_missing": "organizer",
    "organizer_uncertain": "organizer",
    "chair_missing": "chair",
    "chair_from_conclusion": "chair",
}


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def index(request):
    units = list(ingest_units_for(request.user))
    form = IngestUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST":
        if not units:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("file")
            try:
                if upload:
                    record = ingest_document_create(
                        actor=request.user,
                        unit=data["unit"],
                        filename=upload.name,
                        content=upload.read(),
                        source_date=data.get("source_date"),
                    )
                else:
                    record = ingest_document_create(
                        actor=request.user, unit=data["unit"], content=data["text"], source_date=data.get("source_date")
                    )
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(
                    request, _("The document was read. Check the proposed record, correct it and confirm.")
                )
                return redirect("ingest:detail", public_id=record.document.public_id)
    documents = ingest_documents_for_user(user=request.user)[:PAGE_SIZE]
    return render(request, "ingest/index.html", {"form": form, "documents": documents, "can_upload": bool(units)})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def detail(request, public_id):
    document = ingest_document_get_for_user(user=request.user, public_id=public_id)
    record = document.record
    editable = can_ingest(request.user, document.unit)
    if request.method == "POST":
        if not editable:
            raise Http404
        form = IngestRecordForm(request.POST)
        if form.is_valid():
            try:
                ingest_record_confirm(actor=request.user, record=record, corrected=form.to_record())
            except ApplicationError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("The record was confirmed."))
                return redirect("ingest:detail", public_id=document.public_id)
    else:
        form = IngestRecordForm(initial=IngestRecordForm.initial_from(record.current))
    flagged = {FLAG_FIELDS[f] for f in record.flags if f in FLAG_FIELDS}
    context = {
        "document": document,
        "record": record,
        "form": form,
        "editable": editable,
        "flags": [flag_label(flag) for flag in dict.fromkeys(record.flags)],
        "flagged": flagged,
        "admin_units": record.admin_units.order_by("name"),
        "proposal": record.proposed,
    }
    return render(request, "ingest/detail.html", context)
