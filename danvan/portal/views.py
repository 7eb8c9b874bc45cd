"""The citizens' portal: public pages, no account, no JavaScript needed."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.portal import selectors, services
from danvan.portal.forms import CommentForm, PetitionForm, SearchForm, TrackForm


def _address(request) -> str:
    # The direct peer; behind the production proxy the audit middleware's trusted-proxy rule applies.
    from danvan.audit.context import current_ip

    return current_ip.get() or request.META.get("REMOTE_ADDR", "") or "unknown"


def home(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.commune_search(query=query) if query else []
    return render(
        request, "portal/home.html", {"form": form, "query": query, "results": results, "track_form": TrackForm()}
    )


def commune(request, code):
    unit, base = selectors.commune_with_base(code=code)
    context = selectors.commune_page(commune=unit, base=base)
    context["reception"] = selectors.reception_schedule(commune=unit)
    return render(request, "portal/commune.html", {"commune": unit, "today": timezone.localdate(), **context})


# Which list template renders each section of the commune page (selectors.SECTIONS).
SECTION_TEMPLATES = {
    "cong-khai": "portal/_disclosures.html",
    "lay-y-kien": "portal/_consultations.html",
    "bieu-quyet": "portal/_matters.html",
    "giam-sat": "portal/_findings.html",
    "du-an": "portal/_projects.html",
    "cam-ket": "portal/_commitments.html",
}


def commune_section(request, code, section):
    """All of one section of the commune's public page, newest first, a page at a time (?trang=N; a page number
    out of range or not a number shows the nearest page)."""
    from django.core.paginator import Paginator

    if section not in SECTION_TEMPLATES:
        raise Http404
    unit, base = selectors.commune_with_base(code=code)
    rows = selectors.section_rows(section=section, commune=unit, base=base)
    page = Paginator(rows, selectors.SECTION_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/commune_section.html",
        {
            "commune": unit,
            "heading": selectors.SECTIONS[section],
            "page": page,
            "partial": SECTION_TEMPLATES[section],
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
@submit_once
def consultation(request, public_id):
    row = selectors.consultation_get_public(public_id=public_id)
    today = timezone.localdate()
    form = CommentForm(request.POST or None, initial={"started": services.form_started_token()})
    sent = request.GET.get("da-gui") == "1"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.portal_comment_submit(
                consultation=row,
                name=data["name"],
                contact=data["contact"],
                text=data["text"],
                address=_address(request),
                honeypot=data["website"],
                started=data["started"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            return redirect(f"{request.path}?da-gui=1")
    if request.method == "POST":
        # A fresh timestamp: the citizen's text stays, the time check restarts from this page.
        form.data = form.data.copy()
        form.data["started"] = services.form_started_token()
    return render(
        request,
        "portal/consultation.html",
        {
            "consultation": row,
            "commune": row.base.admin_unit,
            "comments": selectors.public_comments(consultation=row, page=request.GET.get("trang")),
            "form": form,
            "is_open": row.is_open(today),
            "is_closed": row.is_closed(today),
            "sent": sent,
        },
    )


@require_http_methods(["GET", "POST"])
@submit_once
def petition_new(request, code):
    from danvan.petitions.models import PetitionField

    unit = selectors.commune_get(code=code)
    receiving = selectors.receiving_unit(commune=unit)
    if receiving is None:
        raise Http404
    form = PetitionForm(request.POST or None, initial={"started": services.form_started_token()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tracking = services.portal_petition_submit(
                receiving_unit=receiving,
                field=PetitionField.objects.filter(code=data["field"]).first(),
                name=data["name"],
                contact=data["contact"],
                text=data["text"],
                address=_address(request),
                honeypot=data["website"],
                started=data["started"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            return redirect(f"/cong-dan/tra-cuu/?code={tracking.code}&moi=1")
    if request.method == "POST":
        form.data = form.data.copy()
        form.data["started"] = services.form_started_token()
    return render(request, "portal/petition_form.html", {"commune": unit, "form": form})


def track(request):
    form = TrackForm(request.GET or None)
    tracking = None
    looked_up = False
    if form.is_valid() and form.cleaned_data["code"]:
        looked_up = True
        tracking = selectors.tracking_get(code=form.cleaned_data["code"])
    return render(
        request,
        "portal/track.html",
        {"form": form, "tracking": tracking, "looked_up": looked_up, "new": request.GET.get("moi") == "1"},
    )


def file_download(request, public_id):
    from danvan.core.files import stored_file_response

    return stored_file_response(selectors.public_file(public_id=public_id))


# Documents the Ban published for citizens (documents.publishing): issued, not revoked.


def documents(request):
    from danvan.documents.publishing import published_documents

    query = " ".join((request.GET.get("q") or "").split())[:100]
    return render(request, "portal/documents.html", {"query": query, "documents": published_documents(q=query)})


def document(request, public_id):
    from danvan.documents.publishing import published_get

    return render(request, "portal/document.html", {"document": published_get(public_id=public_id)})


def document_file(request, public_id, kind):
    from danvan.core.exporting import file_response
    from danvan.documents.publishing import published_get

    found = published_get(public_id=public_id)
    name = found.issued.reference.removeprefix("Số ").replace("/", "_")
    if kind == "pdf" and found.pdf:
        return file_response(bytes(found.pdf), filename=f"{name}.pdf", content_type="application/pdf")
    if kind == "docx":
        return file_response(bytes(found.issued.content), filename=f"{name}.docx")
    raise Http404


# Officials: publish the answer a citizen sees on the status page.


def _staff_trackings(user):
    from danvan.accounts.permissions import units_in_scope
    from danvan.portal.models import Tracking

    return (
        Tracking.objects.filter(petition__unit__in=units_in_scope(user))
        .select_related("petition__unit")
        .order_by("-created_at")
    )


@login_required
def staff_answers(request):
    from danvan.portal.forms import AnswerForm

    return render(
        request,
        "portal/staff_answers.html",
        {"trackings": _staff_trackings(request.user)[:100], "form": AnswerForm()},
    )


@login_required
@require_POST
@submit_once
def staff_answer(request, code):
    from django.contrib import messages

    from danvan.portal.forms import AnswerForm

    tracking = _staff_trackings(request.user).filter(code=code).first()
    if tracking is None:
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.tracking_answer_publish(actor=request.user, tracking=tracking, answer=form.cleaned_data["answer"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã công bố trả lời trên cổng thông tin.")
    return redirect("portal:staff_answers")
