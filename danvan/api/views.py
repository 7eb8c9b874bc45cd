from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.models import User
from danvan.api import selectors, services
from danvan.api.api import error_response
from danvan.api.forms import TokenCreateForm
from danvan.core.errors import ApplicationError
from danvan.core.submissions import submit_once

NEW_KEY_SESSION = "api_new_token_key"


@login_required
def docs(request):
    """The interactive API reference: Swagger UI from vendored files, started by a static script (no inline JS)."""
    return render(request, "api/docs.html", {"openapi_url": reverse("api:openapi-json")})


def not_found(request, *args, **kwargs):
    return error_response(request, "not_found", "Không tìm thấy.", 404)


def _target_user(request, public_id):
    if public_id is None:
        return request.user
    user = User.objects.filter(public_id=public_id).first()
    if user is None or not services.can_manage_tokens_of(request.user, user):
        raise Http404
    return user


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def tokens(request, public_id=None):
    """A person's API tokens (their own, or an account a unit administrator manages): create and revoke."""
    target = _target_user(request, public_id)
    form = TokenCreateForm(request.POST or None)
    # A new key is shown once, on the page the creation redirects to (so a second click cannot make a second
    # token): it waits in the session for that one GET and is gone after it (never_cache: not kept by a browser).
    new_key = request.session.pop(NEW_KEY_SESSION, None) if request.method == "GET" else None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_key = services.api_token_create(actor=request.user, user=target, name=form.cleaned_data["name"])
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            request.session[NEW_KEY_SESSION] = new_key
            messages.success(request, f"Đã tạo mã “{token.name}”. Hãy sao chép ngay: mã sẽ không hiện lại.")
            return redirect(request.path)
    return render(
        request,
        "api/tokens.html",
        {
            "target": target,
            "is_self": target.pk == request.user.pk,
            "tokens": selectors.api_tokens_of(actor=request.user, user=target),
            "form": form,
            "new_key": new_key,
        },
    )


@login_required
@require_POST
@submit_once
def token_revoke(request, token_id):
    token = selectors.api_token_get_for_user(actor=request.user, public_id=token_id)
    try:
        services.api_token_revoke(actor=request.user, token=token)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã thu hồi mã “{token.name}”: hệ thống dùng mã này không gọi được nữa.")
    if token.user_id == request.user.pk:
        return redirect("api_tokens:mine")
    return redirect("api_tokens:user", public_id=token.user.public_id)
