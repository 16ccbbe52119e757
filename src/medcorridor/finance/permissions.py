"""Who may do what in finance (pure functions of the user's scope and the object)."""

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import scope_of


def ministries(user) -> list[int]:
    return scope_of(user).organisations_with(Role.NATIONAL_COORDINATOR)


def clinics(user) -> list[int]:
    return scope_of(user).organisations_with(Role.CLINIC_STAFF)


def can_manage_programmes(user, organisation_id: int) -> bool:
    """A ministry's coordinators run its programmes and budgets; administrators may set any up."""
    scope = scope_of(user)
    return scope.is_administrator or organisation_id in ministries(user)


def can_coordinate(user, case) -> bool:
    """Assigning a case's funding, reviewing its invoices and recording payments: its ministry's coordinators."""
    return case.owner_organisation_id in ministries(user)


def treating_organisation_id(case) -> int | None:
    return case.selected_request.performer_organisation_id if case.selected_request_id else None


def can_invoice(user, case) -> bool:
    return treating_organisation_id(case) in clinics(user)


def can_use_finance(user) -> bool:
    scope = scope_of(user)
    return scope.has_role(Role.NATIONAL_COORDINATOR, Role.CLINIC_STAFF, Role.ANALYST, Role.AUDITOR) or (
        scope.is_administrator  # the role, or a superuser
    )
