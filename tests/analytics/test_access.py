"""Who sees what: scoping of every rollup for every role, pages, API and CSV (happy and denied paths)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from medcorridor.analytics import selectors, services
from medcorridor.analytics.models import FlowRollup

pytestmark = pytest.mark.django_db
EVERYTHING = {"MN", "KZ"}


def origins(user) -> set[str]:
    return set(selectors.scoped(user, FlowRollup.objects.all()).values_list("origin_country", flat=True))


@pytest.fixture
def refreshed(built):
    services.refresh()
    return built


def test_scoping_of_rollups_for_every_role(refreshed):
    p = refreshed.personas
    assert origins(p.auditor) == EVERYTHING
    assert origins(p.admin) == EVERYTHING
    assert origins(p.coordinator_mn) == {"MN"}
    assert origins(p.coordinator_kz) == {"KZ"}
    assert origins(p.analyst) == {"KZ"}  # the analyst's unit is in Kazakhstan
    assert origins(p.transplant_coordinator) == set()
    # clinic staff: only rows of their own facilities
    severance = selectors.scoped(p.clinic_staff, FlowRollup.objects.all())
    assert set(severance.values_list("facility_id", flat=True)) == {refreshed.facility.pk}
    ajou = selectors.scoped(p.other_clinic_staff, FlowRollup.objects.all())
    assert set(ajou.values_list("facility_id", flat=True)) == {refreshed.other_facility.pk}


def test_agreement_table_is_scoped(refreshed):
    p = refreshed.personas
    titles = lambda user: {r["title"] for r in selectors.agreements(user)}  # noqa: E731
    both = {"Memorandum MN–Severance", "Memorandum KZ–Ajou"}
    assert titles(p.auditor) == both
    assert titles(p.admin) == both
    assert titles(p.coordinator_mn) == {"Memorandum MN–Severance"}
    assert titles(p.coordinator_kz) == {"Memorandum KZ–Ajou"}
    assert titles(p.clinic_staff) == {"Memorandum MN–Severance"}
    assert titles(p.other_clinic_staff) == {"Memorandum KZ–Ajou"}


@pytest.mark.parametrize("role", ["transplant_coordinator"])
def test_roles_without_analytics_are_refused_everywhere(refreshed, client_for, role):
    client = client_for(getattr(refreshed.personas, role))
    assert client.get(reverse("analytics:home")).status_code == 403
    assert client.get(reverse("analytics:agreements")).status_code == 403
    assert client.get(reverse("analytics:export", args=["flows"])).status_code == 403
    for endpoint in ("flows", "costs", "outcomes", "agreements"):
        response = client.get(f"/api/v1/analytics/{endpoint}")
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"


def test_anonymous_visitors_see_nothing(refreshed):
    client = Client()
    for name in ("analytics:home", "analytics:agreements"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("analytics:export", args=["costs"])).status_code == 302
    for endpoint in ("flows", "costs", "outcomes", "agreements"):
        assert client.get(f"/api/v1/analytics/{endpoint}").status_code == 401


def test_dashboard_renders_the_sankey(refreshed, client_for):
    response = client_for(refreshed.personas.auditor).get(reverse("analytics:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="sankey-chart"' in html and "plotly/plotly.min.js" in html and "web/charts.js" in html
    figure = json.loads(response.context["figures"]["sankey"])
    sankey = figure["data"][0]
    assert sankey["type"] == "sankey"
    labels = sankey["node"]["label"]
    assert "Монголия" in labels and "Госпиталь Каннам Северанс" in labels
    assert sum(sankey["link"]["value"]) == 2 * 2  # two cases with a facility, two links each


def test_clinic_dashboard_shows_only_its_facility(refreshed, client_for):
    response = client_for(refreshed.personas.other_clinic_staff).get(reverse("analytics:home"))
    assert response.status_code == 200
    labels = json.loads(response.context["figures"]["sankey"])["data"][0]["node"]["label"]
    assert "Госпиталь Университета Аджу" in labels
    assert "Госпиталь Каннам Северанс" not in labels


def test_filters_and_htmx_partial(refreshed, client_for):
    client = client_for(refreshed.personas.auditor)
    response = client.get(reverse("analytics:home"), {"origin": "KZ"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert response.context["flows"]["total"] == 1
    assert response.context["figures"]["sankey"] is None  # the Kazakh case has no facility yet


def test_dashboard_brings_stale_rollups_up_to_date(built, client_for, django_capture_on_commit_callbacks):
    assert services.is_behind()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(built.personas.coordinator_mn).get(reverse("analytics:home"))
    assert response.status_code == 200
    assert not services.is_behind()
    assert FlowRollup.objects.exists()


def test_agreements_page(refreshed, client_for):
    response = client_for(refreshed.personas.coordinator_mn).get(reverse("analytics:agreements"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Memorandum MN–Severance" in html and "Memorandum KZ–Ajou" not in html
    assert 'id="agreements-chart"' in html


def test_api_responses(refreshed, client_for):
    client = client_for(refreshed.personas.coordinator_mn)
    flows = client.get("/api/v1/analytics/flows").json()
    assert flows["total"] == 3 and flows["currency"] == "USD"
    assert flows["links"][0]["origin_country"] == "MN"
    costs = client.get("/api/v1/analytics/costs", {"destination": "KR"}).json()
    assert costs["filters"]["destination"] == "KR"
    assert costs["totals"]["approved_usd"] == "46000.00"
    outcomes = client.get("/api/v1/analytics/outcomes").json()
    assert outcomes["final"] == {"closed": 1, "cancelled": 1, "open": 1}
    assert outcomes["outcome_30"] == {"improved": 1}
    assert outcomes["median_days_to_admission"] == 0
    agreements = client.get("/api/v1/analytics/agreements").json()["agreements"]
    assert [a["title"] for a in agreements] == ["Memorandum MN–Severance"]
    assert agreements[0]["cases_treated"] == 1 and agreements[0]["donations_usd"] == "10000.00"
    kazakh = client_for(refreshed.personas.coordinator_kz).get("/api/v1/analytics/costs").json()
    assert kazakh["totals"]["approved_usd"] == "0.00"


def test_csv_export_is_scoped(refreshed, client_for):
    client = client_for(refreshed.personas.coordinator_kz)
    for table in ("flows", "costs", "outcomes", "agreements"):
        response = client.get(reverse("analytics:export", args=[table]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
    text = client.get(reverse("analytics:export", args=["flows"])).content.decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("month,origin_country")
    assert all(",KZ," in line for line in lines[1:]) and len(lines) == 2
    assert client.get("/analytics/export/secrets.csv").status_code == 404
