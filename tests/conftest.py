"""Fixtures shared by all tests: personas for every role, and a Chromium page for browser tests.

Personas (one organisation each unless said): a Mongolian and a Kazakh ministry coordinator, the
international office of a Korean clinic and of a second Korean clinic, an analyst, a transplant
coordinator at a Kyrgyz transplant centre, an auditor, an administrator.
"""

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.factories import PASSWORD, OrganisationFactory, OrganisationKind, Role, member


def pytest_configure(config):
    from django.conf import settings

    # Tests create dozens of users: a fast hash keeps that from dominating the run (never in production).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Personas:
    ministry_mn: object
    ministry_kz: object
    clinic_kr: object
    clinic_kr_other: object
    transplant_centre_kg: object
    coordinator_mn: object
    coordinator_kz: object
    clinic_staff: object
    other_clinic_staff: object
    analyst: object
    transplant_coordinator: object
    auditor: object
    admin: object


@pytest.fixture
def personas(db) -> Personas:
    ministry_mn = OrganisationFactory(
        name_en="Ministry of Health of Mongolia", name_ru="Министерство здравоохранения Монголии", country_id="MN"
    )
    ministry_kz = OrganisationFactory(
        name_en="Ministry of Health of Kazakhstan",
        name_ru="Министерство здравоохранения Республики Казахстан",
        country_id="KZ",
    )
    clinic_kr = OrganisationFactory(
        kind=OrganisationKind.CLINIC,
        name_en="Gangnam Severance Hospital",
        name_ru="Госпиталь Каннам Северанс",
        country_id="KR",
    )
    clinic_kr_other = OrganisationFactory(
        kind=OrganisationKind.CLINIC,
        name_en="Ajou University Hospital",
        name_ru="Госпиталь Университета Аджу",
        country_id="KR",
    )
    transplant_centre_kg = OrganisationFactory(
        kind=OrganisationKind.CLINIC,
        name_en="National Surgery Centre",
        name_ru="Национальный центр хирургии",
        country_id="KG",
    )
    analytics_org = OrganisationFactory(name_en="Health Analytics Unit", name_ru="Аналитический отдел", country_id="KZ")
    audit_org = OrganisationFactory(name_en="Audit Office", name_ru="Аудит", country_id="MN")
    platform = OrganisationFactory(
        kind=OrganisationKind.INTERNATIONAL,
        name_en="medcorridor operations",
        name_ru="Оператор medcorridor",
        country_id="KZ",
    )
    return Personas(
        ministry_mn=ministry_mn,
        ministry_kz=ministry_kz,
        clinic_kr=clinic_kr,
        clinic_kr_other=clinic_kr_other,
        transplant_centre_kg=transplant_centre_kg,
        coordinator_mn=member(Role.NATIONAL_COORDINATOR, ministry_mn, username="coord_mn"),
        coordinator_kz=member(Role.NATIONAL_COORDINATOR, ministry_kz, username="coord_kz"),
        clinic_staff=member(Role.CLINIC_STAFF, clinic_kr, username="clinic_kr"),
        other_clinic_staff=member(Role.CLINIC_STAFF, clinic_kr_other, username="clinic_ajou"),
        analyst=member(Role.ANALYST, analytics_org, username="analyst"),
        transplant_coordinator=member(Role.TRANSPLANT_COORDINATOR, transplant_centre_kg, username="tx_kg"),
        auditor=member(Role.AUDITOR, audit_org, username="auditor"),
        admin=member(Role.ADMINISTRATOR, platform, username="admin_ops", is_staff=True),
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    return logged_in


# --- browser tests -------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls of the test
    # itself are still synchronous, so Django's async-safety guard would refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-system-deps (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests flush every table after they run, reference data included: reload it."""
    from django.apps import apps

    from medcorridor.core.models import Country
    from medcorridor.core.reference import load_all

    if not Country.objects.exists():
        load_all(
            {name: apps.get_model("core", name) for name in ("Country", "Currency", "Language", "Specialty", "IcdCode")}
        )


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """Runs before the test's other fixtures, so that they find countries and ICD-10 codes."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("reference_data")


@pytest.fixture
def browser_page(chromium, reference_data, live_server):
    context = chromium.new_context(locale="ru-RU", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def demo_cases(db, settings, tmp_path):
    """The accounts, directory and referral-case demos, loaded as ``medcorridor demo load`` does."""
    from medcorridor.accounts import demo as accounts_demo
    from medcorridor.cases import demo as cases_demo
    from medcorridor.providers import demo as providers_demo

    settings.MEDIA_ROOT = tmp_path
    accounts_demo.load()
    providers_demo.load()
    return cases_demo.load()
