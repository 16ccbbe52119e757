"""Accepting an event's programmes, missions, donations and projects writes registry records:
merged with what exists, the same records on every new acceptance, nothing on rejection or denial."""

import json

import pytest

from medcorridor.cooperation.models import Donation, JointProject, Mission, TrainingProgramme
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.ingest import services
from medcorridor.ingest.extract import load_pipeline
from medcorridor.ingest.forms import item_line, parse_fields

ARTICLE = """Российские хирурги провели в Душанбе 35 бесплатных операций

Душанбе, 3 марта 2026 г. Бригада специалистов Национального медицинского исследовательского центра хирургии
имени А.В. Вишневского завершила работу в Таджикистане. Российские и таджикские хирурги провели 35 операций,
российские врачи проконсультировали 210 пациентов. Все операции проведены бесплатно.

Министр здравоохранения и социальной защиты населения Республики Таджикистан Джамолиддин Абдуллозода поблагодарил
российских врачей. Российская сторона передала Национальному медицинскому центру Таджикистана лапароскопическую
стойку стоимостью 12 млн рублей. Кроме того, 6 таджикских хирургов пройдут стажировку в Москве.

В Душанбе также началось строительство нового медицинского центра стоимостью 20 млн долларов.
"""


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


@pytest.fixture
def item(db, pipeline):
    article, _created = services.ingest_file(
        actor=None, raw=ARTICLE.encode("utf-8"), filename="mission.txt", extract=pipeline.extract
    )
    return article.review


def counts() -> tuple[int, int, int, int]:
    return (
        Mission.objects.count(),
        Donation.objects.count(),
        TrainingProgramme.objects.count(),
        JointProject.objects.count(),
    )


def test_items_are_queued_with_the_event(item):
    kinds = sorted(i["kind"] for i in item.event["items"])
    assert kinds == ["donation", "mission", "programme", "project"]
    assert any(s["label"] == "item:mission" for s in item.spans)


def test_accept_writes_the_records_and_accepting_again_changes_nothing(item, personas):
    services.accept(actor=personas.coordinator_kz, item=item)
    assert counts() == (1, 1, 1, 1)
    mission = Mission.objects.get()
    assert (mission.kind, mission.operations, mission.consultations, mission.free_of_charge) == (
        "surgery",
        35,
        210,
        True,
    )
    assert mission.started_on.isoformat() == "2026-03-03" and mission.origin == "ingest"
    assert set(mission.countries.values_list("code", flat=True)) == {"TJ", "RU"}
    donation = Donation.objects.get()
    assert donation.kind == "equipment" and donation.value == 12_000_000 and donation.currency_id == "RUB"
    assert donation.description == "лапароскопическую стойку"
    programme = TrainingProgramme.objects.get()
    assert programme.trainees_per_year == 6 and programme.year == 2026
    project = JointProject.objects.get()
    assert project.kind == "medical_centre" and project.status == "in_progress"
    item.refresh_from_db()
    assert len(item.records) == 4
    services.accept(actor=personas.coordinator_kz, item=item)
    services.accept(actor=personas.admin, item=item, edited=item.event)
    assert counts() == (1, 1, 1, 1)


def test_edited_items_update_the_same_records_and_a_deleted_line_writes_nothing(item, personas):
    event = item.event
    edited = {**event, "items": [dict(i) for i in event["items"] if i["kind"] != "project"]}
    mission = next(i for i in edited["items"] if i["kind"] == "mission")
    mission["fields"] = {**mission["fields"], "operations": "36"}
    services.accept(actor=personas.admin, item=item, edited=edited)
    assert counts() == (1, 1, 1, 0)
    assert Mission.objects.get().operations == 36
    mission["fields"]["operations"] = 40
    services.accept(actor=personas.admin, item=item, edited=edited)
    assert counts() == (1, 1, 1, 0) and Mission.objects.get().operations == 40


def test_a_record_entered_by_hand_is_merged_and_keeps_its_values(item, personas, db):
    from medcorridor.cooperation import services as registry

    entered = registry.upsert_activity(
        actor=personas.admin,
        kind="mission",
        subtype="surgery",
        label=next(i for i in item.event["items"] if i["kind"] == "mission")["title"],
        fields={"operations": 34},
        countries=["TJ", "RU"],
        on=item.article.published_on,
    )
    services.accept(actor=personas.coordinator_kz, item=item)
    assert Mission.objects.count() == 1
    entered.refresh_from_db()
    assert entered.operations == 34  # what someone entered stays
    assert entered.consultations == 210  # blanks are filled from the article


