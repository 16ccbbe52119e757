"""Departments: the facility's own international-office staff add, edit and void them (service, API, web);
everyone else is refused and nothing changes."""

import json

import pytest
from django.test import Client

from medcorridor.audit.models import AuditEvent
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.providers.models import Department, Offer
from medcorridor.providers.services import save_department, void_department, void_offer

OUTSIDERS = ["other_clinic_staff", "coordinator_mn", "analyst", "auditor", "transplant_coordinator"]


@pytest.fixture
def breast_unit(directory):
    return save_department(
        actor=None,
        facility=directory["severance"],
        name_en="Breast Cancer Centre",
        name_ru="Центр рака молочной железы",
        specialty_id="oncology",
    )


def api_json(client, method: str, url: str, body: dict):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


# --- service -------------------------------------------------------------------------------------------


def test_own_staff_add_edit_and_void_with_audit(directory, personas):
    staff = personas.clinic_staff
    unit = save_department(
        actor=staff,
        facility=directory["severance"],
        name_en="Spine Centre",
        name_ru="Центр позвоночника",
        specialty_id="neurosurgery",
    )
    save_department(
        actor=staff, facility=directory["severance"], department=unit, name_ru="Центр хирургии позвоночника"
    )
    void_department(actor=staff, department=unit, reason="merged into neurosurgery")
    unit.refresh_from_db()
    assert unit.name_ru == "Центр хирургии позвоночника" and unit.is_voided and unit.voided_by == staff
    actions = list(
        AuditEvent.objects.filter(target_id=str(unit.public_id)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["create", "update", "void"]


def test_a_voided_departments_live_offers_become_the_facilitys_own(directory, personas, breast_unit):
    live = Offer.objects.get(facility=directory["severance"], procedure_en="Breast cancer surgery")
    retired = Offer.objects.create(
        facility=directory["severance"], specialty_id="oncology", procedure_en="Old mastectomy", currency_id="KRW"
    )
    Offer.objects.filter(pk__in=[live.pk, retired.pk]).update(department=breast_unit)
    void_offer(actor=personas.clinic_staff, offer=retired, reason="no longer offered")
    void_department(actor=personas.clinic_staff, department=breast_unit, reason="merged into oncology")
    live.refresh_from_db()
    retired.refresh_from_db()
    assert live.department is None and not live.is_voided  # still found in the directory
    assert retired.department == breast_unit  # the record of what was, untouched
    update = AuditEvent.objects.get(target_id=str(live.public_id), action="update")
    assert update.before["department"] == breast_unit.pk and update.after["department"] is None
    assert "merged" not in update.summary and "Breast Cancer Centre" in update.summary


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_nobody_else_adds_or_changes_a_department(directory, personas, breast_unit, persona):
    outsider = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        save_department(
            actor=outsider, facility=directory["severance"], name_en="Xx", name_ru="Хх", specialty_id="oncology"
        )
    with pytest.raises(PermissionDenied):
        save_department(actor=outsider, facility=directory["severance"], department=breast_unit, name_en="Yy")
    with pytest.raises(PermissionDenied):
        void_department(actor=outsider, department=breast_unit, reason="not mine")
    breast_unit.refresh_from_db()
    assert breast_unit.name_en == "Breast Cancer Centre" and not breast_unit.is_voided
    assert Department.objects.count() == 1


def test_bad_input_is_refused_with_the_field(directory, personas, breast_unit):
    staff, severance = personas.clinic_staff, directory["severance"]
    with pytest.raises(ValidationFailed) as unknown:
        save_department(actor=staff, facility=severance, name_en="Unit", name_ru="Отделение", specialty_id="astrology")
    assert unknown.value.field == "specialty"
    with pytest.raises(ValidationFailed) as nameless:
        save_department(actor=staff, facility=severance, name_en=" ", name_ru="Отделение", specialty_id="oncology")
    assert nameless.value.field == "name_en"
    with pytest.raises(ValidationFailed):
        save_department(actor=None, facility=directory["ajou"], department=breast_unit, name_en="Moved")
    with pytest.raises(ValidationFailed):
        void_department(actor=staff, department=breast_unit, reason=" ")
    void_department(actor=staff, department=breast_unit, reason="closed")
    with pytest.raises(ValidationFailed):
        save_department(actor=staff, facility=severance, department=breast_unit, name_en="Reopened")
    assert Department.objects.count() == 1


# --- API -----------------------------------------------------------------------------------------------


def test_api_add_list_edit_void(directory, personas, client_for):
    client = client_for(personas.clinic_staff)
    base = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    created = api_json(
        client, "post", f"{base}/departments", {"name_en": "Heart", "name_ru": "Сердце", "specialty": "cardiology"}
    )
    assert created.status_code == 201, created.content
    unit = created.json()["id"]
    assert (
        api_json(client, "patch", f"/api/v1/directory/departments/{unit}", {"name_en": "Heart Centre"}).json()[
            "name_en"
        ]
        == "Heart Centre"
    )
    assert [d["name_en"] for d in Client().get(f"{base}/departments").json()] == ["Heart Centre"]
    assert Client().get(base).json()["departments"][0]["specialty"] == "cardiology"
    voided = api_json(client, "post", f"/api/v1/directory/departments/{unit}/void", {"reason": "merged"})
    assert voided.status_code == 200 and voided.json()["voided"] is True
    assert Client().get(f"{base}/departments").json() == []


def test_api_unknown_specialty_is_a_clear_error(directory, personas, client_for):
    url = f"/api/v1/directory/facilities/{directory['severance'].public_id}/departments"
    response = api_json(
        client_for(personas.clinic_staff), "post", url, {"name_en": "Unit", "name_ru": "Отдел", "specialty": "nope"}
    )
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    assert not Department.objects.exists()


@pytest.mark.parametrize("persona", ["other_clinic_staff", "coordinator_mn", "coordinator_kz", "analyst"])
def test_api_refuses_outsiders(directory, personas, client_for, breast_unit, persona):
    client = client_for(getattr(personas, persona))
    base = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    unit = f"/api/v1/directory/departments/{breast_unit.public_id}"
    body = {"name_en": "Mine", "name_ru": "Моё", "specialty": "oncology"}
    assert api_json(client, "post", f"{base}/departments", body).status_code == 403
    assert api_json(client, "patch", unit, {"name_en": "Mine"}).status_code == 403
    assert api_json(client, "post", f"{unit}/void", {"reason": "mine now"}).status_code == 403
    breast_unit.refresh_from_db()
    assert breast_unit.name_en == "Breast Cancer Centre" and not breast_unit.is_voided
    assert Department.objects.count() == 1


def test_api_refuses_anonymous(directory, breast_unit):
    client = Client()
    base = f"/api/v1/directory/facilities/{directory['severance'].public_id}"
    unit = f"/api/v1/directory/departments/{breast_unit.public_id}"
    assert (
        api_json(client, "post", f"{base}/departments", {"name_en": "A", "name_ru": "Б", "specialty": "x"}).status_code
        == 401
    )
    assert api_json(client, "patch", unit, {"name_en": "Anon"}).status_code == 401
    assert api_json(client, "post", f"{unit}/void", {"reason": "anonymous"}).status_code == 401
    breast_unit.refresh_from_db()
    assert not breast_unit.is_voided and breast_unit.name_en == "Breast Cancer Centre"


# --- web -----------------------------------------------------------------------------------------------


def test_web_add_edit_void(directory, personas, client_for):
    client = client_for(personas.clinic_staff)
    severance = directory["severance"]
    page = f"/directory/facility/{severance.public_id}/departments/"
    assert client.get(page).status_code == 200
    added = client.post(page, {"name_en": "Eye Centre", "name_ru": "Глазной центр", "specialty": "ophthalmology"})
    assert added.status_code == 302
    unit = Department.objects.get(name_en="Eye Centre")
    edited = client.post(
        f"/directory/department/{unit.public_id}/edit/",
        {"name_en": "Eye Centre", "name_ru": "Центр офтальмологии", "specialty": "ophthalmology"},
    )
    assert edited.status_code == 302
    assert "Центр офтальмологии" in client.get(f"/directory/facility/{severance.public_id}/").content.decode()
    client.post(f"/directory/department/{unit.public_id}/void/", {"reason": "moved"})
    unit.refresh_from_db()
    assert unit.name_ru == "Центр офтальмологии" and unit.is_voided and unit.void_reason == "moved"
    update = AuditEvent.objects.filter(target_id=str(unit.public_id), action="update").get()
    assert update.before["name_ru"] == "Глазной центр"


def test_web_form_errors_keep_the_input(directory, personas, client_for):
    page = f"/directory/facility/{directory['severance'].public_id}/departments/"
    response = client_for(personas.clinic_staff).post(page, {"name_en": "Eye Centre", "name_ru": "", "specialty": ""})
    assert response.status_code == 200 and "Eye Centre" in response.content.decode()
    assert not Department.objects.exists()


@pytest.mark.parametrize("persona", ["other_clinic_staff", "coordinator_mn", "analyst"])
def test_web_refuses_outsiders(directory, personas, client_for, breast_unit, persona):
    client = client_for(getattr(personas, persona))
    page = f"/directory/facility/{directory['severance'].public_id}/departments/"
    assert client.get(page).status_code == 403
    assert client.post(page, {"name_en": "Mine", "name_ru": "Моё", "specialty": "oncology"}).status_code == 403
    edit = f"/directory/department/{breast_unit.public_id}/edit/"
    assert client.post(edit, {"name_en": "Mine", "name_ru": "Моё", "specialty": "oncology"}).status_code == 403
    assert client.post(f"/directory/department/{breast_unit.public_id}/void/", {"reason": "mine"}).status_code == 403
    breast_unit.refresh_from_db()
    assert breast_unit.name_en == "Breast Cancer Centre" and not breast_unit.is_voided
    assert Department.objects.count() == 1


def test_web_sends_anonymous_to_sign_in(directory, breast_unit):
    client = Client()
    page = f"/directory/facility/{directory['severance'].public_id}/departments/"
    assert client.get(page).status_code == 302
    client.post(f"/directory/department/{breast_unit.public_id}/void/", {"reason": "anonymous"})
    breast_unit.refresh_from_db()
    assert not breast_unit.is_voided


def test_facility_page_links_departments_for_editors_only(directory, personas, client_for, breast_unit):
    url = f"/directory/facility/{directory['severance'].public_id}/"
    link = f"/directory/facility/{directory['severance'].public_id}/departments/"
    assert link in client_for(personas.clinic_staff).get(url).content.decode()
    public = Client().get(url).content.decode()
    assert link not in public
    assert "Центр рака молочной железы" in public or "Breast Cancer Centre" in public


def test_departments_page_reads_a_fixed_number_of_queries(directory, personas, client_for, breast_unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.clinic_staff)
    severance = directory["severance"]
    page = f"/directory/facility/{severance.public_id}/departments/"
    client.get(page)  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(page).status_code == 200
    for number in range(5):
        save_department(
            actor=None,
            facility=severance,
            name_en=f"Unit {number}",
            name_ru=f"Отделение {number}",
            specialty_id="oncology",
        )
    with CaptureQueriesContext(connection) as six:
        assert client.get(page).status_code == 200
    assert len(six) == len(one)
    assert not any("providers_offer" in query["sql"] for query in six.captured_queries)  # no facility-page prefetches


def test_the_facility_page_reads_departments_in_one_query(directory, personas, client_for, breast_unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.clinic_staff)
    severance = directory["severance"]
    url = f"/directory/facility/{severance.public_id}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(5):
        save_department(
            actor=None,
            facility=severance,
            name_en=f"Unit {number}",
            name_ru=f"Отделение {number}",
            specialty_id="oncology",
        )
    with CaptureQueriesContext(connection) as six:
        page = client.get(url).content.decode()
    assert "Отделение 4" in page or "Unit 4" in page
    assert len(six) == len(one)
