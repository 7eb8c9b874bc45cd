from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import DATA_ENTRY_ROLES, EDIT_ROLES, can_view_unit, scope_roots
from danvan.core.errors import ApplicationError
from danvan.core.exporting import file_response
from danvan.core.files import stored_file_response
from danvan.core.locking import show_conflict
from danvan.core.submissions import submit_once
from danvan.documents import forms, selectors, services
from danvan.documents import permissions as perms
from danvan.documents.drafting import TEMPLATES
from danvan.documents.publishing import can_publish
from danvan.documents.signing import pdf_verify
from danvan.organisations.forms import unit_from_form
from danvan.organisations.models import OrgUnit


def _default_issuer(user) -> str:
    for root in scope_roots(user, EDIT_ROLES):
        if root.has_danvan_function:
            return root.code
        body = root.children.filter(has_danvan_function=True).order_by("sort_order").first()
        if body:
            return body.code
    return ""


# The documents page shows the newest few of each list (received, outgoing and drafts, incoming); "Xem thêm" opens
# one list alone with up to LONG_LIST rows. Rows are most of the page's cost (bench/bench_documents.py).
SHORT_LISTS = {"nhan": 20, "di": 40, "den": 20}
LONG_LIST = 100


@login_required
def index(request):
    q = request.GET.get("q", "")[:200]
    alone = request.GET.get("xem", "")
    alone = alone if alone in SHORT_LISTS else ""
    sizes = {name: (LONG_LIST if alone == name else size) for name, size in SHORT_LISTS.items()}
    shown = {name: not alone or alone == name for name in SHORT_LISTS}
    # A search answers with the lists it searched: the received documents and the drafts waiting are not searched.
    shown["nhan"] = shown["nhan"] and not q
    user = request.user
    readers = {
        "nhan": lambda limit: selectors.received_newest(user=user, limit=limit),
        "di": lambda limit: selectors.document_list_for_user(user=user, q=q, limit=limit),
        "den": lambda limit: selectors.incoming_list_for_user(user=user, q=q, limit=limit),
    }
    lists, more = {}, {}
    for name, read in readers.items():
        # One row more than shown says whether the list was cut; "Xem thêm" only where it was, and not on the list
        # already shown alone.
        rows = read(sizes[name] + 1) if shown[name] else []
        lists[name], more[name] = rows[: sizes[name]], len(rows) > sizes[name] and alone != name
    return render(
        request,
        "documents/index.html",
        {
            "q": q,
            "alone": alone,
            "long_list": LONG_LIST,
            "shown": shown,
            "waiting": list(selectors.waiting_for_user(user=user)[:50]) if not (alone or q) else [],
            "received": lists["nhan"],
            "documents": lists["di"],
            "incoming": lists["den"],
            "more": more,
            "templates": TEMPLATES.values(),
            "year": timezone.localdate().year,
        },
    )


