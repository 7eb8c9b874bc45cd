"""The one error type that services raise for rule violations."""


class ApplicationError(Exception):
    """A rule was broken. `message` is Vietnamese and says what to fix; `field` names the input."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid", extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.extra = extra or {}

    def add_to_form(self, form) -> None:
        """Show the error on `form`, under its field when the form has one of that name."""
        field = self.field if self.field in getattr(form, "fields", {}) else None
        form.add_error(field, self.message)
