"""Review queue: accept merges into the registry and is idempotent; edits; rejects; denials; API."""

import json
from pathlib import Path

import pytest

from medcorridor.cooperation.models import Agreement, Meeting, Official, Participant
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.ingest import services
from medcorridor.ingest.extract import load_pipeline
from medcorridor.ingest.highlight import highlight
from medcorridor.ingest.models import ReviewItem
from tests.factories import OrganisationFactory

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "medcorridor" / "ingest" / "samples"


@pytest.fixture(scope="module")
def pipeline():
    return load_pipeline()


@pytest.fixture
def items(db, pipeline):
    OrganisationFactory(
        name_en="Ministry of Health of the Kyrgyz Republic",
        country_id="KG",
        name_ru="Министерство здравоохранения Кыргызской Республики",
        short_name="Минздрав КР",
    )
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        article, _ = services.ingest_file(
            actor=None, raw=path.read_bytes(), filename=path.name, extract=pipeline.extract
        )
        out.append(article.review)
    return out


def test_accept_creates_registry_records_and_is_idempotent(items, personas):
    item = items[0]
    services.accept(actor=personas.coordinator_kz, item=item)
    counts = (
        Meeting.objects.count(),
        Official.objects.count(),
        Agreement.objects.count(),
        Participant.objects.count(),
    )
    assert counts[0] == 1 and counts[1] == 2 and counts[2] >= 1
    item.refresh_from_db()
    assert item.status == "accepted" and item.reviewed_by == personas.coordinator_kz
    minister = Official.objects.get(name__contains="Бейшеналиев")
    assert minister.last_position.organisation is not None  # resolved to the ministry
    services.accept(actor=personas.coordinator_kz, item=item)
    services.accept(actor=personas.admin, item=item, edited=item.event)
    assert (
        Meeting.objects.count(),
        Official.objects.count(),
        Agreement.objects.count(),
        Participant.objects.count(),
    ) == counts


def test_accept_merges_with_existing_person_new_position(items, personas):
    from medcorridor.cooperation import services as registry

    known, _ = registry.upsert_official(
        actor=None,
        name="Сергей Владимирович Готье",
        country="RU",
        position="главный внештатный трансплантолог Минздрава России",
    )
    services.accept(actor=personas.admin, item=items[0])
    known.refresh_from_db()
    assert Official.objects.filter(name__contains="Готье").count() == 1
    assert known.positions.count() == 2
    assert known.last_position.title.startswith("директор")
    assert known.appearances == 1


def test_edit_then_accept_uses_reviewers_version(items, personas):
    item = items[0]
    edited = {
        **item.event,
        "agreements": [
            {
                "kind": "roadmap",
                "status": "planned",
                "title": "Дорожная карта по подготовке кадров в трансплантологии",
            }
        ],
    }
    services.accept(actor=personas.coordinator_mn, item=item, edited=edited)
    roadmap = Agreement.objects.get(kind="roadmap")
    assert roadmap.status == "draft"  # planned is not signed
    item.refresh_from_db()
    assert item.edited["agreements"][0]["status"] == "planned"


def test_invalid_edit_is_refused(items, personas):
    with pytest.raises(ValidationFailed) as error:
        services.accept(actor=personas.admin, item=items[1], edited={**items[1].event, "countries": ["Korea"]})
    assert "countries" in error.value.errors
    assert ReviewItem.objects.get(pk=items[1].pk).status == "pending"


def test_reject_writes_nothing_and_accepted_cannot_be_rejected(items, personas):
    services.reject(actor=personas.coordinator_kz, item=items[2], note="duplicate")
    assert Meeting.objects.count() == 0 and ReviewItem.objects.get(pk=items[2].pk).status == "rejected"
    services.accept(actor=personas.admin, item=items[1])
    with pytest.raises(ValidationFailed):
        services.reject(actor=personas.admin, item=ReviewItem.objects.get(pk=items[1].pk))


