import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.accounts.models import LoginFailure, RoleAssignment, User
from danvan.accounts.permissions import ACCOUNT_ROLES, can_manage_user, units_in_scope


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.DANVAN_LOCKOUT_MINUTES)


def login_recent_failures(*, username: str) -> int:
    return LoginFailure.objects.filter(username=username.lower(), at__gte=_window_start()).count()


def login_is_locked(*, username: str) -> bool:
    return login_recent_failures(username=username) >= settings.DANVAN_LOCKOUT_ATTEMPTS


def login_ip_recent_failures(*, ip: str | None) -> int:
    if not ip:
        return 0
    since = timezone.now() - dt.timedelta(minutes=settings.DANVAN_LOGIN_IP_MINUTES)
    return LoginFailure.objects.filter(ip=ip, at__gte=since).count()


def login_ip_is_throttled(*, ip: str | None) -> bool:
    """Too many failed logins from one address, whatever the names tried (a script guessing, or locking
    accounts one after another). Kept in the database, so every process and machine sees the same count."""
    return login_ip_recent_failures(ip=ip) >= settings.DANVAN_LOGIN_IP_ATTEMPTS


def users_managed_by(*, user) -> QuerySet[User]:
    """Accounts with at least one role inside the units `user` administers (the unit admin's list)."""
    managed_units = units_in_scope(user, ACCOUNT_ROLES)
    return (
        User.objects.filter(role_assignments__unit__in=managed_units)
        .distinct()
        .prefetch_related(
            Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("unit").order_by("unit__depth"))
        )
        .order_by("username")
    )


def user_get_for_manager(*, user, public_id) -> User:
    """An account the manager may administer: every one of its roles lies in the manager's subtree.

    A user with a role outside it (say, in another province too) is not theirs to change.
    """
    target = User.objects.filter(public_id=public_id).first()
    if target is None:
        raise Http404("Không tìm thấy tài khoản.")
    if not can_manage_user(user, target):
        raise Http404("Không tìm thấy tài khoản.")
    return target