def _draft_args(form) -> dict | None:
    """The service arguments from a valid draft form, or None after putting errors on it."""
    d = form.cleaned_data
    reviewer, signer = form.person("reviewer"), form.person("signer")
    if form.errors:
        return None
    return {
        "title": d["title"],
        "summary": d["summary"],
        "fields": form.section_values(),
        "upload": d.get("file") or None,
        "reviewer": reviewer,
        "signer": signer,
        "signer_title": d["signer_title"],
        "capacity": d["capacity"],
        "recipients_spec": form.recipients_spec(),
        "tasks": d["tasks"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def document_new(request):
    template = request.GET.get("mau", "")
    upload = template == "tep"
    if template not in TEMPLATES and not upload:
        return render(request, "documents/choose.html", {"templates": TEMPLATES.values()})
    if request.method == "POST":
        form = forms.DraftForm(request.POST, request.FILES, template=template, upload=upload)
        if form.is_valid() and (issuer := unit_from_form(form, "issuer")) is not None:
            args = _draft_args(form)
            if args is not None:
                if upload and args["upload"] is None:
                    form.add_error("file", _("Choose the DOCX or PDF file of the draft."))
                else:
                    try:
                        document = services.document_draft(
                            actor=request.user,
                            issuer=issuer,
                            doc_type_code=form.cleaned_data["doc_type"].code,
                            template="" if upload else template,
                            **args,
                        )
                    except ApplicationError as e:
                        e.add_to_form(form)
                    else:
                        messages.success(request, _("Draft saved as version 1."))
                        return redirect("documents:detail", public_id=document.public_id)
    else:
        doc_type = TEMPLATES[template].doc_type if template in TEMPLATES else "CV"
        form = forms.DraftForm(
            template=template,
            upload=upload,
            initial={"issuer": _default_issuer(request.user), "doc_type": doc_type, "capacity": "T/M"},
        )
    return render(
        request,
        "documents/form.html",
        {"form": form, "template": TEMPLATES.get(template), "upload": upload, "document": None},
    )


@login_required
def document_detail(request, public_id):
    from danvan.documents.generated import current_signer_title

    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    user = request.user
    rows, done, waiting = selectors.recipients_of(document)
    sender_view = can_view_unit(user, document.issuer)
    my_units = set(perms.receiving_units(user))
    mine = [r for r in rows if r.unit_id in my_units]
    versions = list(document.versions.select_related("created_by", "file").order_by("-number"))
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            # An issued document shows the title it was issued with; a draft, the one its signer holds today.
            "signer_title": document.signer_title if document.issued_id else current_signer_title(document),
            "versions": versions,
            "comments": list(document.comments.select_related("author")),
            "comment_form": forms.CommentForm(),
            "recipients": rows if sender_view else [],
            "ack_done": done,
            "ack_waiting": waiting,
            "mine": mine,
            "can_ack": any(r.acknowledged_at is None for r in mine),
            "can_revise": perms.can_revise(user, document),
            "can_comment": perms.can_comment(user, document),
            "can_send": perms.can_send_for_review(user, document),
            "can_forward": perms.can_forward_to_signer(user, document),
            "can_return": document.status in ("review", "signing")
            and user.pk in (document.reviewer_id, document.signer_id),
            "can_issue": perms.can_issue(user, document, timezone.localdate()),
            "can_correct": perms.can_correct(user, document) and not hasattr(document, "replaced_by"),
            "replaced_by": getattr(document, "replaced_by", None),
            "sender_view": sender_view,
            "task_rows": _task_rows(document),
            **(_planned_recipients(document) if sender_view and not document.issued_id else {}),
            "signatures": pdf_verify(bytes(document.pdf)) if document.pdf else [],
            "history": _history_rows(document) if sender_view or not document.issued_id else [],
            "can_publish": can_publish(user, document),
            **_generated_context(request, document),
        },
    )


def _history_rows(document) -> list[tuple]:
    """(when, who, what, detail, action code) for each audited step of the document, oldest first."""
    statuses = dict(document.Status.choices)
    rows = []
    for event in selectors.history_of(document):
        before, after = event.before or {}, event.after or {}
        if event.action == "document.routed":
            detail = f"{statuses.get(before.get('status'), '')} → {statuses.get(after.get('status'), '')}"
        elif event.action == "document.sent":
            detail = _("%(reference)s, %(recipients)s recipients, %(tasks)s tasks") % {
                "reference": str(after.get("reference", "")).removeprefix("Số "),
                "recipients": after.get("recipients", 0),
                "tasks": after.get("tasks", 0),
            }
        elif event.action == "document.revoked":
            detail = after.get("reason", "")
        elif event.action == "document.revised":
            detail = _("version %(n)s") % {"n": after.get("version", "")}
        else:
            detail = ""
        who = event.actor.get_full_name() if event.actor_id else event.actor_label
        rows.append((event.at, who, event.get_action_display(), detail, event.action))
    return rows


def _generated_context(request, document) -> dict:
    """For a generated document: the HTML preview of its real DOCX and the signer form."""
    from django.urls import reverse

    from danvan.documents import generated
    from danvan.documents.docxpage import docx_html

    if not document.source_key:
        return {}
    try:
        preview = docx_html(generated.preview_content(document))
    except ApplicationError as e:
        preview, problem = "", e.message
    else:
        problem = ""
    can_choose = perms.can_choose_signer(request.user, document)
    signer_form = None
    if can_choose:
        typed = document.signer_id and not generated.signer_title_for(document.signer, document.issuer)[1]
        signer_form = forms.SignerForm(
            url=reverse("documents:signers", args=[document.public_id]),
            issuer=document.issuer,
            initial={
                "signer": document.signer.username if document.signer else "",
                "capacity": document.capacity or "T/M",
                # A title typed as a correction is kept; one taken from a position is shown under the name.
                "signer_title": document.signer_title if typed else "",
                "version": document.version,
            },
        )
    return {"preview": preview, "preview_problem": problem, "signer_form": signer_form}


