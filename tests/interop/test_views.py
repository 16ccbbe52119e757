"""Web: the "FHIR export" link on the case page and the download behind it."""

import json

import pytest
from django.utils import translation

from medcorridor.audit.models import AccessLog
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
