"""Domain errors. Views and the API turn them into clear messages and HTTP status codes."""

from django.utils.translation import gettext_lazy as _

REQUEST_NOT_VALID = _("The request is not valid.")
API_DESCRIPTION = _("Partner directory, referral cases, cooperation registry and transplant service.")


class DomainError(Exception):
    """Something the user asked for cannot be done; the message says why, in the user's language."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    code = "validation_failed"

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None, field: str | None = None):
        super().__init__(message, field=field)
        self.errors = errors or {}


class PermissionDenied(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """A concurrent change won; the caller should reload and try again. Nothing was written."""

    status_code = 409
    code = "conflict"