def to_draft(request, document):
    """After an issue button of a meeting, briefing, contest or scheme: to the document's draft (or its number)."""
    if document.issued_id:
        messages.info(
            request,
            _("Already issued as number %(number)s.") % {"number": document.issued.reference.removeprefix("Số ")},
        )
    else:
        messages.success(
            request,
            _("The draft is ready: read it below, choose the signer; the signer (or a delegate) issues it."),
        )
    return redirect("documents:detail", public_id=document.public_id)


def draft_page_or_back(request, *, key: str, back):
    """A GET on a source's document link: to its draft's page (read there, and downloaded marked "DỰ THẢO"), or back
    to the source when there is no draft yet. A GET never makes a document file (decision 0040)."""
    from danvan.documents.models import Document

    document = Document.objects.filter(source_key=key).order_by("-created_at", "-id").first()
    if document is None:
        messages.info(
            request,
            _("Press the button to put the document into its draft: it is read there before the signer issues it."),
        )
        return back
    return redirect("documents:detail", public_id=document.public_id)


@login_required
@require_POST
@submit_once
def document_signer(request, public_id):
    from django.urls import reverse

    from danvan.documents.generated import document_signer_set

    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_choose_signer(request.user, document):
        raise Http404
    form = forms.SignerForm(
        request.POST, url=reverse("documents:signers", args=[document.public_id]), issuer=document.issuer
    )
    if form.is_valid():
        signer = form.person()
        if not form.errors:
            try:
                document_signer_set(
                    actor=request.user,
                    document=document,
                    signer=signer,
                    signer_title=form.cleaned_data["signer_title"],
                    capacity=form.cleaned_data["capacity"],
                    expected_version=form.cleaned_data["version"],
                )
            except ApplicationError as e:
                messages.error(request, e.message)
            else:
                messages.success(request, _("The signer is chosen; the draft waits for their signature."))
            return redirect("documents:detail", public_id=public_id)
    errors = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields)
    messages.error(request, errors or _("Choose the signer from the list."))
    return redirect("documents:detail", public_id=public_id)


