from django.contrib.auth.backends import ModelBackend

from danvan.accounts.selectors import login_is_locked


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a name locked by repeated failures, whatever the password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and login_is_locked(username=username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
