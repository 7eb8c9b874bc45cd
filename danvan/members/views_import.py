"""A commune's or a province's member list of one organisation, each row naming its branch (issue 12, "Import …
per branch or per province"). The same check, confirmation step and background job as a branch's list
(imports.py); here the page's anchor is the organisation's body the officer works for, not one branch."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.members import selectors
from danvan.members.forms import BodyImportForm
from danvan.members.imports import (
    BRANCH_COLUMNS,
    LABELS,
    members_import_check,
    members_import_start,
    members_upload_keep,
    read_member_table,
)
from danvan.members.views import uuid_or_404


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def body_import(request):
    """Step 1: choose the body, upload and check the whole file. Step 2 (only when danvan finds likely duplicates):
    the officer confirms or denies each. Then the import runs as a background job with its progress."""
    from danvan.core.models import StoredFile

    bodies = selectors.import_bodies_for(request.user)
    if not bodies.exists():
        raise Http404
    form = BodyImportForm(request.POST or None, request.FILES or None, bodies=bodies)
    context = {"form": form, "errors": [], "plan": None}
    if request.method == "POST" and request.POST.get("upload"):
        owner_id = request.POST.get("owner_id", "")
        owner = bodies.filter(pk=int(owner_id)).first() if owner_id.isascii() and owner_id.isdecimal() else None
        upload = StoredFile.objects.filter(
            public_id=uuid_or_404(request.POST["upload"]), uploaded_by=request.user
        ).first()
        if owner is None or upload is None:
            raise Http404
        decisions = {
            key.removeprefix("decision_"): value
            for key, value in request.POST.items()
            if key.startswith("decision_") and value in {"same", "new"}
        }
        job = members_import_start(actor=request.user, owner=owner, upload_id=upload.pk, decisions=decisions)
        return redirect("core:job", public_id=job.public_id)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_member_table(filename=upload.name, content=content)
            plan = members_import_check(actor=request.user, owner=owner, rows=rows)
        except ApplicationError as exc:
            exc.add_to_form(form)
            context["errors"] = exc.extra.get("errors", [])
        else:
            stored = members_upload_keep(actor=request.user, filename=upload.name, content=content)
            if not plan.proposals:
                job = members_import_start(actor=request.user, owner=owner, upload_id=stored.pk, decisions={})
                return redirect("core:job", public_id=job.public_id)
            context.update(
                {
                    "plan": plan,
                    "upload": stored,
                    "rows": len(rows),
                    "owner": owner,
                    "target_name": owner.name,
                    "back_url": reverse("members:index"),
                    "import_url": reverse("members:body_import"),
                }
            )
            return render(request, "members/branch_import_confirm.html", context)
    return render(request, "members/body_import.html", context)


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
