"""The transplant API at /api/v1/transplant/."""

import json

import pytest

from tests.transplant.test_services import make_donor, make_pair, make_recipient

pytestmark = pytest.mark.django_db


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def test_recipient_and_donor_lifecycle(personas, client_for):
    client = client_for(personas.transplant_coordinator)
    response = post(
        client,
        "/api/v1/transplant/recipients",
        {
            "organ": "kidney",
            "full_name": "Нурбек Садыков",
            "sex": "male",
            "birth_date": "1991-06-09",
            "blood_group": "O",
            "hla_a": "A2 A11",
            "hla_b": "B35 B44",
            "hla_dr": "DR1 DR11",
            "cpra": 5,
        },
    )
    assert response.status_code == 201, response.content
    recipient = response.json()
    assert recipient["hla"]["A"] == ["A2", "A11"] and recipient["status"] == "active"
    response = post(
        client,
        "/api/v1/transplant/donors",
        {
            "recipient": recipient["id"],
            "full_name": "Самат Садыков",
            "sex": "male",
            "birth_date": "1965-03-03",
            "blood_group": "A",
            "relationship": "parent",
            "hla_a": "A2 A11",
            "hla_b": "B35",
            "hla_dr": "DR1",
        },
    )
    assert response.status_code == 201
    donor = response.json()
    assert donor["genetic_relative"] is True
    compat = client.get(f"/api/v1/transplant/compatibility?donor={donor['id']}", HTTP_ACCEPT_LANGUAGE="en").json()
    abo = compat["rules"][0]
    assert compat["overall"] == "fail" and abo["rule"] == "abo" and abo["label"] == "ABO blood group"
    assert abo["outcome"] == "fail" and abo["detail"].startswith("ABO incompatible") and abo["source"]
    in_russian = client.get(f"/api/v1/transplant/compatibility?donor={donor['id']}", HTTP_ACCEPT_LANGUAGE="ru")
    assert in_russian.json()["rules"][0]["detail"].startswith("ABO несовместимы: донор")
    response = post(client, f"/api/v1/transplant/donors/{donor['id']}/approve")
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    response = post(
        client,
        f"/api/v1/transplant/recipients/{recipient['id']}/status",
        {"status": "suspended", "reason": "infection"},
    )
    assert response.json()["status"] == "suspended"
    assert len(client.get("/api/v1/transplant/recipients?status=suspended").json()) == 1


def test_pool_run_crossmatch_reoptimisation(personas, client_for):
    from medcorridor.transplant import services

    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    pool = services.create_pool(actor=actor, centre=centre, name="KPD")
    for name, (rg, dg) in {"1": ("A", "B"), "2": ("B", "O"), "3": ("O", "A")}.items():
        services.add_to_pool(actor=actor, pool=pool, donor=make_pair(actor, centre, rg, dg, name))
    client = client_for(actor)
    assert client.get(f"/api/v1/transplant/pools/{pool.public_id}").json()["entries"][0]["label"] == "P1"
    run = post(client, f"/api/v1/transplant/pools/{pool.public_id}/runs").json()
    assert run["transplants"] == 3 and run["optimal"] and run["exchanges"][0]["kind"] == "cycle"
    arc = run["exchanges"][0]["arcs"][0]
    result = post(client, f"/api/v1/transplant/arcs/{arc['id']}/crossmatch", {"result": "positive"}).json()
    assert result["exchange_status"] == "failed" and result["new_run"]
    rerun = client.get(f"/api/v1/transplant/runs/{result['new_run']}").json()
    assert rerun["reason"] == "crossmatch_failed" and rerun["previous"] == run["id"]


def test_follow_ups_endpoint(personas, client_for):
    from datetime import date, timedelta

    from medcorridor.transplant import services

    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    donor = make_donor(actor, centre, recipient, blood_group="O")
    services.record_transplant(
        actor=actor, recipient=recipient, donor=donor, performed_on=date.today() - timedelta(days=10)
    )
    client = client_for(actor)
    assert len(client.get("/api/v1/transplant/follow-ups").json()) == 8
    assert len(client.get("/api/v1/transplant/follow-ups?overdue=true").json()) == 2
