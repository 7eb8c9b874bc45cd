from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts import services
from danvan.accounts.forms import (
    AccountImportForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    RoleGrantForm,
    UserCreateForm,
)
from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import ACCOUNT_ROLES, can_manage_accounts, has_any_role
from danvan.accounts.selectors import user_get_for_manager, users_managed_by
from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_get_for_user


@require_http_methods(["GET", "POST"])
def login_view(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        services.login_record_success(user=form.user)
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("core:home")
        return redirect(target)
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        services.login_record_logout(user=request.user)
    logout(request)
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change_own_password(
                actor=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password has been changed."))
            return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})


def _require_account_admin(user) -> None:
    if not has_any_role(user, ACCOUNT_ROLES):
        raise Http404


@login_required
def user_list(request):
    _require_account_admin(request.user)
    users = users_managed_by(user=request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def user_create(request, code):
    unit = orgunit_get_for_user(user=request.user, code=code)
    if not can_manage_accounts(request.user, unit):
        raise Http404
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": user.username})
            return redirect("accounts:detail", public_id=user.public_id)
    return render(request, "accounts/user_create.html", {"form": form, "unit": unit})


def _accounts_unit(request, code) -> OrgUnit:
    unit = orgunit_get_for_user(user=request.user, code=code)
    if not can_manage_accounts(request.user, unit):
        raise Http404
    return unit


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def accounts_import(request, code):
    """Create many accounts (and their positions) from a file: checked here at once, written by a job."""
    from danvan.accounts.imports import COLUMNS, accounts_check, accounts_import_start
    from danvan.organisations.imports import read_table

    unit = _accounts_unit(request, code)
    form = AccountImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_table(filename=upload.name, content=content, columns=COLUMNS)
            checked = accounts_check(actor=request.user, unit=unit, rows=rows)
        except ApplicationError as exc:
            exc.add_to_form(form)
            errors = exc.extra.get("errors", [])
        else:
            if form.cleaned_data["dry_run"]:
                messages.success(request, _("The file is valid: %(n)s accounts can be created.") % {"n": len(checked)})
            else:
                job = accounts_import_start(actor=request.user, unit=unit, filename=upload.name, content=content)
                return redirect("core:job", public_id=job.public_id)
    return render(request, "accounts/import.html", {"unit": unit, "form": form, "errors": errors})


@login_required
def accounts_import_template(request, code):
    from danvan.core.exporting import xlsx_response

    unit = _accounts_unit(request, code)
    return xlsx_response(
        filename="mau-nhap-tai-khoan.xlsx",
        sheet_title="Tài khoản",
        headers=["Họ tên", "Tên đăng nhập", "Đơn vị", "Vai trò", "Email", "Chức vụ"],
        rows=[["Nguyễn Văn An", "nguyen.van.an", unit.name, "chuyên viên", "", "Chuyên viên"]],
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def user_detail(request, public_id):
    target = user_get_for_manager(user=request.user, public_id=public_id)
    action = request.POST.get("form")
    grant_form = RoleGrantForm(request.POST if action == "grant" else None)
    reset_form = PasswordResetForm(request.POST if action == "reset" else None)
    if request.method == "POST":
        try:
            if action == "grant" and grant_form.is_valid():
                unit = OrgUnit.objects.filter(code=grant_form.cleaned_data["unit_code"].strip().upper()).first()
                if unit is None or not can_manage_accounts(request.user, unit):
                    raise ApplicationError(
                        _("Choose one of the units you administer from the list."), field="unit_code"
                    )
                services.role_grant(actor=request.user, user=target, unit=unit, role=grant_form.cleaned_data["role"])
                messages.success(request, _("Role granted."))
                return redirect("accounts:detail", public_id=target.public_id)
            if action == "reset" and reset_form.is_valid():
                services.user_reset_password(
                    actor=request.user, user=target, password=reset_form.cleaned_data["password"]
                )
                messages.success(request, _("Password reset."))
                return redirect("accounts:detail", public_id=target.public_id)
            if action in {"activate", "deactivate"}:
                services.user_set_active(actor=request.user, user=target, is_active=action == "activate")
                messages.success(request, _("Account updated."))
                return redirect("accounts:detail", public_id=target.public_id)
        except ApplicationError as exc:
            exc.add_to_form(grant_form if action == "grant" else reset_form)
            if action not in {"grant", "reset"}:
                messages.error(request, exc.message)
    assignments = target.role_assignments.select_related("unit").order_by("unit__depth", "unit__name")
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "assignments": assignments,
            "grant_form": grant_form,
            "reset_form": reset_form,
        },
    )


@login_required
@require_POST
@submit_once
def role_revoke(request, public_id, assignment_id):
    target = user_get_for_manager(user=request.user, public_id=public_id)
    assignment = RoleAssignment.objects.select_related("unit").filter(pk=assignment_id, user=target).first()
    if assignment is None:
        raise Http404
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Role revoked."))
    return redirect("accounts:detail", public_id=target.public_id)


@login_required
def pick(request):
    """The person picker's answers: people holding a role on a unit in the requester's scope whose name or username
    matches the typed words, diacritics optional."""
    from django.http import JsonResponse

    from danvan.accounts.models import RoleAssignment
    from danvan.accounts.permissions import units_in_scope
    from danvan.core.text import fold

    words = fold((request.GET.get("q") or "")[:100]).split()
    results, seen = [], set()
    if words and len("".join(words)) >= 2:
        assignments = (
            RoleAssignment.objects.filter(unit__in=units_in_scope(request.user), user__is_active=True)
            .select_related("user", "unit")
            .order_by("user__full_name", "user__username")[:5000]
        )
        for assignment in assignments:
            user = assignment.user
            haystack = fold(f"{user.full_name} {user.username}")
            if user.pk in seen or not all(word in haystack for word in words):
                continue
            seen.add(user.pk)
            results.append(
                {
                    "code": user.username,
                    "name": user.get_full_name(),
                    "path": f"{assignment.get_role_display()} · {assignment.unit.name}",
                }
            )
            if len(results) == 15:
                break
    return JsonResponse({"results": results, "empty": _("No person in your scope matches these words.")})
