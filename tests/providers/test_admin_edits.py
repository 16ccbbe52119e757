"""Corrections made in the Django admin go through the directory's services: audited, and searchable."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_facility_corrected_in_the_admin_is_audited_and_found_by_its_new_name(personas, client_for, directory):
    from django.forms.models import model_to_dict

    from medcorridor.audit.models import AuditEvent
    from medcorridor.providers.models import Facility

    personas.admin.is_superuser = True
    personas.admin.save()
    facility = directory["ajou"]
    url = f"/admin/providers/facility/{facility.pk}/change/"
    page = client_for(personas.admin).get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in model_to_dict(facility).items() if name in form.fields and value is not None}
    data.update(
        name_en="Ajou Medical Center Suwon", office_languages=[lang.pk for lang in facility.office_languages.all()]
    )
    for prefix in ("departments", "offers", "accreditations", "contacts"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client_for(personas.admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Facility.objects.get(pk=facility.pk).name_en == "Ajou Medical Center Suwon"
    audit = AuditEvent.objects.filter(target_id=str(facility.public_id), action="update").last()
    assert audit.before["name_en"] != audit.after["name_en"] == "Ajou Medical Center Suwon"
    found = Client().get("/api/v1/directory/facilities", {"q": "Suwon"}).json()["items"]
    assert [item["id"] for item in found] == [str(facility.public_id)]


def test_a_facility_added_in_the_admin_is_audited_and_found_by_its_city_in_another_script(
    personas, client_for, directory
):
    from medcorridor.audit.models import AuditEvent
    from medcorridor.providers.models import Facility

    personas.admin.is_superuser = True
    personas.admin.save()
    organisation = directory["ajou"].organisation
    data = {
        "organisation": organisation.pk,
        "kind": directory["ajou"].kind,
        "name_en": "Suwon Rehabilitation Clinic",
        "name_ru": "Реабилитационная клиника Сувона",
        "country": "KR",
        "city": "Seoul",
        "aliases": "[]",
    }
    for prefix in ("departments", "offers", "accreditations", "contacts"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client_for(personas.admin).post("/admin/providers/facility/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    facility = Facility.objects.get(name_en="Suwon Rehabilitation Clinic")
    assert AuditEvent.objects.filter(target_id=str(facility.public_id), action="create").exists()
    found = Client().get("/api/v1/directory/facilities", {"city": "Сеул", "q": "Suwon"}).json()["items"]
    assert [item["id"] for item in found] == [str(facility.public_id)]
