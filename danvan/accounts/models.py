import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=128, blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    # Set when an administrator chose the password (a new account, a reset): the person must choose their own
    # before anything else (accounts.middleware). Cleared by user_change_own_password.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    LEADER = "leader", _("Leader")
    OFFICER = "officer", _("Officer")
    REPORTER = "reporter", _("Reporter")
    VIEWER = "viewer", _("Viewer")


class RoleAssignment(models.Model):
    """A user's role on a unit. It applies to the unit and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=16, choices=Role)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="roleassignment_unique"),
        ]
        indexes = [
            # Who holds roles on a unit (account management within a subtree).
            models.Index(fields=["unit", "role"], name="roleassignment_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class LoginFailure(models.Model):
    """One failed login. Recent failures for a name lock it for a while (settings.DANVAN_LOCKOUT_*)."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # Counting recent failures for one name at every login attempt.
            models.Index(fields=["username", "at"], name="loginfailure_user_at_idx"),
            # Counting recent failures from one address (per-address throttling) at every login attempt.
            models.Index(fields=["ip", "at"], name="loginfailure_ip_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
