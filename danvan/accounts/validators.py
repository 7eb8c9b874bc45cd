"""Password rules beyond Django's own validators."""

from django.core.exceptions import ValidationError

# Long enough for any pass-phrase; short enough that no request makes the hasher chew megabytes.
PASSWORD_MAX_LENGTH = 128


class MaximumLengthValidator:
    """A password of at most `max_length` characters (settings.AUTH_PASSWORD_VALIDATORS)."""

    def __init__(self, max_length: int = PASSWORD_MAX_LENGTH):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"Mật khẩu dài {len(password)} ký tự, quá mức {self.max_length}: hãy chọn mật khẩu ngắn hơn.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Mật khẩu dài tối đa {self.max_length} ký tự."


class MinimumLengthValidator:
    """A password of at least `min_length` characters, said in Vietnamese: Django's own message for this rule has
    no Vietnamese translation and reached people half in English."""

    def __init__(self, min_length: int = 10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn ({len(password)} ký tự): cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Mật khẩu dài ít nhất {self.min_length} ký tự."
