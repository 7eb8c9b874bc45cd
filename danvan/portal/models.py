"""The public site's own records: what citizens sent, kept only to stop scripted sending."""

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
