"""The language menu names every interface language in that language."""

from django.test import Client


def test_each_language_is_named_in_itself(db):
    page = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for name in ("Русский", "English", "Қазақ", "Монгол", "한국어", "Кыргызча"):
        assert f">{name}</option>" in page
