"""The public site's own records: what citizens sent, kept to stop scripted sending and to follow a
recommendation by its tracking code."""

from django.conf import settings
from django.db import models


class Submission(models.Model):
    """One thing a citizen sent (a comment, a recommendation), by a hashed address and a hashed phone/e-mail:
    the rate limit counts these rows, so it holds across processes and machines."""

    class Kind(models.TextChoices):
        COMMENT = "comment", "Góp ý dự thảo"
        PETITION = "petition", "Kiến nghị, phản ánh"

    kind = models.CharField(max_length=8, choices=Kind)
    address_hash = models.CharField(max_length=64)
    contact_hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The rate limit: recent rows of one address or one contact.
            models.Index(fields=["address_hash", "at"], name="portal_sub_addr_idx"),
            models.Index(fields=["contact_hash", "at"], name="portal_sub_contact_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%Y-%m-%d %H:%M}"


class Tracking(models.Model):
    """The tracking code a citizen got for a recommendation: random, so codes cannot be guessed from the
    petitions' sequential numbers. The answer shown publicly is published by an official."""

    code = models.CharField(max_length=16, unique=True)
    petition = models.OneToOneField("petitions.Petition", on_delete=models.PROTECT, related_name="portal_tracking")
    answer = models.TextField(blank=True)
    answer_published_at = models.DateTimeField(null=True, blank=True)
    answer_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code
