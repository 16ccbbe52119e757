"""The intake form in Chromium: suggestions appear as the summary is typed, a click fills the code."""

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_the_summary_suggests_codes_and_a_click_fills_the_code(personas, browser_page):
    page = browser_page
    browser_login(page, personas.coordinator_mn.username)
    page.goto("/cases/new/")
    page.fill("#id_condition_note", "Боли в пояснице с иррадиацией в левую ногу")
    suggestion = page.locator("#icd-suggestions button[data-code='M54']")
    suggestion.wait_for()
    assert "Боли в пояснице" in page.locator("#icd-suggestions").inner_text()
    suggestion.click()
    assert page.input_value("#id_condition_code") == "M54"
