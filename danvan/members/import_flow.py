"""The two steps of a member list's import, shared by a branch's page and a body's page (issue 12).

Step 1 reads and checks the whole file; when danvan finds likely duplicates, step 2 shows them and the officer
confirms or denies each; then the import runs as a background job with its progress. The pages differ only in
what the list is imported into (`{"branch": …}` or `{"owner": …}`), how step 2 finds it again, and their links.
A list too large for the request (over 20,000 rows or 8 MB) goes straight to the job, which checks it and asks for
the confirmation itself (import_job.py, views_import.import_confirm; decision 0058)."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.core.errors import ApplicationError
from danvan.members.import_job import members_import_start, members_upload_keep
from danvan.members.imports import members_import_check, read_member_table


def uuid_or_404(value: str):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


def upload_gone_message() -> str:
    return _(
        "The uploaded list is no longer kept: a list left unconfirmed is removed after %(hours)s hours, and "
        "uploading another list replaces it. Upload the file again to import it."
    ) % {"hours": settings.DANVAN_MEMBER_UPLOAD_RETENTION_HOURS}


def import_steps(
    request,
    *,
    form,
    context: dict,
    target_of_form: Callable[[], dict],
    target_of_confirmation: Callable[[], dict | None],
    target_name: Callable[[dict], str],
    links: dict,
    template: str,
):
    """Runs whichever step the request is; `links` holds the confirmation page's back_url and import_url."""
    from danvan.core.models import StoredFile

    if request.method == "POST" and request.POST.get("upload"):
        target = target_of_confirmation()
        upload = StoredFile.objects.filter(
            public_id=uuid_or_404(request.POST["upload"]), uploaded_by=request.user
        ).first()
        if target is None:
            raise Http404
        if upload is None:  # removed after the age limit (member_uploads_prune) or by a later upload
            messages.error(request, upload_gone_message())
            return redirect(request.path)
        decisions = {
            key.removeprefix("decision_"): value
            for key, value in request.POST.items()
            if key.startswith("decision_") and value in {"same", "new"}
        }
        job = members_import_start(actor=request.user, upload_id=upload.pk, decisions=decisions, **target)
        return redirect("core:job", public_id=job.public_id)
    if request.method == "POST" and form.is_valid():
        target = target_of_form()
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_member_table(filename=upload.name, content=content)
            plan = members_import_check(actor=request.user, rows=rows, **target)
        except ApplicationError as exc:
            if exc.code == "large":
                # Too large to check in the request (a province's list): the job checks every row, and stops
                # for the officer's confirmation if it finds likely duplicates (decision 0058).
                return _large_import(
                    request,
                    form=form,
                    context=context,
                    target=target,
                    upload=upload,
                    content=content,
                    template=template,
                )
            exc.add_to_form(form)
            context["errors"] = exc.extra.get("errors", [])
        else:
            stored = members_upload_keep(actor=request.user, filename=upload.name, content=content)
            if not plan.proposals:
                job = members_import_start(actor=request.user, upload_id=stored.pk, decisions={}, **target)
                return redirect("core:job", public_id=job.public_id)
            context.update(
                {"plan": plan, "upload": stored, "rows": len(rows), "target_name": target_name(target), **links}
            )
            context.update({k: v for k, v in target.items() if k == "owner"})
            return render(request, "members/branch_import_confirm.html", context)
    return render(request, template, context)


def _large_import(request, *, form, context, target, upload, content: bytes, template: str):
    from danvan.members.imports import organisation_of_body
    from danvan.members.permissions import can_create_branch, can_manage_branch

    branch, owner = target.get("branch"), target.get("owner")
    allowed = (
        can_manage_branch(request.user, branch)
        if branch is not None
        else owner is not None and organisation_of_body(owner) is not None and can_create_branch(request.user, owner)
    )
    if not allowed:
        form.add_error(None, "Cơ quan: hãy chọn một cơ quan của tổ chức mà đồng chí phụ trách.")
        return render(request, template, context)
    stored = members_upload_keep(actor=request.user, filename=upload.name, content=content)
    job = members_import_start(actor=request.user, upload_id=stored.pk, decisions=None, **target)
    return redirect("core:job", public_id=job.public_id)
