"""A commune's or a province's member list of one organisation, each row naming its branch (issue 12, "Import …
per branch or per province"). The same check, confirmation step and background job as a branch's list
(imports.py); here the page's anchor is the organisation's body the officer works for, not one branch."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from danvan.core.submissions import submit_once
from danvan.members import selectors
from danvan.members.forms import BodyImportForm
from danvan.members.import_flow import import_steps
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
