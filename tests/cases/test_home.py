"""The home page's "your work": a coordinator's open cases by step and nearest deadlines, a clinic's
requests waiting for its answer — each scoped to the user's organisation and logged like a list."""

import html
import json

from medcorridor.audit.models import AccessLog


def chart(page: str, element_id: str) -> dict:
    return json.loads(html.unescape(page.split(f'id="{element_id}" data-plotly=\'')[1].split("'")[0]))


def test_a_coordinator_sees_their_open_cases_by_step_and_the_nearest_deadlines(world, client_for):
    at_opinions = world.at_opinions()
    world.open_case()
    page = client_for(world.personas.coordinator_mn).get("/").content.decode()
    steps = chart(page, "steps-chart")["data"][0]
    assert dict(zip(steps["y"], steps["x"], strict=True))["Приём заявки"] == 1
    assert at_opinions.reference in page  # its answers are due: the nearest deadline
    logged = AccessLog.objects.filter(purpose="home", target_id=str(at_opinions.public_id))
    assert logged.filter(actor=world.personas.coordinator_mn).exists()


def test_another_ministry_sees_none_of_them(world, client_for):
    case = world.at_opinions()
    page = client_for(world.personas.coordinator_kz).get("/").content.decode()
    assert case.reference not in page and "steps-chart" not in page


def test_a_clinic_sees_the_requests_waiting_for_its_answer_and_only_its_own(world, client_for):
    case = world.at_opinions()
    page = client_for(world.personas.clinic_staff).get("/").content.decode()
    assert 'id="my-work"' in page and case.reference in page and "steps-chart" not in page
    world.request_for(case).delete()  # no request for this clinic any more
    assert case.reference not in client_for(world.personas.clinic_staff).get("/").content.decode()


def test_people_without_cases_and_visitors_get_the_plain_home_page(world, client_for, client):
    world.at_opinions()
    assert 'id="my-work"' not in client_for(world.personas.analyst).get("/").content.decode()
    assert 'id="my-work"' not in client.get("/").content.decode()
