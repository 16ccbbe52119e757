"""Bad input found by fuzzing the OpenAPI schema (schemathesis): each used to be a server error and is
now a 4xx that says what is wrong, with nothing written."""

import json

import pytest
from django.test import Client

from medcorridor.cooperation.models import Agreement

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/cases/",
    "/api/v1/ingest/queue",
    *(f"/api/v1/cooperation/{kind}" for kind in ("agreements", "meetings", "officials", "programmes", "missions")),
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("query", [{"offset": "-5"}, {"limit": "-1"}, {"limit": "0"}, {"limit": "100000"}])
def test_list_windows_out_of_bounds_are_refused(personas, client_for, path, query):
    response = client_for(personas.admin).get(path, query)
    assert response.status_code == 422
    assert next(iter(query)) in json.dumps(response.json())  # the refusal names the parameter


@pytest.mark.parametrize("kind", ["agreements", "donations", "officials", "programmes"])
def test_a_year_out_of_range_is_refused_and_every_kind_filters_by_year(client_for, personas, kind):
    client = client_for(personas.admin)
    assert client.get(f"/api/v1/cooperation/{kind}", {"year": "44200"}).status_code == 422
    assert client.get(f"/api/v1/cooperation/{kind}", {"year": "2025"}).status_code == 200


def test_the_web_registry_ignores_an_impossible_year(client_for, personas):
    assert client_for(personas.admin).get("/cooperation/agreements/", {"year": "44200"}).status_code == 200


def _post_agreement(client, **fields):
    body = {"title": "Меморандум о сотрудничестве", "countries": ["MN", "KR"], **fields}
    return client.post("/api/v1/cooperation/agreements", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"countries": ["MN", "ZZ"]}, "ZZ"),
        ({"kind": "treaty-ish"}, "treaty-ish"),
        ({"status": "closed"}, "closed"),
        ({"valid_from": "2029-01-22", "valid_until": "2020-08-18"}, "valid_until"),
        ({"facilities": ["14c554d2-52af-4464-bc5d-d66e60dac5b5"]}, "facilities"),
        ({"title": ""}, "title"),
    ],
    ids=["unknown country", "unknown kind", "unknown status", "ends before it starts", "unknown facility", "no title"],
)
def test_an_invalid_agreement_is_refused_and_nothing_is_saved(client_for, personas, fields, words):
    response = _post_agreement(client_for(personas.admin), **fields)
    assert 400 <= response.status_code < 500
    assert words in json.dumps(response.json(), ensure_ascii=False)
    assert not Agreement.objects.exists()


def test_a_valid_agreement_still_goes_in(client_for, personas):
    response = _post_agreement(client_for(personas.admin), kind="memorandum", valid_from="2026-01-01")
    assert response.status_code == 201
    assert Agreement.objects.get().countries.count() == 2


def test_anonymous_fuzzing_gets_no_server_error():
    assert Client().get("/api/v1/cooperation/agreements", {"offset": "-1"}).status_code == 422
