"""Django's own error responses (403, 404, 400, CSRF failure, 500) render in the product's layout
and language, not as Django's bare English defaults."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation


def test_a_forbidden_service_shows_the_layout_and_why(personas, client_for):
    response = client_for(personas.clinic_staff).get("/transplant/", HTTP_ACCEPT_LANGUAGE="ru")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Доступ закрыт" in page and 'class="topbar"' in page and "403 Forbidden" not in page


def test_a_missing_page_shows_the_layout(personas, client_for):
    response = client_for(personas.coordinator_mn).get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page and 'class="topbar"' in page


def test_an_expired_form_explains_itself(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coordinator_mn)
    response = client.post("/cases/new/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403 and "Form expired" in response.content.decode()


@pytest.mark.parametrize(
    ("template", "english", "russian"),
    [("500.html", "Server error", "Ошибка сервера"), ("400.html", "Bad request", "Неверный запрос")],
)
def test_context_free_error_pages_render_in_both_languages(template, english, russian):
    for language, heading in (("en", english), ("ru", russian)):
        with translation.override(language):
            page = render_to_string(template)
        assert f"<h1>{heading}</h1>" in page and f'lang="{language}"' in page
