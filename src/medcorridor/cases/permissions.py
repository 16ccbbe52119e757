"""Who a user is for one case (workflow roles), worked out from memberships. Pure of writes."""

from medcorridor.accounts.enums import Role as AccountRole
from medcorridor.accounts.scoping import scope_of

from . import workflow
from .enums import RequestStatus


def case_roles(user, case, *, requests=None) -> frozenset[str]:
    """The workflow roles ``user`` holds on ``case``. ``requests`` may pass prefetched opinion requests."""
    scope = scope_of(user)
    roles = set()
    if case.owner_organisation_id in scope.organisations_with(AccountRole.NATIONAL_COORDINATOR):
        roles.add(workflow.Role.COORDINATOR)
    clinic_orgs = set(scope.organisations_with(AccountRole.CLINIC_STAFF))
    if clinic_orgs:
        if requests is None:
            requests = case.opinion_requests.all()
        for request in requests:
            if request.performer_organisation_id in clinic_orgs:
                if request.status != RequestStatus.WITHDRAWN:
                    roles.add(workflow.Role.CONSULTED_CLINIC)
                if case.selected_request_id == request.pk:
                    roles.add(workflow.Role.TREATING_CLINIC)
    return frozenset(roles)


def clinic_organisations(user) -> list[int]:
    return scope_of(user).organisations_with(AccountRole.CLINIC_STAFF)


def can_create_case(user) -> bool:
    return bool(scope_of(user).organisations_with(AccountRole.NATIONAL_COORDINATOR))


def coordinator_organisations(user) -> list[int]:
    return scope_of(user).organisations_with(AccountRole.NATIONAL_COORDINATOR)


def can_answer(user, request) -> bool:
    return request.performer_organisation_id in clinic_organisations(user)
