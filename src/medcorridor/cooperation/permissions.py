"""Who may write the cooperation registry.

Registry records are public once published. National coordinators and administrators write:
an administrator anything; a national coordinator creates records and edits those of their own
organisation or that concern their country. Everyone else (clinic staff, analysts, transplant
coordinators, auditors, anonymous visitors) reads only.
"""

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import scope_of


def can_write(user) -> bool:
    scope = scope_of(user)
    return scope.is_administrator or scope.has_role(Role.NATIONAL_COORDINATOR)


def can_edit(user, record) -> bool:
    scope = scope_of(user)
    if scope.is_administrator:
        return True
    coordinating = scope.organisations_with(Role.NATIONAL_COORDINATOR)
    if not coordinating:
        return False
    if record.pk is None or record.owner_organisation_id in coordinating:
        return True
    return bool(coordinator_countries(user) & set(record.countries.values_list("code", flat=True)))


def coordinator_countries(user) -> set[str]:
    memberships = user.memberships.filter(is_active=True, role=Role.NATIONAL_COORDINATOR)
    return set(memberships.values_list("organisation__country_id", flat=True))


def can_see_unpublished(user) -> bool:
    scope = scope_of(user)
    return scope.is_administrator or scope.is_auditor or scope.has_role(Role.NATIONAL_COORDINATOR)
