from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from danvan.accounts.demo import demo_login_refused
from danvan.accounts.models import Role
from danvan.accounts.selectors import login_ip_is_throttled, login_is_locked, login_recent_failures
from danvan.accounts.services import login_record_failure
from danvan.accounts.validators import PASSWORD_MAX_LENGTH
from danvan.audit.middleware import client_ip
from danvan.organisations.widgets import unit_field


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        password = self.cleaned_data.get("password") or ""
        if not username or not password:
            return self.cleaned_data
        minutes = settings.DANVAN_LOCKOUT_MINUTES
        ip = client_ip(self.request)
        if login_ip_is_throttled(ip=ip):
            # Not counted against the name: a script that tries many names from one address locks none of them.
            ip_minutes = settings.DANVAN_LOGIN_IP_MINUTES
            raise forms.ValidationError(
                f"Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này trong {ip_minutes} phút qua: hãy thử lại sau "
                f"{ip_minutes} phút. Nếu cả cơ quan dùng chung một đường mạng, hãy báo quản trị hệ thống.",
                code="throttled",
            )
        if len(password) > PASSWORD_MAX_LENGTH:
            login_record_failure(username=username, ip=ip)
            raise forms.ValidationError(
                f"Mật khẩu: dài quá {PASSWORD_MAX_LENGTH} ký tự nên không thể đúng; hãy gõ lại mật khẩu của bạn.",
                code="password_too_long",
            )
        if login_is_locked(username=username):
            raise forms.ValidationError(
                _(
                    "This account is locked for %(minutes)s minutes after too many failed logins. "
                    "Try again later or ask your unit administrator to reset the password."
                )
                % {"minutes": minutes},
                code="locked",
            )
        if settings.PRODUCTION and demo_login_refused(username=username, password=password):
            login_record_failure(username=username, ip=client_ip(self.request))
            raise forms.ValidationError(
                _("Demo accounts and the demo password cannot be used when danvan runs in production."),
                code="demo_refused",
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            login_record_failure(username=username, ip=ip)
            left = settings.DANVAN_LOCKOUT_ATTEMPTS - login_recent_failures(username=username)
            if left <= 0:
                raise forms.ValidationError(
                    _("Wrong username or password. The account is now locked for %(minutes)s minutes.")
                    % {"minutes": minutes},
                    code="locked",
                )
            raise forms.ValidationError(
                _(
                    "Wrong username or password. %(left)s attempt(s) left before the account is locked "
                    "for %(minutes)s minutes."
                )
                % {"left": left, "minutes": minutes},
                code="invalid_login",
            )
        self.user = user
        return self.cleaned_data


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150, help_text=_("Letters without diacritics, digits, dot, dash, underscore.")
    )
    full_name = forms.CharField(label=_("Full name"), max_length=128)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role on this unit"), choices=Role.choices, initial=Role.OFFICER)
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput,
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )


class RoleGrantForm(forms.Form):
    unit_code = unit_field(_("Unit"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class PasswordResetForm(forms.Form):
    password = forms.CharField(label=_("New password"), strip=False, widget=forms.PasswordInput)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), strip=False, widget=forms.PasswordInput)
    new_password1 = forms.CharField(label=_("New password"), strip=False, widget=forms.PasswordInput)
    new_password2 = forms.CharField(label=_("New password again"), strip=False, widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("The two new passwords differ: type the same password twice."))
        return data


class AccountImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_(
            "Columns: Họ tên, Tên đăng nhập (the new account's), Đơn vị (the unit's name), Vai trò (quản trị, lãnh "
            "đạo, chuyên viên, báo cáo viên, người xem); optional Email, Chức vụ. Download the template below."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check, do not save"), required=False)
