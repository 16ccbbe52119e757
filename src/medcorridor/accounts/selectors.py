"""Reads of organisations and users. Organisations are public directory data."""

from django.db.models import Q

from .models import Organisation
from .scoping import scope_rule, scoped


@scope_rule(Organisation)
def organisations_are_public(scope) -> Q:
    return Q()


def organisations(user, *, kind: str | None = None, country: str | None = None):
    queryset = scoped(user, Organisation.objects.select_related("country"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country_id=country)
    return queryset
