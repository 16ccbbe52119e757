"""Who may change the directory, and what the public sees."""

import json

import pytest
from django.test import Client

from medcorridor.core.errors import PermissionDenied
from medcorridor.providers.services import update_facility


def test_clinic_staff_edit_their_own_facility(directory, personas):
    update_facility(actor=personas.clinic_staff, facility=directory["severance"], city="Seoul (Gangnam)")
    directory["severance"].refresh_from_db()
    assert directory["severance"].city == "Seoul (Gangnam)"


@pytest.mark.parametrize(
    "persona", ["other_clinic_staff", "coordinator_mn", "analyst", "auditor", "transplant_coordinator"]
)
def test_nobody_else_edits_a_clinics_facility(directory, personas, persona):
    with pytest.raises(PermissionDenied):
        update_facility(actor=getattr(personas, persona), facility=directory["severance"], city="Busan")
    directory["severance"].refresh_from_db()
    assert directory["severance"].city == "Seoul"


def test_denied_edit_through_the_api(directory, personas, client_for):
    client = client_for(personas.other_clinic_staff)
    url = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    response = client.patch(url, json.dumps({"city": "Busan"}), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_denied_edit_page(directory, personas, client_for):
    response = client_for(personas.other_clinic_staff).get(
        f"/directory/facility/{directory['severance'].public_id}/edit/"
    )
    assert response.status_code == 403


def test_anonymous_cannot_write(directory):
    url = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    response = Client().patch(url, json.dumps({"city": "Busan"}), content_type="application/json")
    assert response.status_code == 401


def test_session_writes_need_the_csrf_token(directory, personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.clinic_staff)
    url = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    response = client.patch(url, json.dumps({"city": "Busan"}), content_type="application/json")
    assert response.status_code == 401


def test_api_token_authenticates_without_csrf(directory, personas):
    from medcorridor.accounts.api_auth import new_token

    _token, key = new_token(personas.clinic_staff, "integration")
    url = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    response = Client(enforce_csrf_checks=True).patch(
        url,
        json.dumps({"city": "Seoul, Gangnam-gu"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["city"] == "Seoul, Gangnam-gu"


def test_anonymous_sees_public_data_but_no_contacts(directory):
    page = Client().get(f"/directory/facility/{directory['severance'].public_id}/")
    assert page.status_code == 200
    assert "Gangnam Severance Hospital" in page.content.decode()
    assert "office@severance.example" not in page.content.decode()


def test_signed_in_partner_sees_contacts(directory, personas, client_for):
    page = client_for(personas.coordinator_mn).get(f"/directory/facility/{directory['severance'].public_id}/")
    assert "office@severance.example" in page.content.decode()


def test_only_administrators_import(personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("d.csv", b"name_en,name_ru,country,city\nX,X,KR,Seoul\n")
    response = client_for(personas.clinic_staff).post("/api/v1/directory/import", {"file": upload})
    assert response.status_code == 403
