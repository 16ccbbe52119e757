"""In Chromium: log in, search the directory across scripts, open a facility."""

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(directory):
    from medcorridor.core.models import Country

    assert Country.objects.filter(code="KR").exists()  # reference data survives the transactional flush
    return directory


def test_log_in_and_search_the_directory(browser_page, seeded, personas):
    page = browser_page
    browser_login(page, personas.coordinator_mn.username)
    page.goto("/directory/")
    page.fill("#id_q", "세브란스")
    page.wait_for_selector("#result-count:has-text('1')")
    assert page.locator(".result h3").first.inner_text().startswith("Госпиталь Каннам Северанс")
    page.fill("#id_q", "")
    page.fill("#id_icd", "рак молочной железы")
    page.wait_for_function("document.querySelectorAll('.result').length === 1")
    page.click(".result h3 a")
    page.wait_for_selector("h1:has-text('Каннам Северанс')")
    assert "office@severance.example" in page.content()
    page.screenshot(path=str(_screenshot_dir() / "directory-facility.png"), full_page=True)


def test_anonymous_visitor_searches_in_english(browser_page, seeded):
    page = browser_page
    page.goto("/")
    page.select_option("#language-select", "en")
    page.wait_for_selector("text=Partner directory")
    page.goto("/directory/?q=Ajou")
    assert page.locator(".result").count() == 1
    assert "Ajou University Hospital" in page.locator(".result h3").inner_text()


def _screenshot_dir():
    from pathlib import Path

    target = Path(__file__).resolve().parents[2] / "var" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target