@login_required
def signers(request, public_id):
    """The signer picker's answers: the leaders of the document's issuing body whose name matches the words."""
    from django.http import JsonResponse

    from danvan.core.text import fold
    from danvan.documents.generated import leader_titles, leaders_of

    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    words = fold((request.GET.get("q") or "")[:100]).split()
    issuer = document.issuer
    leaders = [u for u in leaders_of(issuer)[:200] if all(w in fold(f"{u.full_name} {u.username}") for w in words)]
    titles = leader_titles(issuer, leaders[:15])
    results = [
        {
            "code": user.username,
            "name": user.get_full_name(),
            # Name and title: the title is the one the signature block will print.
            "path": f"{titles[user.pk]} · {issuer.name}" if titles.get(user.pk) else _("no position recorded"),
        }
        for user in leaders[:15]
    ]
    return JsonResponse({"results": results, "empty": _("No leader of the issuing body matches these words.")})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def delegations(request):
    from danvan.documents import delegations as service

    units = service.units_led(request.user)
    form = forms.DelegationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        delegate = forms.person_from_form(form, "delegate")
        if not form.errors:
            try:
                service.delegation_create(
                    actor=request.user,
                    unit=form.units.get(form.cleaned_data["unit"]),
                    delegate=delegate,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Delegation saved."))
                return redirect("documents:delegations")
    return render(
        request,
        "documents/delegations.html",
        {
            "form": form if units else None,
            "delegations": service.delegations_for_user(user=request.user),
            "today": timezone.localdate(),
            "user_id": request.user.pk,
        },
    )


@login_required
@require_POST
@submit_once
def delegation_end(request, public_id):
    from danvan.documents import delegations as service

    delegation = service.delegation_get_for_user(user=request.user, public_id=public_id)
    try:
        service.delegation_end(actor=request.user, delegation=delegation)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Delegation ended."))
    return redirect("documents:delegations")


PLANNED_NAMES_SHOWN = 200


def _planned_recipients(document) -> dict:
    """Where a draft will go when it is issued, as its signer needs to see before signing: how many units the chosen
    recipients expand to today and the first names (a central body's "organisations of every commune" is tens of
    thousands), or the reason they no longer can (a unit moved out of reach)."""
    if not document.recipients_spec:
        return {}
    try:
        units = services.recipients_expand(document.issuer, document.recipients_spec)
    except ApplicationError as exc:
        return {"planned_error": exc.message}
    return {
        "planned": [u.name for u in units[:PLANNED_NAMES_SHOWN]],
        "planned_count": len(units),
        "planned_more": max(len(units) - PLANNED_NAMES_SHOWN, 0),
    }


def _task_rows(document) -> list:
    """The plan's tasks for display: (unit name or "", task, deadline); a stored row that no longer reads is skipped."""
    try:
        rows = services.task_rows(document.tasks)
    except ApplicationError:
        return []
    names = dict(OrgUnit.objects.filter(code__in=[r[0] for r in rows if r[0]]).values_list("code", "name"))
    return [(names.get(code, code), title, deadline) for code, title, deadline in rows]


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def document_edit(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    if not perms.can_revise(request.user, document):
        raise Http404
    upload = request.GET.get("tep") == "1" or not document.template
    if request.method == "POST":
        form = forms.DraftForm(request.POST, request.FILES, template=document.template, upload=upload, editing=True)
        if form.is_valid():
            args = _draft_args(form)
            if args is not None:
                if upload and args["upload"] is None:
                    form.add_error("file", _("Choose the DOCX or PDF file of the new version."))
                else:
                    try:
                        services.document_revise(
                            actor=request.user,
                            document=document,
                            expected_version=form.cleaned_data["version"],
                            note=form.cleaned_data["note"],
                            **args,
                        )
                    except ApplicationError as e:
                        show_conflict(form, e)
                    else:
                        messages.success(request, _("New version saved."))
                        return redirect("documents:detail", public_id=document.public_id)
    else:
        form = forms.DraftForm(
            template=document.template, upload=upload, editing=True, initial=forms.DraftForm.initial_for(document)
        )
    return render(
        request,
        "documents/form.html",
        {"form": form, "template": TEMPLATES.get(document.template), "upload": upload, "document": document},
    )


@login_required
@require_POST
@submit_once
def document_comment(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Your comment: write what should change."))
    else:
        try:
            services.document_comment(actor=request.user, document=document, text=form.cleaned_data["text"])
        except ApplicationError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, _("Comment saved."))
    return redirect("documents:detail", public_id=public_id)


@login_required
@require_POST
@submit_once
def document_route(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    try:
        services.document_route(actor=request.user, document=document, step=request.POST.get("step", ""))
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("The draft has moved on."))
    return redirect("documents:detail", public_id=public_id)


@login_required
@require_POST
@submit_once
def document_issue(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    try:
        document = services.document_sign_issue(
            actor=request.user,
            document=document,
            today=timezone.localdate(),
            expected_version=request.POST.get("version", ""),
        )
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request,
            _("Document number %(number)s issued.") % {"number": document.issued.reference.removeprefix("Số ")},
        )
    return redirect("documents:detail", public_id=public_id)


@login_required
@require_POST
@submit_once
def document_acknowledge(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    try:
        services.document_acknowledge(actor=request.user, document=document)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Receipt acknowledged."))
    return redirect("documents:detail", public_id=public_id)


@login_required
@require_POST
@submit_once
def document_correct(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    try:
        draft = services.document_correct(actor=request.user, document=document)
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect("documents:detail", public_id=public_id)
    messages.success(request, _("A replacing draft was started; it replaces the issued document once issued."))
    return redirect("documents:edit", public_id=draft.public_id)


@login_required
@require_POST
@submit_once
def document_publish(request, public_id):
    """One action: put the issued document on the citizens' portal, or take it off."""
    from danvan.documents.publishing import document_publish as publish

    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    on = request.POST.get("publish") == "1"
    try:
        publish(actor=request.user, document=document, publish=on, expected_version=request.POST.get("version", ""))
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request, _("Published on the citizens' portal.") if on else _("Taken off the citizens' portal.")
        )
    return redirect("documents:detail", public_id=public_id)


@login_required
def document_file(request, public_id, kind):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    if document.issued_id is None:
        raise Http404
    name = document.issued.reference.replace("Số ", "").replace("/", "_")
    if kind == "docx":
        return file_response(bytes(document.issued.content), filename=f"{name}.docx")
    if kind == "pdf" and document.pdf:
        return file_response(bytes(document.pdf), filename=f"{name}.pdf", content_type="application/pdf")
    raise Http404


@login_required
def version_file(request, public_id, number):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    version = document.versions.select_related("file").filter(number=number).first()
    if version is None or version.file is None:
        raise Http404
    stored = version.file
    issued = bytes(document.issued.content) if document.issued_id else b""
    if not stored.name.lower().endswith(".docx") or bytes(stored.content) == issued:
        return stored_file_response(stored)
    from danvan.documents.docxpage import draft_mark

    # A version is a draft: the file downloaded to read offline carries "DỰ THẢO" on every page.
    try:
        content = draft_mark(bytes(stored.content))
    except ApplicationError as e:
        messages.error(request, e.message)
        return redirect("documents:detail", public_id=public_id)
    return file_response(content, filename=f"du-thao-{document.public_id.hex[:8]}-ban-{version.number}.docx")


@login_required
def document_compare(request, public_id):
    document = selectors.document_get_for_user(user=request.user, public_id=public_id)
    numbers = sorted(document.versions.values_list("number", flat=True))
    try:
        a = int(request.GET.get("a", numbers[-2] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[-1]))
    except (ValueError, IndexError):
        raise Http404 from None
    rows = selectors.versions_diff(document, a, b)
    return render(
        request, "documents/compare.html", {"document": document, "rows": rows, "a": a, "b": b, "numbers": numbers}
    )


def _units_from_codes(form, name: str) -> list[OrgUnit] | None:
    codes = [c.strip().upper() for c in (form.cleaned_data.get(name) or "").replace(",", "\n").split() if c.strip()]
    units = list(OrgUnit.objects.filter(code__in=codes))
    if len(units) != len(set(codes)):
        form.add_error(name, _("Choose a unit from the list: type part of its name, then pick it."))
        return None
    return units


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def incoming_new(request):
    if request.method == "POST":
        form = forms.IncomingForm(request.POST, request.FILES)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            assignees = _units_from_codes(form, "assignees")
            handler = forms.person_from_form(form, "handler")
            if assignees is not None and not form.errors:
                d = form.cleaned_data
                try:
                    incoming = services.incoming_register(
                        actor=request.user,
                        unit=unit,
                        reference=d["reference"],
                        dated=d["dated"],
                        arrived_on=d["arrived_on"],
                        issuing_body=d["issuing_body"],
                        summary=d["summary"],
                        upload=d.get("file") or None,
                        instruction=d["instruction"],
                        handler=handler,
                        assignees=assignees,
                        deadline=d["deadline"],
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(
                        request, _("Registered as incoming number %(n)s.") % {"n": incoming.arrival_number}
                    )
                    return redirect("documents:incoming_detail", public_id=incoming.public_id)
    else:
        root = scope_roots(request.user, DATA_ENTRY_ROLES).first()
        form = forms.IncomingForm(initial={"unit": root.code if root else "", "arrived_on": timezone.localdate()})
    return render(request, "documents/incoming_form.html", {"form": form})


@login_required
def incoming_detail(request, public_id):
    incoming = selectors.incoming_get_for_user(user=request.user, public_id=public_id)
    signed = incoming.file is not None and incoming.file.name.lower().endswith(".pdf")
    return render(
        request,
        "documents/incoming_detail.html",
        {"incoming": incoming, "signatures": pdf_verify(bytes(incoming.file.content)) if signed else []},
    )


@login_required
def incoming_file(request, public_id):
    incoming = selectors.incoming_get_for_user(user=request.user, public_id=public_id)
    if incoming.file is None:
        raise Http404
    return stored_file_response(incoming.file)
