"""Who may do what in the transplant service.

Only the transplant coordinators of a centre read and change its patients, donors, pools and
follow-ups; auditors read everything and change nothing. Ministry coordinators, clinic staff,
analysts, administrators and other centres see nothing (administrators manage accounts, not records).
"""

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import scope_of


def coordinator_centres(user) -> list[int]:
    return scope_of(user).organisations_with(Role.TRANSPLANT_COORDINATOR)


def can_use_service(user) -> bool:
    scope = scope_of(user)
    return bool(coordinator_centres(user)) or scope.is_auditor


def can_manage(user, centre_id: int) -> bool:
    return centre_id in coordinator_centres(user)
