"""One whole journey in Chromium, as the Mongolian coordinator and the Korean clinic's international office."""

from datetime import timedelta

import pytest

from medcorridor.cases.models import ReferralCase
from tests.conftest import browser_login

from .conftest import PDF, today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, action: str, fields: dict | None = None, *, checks=(), files=None, button=None):
    """Open an action's form in the HTMX panel, fill it, submit, wait for the case page to reload."""
    (button or page.locator(f"#case-actions button[data-action='{action}']").first).click()
    form = page.locator(f"form.action-form[data-action='{action}']")
    form.wait_for()
    for name, value in (fields or {}).items():
        field = form.locator(f"[name='{name}']")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(str(value))
    for selector in checks:
        form.locator(selector).check()
    if files:
        for name, payload in files.items():
            form.locator(f"[name='{name}']").set_input_files(payload)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def logout(page):
    page.locator("form[action$='/logout/'] button").click()


def test_whole_journey_two_users(world, browser_page):
    page = browser_page
    p = world.personas
    day = lambda n: str(today() + timedelta(days=n))  # noqa: E731

    browser_login(page, p.coordinator_mn.username)
    page.goto("/cases/new/")
    intake = {
        "family_name": "Батболд",
        "given_name": "Энхжаргал",
        "family_name_latin": "BATBOLD",
        "given_name_latin": "ENKHJARGAL",
        "birth_date": "1975-03-14",
        "condition_code": "C50",
        "passport_number": "E1234567",
        "contact_name": "Тэмүүлэн",
        "consent_date": day(-2),
    }
    for name, value in intake.items():
        page.fill(f"[name='{name}']", value)
    page.select_option("[name='gender']", "female")
    page.select_option("[name='citizenship']", "MN")
    page.select_option("[name='consent_scope']", "abroad")
    with page.expect_navigation():
        page.click("form.intake-form button[type=submit]")
    case = ReferralCase.objects.get()
    assert case.reference in page.inner_text("h1")

    act(
        page,
        "add_document",
        {"category": "lab", "description": "Biopsy"},
        files={"upload": {"name": "biopsy.pdf", "mimeType": "application/pdf", "buffer": PDF}},
    )
    act(
        page,
        "request_opinions",
        {"due_date": day(7)},
        checks=[f"input[value='{world.facility.public_id}']", "input[name='documents']"],
    )
    assert "Госпиталь Каннам Северанс" in page.inner_text("table.requests-table")
    logout(page)

    browser_login(page, p.clinic_staff.username)
    page.goto("/cases/inbox/")
    page.click(f"text={case.reference}")
    assert "Biopsy" in page.inner_text("ul.documents")
    act(
        page,
        "answer_opinion",
        {
            "treatment_plan": "Mastectomy",
            "estimate_amount": "35000000",
            "estimate_currency": "KRW",
            "stay_days": "10",
            "earliest_admission": day(20),
        },
    )
    logout(page)

    browser_login(page, p.coordinator_mn.username)
    page.goto(f"/cases/{case.public_id}/compare/?currency=USD")
    assert "25" in page.inner_text("table.comparison-table")
    page.goto(f"/cases/{case.public_id}/")
    request_id = case.opinion_requests.get().public_id
    act(page, "select_offer", {"funding_due": day(10)}, checks=[f"input[value='{request_id}']"])
    act(
        page,
        "approve_funding",
        {
            "payer_kind_1": "state_quota",
            "payer_name_1": "Health Insurance Fund",
            "amount_1": "25000",
            "currency_1": "USD",
        },
    )
    act(page, "plan_travel", {"arrival_date": day(19), "return_date": day(35), "companion": "Тэмүүлэн"})
    logout(page)

    browser_login(page, p.clinic_staff.username)
    page.goto(f"/cases/{case.public_id}/")
    act(page, "issue_invitation")
    act(page, "admit", {"admitted_on": str(today()), "ward": "Breast surgery"})
    act(page, "treatment_update", {"note": "Operation done"})
    act(
        page,
        "discharge",
        {"discharged_on": str(today()), "follow_up_plan": "Oncologist in 2 weeks"},
        files={"summary_upload": {"name": "summary.pdf", "mimeType": "application/pdf", "buffer": PDF}},
    )
    logout(page)

    browser_login(page, p.coordinator_mn.username)
    page.goto(f"/cases/{case.public_id}/")
    for _ in range(2):
        act(page, "complete_task", {"outcome": "improved"})
    act(page, "close", {"reason": "Treatment completed"})
    case.refresh_from_db()
    assert case.status == "closed"
    assert "Закрыто" in page.inner_text("#case-status")
    assert page.locator("#timeline li").count() >= 12
