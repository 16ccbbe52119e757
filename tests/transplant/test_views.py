"""The transplant coordinator's screens."""

import pytest

from medcorridor.transplant import services
from medcorridor.transplant.models import LivingDonor, MatchRun, Recipient
from tests.transplant.test_services import make_donor, make_pair, make_recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(personas, client_for):
    return client_for(personas.transplant_coordinator)


def test_waitlist_and_new_recipient(personas, coordinator):
    make_recipient(personas.transplant_coordinator, personas.transplant_centre_kg, full_name="Бакыт Исмаилов")
    page = coordinator.get("/transplant/")
    assert page.status_code == 200 and "Бакыт Исмаилов" in page.content.decode()
    response = coordinator.post(
        "/transplant/recipients/new/",
        {
            "organ": "liver",
            "full_name": "Айпери Маматова",
            "sex": "female",
            "birth_date": "1988-04-12",
            "blood_group": "O",
            "cpra": 0,
            "meld": 24,
            "urgency": "urgent",
            "listed_on": "2026-10-01",
        },
    )
    recipient = Recipient.objects.get(full_name="Айпери Маматова")
    assert response.status_code == 302 and recipient.meld == 24
    assert coordinator.get(response["Location"]).status_code == 200


def test_recipient_page_never_reveals_withdrawal(personas, coordinator):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    donor = make_donor(actor, centre, recipient)
    services.withdraw_donor(actor=actor, donor=donor, reason="secret reason xyz")
    page = coordinator.get(f"/transplant/recipients/{recipient.public_id}/").content.decode()
    assert "secret reason xyz" not in page and "Withdrawn" not in page and "Отозвал" not in page
    assert "Донор недоступен" in page or "Donor unavailable" in page
    api = coordinator.get(f"/api/v1/transplant/recipients/{recipient.public_id}").json()
    assert api["donors"][0]["status"] == "unavailable" and "secret" not in str(api)
    donor_page = coordinator.get(f"/transplant/donors/{donor.public_id}/").content.decode()
    assert "secret reason xyz" in donor_page


def test_donor_checklist_approve_and_compatibility(personas, coordinator):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre, blood_group="A", unacceptable_antigens="B8")
    response = coordinator.post(
        f"/transplant/recipients/{recipient.public_id}/donors/new/",
        {
            "full_name": "Самат Садыков",
            "sex": "male",
            "birth_date": "1965-03-03",
            "blood_group": "O",
            "relationship": "parent",
            "relationship_evidence": "birth certificate",
            "hla_a": "A1",
            "hla_b": "B8",
            "hla_dr": "DR3",
        },
    )
    donor = LivingDonor.objects.get(full_name="Самат Садыков")
    assert response.status_code == 302
    coordinator.post(
        f"/transplant/donors/{donor.public_id}/checklist/",
        {
            "medical_check": "passed",
            "psychological_check": "passed",
            "consent_check": "passed",
            "ethics_approval_reference": "EC-7",
            "ethics_approved_on": "2026-11-01",
        },
    )
    coordinator.post(f"/transplant/donors/{donor.public_id}/approve/")
    donor.refresh_from_db()
    assert donor.status == "approved"
    url = f"/transplant/donors/{donor.public_id}/compatibility/"
    page = coordinator.get(url).content.decode()
    assert "Virtual crossmatch" in page and "B8" in page and "Kiuchi" not in page  # kidney: no GRWR row
    in_russian = coordinator.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "виртуальная перекрёстная проба" in in_russian and "virtual crossmatch" not in in_russian


def test_pool_run_and_crossmatch_pages(personas, coordinator):
    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    response = coordinator.post("/transplant/pools/", {"name": "KPD", "max_cycle": 3, "max_chain": 3})
    assert response.status_code == 302
    pool_url = response["Location"]
    for name, (rg, dg) in {"1": ("A", "B"), "2": ("B", "A")}.items():
        donor = make_pair(actor, centre, rg, dg, name)
        coordinator.post(pool_url + "entries/", {"donor": donor.pk})
    page = coordinator.get(pool_url).content.decode()
    assert "P1" in page and "P2" in page and "pool-chart" in page
    response = coordinator.post(pool_url + "run/")
    run = MatchRun.objects.get()
    assert response.status_code == 302 and run.transplants == 2
    page = coordinator.get(f"/transplant/runs/{run.public_id}/").content.decode()
    assert "run-chart" in page and "plotly" in page
    arc = run.exchanges.get().arcs.first()
    response = coordinator.post(f"/transplant/arcs/{arc.public_id}/crossmatch/", {"result": "positive"})
    assert MatchRun.objects.count() == 2 and response.status_code == 302


def test_follow_up_list_marks_overdue(personas, coordinator):
    from datetime import date, timedelta

    actor, centre = personas.transplant_coordinator, personas.transplant_centre_kg
    recipient = make_recipient(actor, centre)
    donor = make_donor(actor, centre, recipient, blood_group="O")
    services.record_transplant(
        actor=actor, recipient=recipient, donor=donor, performed_on=date.today() - timedelta(days=30)
    )
    page = coordinator.get("/transplant/follow-up/").content.decode()
    assert page.count('class="overdue"') == 2  # 1-week visits of recipient and donor
    follow_up = recipient.follow_ups.get(milestone="1w")
    response = coordinator.post(
        f"/transplant/follow-up/{follow_up.public_id}/",
        {"done_on": date.today().isoformat(), "patient_alive": "on", "graft_functioning": "on"},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_on == date.today()
    figure = chart_on(coordinator.get("/transplant/follow-up/").content.decode(), "follow-up-chart-data")
    by_state = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in figure["data"]}
    assert by_state["Проведено"]["1 неделя"] == 1 and by_state["Просрочено"]["1 неделя"] == 1


def chart_on(page: str, data_id: str) -> dict:
    import json

    data = page.split(f'id="{data_id}" type="application/json">')[1].split("</script>")[0]
    return json.loads(json.loads(data))


def test_the_waitlist_chart_counts_the_listed_recipients_by_blood_group(personas, coordinator):
    centre = personas.transplant_centre_kg
    for name, group in (("Ош Бир", "O"), ("Ош Эки", "O"), ("Ак Бир", "A")):
        make_recipient(personas.transplant_coordinator, centre, full_name=name, blood_group=group)
    page = coordinator.get("/transplant/").content.decode()
    assert 'id="waitlist-chart"' in page
    figure = chart_on(page, "waitlist-chart-data")
    [kidney] = figure["data"]
    assert dict(zip(kidney["x"], kidney["y"], strict=True)) == {"O": 2, "A": 1}
    empty = coordinator.get("/transplant/", {"q": "nobody at all"}).content.decode()
    assert 'id="waitlist-chart"' not in empty
