"""Reads of API tokens: the user a key authenticates, and the tokens a person may see and revoke."""

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.api.models import ApiToken
from danvan.api.services import KEY_PREFIX, can_manage_tokens_of, hash_key

# last_used_at is written at most once a minute per token: a busy integration does not write on every call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def api_token_authenticate(*, key: str):
    """The active user whose active token this is, or None. Marks the token used."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        # A conditional update: concurrent requests write it once, and nothing else on the row is touched.
        ApiToken.objects.filter(pk=token.pk, last_used_at=token.last_used_at).update(last_used_at=now)
    return token.user


def api_tokens_of(*, actor, user) -> QuerySet[ApiToken]:
    if not can_manage_tokens_of(actor, user):
        raise Http404("Không tìm thấy tài khoản.")
    return ApiToken.objects.filter(user=user).select_related("created_by", "revoked_by")


def api_token_get_for_user(*, actor, public_id) -> ApiToken:
    token = ApiToken.objects.select_related("user").filter(public_id=public_id).first()
    if token is None or not can_manage_tokens_of(actor, token.user):
        raise Http404("Không tìm thấy mã truy cập.")
    return token
