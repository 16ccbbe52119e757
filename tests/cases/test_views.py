"""Web views: scoping and denials for every role, access logging, downloads, HTMX actions, conflicts."""

import html
import json
from datetime import date, timedelta

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from medcorridor.audit.models import AccessLog
from medcorridor.cases import selectors, services
from medcorridor.cases.models import ReferralCase

from .conftest import INTAKE, today


def detail(case):
    return reverse("cases:detail", args=[case.public_id])


def test_list_is_scoped_and_logged(world, client_for):
    p = world.personas
    case = world.at_opinions()
    ok = client_for(p.coordinator_mn).get(reverse("cases:list"))
    assert case.reference in ok.content.decode()
    assert AccessLog.objects.filter(target_id=str(case.public_id), purpose="list", actor=p.coordinator_mn).exists()
    for outsider in (p.coordinator_kz, p.analyst, p.transplant_coordinator, p.admin):
        assert case.reference not in client_for(outsider).get(reverse("cases:list")).content.decode()
    assert case.reference in client_for(p.auditor).get(reverse("cases:list")).content.decode()
    assert case.reference in client_for(p.clinic_staff).get(reverse("cases:list")).content.decode()


def test_list_reads_its_rows_in_one_query_whatever_their_number(world, client_for):
    """The list loads only the columns its rows show; touching any other would cost a query per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.personas.coordinator_mn)
    counts = []
    for _ in range(2):
        world.at_opinions()
        world.open_case(priority="routine")
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("cases:list")).content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    assert page.count('href="/cases/') >= 4 and "BATBOLD ENKHJARGAL" in page


def test_case_page_denied_to_outsiders_with_logged_refusal(world, client_for):
    p = world.personas
    case = world.at_opinions()
    for outsider in (p.coordinator_kz, p.analyst, p.transplant_coordinator, p.admin):
        response = client_for(outsider).get(detail(case))
        assert response.status_code == 404
        assert AccessLog.objects.filter(actor=outsider, granted=False).exists()
    for insider in (p.coordinator_mn, p.clinic_staff, p.other_clinic_staff, p.auditor):
        response = client_for(insider).get(detail(case))
        assert response.status_code == 200, insider
        assert AccessLog.objects.filter(actor=insider, granted=True, target_id=str(case.public_id)).exists()


def test_clinic_sees_only_shared_documents_and_its_own_timeline(world, client_for):
    p = world.personas
    case = world.at_opinions()
    page = client_for(p.clinic_staff).get(detail(case)).content.decode()
    assert "Biopsy report" in page and "Not for clinics" not in page
    assert world.other_facility.name_ru not in page  # another clinic's request is not shown
    download = client_for(p.clinic_staff).get(reverse("cases:document", args=[case.private_document.public_id]))
    assert download.status_code == 404
    coordinator_page = client_for(p.coordinator_mn).get(detail(case)).content.decode()
    assert "Not for clinics" in coordinator_page


def _sections_read(client, case) -> set[str]:
    """The section tables the case page read in queries of their own (a query's first column is of its own
    table; the case's query only mentions them in its EXISTS flags)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tables = ("cases_opinionrequest", "cases_document", "cases_fundingdecision", "cases_followuptask",
              "cases_travelplan", "cases_encounter")  # fmt: skip
    with CaptureQueriesContext(connection) as captured:
        assert client.get(detail(case)).status_code == 200
    return {
        table
        for table in tables
        for query in captured.captured_queries
        if query["sql"].startswith(f'SELECT "{table}".')
    }


def test_case_page_reads_only_the_sections_with_something_to_show(world, client_for):
    p = world.personas
    fresh = world.open_case()
    page = client_for(p.coordinator_mn).get(detail(fresh)).content.decode()
    with translation.override("ru"):
        assert gettext("No documents.") in page and gettext("No opinion requested yet.") in page
    assert _sections_read(client_for(p.coordinator_mn), fresh) == set()
    case = world.at_opinions()
    assert _sections_read(client_for(p.coordinator_mn), case) == {"cases_opinionrequest", "cases_document"}
    # The flags are scoped like the sections: the clinic sees its request and the shared document only.
    clinic = selectors.get_case_for_page(p.clinic_staff, case.public_id)
    assert (clinic.has_requests, clinic.has_documents, clinic.has_decisions) == (True, True, False)
    travelling = world.at_travel()
    assert {"cases_fundingdecision", "cases_travelplan"} <= _sections_read(client_for(p.coordinator_mn), travelling)


