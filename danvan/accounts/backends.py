from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from danvan.accounts.demo import demo_login_refused
from danvan.accounts.selectors import login_is_locked


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a name locked by repeated failures, whatever the password, and in production the
    demo accounts and the published demo password (on every path that authenticates, not only the login form)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and login_is_locked(username=username):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and settings.PRODUCTION and demo_login_refused(username=user.username, password=password):
            return None
        return user
