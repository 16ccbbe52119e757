"""Reads of the cooperation registry, all through ``accounts.scoping``.

Published records are public (anonymous visitors included). Unpublished ones are seen by
administrators and auditors, and by national coordinators of the organisation that entered them
or of a country they concern.
"""

from collections import Counter

from django.db.models import Q

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import fetch_visible, scope_rule, scoped
from medcorridor.core.textsearch import Vocabulary, tokens

from .models import (
    Agreement,
    AgreementDocument,
    Donation,
    JointProject,
    Meeting,
    Milestone,
    Mission,
    Official,
    OrganisationAlias,
    Participant,
    Position,
    TrainingProgramme,
)

RECORD_MODELS = {
    "agreements": Agreement,
    "meetings": Meeting,
    "officials": Official,
    "programmes": TrainingProgramme,
    "missions": Mission,
    "donations": Donation,
    "projects": JointProject,
}


def _record_rule(model):
    def rule(scope) -> Q:
        if scope.is_administrator or scope.is_auditor:
            return Q()
        visible = Q(is_published=True)
        coordinating = scope.organisations_with(Role.NATIONAL_COORDINATOR)
        if coordinating:
            through = model.countries.through
            concerned = through.objects.filter(country_id__in=scope.countries).values(f"{model._meta.model_name}_id")
            visible |= Q(owner_organisation__in=coordinating) | Q(pk__in=concerned)
        return visible

    return rule


for _model in RECORD_MODELS.values():
    scope_rule(_model)(_record_rule(_model))


@scope_rule(Position)
@scope_rule(Participant)
@scope_rule(Milestone)
@scope_rule(AgreementDocument)
@scope_rule(OrganisationAlias)
def parts_follow_their_record(scope) -> Q:
    # Parts are read only through a record the user may already see.
    return Q()


def model_for(kind: str):
    return RECORD_MODELS[kind]


def records(
    user,
    kind: str,
    *,
    q: str = "",
    country: str = "",
    year: int | None = None,
    area: str = "",
    status: str = "",
):
    model = RECORD_MODELS[kind]
    queryset = scoped(user, model.objects.all())
    if country:
        queryset = queryset.filter(countries__code=country)
    if area:
        queryset = queryset.filter(pk__in=[r.pk for r in queryset.only("pk", "areas") if area in (r.areas or [])])
    if status and kind == "agreements":
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(_in_year(kind, year))
    if q:
        queryset = search(queryset, q)
    return queryset.distinct()


# The date that places each kind of record in a year; an official is placed by the positions seen.
YEAR_FIELDS = {
    "agreements": ("signed_on",),
    "meetings": ("held_on",),
    "missions": ("started_on",),
    "donations": ("donated_on",),
    "projects": ("started_on",),
    "officials": ("positions__started_on", "positions__last_seen_on"),
}


def _in_year(kind: str, year: int) -> Q:
    if kind not in YEAR_FIELDS:
        return Q(year=year)  # training programmes record their year as a number
    condition = Q(pk__in=[])
    for field in YEAR_FIELDS[kind]:
        condition |= Q(**{f"{field}__year": year})
    return condition


def search(queryset, q: str):
    """Records whose names match every query token, in any script and with small typos."""
    wanted = tokens(q)
    if not wanted:
        return queryset
    vocabulary = Vocabulary(word for text in queryset.values_list("search_text", flat=True) for word in text.split())
    for token in wanted:
        words = vocabulary.expand(token)
        if not words:
            return queryset.none()
        condition = Q()
        for word in words:
            condition |= (
                Q(search_text=word)
                | Q(search_text__startswith=f"{word} ")
                | Q(search_text__endswith=f" {word}")
                | Q(search_text__contains=f" {word} ")
            )
        queryset = queryset.filter(condition)
    return queryset


def record(user, kind: str, public_id):
    return fetch_visible(user, RECORD_MODELS[kind].objects.all(), public_id=public_id)


def official_panel(official) -> dict:
    """The "last known position" panel: last position, how often the person appears, the history."""
    positions = list(official.positions.select_related("organisation", "country"))
    return {"last": official.last_position, "appearances": official.appearances, "positions": positions}


def activity_by_year_and_country(user) -> dict[tuple[int, str], Counter]:
    """{(year, country): Counter(kind → count)} for agreements and meetings the user may see."""
    out: dict[tuple[int, str], Counter] = {}
    for kind, date_field in (("agreements", "signed_on"), ("meetings", "held_on")):
        model = RECORD_MODELS[kind]
        rows = (
            scoped(user, model.objects.all())
            .filter(**{f"{date_field}__isnull": False})
            .values_list(date_field, "countries__code")
        )
        for day, country in rows:
            if country:
                out.setdefault((day.year, country), Counter())[kind] += 1
    return out
