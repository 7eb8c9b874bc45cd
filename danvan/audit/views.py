from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.accounts.permissions import AUDIT_ROLES, has_any_role
from danvan.audit.forms import AuditFilterForm
from danvan.audit.selectors import auditevent_list_for_user
from danvan.audit.services import audit_export_start
from danvan.core.submissions import submit_once


def _filtered(request):
    if not has_any_role(request.user, AUDIT_ROLES):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filters, auditevent_list_for_user(user=request.user, **filters)


@login_required
def event_list(request):
    form, _filters, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
@require_POST
@submit_once
def event_export(request):
    form, filters, _events = _filtered(request)
    if form.is_bound and not form.is_valid():
        # Never export the whole log for a filter that could not be read: the list page shows what is wrong.
        return redirect(reverse("audit:list") + "?" + request.GET.urlencode())
    # The whole log can be millions of rows: it is written by a worker, and the job's page offers the file.
    job = audit_export_start(actor=request.user, filters=filters)
    return redirect("core:job", public_id=job.public_id)
