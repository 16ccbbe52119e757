"""In Chromium: the transplant coordinator opens the waitlist, then runs a match on the pool."""

import os

import pytest

from medcorridor.transplant import services
from tests.conftest import browser_login
from tests.transplant.test_services import make_pair

# Playwright's sync API keeps an event loop running in the test thread, which makes Django refuse
# ORM calls (test data, the transactional flush). tests/conftest.py should set this in the chromium
# fixture for every browser test; until it does, this module sets it (it only relaxes a safety check).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_runs_a_match(personas, browser_page):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    pool = services.create_pool(actor=actor, centre=centre, name="Пул НХЦ")
    for name, (rg, dg) in {"1": ("A", "B"), "2": ("B", "O"), "3": ("O", "A")}.items():
        services.add_to_pool(actor=actor, pool=pool, donor=make_pair(actor, centre, rg, dg, name))
    page = browser_page
    browser_login(page, actor.username)
    page.goto("/transplant/")
    assert page.locator("#waitlist").get_by_text("Recipient 1").is_visible()
    page.click("nav.subnav a[href$='/pools/']")
    page.get_by_role("link", name="Пул НХЦ").click()
    page.wait_for_selector("#pool-chart .main-svg")
    page.click("#run-match")
    page.wait_for_url("**/transplant/runs/**")
    assert page.locator("#run-transplants").inner_text().strip() == "3"
    page.wait_for_selector("#run-chart .main-svg")
    page.locator("form select[name=result]").first.select_option("negative")
    page.locator(".exchange form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".exchange").count() == 1
    assert page.locator(".exchange form").count() == 2  # two crossmatches still pending
