"""The signed-in user's own account screens: personal API tokens."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from medcorridor.core.errors import DomainError
from medcorridor.core.views import attempt

from . import services
from .models import ApiToken


@never_cache  # the page may carry a new key: no copy of it in any cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the user's tokens; a POST creates one and shows its key on this response only (never
    stored, never put in a message or the session)."""
    new_key, error = "", ""
    if request.method == "POST":
        try:
            _token, new_key = services.issue_token(actor=request.user, user=request.user, name=request.POST.get("name"))
        except DomainError as refusal:
            error = refusal.message
    context = {"tokens": request.user.api_tokens.order_by("-created_at"), "new_key": new_key, "error": error}
    return render(request, "accounts/tokens.html", context, status=400 if error else 200)


@login_required
@require_POST
def revoke(request, public_id):
    token = get_object_or_404(ApiToken, public_id=public_id, user=request.user)  # another's token: 404
    attempt(request, lambda: services.revoke_token(actor=request.user, token=token), _("The token is revoked."))
    return redirect("accounts:tokens")
