"""The review queue: national coordinators and administrators review; auditors read."""

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import scope_of


def can_review(user) -> bool:
    scope = scope_of(user)
    return scope.is_administrator or scope.has_role(Role.NATIONAL_COORDINATOR)


def can_see_queue(user) -> bool:
    return can_review(user) or scope_of(user).is_auditor
