"""View helpers shared by the domains' web screens (thin views: parse, call a service, render)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from .errors import DomainError, NotFound


def domain_view(may_use):
    """Decorator for the screens of one service: login required, a user for whom ``may_use(user)``
    is false gets the 403 page, and a record the user may not see (``NotFound``) is a 404."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not may_use(request.user):
                raise DjangoPermissionDenied
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                raise Http404(error.message) from error

        return wrapper

    return decorate


def attempt(request, action, success: str):
    """Run a service call for a form post: ``(result, True)`` with ``success`` shown to the user, or
    ``(None, False)`` with the domain error's message shown instead."""
    try:
        result = action()
    except DomainError as error:
        messages.error(request, error.message)
        return None, False
    messages.success(request, success)
    return result, True


def form_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: under its field when the form has that field, else above it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
