"""A person whose password an administrator chose (a new account, a reset) changes it before anything else."""

from django.shortcuts import redirect
from django.urls import reverse

# Paths a person who must change their password may still reach: the change page itself, leaving, the
# language switch, and what is not a page (static files, the health check, the API with its own tokens).
ALLOWED_PREFIXES = ("/static/", "/healthz", "/api/", "/i18n/", "/sw.js")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith(ALLOWED_PREFIXES):
                return redirect("accounts:password_change")
        return self.get_response(request)
