"""Writes on API tokens: create (the key is returned once) and revoke. One transaction and one audit event each."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from danvan.accounts.permissions import can_manage_user
from danvan.api.models import ApiToken
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError

KEY_PREFIX = "dv_"
MAX_ACTIVE_TOKENS = 20


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def can_manage_tokens_of(actor, user) -> bool:
    """A person manages their own tokens; a unit administrator those of the accounts in their subtree."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return actor.pk == user.pk or can_manage_user(actor, user)


def _home_unit(user):
    """The unit an event about `user` is filed under (their highest role), so that unit's admins see it."""
    assignment = user.role_assignments.select_related("unit").order_by("unit__depth", "unit__name").first()
    return assignment.unit if assignment else None


def api_token_create(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with its key. The key is not stored: show it now or never."""
    if not can_manage_tokens_of(actor, user):
        raise ApplicationError("Đồng chí không có quyền tạo mã truy cập cho tài khoản này.", code="forbidden")
    if not user.is_active:
        raise ApplicationError("Tài khoản đang bị khóa: không tạo được mã truy cập.", field="user")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Tên mã: bắt buộc, ví dụ “Phần mềm một cửa của tỉnh”.", field="name")
    if len(name) > 100:
        raise ApplicationError("Tên mã: tối đa 100 ký tự.", field="name")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
            raise ApplicationError(
                f"Tài khoản đã có {MAX_ACTIVE_TOKENS} mã đang dùng: hãy thu hồi mã không còn dùng trước.",
                field="name",
            )
        token = ApiToken.objects.create(user=user, name=name, prefix=key[:11], key_hash=hash_key(key), created_by=actor)
        # The event names the token and its owner, never the key.
        audit_record(
            actor=actor,
            action=Action.API_TOKEN_CREATED,
            unit=_home_unit(user),
            target=token,
            after={"user": user.username, "name": name, "prefix": token.prefix},
        )
    return token, key


def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token at once: the next request with it answers 401."""
    if not can_manage_tokens_of(actor, token.user):
        raise ApplicationError("Đồng chí không có quyền thu hồi mã truy cập này.", code="forbidden")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if token.revoked_at is not None:
            raise ApplicationError("Mã này đã được thu hồi trước đó.", code="not_editable")
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=actor,
            action=Action.API_TOKEN_REVOKED,
            unit=_home_unit(token.user),
            target=token,
            after={"user": token.user.username, "name": token.name, "prefix": token.prefix},
        )
    return token
