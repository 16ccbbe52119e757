"""In Chromium: a user opens API tokens from the page header, creates one, uses it, and revokes it."""

import pytest
from django.test import Client

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_use_and_revoke_a_token(browser_page, personas):
    page = browser_page
    browser_login(page, personas.coordinator_mn.username)
    page.click("header a[href='/account/tokens/']")
    page.fill("#token-name", "ministry HIS export")
    with page.expect_navigation():
        page.click("#create-token")
    key = page.locator("#new-token-key").inner_text()
    assert Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    page.goto("/account/tokens/")
    assert page.locator("#new-token-key").count() == 0  # shown once
    with page.expect_navigation():
        page.locator("#tokens tr", has_text="ministry HIS export").locator("button").click()
    assert Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
