"""The ONE scoping helper every read goes through.

Each domain registers, per model, a rule that turns a user's ``Scope`` into a ``Q`` filter:

    @scope_rule(ReferralCase)
    def cases_rule(scope):
        return Q(owner_organisation__in=scope.organisations_with(Role.NATIONAL_COORDINATOR))

``scoped(user, queryset)`` applies it; a model without a rule is refused (fail closed). Auditors
read everything; administrators manage data but do not read patient records unless a rule says so.
``fetch_visible`` also writes the access-log row for patient-record models.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from medcorridor.audit.services import record_access
from medcorridor.core.errors import NotFound

from .enums import Role

_RULES: dict[type[models.Model], Callable[["Scope"], Q]] = {}
_PATIENT_RECORDS: set[type[models.Model]] = set()


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    username: str = ""
    roles_by_organisation: dict[int, frozenset[str]] = field(default_factory=dict)
    countries: frozenset[str] = frozenset()
    is_superuser: bool = False

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r for roles in self.roles_by_organisation.values() for r in roles)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def is_auditor(self) -> bool:
        return Role.AUDITOR in self.roles

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles

    def organisations_with(self, *roles: str) -> list[int]:
        wanted = set(roles)
        return sorted(org for org, held in self.roles_by_organisation.items() if not wanted or held & wanted)

    @property
    def organisation_ids(self) -> list[int]:
        return sorted(self.roles_by_organisation)

    def label(self) -> str:
        return self.username or "anonymous"


ANONYMOUS = Scope(user_id=None)


def scope_of(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_medcorridor_scope", None)
    if cached is not None:
        return cached
    roles: dict[int, set[str]] = {}
    countries: set[str] = set()
    # Plain values: every request of a signed-in user computes its scope, and it needs only these three.
    memberships = user.memberships.filter(is_active=True).values_list(
        "organisation_id", "role", "organisation__country_id"
    )
    for organisation_id, role, country_id in memberships:
        roles.setdefault(organisation_id, set()).add(role)
        countries.add(country_id)
    scope = Scope(
        user_id=user.pk,
        username=user.get_username(),
        roles_by_organisation={org: frozenset(r) for org, r in roles.items()},
        countries=frozenset(countries),
        is_superuser=user.is_superuser,
    )
    user._medcorridor_scope = scope
    return scope


def scope_rule(model: type[models.Model], *, patient_record: bool = False):
    """Register the visibility rule of ``model``; ``patient_record`` makes reads go to the access log."""

    def register(rule: Callable[[Scope], Q]):
        _RULES[model] = rule
        if patient_record:
            _PATIENT_RECORDS.add(model)
        return rule

    return register


def visibility_filter(user, model: type[models.Model]) -> Q:
    if model not in _RULES:
        raise LookupError(f"no scoping rule registered for {model.__name__}: refusing to read it")
    return _RULES[model](scope_of(user))


def scoped(user, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` narrowed to what ``user`` may see."""
    return queryset.filter(visibility_filter(user, queryset.model))


def is_patient_record(model: type[models.Model]) -> bool:
    return model in _PATIENT_RECORDS


def fetch_visible(user, queryset: models.QuerySet, *, purpose: str = "view", channel: str = "web", **lookup):
    """One record the user may see, or NotFound (also for records that exist but are out of scope,
    so that scoping does not leak existence). Patient records log the read, granted or refused."""
    model = queryset.model
    instance = scoped(user, queryset).filter(**lookup).first()
    if is_patient_record(model):
        target_id = str(next(iter(lookup.values()), ""))
        record_access(
            actor=user if getattr(user, "is_authenticated", False) else None,
            target_type=f"{model._meta.app_label}.{model._meta.model_name}",
            target_id=str(getattr(instance, "public_id", target_id)) if instance else target_id,
            purpose=purpose,
            granted=instance is not None,
            channel=channel,
            organisation_label=",".join(str(o) for o in scope_of(user).organisation_ids),
        )
    if instance is None:
        raise NotFound(
            _("%(record)s not found or not visible to you.") % {"record": str(model._meta.verbose_name).capitalize()}
        )
    return instance
