"""In Chromium: a clinic's international office adds, renames and voids one of its departments."""

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clinic_staff_keep_their_departments(browser_page, directory, personas):
    from medcorridor.providers.models import Department

    page = browser_page
    browser_login(page, personas.clinic_staff.username)
    page.goto(f"/directory/facility/{directory['severance'].public_id}/")
    page.click("a.button:has-text('Отделения')")
    page.wait_for_selector("h1:has-text('Отделения')")

    page.fill("#id_name_en", "Spine Centre")
    page.fill("#id_name_ru", "Центр позвоночника")
    page.select_option("#id_specialty", "neurosurgery")
    page.click("button:has-text('Добавить')")
    row = page.locator("tr", has_text="Центр позвоночника")
    row.wait_for()

    row.locator("a:has-text('Изменить')").click()
    page.fill("#id_name_ru", "Центр хирургии позвоночника")
    page.click("button:has-text('Сохранить')")
    row = page.locator("tr", has_text="Центр хирургии позвоночника")
    row.wait_for()

    row.locator("input[name=reason]").fill("merged into neurosurgery")
    row.locator("button:has-text('Аннулировать')").click()
    page.wait_for_selector("text=Центр хирургии позвоночника", state="detached")
    department = Department.objects.get(name_en="Spine Centre")
    assert department.is_voided and department.void_reason == "merged into neurosurgery"


def test_another_clinic_sees_no_department_editing(browser_page, directory, personas):
    page = browser_page
    browser_login(page, personas.other_clinic_staff.username)
    page.goto(f"/directory/facility/{directory['severance'].public_id}/")
    assert page.locator("a.button:has-text('Отделения')").count() == 0
    response = page.goto(f"/directory/facility/{directory['severance'].public_id}/departments/")
    assert response.status == 403
