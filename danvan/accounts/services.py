"""Writes on accounts and roles. Each in one transaction, each with one audit event."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from danvan.accounts.models import LoginFailure, Role, RoleAssignment, User
from danvan.accounts.permissions import can_manage_accounts, can_manage_user, forget_roles
from danvan.accounts.validators import PASSWORD_MAX_LENGTH
from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError

USERNAME_HELP = "chỉ gồm chữ không dấu, số và các ký tự . _ -, từ 3 đến 150 ký tự"


def username_is_valid(username: str) -> bool:
    """The username rule (USERNAME_HELP), for the account form and the account import alike."""
    return 3 <= len(username) <= 150 and all(c.isascii() and (c.isalnum() or c in "._-") for c in username)


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError("Mật khẩu: " + " ".join(exc.messages), field="password") from None


def _check_manages(actor, user: User) -> None:
    if not can_manage_user(actor, user):
        raise ApplicationError(
            "Tài khoản: đồng chí chỉ quản trị tài khoản có mọi vai trò nằm trong các đơn vị mình quản trị.",
            code="forbidden",
        )


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ApplicationError("Vai trò: hãy chọn một vai trò trong danh sách.", field="role")


def user_create(*, actor, username: str, full_name: str, email: str, password: str, unit, role: str) -> User:
    """Create an account with its first role on `unit`. The actor must administer `unit`."""
    username = (username or "").strip().lower()
    full_name = " ".join((full_name or "").split())
    if not can_manage_accounts(actor, unit):
        raise ApplicationError("Đồng chí không quản trị tài khoản của đơn vị này.", field="unit", code="forbidden")
    if not username_is_valid(username):
        raise ApplicationError(f"Tên đăng nhập: {USERNAME_HELP}.", field="username")
    if not full_name:
        raise ApplicationError("Họ và tên: bắt buộc.", field="full_name")
    _check_role(role)
    # The administrator knows this password: the person chooses their own at the first login.
    user = User(username=username, full_name=full_name, email=(email or "").strip(), must_change_password=True)
    _check_password(password, user)
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=username).exists():
                raise ApplicationError(
                    f"Tên đăng nhập: “{username}” đã có người dùng; hãy chọn tên khác.", field="username"
                )
            user.set_password(password)
            user.save()
            RoleAssignment.objects.create(user=user, unit=unit, role=role, granted_by=actor)
            audit_record(
                actor=actor,
                action=Action.USER_CREATED,
                unit=unit,
                target=user,
                after={**snapshot(user, ["username", "full_name", "email"]), "role": role, "unit": unit.code},
            )
    except IntegrityError:
        raise ApplicationError(f"Tên đăng nhập: “{username}” đã có người dùng.", field="username") from None
    return user


def role_grant(*, actor, user: User, unit, role: str) -> RoleAssignment:
    _check_role(role)
    if not can_manage_accounts(actor, unit):
        raise ApplicationError(
            "Đơn vị: đồng chí chỉ cấp vai trò trong các đơn vị mình quản trị.", field="unit", code="forbidden"
        )
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, unit=unit, role=role, defaults={"granted_by": actor}
        )
        if not created:
            raise ApplicationError("Vai trò: người dùng đã có vai trò này ở đơn vị này.", field="role")
        forget_roles(user)
        forget_roles(actor)
        audit_record(
            actor=actor, action=Action.ROLE_GRANTED, unit=unit, target=user, after={"role": role, "unit": unit.code}
        )
    return assignment


def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    if not can_manage_accounts(actor, assignment.unit):
        raise ApplicationError("Đồng chí không quản trị đơn vị của vai trò này.", code="forbidden")
    if assignment.user_id == actor.pk and assignment.role == Role.ADMIN:
        raise ApplicationError("Đồng chí không thể tự thu hồi quyền quản trị của chính mình.", code="self")
    with transaction.atomic():
        before = {"role": assignment.role, "unit": assignment.unit.code}
        unit, user = assignment.unit, assignment.user
        assignment.delete()
        forget_roles(user)
        forget_roles(actor)
        audit_record(actor=actor, action=Action.ROLE_REVOKED, unit=unit, target=user, before=before)


def user_set_active(*, actor, user: User, is_active: bool) -> User:
    if user.pk == actor.pk:
        raise ApplicationError("Đồng chí không thể tự khóa hoặc mở tài khoản của chính mình.", code="self")
    _check_manages(actor, user)
    with transaction.atomic():
        user.is_active = is_active
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action=Action.USER_ACTIVATED if is_active else Action.USER_DEACTIVATED,
            target=user,
            after={"is_active": is_active},
        )
    return user


def user_reset_password(*, actor, user: User, password: str) -> User:
    _check_manages(actor, user)
    _check_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        # A reset also clears the lockout for this name.
        LoginFailure.objects.filter(username=user.username.lower()).delete()
        audit_record(actor=actor, action=Action.USER_PASSWORD_RESET, target=user)
    return user


def user_change_own_password(*, actor, old_password: str, new_password: str) -> User:
    # Longer than any valid password: refused before the hasher sees it.
    if len(old_password) > PASSWORD_MAX_LENGTH or not actor.check_password(old_password):
        raise ApplicationError("Mật khẩu hiện tại: không đúng.", field="old_password")
    try:
        validate_password(new_password, user=actor)
    except ValidationError as exc:
        raise ApplicationError("Mật khẩu mới: " + " ".join(exc.messages), field="new_password1") from None
    if new_password == old_password:
        raise ApplicationError("Mật khẩu mới: phải khác mật khẩu hiện tại.", field="new_password1")
    with transaction.atomic():
        actor.set_password(new_password)
        actor.must_change_password = False
        actor.save(update_fields=["password", "must_change_password"])
        audit_record(actor=actor, action=Action.PASSWORD_CHANGED, target=actor)
    return actor


def login_record_success(*, user: User) -> None:
    with transaction.atomic():
        LoginFailure.objects.filter(username=user.username.lower()).delete()
        audit_record(actor=user, action=Action.LOGIN, target=user)


def login_record_failure(*, username: str, ip: str | None) -> None:
    with transaction.atomic():
        LoginFailure.objects.create(username=(username or "")[:150].lower(), ip=ip)
        audit_record(
            actor=None,
            action=Action.LOGIN_FAILED,
            details={"username": (username or "")[:150]},
            system_label="đăng nhập",
        )


def login_record_logout(*, user: User) -> None:
    with transaction.atomic():
        audit_record(actor=user, action=Action.LOGOUT, target=user)
