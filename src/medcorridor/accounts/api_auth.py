"""Who is calling the API: a bearer token or the browser session.

``ApiTokenMiddleware`` puts the token's user on ``request.user`` for /api/ requests, so every
endpoint reads one ``request.user`` whichever way it was authenticated. ``authenticated`` is the
ninja auth for endpoints that need a user: it also enforces CSRF for session-authenticated writes
(ninja views are CSRF-exempt; a token is not an ambient credential, so token calls need none).
"""

import hashlib
import secrets
from datetime import timedelta

from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

from .models import ApiToken

BEARER = "bearer "
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_token(user, name: str) -> tuple[ApiToken, str]:
    key = "mc_" + secrets.token_urlsafe(32)
    return ApiToken.objects.create(user=user, name=name, key_hash=hash_key(key)), key


def user_from_token(header: str):
    if not header.lower().startswith(BEARER):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(header[len(BEARER) :].strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        # "Last used" to the minute is what its owner needs; a write on every call would cost each
        # API request a transaction of its own.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class ApiTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        request.via_token = False
        if request.path.startswith("/api/") and header:
            user = user_from_token(header)
            if user is not None:
                request.user = user
                request.via_token = True
        return self.get_response(request)


def _csrf_failure(request) -> bool:
    check = CsrfViewMiddleware(lambda r: None)
    check.process_request(request)
    return check.process_view(request, None, (), {}) is not None


def authenticated(request):
    """ninja auth callable: the user, or None (401)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not getattr(request, "via_token", False) and request.method not in SAFE_METHODS and _csrf_failure(request):
        return None
    return user
