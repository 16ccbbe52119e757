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
NONCE = re.compile(r'name="form_nonce" value="([^"]+)"')


def send_token_form(client, name: str, nonce: str | None = None):
    """POST the create form as a browser would: with the nonce of a freshly rendered page."""
    if nonce is None:
        [nonce] = NONCE.findall(client.get(reverse("accounts:tokens")).content.decode())
    return client.post(reverse("accounts:tokens"), {"name": name, "form_nonce": nonce})


def api_cases(key: str):
    return Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_the_owner_creates_a_token_on_the_page_and_it_works_once_shown(personas, client_for):
    client = client_for(personas.coordinator_mn)
    response = send_token_form(client, "ministry HIS export")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    [key] = KEY.findall(response.content.decode())
    token = ApiToken.objects.get(user=personas.coordinator_mn)
    assert token.key_hash == hash_key(key) and key not in str(AuditEvent.objects.values_list("after", flat=True))
    assert AuditEvent.objects.filter(target_id=str(token.public_id), action="create").exists()
    assert api_cases(key).status_code == 200
    assert not KEY.findall(client.get(reverse("accounts:tokens")).content.decode())  # never shown again
    assert "ministry HIS export" in client.get(reverse("accounts:tokens")).content.decode()


def test_reloading_the_page_that_shows_a_key_creates_no_second_token(personas, client_for):
    client = client_for(personas.coordinator_mn)
    [nonce] = NONCE.findall(client.get(reverse("accounts:tokens")).content.decode())
    assert send_token_form(client, "nightly sync", nonce).status_code == 200
    resent = send_token_form(client, "nightly sync", nonce)  # what a reload re-sends
    assert resent.status_code == 400 and not KEY.findall(resent.content.decode())
    assert 'class="error"' in resent.content.decode()
    assert ApiToken.objects.filter(user=personas.coordinator_mn).count() == 1
    forged = client.post(reverse("accounts:tokens"), {"name": "no form"})  # no nonce at all
    assert forged.status_code == 400 and ApiToken.objects.filter(user=personas.coordinator_mn).count() == 1
    assert send_token_form(client, "second job").status_code == 200  # a freshly rendered form works


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
    response = send_token_form(client_for(personas.coordinator_mn), "  ")
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