@pytest.mark.parametrize(
    "persona", ["clinic_staff", "other_clinic_staff", "analyst", "transplant_coordinator", "auditor"]
)
def test_review_denied_to_non_reviewers(items, personas, persona):
    user = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        services.accept(actor=user, item=items[0])
    with pytest.raises(PermissionDenied):
        services.reject(actor=user, item=items[0])
    assert ReviewItem.objects.get(pk=items[0].pk).status == "pending"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("clinic_staff", 403), ("analyst", 403), ("auditor", 200), ("coordinator_mn", 200), ("admin", 200)],
)
def test_queue_pages_scoped(items, personas, client_for, persona, status):
    client = client_for(getattr(personas, persona))
    assert client.get("/ingest/").status_code == status
    response = client.get(f"/ingest/{items[0].public_id}/")
    assert response.status_code in ({status} if status == 200 else {403, 404})
    api = client.get("/api/v1/ingest/queue")
    assert api.status_code == status


def test_auditor_reads_but_cannot_accept(items, personas, client_for):
    client = client_for(personas.auditor)
    page = client.get(f"/ingest/{items[0].public_id}/").content.decode()
    assert "<mark" in page and 'id="accept"' not in page
    response = client.post(f"/ingest/{items[0].public_id}/", {"action": "accept"})
    assert response.status_code == 403
    api = client.post(f"/api/v1/ingest/items/{items[0].public_id}/accept", "{}", content_type="application/json")
    assert api.status_code == 403


def test_api_accept_and_reject(items, personas, client_for):
    client = client_for(personas.admin)
    listed = client.get("/api/v1/ingest/queue").json()
    assert len(listed) == 3
    detail = client.get(f"/api/v1/ingest/items/{items[1].public_id}").json()
    assert detail["text"] and detail["spans"]
    accepted = client.post(
        f"/api/v1/ingest/items/{items[1].public_id}/accept",
        json.dumps({"event": {"areas": ["training"]}}),
        content_type="application/json",
    ).json()
    assert accepted["status"] == "accepted" and accepted["meeting"] and accepted["event"]["areas"] == ["training"]
    rejected = client.post(
        f"/api/v1/ingest/items/{items[2].public_id}/reject",
        json.dumps({"note": "off-topic"}),
        content_type="application/json",
    ).json()
    assert rejected["status"] == "rejected"
    assert [i["filename"] for i in client.get("/api/v1/ingest/queue").json()] == [items[0].article.filename]


def test_form_accept_from_page(items, personas, client_for):
    client = client_for(personas.coordinator_kz)
    item = items[2]
    page = client.get(f"/ingest/{item.public_id}/")
    form = page.context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["areas"] = form.initial["areas"]
    data["action"] = "accept"
    response = client.post(f"/ingest/{item.public_id}/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted" and item.edited is None  # nothing changed: the extracted version


def test_highlight_escapes_and_nests_overlaps():
    html = highlight(
        "<b>Минздрав России</b>",
        [{"start": 3, "end": 18, "label": "organisation"}, {"start": 12, "end": 18, "label": "country"}],
    )
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert html.count("<mark") == 2 and 'data-labels="country organisation"' in html


def test_the_review_item_names_an_agreement_as_a_heading():
    """The extractor keeps the sentence's form («дорожную карту»); what the reviewer edits and the
    registry keeps is the heading."""
    from medcorridor.ingest.extract import extract_event
    from medcorridor.ingest.services import event_payload

    text = (
        "date: 2026-03-02\n\nМинистры здравоохранения Кыргызстана и Турции подписали дорожную карту "
        "по подготовке кадров в области трансплантологии."
    )
    event = extract_event(text, "roadmap.txt")
    assert [a.title for a in event.agreements][0].startswith("дорожную карту")
    payload, _spans = event_payload(event)
    assert payload["agreements"][0]["title"].startswith("Дорожная карта по подготовке кадров")
