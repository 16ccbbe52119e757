"""Web: the "FHIR export" link on the case page and the download behind it."""

import json

import pytest
from django.utils import translation

from medcorridor.audit.models import AccessLog
from medcorridor.cases.models import ReferralCase
from medcorridor.interop.fhir import validation

from .test_export import sent_to_one_clinic

pytestmark = pytest.mark.django_db


def bundle_url(case) -> str:
    return f"/fhir/cases/{case.public_id}/bundle/"


@pytest.mark.parametrize(("language", "label"), [("ru", "Экспорт FHIR"), ("en", "FHIR export")])
def test_the_case_page_links_to_the_export(world, client_for, language, label):
    case = world.at_opinions()
    client = client_for(world.personas.clinic_staff)
    client.cookies["django_language"] = language
    with translation.override(language):
        page = client.get(f"/cases/{case.public_id}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'href="{bundle_url(case)}"' in page
    assert label in page


def test_the_download_is_an_attachment_with_the_readers_view(world, client_for):
    case = world.at_opinions()
    response = client_for(world.personas.clinic_staff).get(bundle_url(case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"] == f'attachment; filename="{case.reference}.fhir.json"'
    bundle = json.loads(response.content)
    assert validation.unresolved_references(bundle) == set()
    assert str(case.private_document.public_id) not in response.content.decode()
    assert AccessLog.objects.filter(purpose="fhir_export", channel="web", granted=True).count() == 1


@pytest.mark.parametrize("who", ["coordinator_kz", "other_clinic_staff", "analyst", "transplant_coordinator", "admin"])
def test_others_get_not_found(world, client_for, who):
    case = sent_to_one_clinic(world)
    response = client_for(getattr(world.personas, who)).get(bundle_url(case))
    assert response.status_code == 404
    assert case.patient.family_name not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    case = world.open_case()
    response = client.get(bundle_url(case))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def bundle_file(content: bytes, name="bundle.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/fhir+json")


def test_a_coordinator_imports_a_bundle_file_and_lands_on_the_new_case(world, client_for):
    case = world.open_case()
    client = client_for(world.personas.coordinator_mn)
    exported = client.get(bundle_url(case)).content
    assert client.get("/fhir/import/").status_code == 200
    response = client.post("/fhir/import/", {"bundle": bundle_file(exported)})
    created = ReferralCase.objects.exclude(pk=case.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{created.public_id}/"
    assert created.patient.family_name_latin == case.patient.family_name_latin


def test_a_bad_file_shows_every_problem_and_saves_nothing(world, client_for):
    client = client_for(world.personas.coordinator_mn)
    bad = json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}).encode()
    with translation.override("en"):
        response = client.post("/fhir/import/", {"bundle": bundle_file(bad)}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-problems"' in page and "Bundle.entry" in page
    assert client.post("/fhir/import/", {"bundle": bundle_file(b"{nope")}).status_code == 400
    assert not ReferralCase.objects.exists()


@pytest.mark.parametrize("who", ["clinic_staff", "analyst", "transplant_coordinator", "auditor", "admin"])
def test_only_coordinators_may_import_on_the_web(world, client_for, who):
    client = client_for(getattr(world.personas, who))
    assert client.get("/fhir/import/").status_code == 403
    assert client.post("/fhir/import/", {"bundle": bundle_file(b"{}")}).status_code == 403
    assert not ReferralCase.objects.exists()


def test_the_case_list_offers_the_import_to_those_who_open_cases(world, client_for):
    coordinator_page = client_for(world.personas.coordinator_mn).get("/cases/").content.decode()
    clinic_page = client_for(world.personas.clinic_staff).get("/cases/").content.decode()
    assert 'data-testid="fhir-import"' in coordinator_page
    assert 'data-testid="fhir-import"' not in clinic_page
