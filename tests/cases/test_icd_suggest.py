"""ICD-10 suggestions at intake: the API (/api/v1/cases/icd/suggest), the intake form's HTMX partial
and the ``medcorridor icd suggest`` command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from medcorridor.accounts.api_auth import new_token
from medcorridor.audit.models import AccessLog, AuditEvent
from medcorridor.core.icd_suggest import MAX_TEXT_LENGTH

URL = "/api/v1/cases/icd/suggest"
LUMBAR = "Боли в пояснице с иррадиацией в левую ногу, онемение стопы"


def bearer(user) -> dict:
    _token, key = new_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def every_persona(personas):
    return [
        personas.coordinator_mn,
        personas.coordinator_kz,
        personas.clinic_staff,
        personas.other_clinic_staff,
        personas.analyst,
        personas.transplant_coordinator,
        personas.auditor,
        personas.admin,
    ]


def test_three_suggestions_with_russian_titles_and_triggers(client, personas):
    response = client.get(URL, {"text": LUMBAR}, HTTP_ACCEPT_LANGUAGE="ru", **bearer(personas.coordinator_mn))
    assert response.status_code == 200, response.content
    suggestions = response.json()
    assert len(suggestions) == 3
    lumbar = next(s for s in suggestions if s["code"] == "M54")
    assert lumbar["title"] == lumbar["title_ru"] == "Дорсалгия"
    assert lumbar["title_en"] == "Dorsalgia"
    assert "Боли в пояснице" in lumbar["triggers"]


def test_titles_follow_the_users_language(client, personas):
    response = client.get(URL, {"text": LUMBAR}, HTTP_ACCEPT_LANGUAGE="en", **bearer(personas.coordinator_mn))
    lumbar = next(s for s in response.json() if s["code"] == "M54")
    assert lumbar["title"] == "Dorsalgia"


def test_long_texts_go_in_the_body(client, personas):
    headers = bearer(personas.clinic_staff)
    response = client.post(URL, {"text": LUMBAR}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru", **headers)
    assert response.status_code == 200
    assert "M54" in [s["code"] for s in response.json()]


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_text_is_refused_with_a_message(client, personas, text):
    response = client.get(URL, {"text": text}, HTTP_ACCEPT_LANGUAGE="en", **bearer(personas.coordinator_mn))
    assert response.status_code == 400
    assert "complaints" in response.content.decode()


def test_a_too_long_text_is_refused_with_its_length(client, personas):
    text = "кашель " * (MAX_TEXT_LENGTH // 7 + 1)
    response = client.post(
        URL, {"text": text}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **bearer(personas.analyst)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert str(len(text.strip())) in body and str(MAX_TEXT_LENGTH) in body


def test_anonymous_callers_are_refused(client, db):
    assert client.get(URL, {"text": LUMBAR}).status_code == 401
    assert client.post(URL, {"text": LUMBAR}, content_type="application/json").status_code == 401


def test_every_signed_in_role_may_ask_and_nothing_is_stored_or_logged(client, personas):
    before = (AuditEvent.objects.count(), AccessLog.objects.count())
    for user in every_persona(personas):
        response = client.get(URL, {"text": "Кашель с мокротой"}, **bearer(user))
        assert response.status_code == 200, user
    assert (AuditEvent.objects.count(), AccessLog.objects.count()) == before


def test_the_endpoint_is_in_the_openapi_schema(client):
    assert URL in client.get("/api/v1/openapi.json").json()["paths"]


# --- the intake form ---------------------------------------------------------------------------


def test_the_intake_form_asks_for_suggestions_as_the_summary_is_typed(client_for, personas):
    page = client_for(personas.coordinator_mn).get(reverse("cases:new")).content.decode()
    assert f'hx-post="{reverse("cases:icd_suggest")}"' in page
    assert 'hx-target="#icd-suggestions"' in page
    assert 'id="icd-suggestions"' in page


def test_the_partial_lists_codes_to_click_with_their_words(client_for, personas):
    response = client_for(personas.coordinator_mn).post(
        reverse("cases:icd_suggest"), {"condition_note": LUMBAR}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="M54"' in html and "Дорсалгия" in html
    assert "Боли в пояснице" in html
    assert "<html" not in html


def test_the_partial_says_nothing_for_an_empty_summary(client_for, personas):
    response = client_for(personas.coordinator_mn).post(reverse("cases:icd_suggest"), {"condition_note": "  "})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_the_partial_explains_a_too_long_summary(client_for, personas):
    text = "кашель " * (MAX_TEXT_LENGTH // 7 + 1)
    response = client_for(personas.coordinator_mn).post(
        reverse("cases:icd_suggest"), {"condition_note": text}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert str(MAX_TEXT_LENGTH) in html and "data-code" not in html


def test_the_partial_needs_a_signed_in_user(client, db):
    response = client.post(reverse("cases:icd_suggest"), {"condition_note": LUMBAR})
    assert response.status_code == 302 and "login" in response["Location"]


def test_every_signed_in_role_gets_the_partial(client_for, personas):
    for user in every_persona(personas):
        response = client_for(user).get(reverse("cases:icd_suggest"), {"condition_note": "Изжога, отрыжка"})
        assert 'data-code="K21"' in response.content.decode(), user


# --- the command ------------------------------------------------------------------------------


def test_the_command_prints_codes_titles_and_words(db):
    out = StringIO()
    call_command("icd", "suggest", LUMBAR, "--language", "en", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert any(line.startswith("M54  Dorsalgia") and "Боли в пояснице" in line for line in lines)


def test_the_command_reads_a_file_and_reports_bad_lines(db, tmp_path):
    path = tmp_path / "texts.txt"
    path.write_text(f"{LUMBAR}\n{'x' * (MAX_TEXT_LENGTH + 1)}\nИзжога\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("icd", "suggest", "--file", str(path), "--json", stdout=out, stderr=err)
    assert len(out.getvalue().splitlines()) == 2
    assert "line 2" in err.getvalue()


def test_the_command_refuses_an_empty_text(db):
    with pytest.raises(CommandError):
        call_command("icd", "suggest", "   ")
    with pytest.raises(CommandError, match="Give the text"):
        call_command("icd", "suggest")
