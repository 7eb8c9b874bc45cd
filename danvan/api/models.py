import uuid

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A key another system uses to call /api/v1/ as one person: it carries that person's roles and unit scope.

    Only a SHA-256 of the key is stored (the key is shown once, at creation). The key is 256 random bits, so a
    fast hash is enough: there is nothing to guess, unlike a password. Revoked tokens are kept for the record.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=100)
    # The first characters of the key ("dv_AbC12345"), shown in lists so a person can tell their keys apart.
    prefix = models.CharField(max_length=16)
    # Every API request looks the token up by this (unique index).
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
