"""Who may open the analytics dashboards (pure functions of the user's scope).

National coordinators and analysts see their own country's figures (patients sent from it or treated
in it), clinic international-office staff only their own facilities' figures, auditors and
administrators everything. Transplant coordinators and anonymous visitors see nothing here.
"""

from django.utils.translation import gettext as _

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import Scope, scope_of
from medcorridor.core.errors import PermissionDenied

COUNTRY_ROLES = (Role.NATIONAL_COORDINATOR, Role.ANALYST)
VIEW_ROLES = (*COUNTRY_ROLES, Role.CLINIC_STAFF, Role.AUDITOR, Role.ADMINISTRATOR)


def scope_can_view(scope: Scope) -> bool:
    return not scope.is_anonymous and (scope.is_administrator or scope.has_role(*VIEW_ROLES))


def can_view(user) -> bool:
    return scope_can_view(scope_of(user))


def require_view(user) -> None:
    if not can_view(user):
        raise PermissionDenied(_("Analytics are open to coordinators, analysts, clinic staff and auditors."))
