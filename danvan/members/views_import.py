"""A commune's or a province's member list of one organisation, each row naming its branch (issue 12, "Import …
per branch or per province"). The same check, confirmation step and background job as a branch's list
(imports.py); here the page's anchor is the organisation's body the officer works for, not one branch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from danvan.core.submissions import submit_once
from danvan.members import selectors
from danvan.members.forms import BodyImportForm
from danvan.members.import_flow import import_steps, upload_gone_message
from danvan.members.imports import BRANCH_COLUMNS, LABELS


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def body_import(request):
    """Step 1: choose the body, upload and check the whole file. Step 2 (only when danvan finds likely duplicates):
    the officer confirms or denies each. Then the import runs as a background job with its progress."""
    bodies = selectors.import_bodies_for(request.user)
    if not bodies.exists():
        raise Http404
    form = BodyImportForm(request.POST or None, request.FILES or None, bodies=bodies)

    def owner_confirmed():
        owner_id = request.POST.get("owner_id", "")
        owner = bodies.filter(pk=int(owner_id)).first() if owner_id.isascii() and owner_id.isdecimal() else None
        return {"owner": owner} if owner is not None else None

    return import_steps(
        request,
        form=form,
        context={"form": form, "errors": [], "plan": None},
        target_of_form=lambda: {"owner": form.cleaned_data["owner"]},
        target_of_confirmation=owner_confirmed,
        target_name=lambda target: target["owner"].name,
        links={"back_url": reverse("members:index"), "import_url": reverse("members:body_import")},
        template="members/body_import.html",
    )


@login_required
def body_import_template(request):
    from danvan.core.exporting import xlsx_response

    if not selectors.import_bodies_for(request.user).exists():
        raise Http404
    return xlsx_response(
        filename="mau-danh-sach-hoi-vien-nhieu-chi-hoi.xlsx",
        sheet_title="Danh sách",
        headers=[LABELS[k] for k in (*BRANCH_COLUMNS, "branch", "commune")],
        rows=[
            [
                "Nguyễn Văn A",
                "15/03/1980",
                "Nam",
                "",
                "Kinh",
                "Không",
                "Làm ruộng",
                "Thôn Đồng Tâm",
                "01/05/2010",
                "",
                "Chi hội thôn Đồng Tâm",
                "Xã Yên Thế",
            ]
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def import_confirm(request, public_id):
    """Step 2 of a list too large to check in the request (decision 0058): the job checked every row and found
    likely duplicates; the officer confirms or denies each, and the import runs as a new job with the answers.
    Only the job's owner sees it, while the kept file is there (it goes once a job has imported it)."""
    import datetime as dt
    from types import SimpleNamespace

    from django.shortcuts import get_object_or_404, redirect, render

    from danvan.core.models import JobRun, StoredFile
    from danvan.members.import_job import members_import_start
    from danvan.members.imports import Proposal
    from danvan.members.models import Branch
    from danvan.organisations.models import OrgUnit

    job = get_object_or_404(
        JobRun, public_id=public_id, owner=request.user, kind="members.import", status=JobRun.Status.SUCCEEDED
    )
    # The answers are taken once: a job already importing this file is where the officer goes.
    taken = (
        JobRun.objects.filter(kind="members.import", owner=request.user, params__file=job.params.get("file"))
        .exclude(pk=job.pk)
        .order_by("-pk")
        .first()
    )
    if taken is not None:
        return redirect("core:job", public_id=taken.public_id)
    upload = StoredFile.objects.filter(pk=job.params.get("file"), uploaded_by=request.user).first()
    if "proposals" not in job.params:
        raise Http404
    if job.params.get("branch"):
        branch = Branch.objects.filter(code=job.params["branch"]).select_related("owner").first()
        target, back_url = {"branch": branch}, reverse("members:branch", kwargs={"code": job.params["branch"]})
    else:
        owner = OrgUnit.objects.filter(code=job.params.get("owner")).first()
        target, back_url = {"owner": owner}, reverse("members:body_import")
    if None in target.values():
        raise Http404
    if upload is None:  # removed after the age limit (member_uploads_prune) or by a later upload
        messages.error(request, upload_gone_message())
        if "owner" in target:
            return redirect("members:body_import")
        return redirect("members:branch_import", code=job.params["branch"])
    proposals = [
        Proposal(
            line=p["line"],
            full_name=p["full_name"],
            birth_date=dt.date.fromisoformat(p["birth_date"]),
            person_id=0,
            person_public_id=p["person_public_id"],
            organisations=p["organisations"],
        )
        for p in job.params["proposals"]
    ]
    if request.method == "POST":
        decisions = {
            str(p.line): request.POST.get(f"decision_{p.line}")
            for p in proposals
            if request.POST.get(f"decision_{p.line}") in {"same", "new"}
        }
        new_job = members_import_start(actor=request.user, upload_id=upload.pk, decisions=decisions, **target)
        return redirect("core:job", public_id=new_job.public_id)
    return render(
        request,
        "members/branch_import_confirm.html",
        {
            "plan": SimpleNamespace(proposals=proposals),
            "upload": upload,
            "rows": job.total,
            "target_name": (target.get("branch") or target.get("owner")).name,
            "back_url": back_url,
            "import_url": reverse("members:body_import") if "owner" in target else back_url,
        },
    )
