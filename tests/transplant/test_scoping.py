"""Only the centre's transplant coordinators (and auditors) see its patients, donors and pools."""

import json

import pytest
from django.test import Client

from medcorridor.accounts.scoping import scoped
from medcorridor.audit.models import AccessLog
from medcorridor.transplant import services
from medcorridor.transplant.models import ExchangePool, FollowUp, LivingDonor, MatchRun, PoolEntry, Recipient
from tests.factories import OrganisationFactory, OrganisationKind, Role, member
from tests.transplant.test_services import make_donor, make_pair, make_recipient

pytestmark = pytest.mark.django_db

DENIED = ["coordinator_mn", "coordinator_kz", "clinic_staff", "other_clinic_staff", "analyst", "admin"]


@pytest.fixture
def world(personas):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    donor = make_donor(actor, centre, recipient, blood_group="A")
    pool = services.create_pool(actor=actor, centre=centre, name="Pool")
    services.add_to_pool(actor=actor, pool=pool, donor=make_pair(actor, centre, "A", "B", "1"))
    services.add_to_pool(actor=actor, pool=pool, donor=make_pair(actor, centre, "B", "A", "2"))
    run = services.run_match(actor=actor, pool=pool)
    other_centre = OrganisationFactory(kind=OrganisationKind.CLINIC, name_en="Other centre", country_id="KZ")
    other_coordinator = member(Role.TRANSPLANT_COORDINATOR, other_centre, username="tx_other")
    return {"recipient": recipient, "donor": donor, "pool": pool, "run": run, "other": other_coordinator}


def _users(personas, world):
    return [getattr(personas, name) for name in DENIED] + [world["other"]]


def test_selectors_hide_everything_from_other_roles(personas, world):
    for user in _users(personas, world):
        for model in (Recipient, LivingDonor, ExchangePool, PoolEntry, MatchRun, FollowUp):
            assert not scoped(user, model.objects.all()).exists(), (user.username, model.__name__)
    for user in (personas.transplant_coordinator, personas.auditor):
        assert scoped(user, Recipient.objects.all()).count() == 3
        assert scoped(user, MatchRun.objects.all()).count() == 1


@pytest.mark.parametrize("name", DENIED)
def test_ui_refuses_other_roles(personas, world, client_for, name):
    client = client_for(getattr(personas, name))
    assert client.get("/transplant/").status_code == 403
    assert client.get(f"/transplant/recipients/{world['recipient'].public_id}/").status_code == 403
    assert client.get(f"/transplant/donors/{world['donor'].public_id}/").status_code == 403
    assert client.get(f"/transplant/pools/{world['pool'].public_id}/").status_code == 403
    assert client.get(f"/transplant/runs/{world['run'].public_id}/").status_code == 403
    assert client.get("/transplant/follow-up/").status_code == 403


def test_other_centre_sees_nothing_and_is_logged(personas, world, client_for):
    client = client_for(world["other"])
    page = client.get("/transplant/")
    assert page.status_code == 200 and world["recipient"].full_name not in page.content.decode()
    assert client.get(f"/transplant/recipients/{world['recipient'].public_id}/").status_code == 404
    assert client.get(f"/transplant/donors/{world['donor'].public_id}/").status_code == 404
    assert client.get(f"/transplant/pools/{world['pool'].public_id}/").status_code == 404
    assert client.get(f"/transplant/runs/{world['run'].public_id}/").status_code == 404
    refused = AccessLog.objects.filter(target_id=str(world["recipient"].public_id), granted=False)
    assert refused.filter(actor=world["other"]).exists()
    response = client.post(f"/transplant/pools/{world['pool'].public_id}/run/")
    assert response.status_code == 404 and MatchRun.objects.count() == 1


def test_anonymous_is_sent_to_login(world):
    client = Client()
    for url in (
        "/transplant/",
        f"/transplant/recipients/{world['recipient'].public_id}/",
        "/transplant/pools/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/transplant/recipients").status_code == 401
    assert client.get(f"/api/v1/transplant/recipients/{world['recipient'].public_id}").status_code == 401


@pytest.mark.parametrize("name", [*DENIED, "other"])
def test_api_refuses_other_roles(personas, world, client_for, name):
    user = world["other"] if name == "other" else getattr(personas, name)
    client = client_for(user)
    assert client.get("/api/v1/transplant/recipients").json() == []
    assert client.get("/api/v1/transplant/pools").json() == []
    assert client.get(f"/api/v1/transplant/recipients/{world['recipient'].public_id}").status_code == 404
    assert client.get(f"/api/v1/transplant/donors/{world['donor'].public_id}").status_code == 404
    assert client.get(f"/api/v1/transplant/runs/{world['run'].public_id}").status_code == 404
    response = client.post(f"/api/v1/transplant/pools/{world['pool'].public_id}/runs")
    assert response.status_code == 404


def test_auditor_reads_but_does_not_write(personas, world, client_for):
    client = client_for(personas.auditor)
    assert client.get(f"/transplant/recipients/{world['recipient'].public_id}/").status_code == 200
    assert client.get(f"/api/v1/transplant/recipients/{world['recipient'].public_id}").status_code == 200
    response = client.post(
        f"/api/v1/transplant/recipients/{world['recipient'].public_id}/status",
        data=json.dumps({"status": "suspended", "reason": "audit"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    world["recipient"].refresh_from_db()
    assert world["recipient"].status == "active"
