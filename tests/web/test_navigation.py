"""The main menu offers a service only to those its screens let in."""

import pytest
from django.contrib.auth.models import AnonymousUser

from medcorridor.web.navigation import visible_entries


def menu(user) -> set[str]:
    return {entry["name"] for entry in visible_entries(user)}


@pytest.mark.parametrize(
    ("persona", "offered", "withheld"),
    [
        ("transplant_coordinator", {"transplant:home"}, {"finance:home", "ingest:queue"}),
        ("clinic_staff", {"finance:home", "analytics:home"}, {"transplant:home", "ingest:queue"}),
        ("coordinator_mn", {"ingest:queue", "finance:home", "analytics:home"}, {"transplant:home"}),
        ("auditor", {"transplant:home", "ingest:queue", "finance:home", "analytics:home"}, set()),
    ],
)
def test_each_role_is_offered_only_the_services_it_may_use(personas, persona, offered, withheld):
    entries = menu(getattr(personas, persona))
    assert offered <= entries and not (withheld & entries)


def test_anonymous_visitors_see_the_public_directory_and_registry_only(db):
    assert menu(AnonymousUser()) == {"providers:search", "cooperation:home"}


def test_a_withheld_entry_is_also_refused_by_its_screen(personas, client_for):
    client = client_for(personas.clinic_staff)
    page = client.get("/cases/inbox/").content.decode()
    assert 'href="/transplant/"' not in page
    assert client.get("/transplant/").status_code == 403