def test_bad_item_edits_are_refused_with_a_clear_message_and_write_nothing(item, personas):
    event = item.event
    bad = {**event, "items": [{**event["items"][0], "fields": {"operations": "many"}, "kind": "mission"}]}
    with pytest.raises(ValidationFailed) as refused:
        services.accept(actor=personas.admin, item=item, edited=bad)
    assert "operations" in str(refused.value.errors["items"])  # the message names the field
    unknown = {**event, "items": [{"kind": "gift", "title": "x", "fields": {}}]}
    with pytest.raises(ValidationFailed) as refused:
        services.accept(actor=personas.admin, item=item, edited=unknown)
    assert "gift" in str(refused.value.errors["items"])
    wrong_type = {**event, "items": [{"kind": "donation", "subtype": "cash", "title": "x", "fields": {}}]}
    with pytest.raises(ValidationFailed):
        services.accept(actor=personas.admin, item=item, edited=wrong_type)
    assert counts() == (0, 0, 0, 0)
    item.refresh_from_db()
    assert item.status == "pending"


@pytest.mark.parametrize(
    "persona", ["clinic_staff", "other_clinic_staff", "analyst", "transplant_coordinator", "auditor"]
)
def test_non_reviewers_write_no_records(item, personas, persona):
    with pytest.raises(PermissionDenied):
        services.accept(actor=getattr(personas, persona), item=item)
    assert counts() == (0, 0, 0, 0)


def test_rejected_item_writes_no_records(item, personas):
    services.reject(actor=personas.coordinator_kz, item=item, note="off-topic")
    assert counts() == (0, 0, 0, 0)


def test_item_lines_round_trip():
    entry = {
        "kind": "project",
        "subtype": "medical_centre",
        "title": "Строительство центра | корпус А",
        "fields": {"status": "planned", "value": 2e7, "organisations": ["Фонд А", "Минздрав Б"], "free": True},
    }
    line = item_line(entry)
    assert line.startswith("project | medical_centre | Строительство центра / корпус А | ")
    parts = [p.strip() for p in line.split("|")]
    assert parse_fields(parts[3]) == {
        "status": "planned",
        "value": "20000000",
        "organisations": ["Фонд А", "Минздрав Б"],
        "free": "yes",
    }


def test_review_page_shows_items_and_accepting_an_edited_line_updates_the_record(item, personas, client_for):
    client = client_for(personas.coordinator_kz)
    page = client.get(f"/ingest/{item.public_id}/")
    assert 'id="extracted-items"' in page.content.decode()
    form = page.context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["areas"] = form.initial["areas"]
    lines = [line for line in data["items"].splitlines() if not line.startswith("project")]
    data["items"] = "\n".join(line.replace("operations=35", "operations=37") for line in lines)
    data["action"] = "accept"
    assert client.post(f"/ingest/{item.public_id}/", data).status_code == 302
    assert counts() == (1, 1, 1, 0) and Mission.objects.get().operations == 37
    page = client.get(f"/ingest/{item.public_id}/").content.decode()
    assert "record-missions" in page and "record-donations" in page
    data["items"] = data["items"].replace("operations=37", "operations=lots")
    refused = client.post(f"/ingest/{item.public_id}/", data)
    assert refused.status_code == 400 and "operations" in str(refused.context["form"].errors["items"])
    assert Mission.objects.get().operations == 37


def test_api_accept_with_edited_items(item, personas, client_for):
    client = client_for(personas.admin)
    detail = client.get(f"/api/v1/ingest/items/{item.public_id}").json()
    assert {i["kind"] for i in detail["extracted"]["items"]} == {"mission", "donation", "programme", "project"}
    kept = [i for i in detail["event"]["items"] if i["kind"] == "donation"]
    refused = client.post(
        f"/api/v1/ingest/items/{item.public_id}/accept",
        json.dumps({"event": {"items": [{**kept[0], "fields": {"value": "a lot"}}]}}),
        content_type="application/json",
    )
    assert refused.status_code == 400 and counts() == (0, 0, 0, 0)
    accepted = client.post(
        f"/api/v1/ingest/items/{item.public_id}/accept",
        json.dumps({"event": {"items": kept}}),
        content_type="application/json",
    ).json()
    assert counts() == (0, 1, 0, 0)
    assert accepted["records"][0]["kind"] == "donation"
    assert accepted["records"][0]["id"] == str(Donation.objects.get().public_id)


def test_a_value_and_a_count_may_be_written_with_spaces_and_a_decimal_comma():
    from medcorridor.ingest.services import clean_item

    errors: dict = {}
    item = {"kind": "donation", "title": "t", "fields": {"value": "1\u202f200 000,50"}}
    assert clean_item(item, errors)["fields"]["value"] == 1_200_000.5 and not errors
    item = {"kind": "programme", "title": "t", "fields": {"trainees": "1 200"}}
    assert clean_item(item, errors)["fields"]["trainees"] == 1200 and not errors
