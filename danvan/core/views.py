from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.inbox import inbox_for_user, inbox_mark_read
from danvan.core.navigation import MODULES_BY_SLUG
from danvan.core.submissions import submit_once
from danvan.organisations.selectors import orgunit_roots_for_user


@login_required
def home(request):
    inbox = inbox_for_user(user=request.user, today=timezone.localdate())
    return render(
        request,
        "core/home.html",
        {
            "roots": orgunit_roots_for_user(user=request.user),
            "inbox": inbox,
            "inbox_preview": 5,
            "nav_unread": inbox.unread,
        },
    )


@login_required
def inbox(request):
    inbox = inbox_for_user(user=request.user, today=timezone.localdate())
    return render(request, "core/inbox.html", {"inbox": inbox, "inbox_preview": None, "nav_unread": inbox.unread})


@login_required
@require_POST
@submit_once
def inbox_read(request):
    inbox_mark_read(actor=request.user)
    messages.success(request, _("All notices marked as read."))
    return redirect("core:inbox")


@login_required
def module(request, slug):
    module = MODULES_BY_SLUG.get(slug)
    if module is None:
        raise Http404
    return render(request, "core/module.html", {"module": module})


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
def job_detail(request, public_id):
    from danvan.core.selectors import jobrun_get_for_user

    job = jobrun_get_for_user(user=request.user, public_id=public_id)
    return render(request, "core/job.html", {"job": job})


@login_required
def job_status(request, public_id):
    """The status block alone, polled by htmx every 2 s while the job runs."""
    from danvan.core.selectors import jobrun_get_for_user

    job = jobrun_get_for_user(user=request.user, public_id=public_id)
    return render(request, "core/job.html#job-status", {"job": job})


@login_required
def job_download(request, public_id):
    from danvan.core.exporting import file_response
    from danvan.core.models import StoredFile
    from danvan.core.selectors import jobrun_get_for_user

    job = jobrun_get_for_user(user=request.user, public_id=public_id)
    if job.result_file_id is None:
        raise Http404
    stored = StoredFile.objects.get(pk=job.result_file_id)
    return file_response(bytes(stored.content), filename=stored.name, content_type=stored.content_type)


def service_worker(request):
    """The offline service worker, from the site's root so that its scope covers the entry pages."""
    response = render(request, "core/sw.js", content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
