import pytest
from django.db.models import Q

from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import ANONYMOUS, scope_of, scoped


def test_scope_collects_roles_per_organisation(personas):
    scope = scope_of(personas.coordinator_mn)
    assert scope.organisations_with("national_coordinator") == [personas.ministry_mn.pk]
    assert scope.countries == {"MN"}
    assert not scope.is_auditor


def test_anonymous_has_empty_scope(db):
    from django.contrib.auth.models import AnonymousUser

    assert scope_of(AnonymousUser()) is ANONYMOUS


def test_model_without_rule_is_refused(personas):
    from medcorridor.audit.models import AuditEvent

    with pytest.raises(LookupError):
        scoped(personas.auditor, AuditEvent.objects.all())


def test_registered_rule_filters(personas):
    assert isinstance(scoped(personas.coordinator_mn, Organisation.objects.all()).query.where, object)
    assert scoped(personas.coordinator_mn, Organisation.objects.filter(Q(pk=personas.ministry_mn.pk))).count() == 1
