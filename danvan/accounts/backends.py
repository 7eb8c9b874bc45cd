from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from danvan.accounts.demo import demo_login_refused
from danvan.accounts.selectors import login_ip_is_throttled, login_is_locked
from danvan.accounts.validators import PASSWORD_MAX_LENGTH
from danvan.audit.middleware import client_ip


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses, whatever the password: a name locked by repeated failures, an address that
    failed too often, a password longer than any valid one (it never reaches the hasher), and in production the
    demo accounts and the published demo password.

    Every authenticate() goes through here, so no other door (admin, API) skips these checks."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and len(password) > PASSWORD_MAX_LENGTH:
            return None
        if request is not None and login_ip_is_throttled(ip=client_ip(request)):
            return None
        if username and login_is_locked(username=username):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and settings.PRODUCTION and demo_login_refused(username=user.username, password=password):
            return None
        return user
