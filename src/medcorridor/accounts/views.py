"""The signed-in user's own account screens: personal API tokens."""

import secrets

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from medcorridor.core.errors import DomainError
from medcorridor.core.views import attempt

from . import services
from .models import ApiToken

# Each rendering of the form carries a one-time nonce kept in the session, so that reloading the
# page that shows a new key (the browser re-sends the POST) cannot issue a second token. The key itself
# is shown on the POST's response only, never stored, never put in a message or the session.
FORM_NONCES = "accounts.token_form_nonces"
MAX_OPEN_FORMS = 5  # forms open in several tabs at once


def _new_form_nonce(request) -> str:
    nonce = secrets.token_urlsafe(16)
    request.session[FORM_NONCES] = [*request.session.get(FORM_NONCES, [])[-(MAX_OPEN_FORMS - 1) :], nonce]
    return nonce


def _spend_form_nonce(request) -> bool:
    """True once per nonce handed out: a second POST of the same form finds it spent."""
    open_forms = request.session.get(FORM_NONCES, [])
    nonce = request.POST.get("form_nonce", "")
    if nonce not in open_forms:
        return False
    request.session[FORM_NONCES] = [other for other in open_forms if other != nonce]
    return True


def _create_from_form(request) -> tuple[str, str]:
    """(new key, error): the key of the token the form creates, or why none was created."""
    if not _spend_form_nonce(request):
        return "", _(
            "This form was sent already (was the page reloaded?): no other token was created. "
            "A key is shown only once; if it was not copied, revoke that token and create a new one."
        )
    try:
        _token, new_key = services.issue_token(actor=request.user, user=request.user, name=request.POST.get("name"))
    except DomainError as refusal:
        return "", refusal.message
    return new_key, ""


@never_cache  # the page may carry a new key: no copy of it in any cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the user's tokens; a POST creates one and shows its key on this response only."""
    new_key, error = _create_from_form(request) if request.method == "POST" else ("", "")
    context = {
        "tokens": request.user.api_tokens.order_by("-created_at"),
        "new_key": new_key,
        "error": error,
        "form_nonce": _new_form_nonce(request),
    }
    return render(request, "accounts/tokens.html", context, status=400 if error else 200)


@login_required
@require_POST
def revoke(request, public_id):
    token = get_object_or_404(ApiToken, public_id=public_id, user=request.user)  # another's token: 404
    attempt(request, lambda: services.revoke_token(actor=request.user, token=token), _("The token is revoked."))
    return redirect("accounts:tokens")