def test_download_is_attachment_with_nosniff(world, client_for):
    case = world.at_opinions()
    response = client_for(world.personas.clinic_staff).get(
        reverse("cases:document", args=[case.shared_document.public_id])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_inbox_shows_only_own_requests(world, client_for):
    case = world.at_opinions()
    p = world.personas
    inbox = client_for(p.clinic_staff).get(reverse("cases:inbox")).content.decode()
    assert case.reference in inbox and world.facility.name_ru in inbox
    assert world.other_facility.name_ru not in inbox
    for outsider in (p.coordinator_mn, p.coordinator_kz, p.analyst, p.auditor, p.admin):
        assert case.reference not in client_for(outsider).get(reverse("cases:inbox")).content.decode()


def test_intake_form_creates_a_case(world, client_for):
    data = {k: str(v) for k, v in INTAKE.items()}
    response = client_for(world.personas.coordinator_mn).post(reverse("cases:new"), data)
    assert response.status_code == 302
    case = ReferralCase.objects.get()
    assert case.patient.family_name == "Батболд" and case.status == "intake"
    assert client_for(world.personas.clinic_staff).get(reverse("cases:new")).status_code == 403


def test_htmx_action_redirects_and_stale_version_conflicts(world, client_for):
    case = world.open_case()
    client = client_for(world.personas.coordinator_mn)
    url = reverse("cases:act", args=[case.public_id, "hold"])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert 'name="version"' in form.content.decode()
    response = client.post(url, {"version": case.version, "reason": "Waiting"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"] == detail(case)
    stale = client.post(
        reverse("cases:act", args=[case.public_id, "cancel"]),
        {"version": case.version, "reason": "dup"},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 409
    case.refresh_from_db()
    assert case.status == "on_hold"


def test_clinic_answers_through_the_request_form(world, client_for):
    case = world.at_opinions()
    request = world.request_for(case)
    url = reverse("cases:request_act", args=[request.public_id, "answer_opinion"])
    data = {
        "version": case.version,
        "treatment_plan": "Surgery",
        "estimate_amount": "30000000",
        "estimate_currency": "KRW",
        "stay_days": 9,
        "earliest_admission": str(today() + timedelta(days=10)),
    }
    assert client_for(world.personas.other_clinic_staff).post(url, data).status_code == 404
    response = client_for(world.personas.clinic_staff).post(url, data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered"


def test_comparison_converts_at_a_dated_rate(world, client_for):
    case = world.answered()
    page = (
        client_for(world.personas.coordinator_mn)
        .get(reverse("cases:compare", args=[case.public_id]) + "?currency=USD&on=2026-11-21")
        .content.decode()
    )
    assert "25000,00" in page or "25000.00" in page  # 35,000,000 KRW at 1,400 KRW/USD
    assert "2026-11-20" in page
    figure = json.loads(html.unescape(page.split('id="estimates-chart" data-plotly=\'')[1].split("'")[0]))
    assert figure["data"][0]["x"] == [25000.0]  # the chart shows the converted amounts of the table


def test_the_comparison_draws_no_chart_before_an_answer(world, client_for):
    case = world.at_opinions()
    page = client_for(world.personas.coordinator_mn).get(reverse("cases:compare", args=[case.public_id]))
    assert page.status_code == 200 and "estimates-chart" not in page.content.decode()


def test_icd_search_in_russian_and_english(world, client_for):
    client = client_for(world.personas.coordinator_mn)
    assert "C50" in client.get(reverse("cases:icd") + "?q=молочной").content.decode()
    assert "C50" in client.get(reverse("cases:icd") + "?q=breast").content.decode()


def test_the_timeline_speaks_the_readers_language_whoever_wrote_it(world, client_for):
    """The coordinator works in Russian; the Korean clinic reads the same lines in English."""
    from django.conf import settings

    case = world.at_travel()
    russian = client_for(world.personas.coordinator_mn).get(detail(case)).content.decode()
    timeline = russian.split('id="timeline"')[1]
    assert "Запрошено заключение" in timeline and "Финансирование одобрено" in timeline
    clinic = client_for(world.personas.clinic_staff)
    clinic.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = clinic.get(detail(case)).content.decode().split('id="timeline"')[1]
    assert "Opinion requested, answer due" in english and "Funding approved" in english
    assert "Запрошено" not in english


def test_names_and_outcome_checks_on_the_timeline_are_in_the_readers_language(world, client_for):
    """Facility names, the diagnosis and the travel plan's labels are put into words when read."""
    from django.conf import settings

    case = world.at_travel()
    services.plan_travel(
        actor=world.personas.coordinator_mn, case=case, departure_date=date(2026, 12, 20), companion="Sister"
    )
    case = world.at_follow_up_from(case)
    russian = client_for(world.personas.coordinator_mn).get(detail(case)).content.decode()
    assert "Госпиталь Каннам Северанс" in russian.split('id="timeline"')[1]
    assert "вылет: 2026-12-20, сопровождающий: Sister" in russian and "Исход через 30 дней" in russian
    clinic = client_for(world.personas.clinic_staff)
    clinic.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = clinic.get(detail(case)).content.decode()
    timeline = english.split('id="timeline"')[1]
    assert "Gangnam Severance Hospital" in timeline and "Госпиталь" not in timeline
    assert "departure: 2026-12-20, companion: Sister" in timeline and "departure_date" not in timeline
    coordinator = client_for(world.personas.coordinator_mn)
    coordinator.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = coordinator.get(detail(case)).content.decode()  # the opening line is the coordinator's only
    assert "C50 Malignant neoplasm of breast" in english.split('id="timeline"')[1] and "Outcome at 30 days" in english
    assert "Исход" not in english
    assert '<li class="current" aria-current="step">Follow-up at home</li>' in english
    assert '<li class="done">Travel</li>' in english and '<li class="">Closed</li>' in english


def test_documents_the_product_makes_are_titled_in_the_readers_language(world, client_for):
    from django.conf import settings

    case = world.at_travel()
    services.issue_invitation(actor=world.personas.clinic_staff, case=case)
    coordinator = client_for(world.personas.coordinator_mn).get(detail(case)).content.decode()
    assert "Визовое приглашение</a>" in coordinator
    clinic = client_for(world.personas.clinic_staff)
    clinic.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Visa invitation letter</a>" in clinic.get(detail(case)).content.decode()
