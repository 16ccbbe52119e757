"""The shared view helpers: who gets in, what a hidden record becomes, how a refused action is shown."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from medcorridor.core.errors import NotFound, ValidationFailed
from medcorridor.core.views import attempt, domain_view


def request_for(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@domain_view(lambda user: user.username == "allowed")
def screen(request, hidden=False):
    if hidden:
        raise NotFound("no such record")
    return HttpResponse("ok")


def test_domain_view_sends_anonymous_users_to_the_login():
    response = screen(request_for(AnonymousUser()))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_domain_view_refuses_other_users_and_hides_what_they_may_not_see(django_user_model, db):
    outsider = django_user_model.objects.create_user("outsider")
    with pytest.raises(PermissionDenied):
        screen(request_for(outsider))
    allowed = django_user_model.objects.create_user("allowed")
    assert screen(request_for(allowed)).content == b"ok"
    with pytest.raises(Http404):
        screen(request_for(allowed), hidden=True)


def test_attempt_shows_the_outcome_either_way():
    request = request_for(AnonymousUser())
    assert attempt(request, lambda: 42, "Saved.") == (42, True)

    def refused():
        raise ValidationFailed("The amount is missing.")

    assert attempt(request, refused, "Saved.") == (None, False)
    assert [str(m) for m in get_messages(request)] == ["Saved.", "The amount is missing."]


def test_form_error_puts_a_refusal_under_its_field_or_above_the_form():
    from django import forms

    from medcorridor.core.views import form_error

    class AmountForm(forms.Form):
        amount = forms.IntegerField()

    form = AmountForm({"amount": "5"})
    assert form.is_valid()
    form_error(form, ValidationFailed("Too much.", field="amount"))
    form_error(form, ValidationFailed("Closed.", field="not_on_the_form"))
    assert form.errors["amount"] == ["Too much."]
    assert form.non_field_errors() == ["Closed."]
