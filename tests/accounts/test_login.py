from django.core import mail
from django.test import Client

from tests.factories import PASSWORD


def test_login_and_logout(personas):
    client = Client()
    response = client.post("/accounts/login/", {"username": "coord_mn", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "coord_mn"
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_is_refused(personas):
    response = Client().post("/accounts/login/", {"username": "coord_mn", "password": "nope"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_password_reset_sends_a_link(personas):
    response = Client().post("/accounts/password_reset/", {"email": personas.coordinator_mn.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_language_switch(personas):
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Partner directory" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert "Каталог партнёров" in client.get("/").content.decode()
