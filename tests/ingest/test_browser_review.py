"""The review queue in a real browser: spans highlighted, a correction made, the event accepted."""

import os
from pathlib import Path

import pytest

from medcorridor.cooperation.models import Agreement, Official
from medcorridor.ingest import services
from medcorridor.ingest.extract import load_pipeline
from tests.conftest import browser_login

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test body are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "medcorridor" / "ingest" / "samples"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reviewer_corrects_and_accepts(browser_page, personas):
    pipeline = load_pipeline()
    path = SAMPLES / "01_ru_kg_transplant_followup.txt"
    services.ingest_file(actor=None, raw=path.read_bytes(), filename=path.name, extract=pipeline.extract)
    page = browser_page
    browser_login(page, personas.coordinator_kz.username)
    page.goto("/ingest/")
    page.click("#queue a")
    assert page.locator("#article-text mark.official").count() >= 2
    assert page.locator("#article-text mark.country").count() >= 1
    agreements = page.locator("#id_agreements")
    fixed = agreements.input_value().replace("roadmap | signed", "roadmap | planned")
    agreements.fill(fixed)
    page.click("#accept")
    page.wait_for_selector("#created-records")
    assert page.locator("#review-status").inner_text().strip() in {"Принято", "Accepted"}
    assert Official.objects.filter(name__contains="Готье").count() == 1
    assert Agreement.objects.get(kind="roadmap").status == "draft"
    page.click("#created-records a >> nth=0")
    page.wait_for_url("**/cooperation/meetings/**")
    assert "Бейшеналиев" in page.content()
