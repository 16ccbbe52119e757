"""Personal API tokens: created by their owner (web page or CLI), shown once, stored only as a hash,
audited, revoked by their owner; nobody else's token can be seen or revoked."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from medcorridor.accounts.api_auth import hash_key
from medcorridor.accounts.models import ApiToken
from medcorridor.accounts.services import MAX_LIVE_TOKENS, issue_token
from medcorridor.audit.models import AuditEvent
from medcorridor.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db
KEY = re.compile(r"mc_[A-Za-z0-9_-]{40,}")


def api_cases(key: str):
    return Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_the_owner_creates_a_token_on_the_page_and_it_works_once_shown(personas, client_for):
    client = client_for(personas.coordinator_mn)
    response = client.post(reverse("accounts:tokens"), {"name": "ministry HIS export"})
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    [key] = KEY.findall(response.content.decode())
    token = ApiToken.objects.get(user=personas.coordinator_mn)
    assert token.key_hash == hash_key(key) and key not in str(AuditEvent.objects.values_list("after", flat=True))
    assert AuditEvent.objects.filter(target_id=str(token.public_id), action="create").exists()
    assert api_cases(key).status_code == 200
    assert not KEY.findall(client.get(reverse("accounts:tokens")).content.decode())  # never shown again
    assert "ministry HIS export" in client.get(reverse("accounts:tokens")).content.decode()


def test_revoking_on_the_page_ends_the_token(personas, client_for):
    token, key = issue_token(actor=personas.coordinator_mn, user=personas.coordinator_mn, name="script")
    client_for(personas.coordinator_mn).post(reverse("accounts:revoke_token", args=[token.public_id]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_cases(key).status_code == 401
    assert AuditEvent.objects.filter(target_id=str(token.public_id), action="void").exists()


def test_another_users_token_is_neither_listed_nor_revoked(personas, client_for):
    token, key = issue_token(actor=personas.coordinator_mn, user=personas.coordinator_mn, name="mine")
    intruder = client_for(personas.coordinator_kz)
    assert "mine" not in intruder.get(reverse("accounts:tokens")).content.decode()
    assert intruder.post(reverse("accounts:revoke_token", args=[token.public_id])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and api_cases(key).status_code == 200
    with pytest.raises(PermissionDenied):
        issue_token(actor=personas.coordinator_kz, user=personas.coordinator_mn, name="for someone else")


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get(reverse("accounts:tokens"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_token_needs_a_name_and_live_tokens_are_capped(personas, client_for):
    response = client_for(personas.coordinator_mn).post(reverse("accounts:tokens"), {"name": "  "})
    assert response.status_code == 400 and not ApiToken.objects.exists()
    for number in range(MAX_LIVE_TOKENS):
        issue_token(actor=None, user=personas.analyst, name=f"job {number}")
    with pytest.raises(ValidationFailed):
        issue_token(actor=None, user=personas.analyst, name="one too many")


def test_the_cli_issues_lists_and_revokes(personas):
    out, err = StringIO(), StringIO()
    call_command("users", "token", personas.auditor.username, "--name", "audit export", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert KEY.fullmatch(key) and "Shown once" in err.getvalue()
    assert api_cases(key).status_code == 200
    listing = StringIO()
    call_command("users", "tokens", personas.auditor.username, stdout=listing)
    token = ApiToken.objects.get(user=personas.auditor)
    assert str(token.public_id) in listing.getvalue() and "in use" in listing.getvalue()
    call_command("users", "revoke-token", "--token", str(token.public_id), stdout=StringIO())
    assert api_cases(key).status_code == 401
    with translation.override("en"), pytest.raises(CommandError, match="revoked already"):
        call_command("users", "revoke-token", "--token", str(token.public_id), stdout=StringIO())
    with pytest.raises(CommandError, match="No API token"):
        call_command("users", "revoke-token", "--token", "not-a-uuid", stdout=StringIO())
    with pytest.raises(CommandError, match="No user"):
        call_command("users", "token", "nobody", "--name", "x", stdout=StringIO())
