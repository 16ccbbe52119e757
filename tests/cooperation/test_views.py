"""Registry pages and API: public reads of published records, hidden drafts, write denials, search, CSV."""

import html
import json

import pytest
from django.test import Client

from medcorridor.cooperation import services
from medcorridor.cooperation.models import Agreement, Official


@pytest.fixture
def registry(personas):
    published = services.save_record(
        actor=personas.admin,
        instance=Agreement(title="Меморандум Монголия – Корея", kind="memorandum", areas=["training"]),
        m2m={"countries": ["MN", "KR"]},
    )
    hidden = services.save_record(
        actor=personas.admin,
        instance=Agreement(title="Проект дорожной карты", kind="roadmap", status="draft", is_published=False),
        m2m={"countries": ["KZ", "BY"]},
    )
    official, _ = services.upsert_official(
        actor=None,
        name="Михаил Мурашко",
        name_latin="Mikhail Murashko",
        country="RU",
        position="министр здравоохранения",
    )
    official.aliases = ["무라시코"]
    official.save()
    return published, hidden, official


def test_anonymous_reads_published_only(registry):
    published, hidden, _official = registry
    client = Client()
    assert client.get("/cooperation/").status_code == 200
    page = client.get("/cooperation/agreements/").content.decode()
    assert published.title in page and hidden.title not in page
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    api = client.get("/api/v1/cooperation/agreements").json()
    assert [r["title"] for r in api] == [published.title]


def test_unpublished_visible_to_coordinator_of_country_auditor_admin(registry, personas, client_for):
    _published, hidden, _official = registry
    assert client_for(personas.coordinator_kz).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(personas.auditor).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(personas.admin).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(personas.coordinator_mn).get(hidden.get_absolute_url()).status_code == 404
    assert client_for(personas.clinic_staff).get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("query", ["Мурашко", "Murashko", "murashco", "무라시코"])
def test_search_across_scripts(registry, query):
    found = Client().get("/api/v1/cooperation/officials", {"q": query}).json()
    assert [r["title"] for r in found] == ["Михаил Мурашко"]


def test_official_page_shows_last_position_panel(registry):
    _p, _h, official = registry
    page = Client().get(official.get_absolute_url()).content.decode()
    assert "last-position" in page and "министр здравоохранения" in page.lower()
    detail = Client().get(f"/api/v1/cooperation/officials/{official.public_id}").json()
    assert detail["last_position"]["title"] == "министр здравоохранения"
    assert "career-chart" not in page  # no position carries a date yet: nothing to draw


def test_official_page_draws_the_positions_over_time(registry):
    from datetime import date

    _p, _h, official = registry
    services.upsert_official(
        actor=None, name="Михаил Мурашко", country="RU", position="министр здравоохранения", seen_on=date(2025, 3, 14)
    )
    page = Client().get(official.get_absolute_url()).content.decode()
    figure = json.loads(html.unescape(page.split('id="career-chart" data-plotly=\'')[1].split("'")[0]))
    assert figure["data"][0]["y"] == ["министр здравоохранения"]
    assert figure["data"][0]["base"] == ["2025-03-14"]


@pytest.mark.parametrize("persona", ["clinic_staff", "analyst", "transplant_coordinator", "auditor"])
def test_forms_and_api_writes_denied(personas, persona, client_for, registry):
    client = client_for(getattr(personas, persona))
    assert client.get("/cooperation/agreements/new/").status_code == 403
    response = client.post(
        "/api/v1/cooperation/agreements", json.dumps({"title": "X"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert Agreement.objects.filter(title="X").count() == 0


def test_anonymous_cannot_write(registry):
    assert Client().get("/cooperation/agreements/new/").status_code == 302
    assert Client().post("/api/v1/cooperation/agreements", "{}", content_type="application/json").status_code == 401


def test_coordinator_creates_agreement_through_form(personas, client_for):
    client = client_for(personas.coordinator_mn)
    response = client.post(
        "/cooperation/agreements/new/",
        {
            "kind": "memorandum",
            "title": "Меморандум о телемедицине",
            "status": "signed",
            "countries": ["MN", "KR"],
            "areas": ["digital_health"],
            "is_published": "on",
            "signed_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Меморандум о телемедицине")
    assert set(agreement.countries.values_list("code", flat=True)) == {"MN", "KR"}
    assert agreement.owner_organisation == personas.ministry_mn
    home = client.get("/cooperation/").content.decode()
    assert "activity-chart" in home


def test_api_official_upsert_merges(personas, client_for):
    client = client_for(personas.admin)
    for position in ("министр здравоохранения", "министр здравоохранения"):
        client.post(
            "/api/v1/cooperation/officials",
            json.dumps({"name": "Алымкадыр Бейшеналиев", "country": "KG", "position": position}),
            content_type="application/json",
        )
    assert Official.objects.count() == 1 and Official.objects.get().positions.count() == 1


def test_csv_export(registry):
    response = Client().get("/cooperation/agreements/export.csv")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Меморандум Монголия – Корея" in body and "Проект дорожной карты" not in body


def test_facility_link_related_name(personas):
    from medcorridor.providers.models import Facility

    facility = Facility.objects.create(
        organisation=personas.clinic_kr, name_en="GS", name_ru="ГС", country_id="KR", city="Seoul"
    )
    agreement = services.save_record(
        actor=personas.admin, instance=Agreement(title="Covers GS"), m2m={"facilities": [facility]}
    )
    assert list(facility.agreements.all()) == [agreement]
