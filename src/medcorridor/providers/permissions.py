"""Who may change directory records: administrators, and the staff of the operating clinic."""

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import scope_of


def can_edit_facility(user, facility) -> bool:
    scope = scope_of(user)
    if scope.is_administrator:
        return True
    staff_of = set(scope.organisations_with(Role.CLINIC_STAFF))
    return facility.organisation_id in staff_of or facility.organisation.parent_id in staff_of


def can_create_facility(user, organisation) -> bool:
    scope = scope_of(user)
    return scope.is_administrator or organisation.pk in scope.organisations_with(Role.CLINIC_STAFF)


def can_import(user) -> bool:
    return scope_of(user).is_administrator
