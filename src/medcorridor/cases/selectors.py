"""Reads of cases, always through ``accounts.scoping``.

Coordinators see the cases of their ministry; clinic staff see only the cases sent to their facility's
organisation, only the documents shared with them (or written by them) and only the timeline lines
that concern them; auditors read everything; administrators read no patient records. Every read of a
patient's record writes an access-log row (``fetch_visible`` for one record; ``log_list`` for lists).
"""

from collections.abc import Callable

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import Scope, fetch_visible, scope_of, scope_rule, scoped
from medcorridor.audit.services import record_access_many

from . import workflow
from .enums import RequestStatus
from .models import (
    CaseEvent,
    Document,
    Encounter,
    FollowUpTask,
    FundingDecision,
    OpinionRequest,
    Patient,
    ReferralCase,
    TravelPlan,
)

NOTHING = Q(pk__in=[])


def _clinic_cases(clinics: list[int]):
    return (
        OpinionRequest.objects.filter(performer_organisation__in=clinics)
        .exclude(status=RequestStatus.WITHDRAWN)
        .values("case_id")
    )


def _by_role(scope: Scope, *, owner: str, clinic: Callable[[list[int]], Q] | None = None) -> Q:
    """Auditors: everything. Coordinators: rows whose ``owner`` lookup is their ministry. Clinic staff:
    what ``clinic`` (given their organisations) lets through. Everyone else: nothing."""
    if scope.is_auditor:
        return Q()
    q = NOTHING
    owners = scope.organisations_with(Role.NATIONAL_COORDINATOR)
    if owners:
        q |= Q(**{f"{owner}__in": owners})
    clinics = scope.organisations_with(Role.CLINIC_STAFF)
    if clinics and clinic is not None:
        q |= clinic(clinics)
    return q


def _shared_documents(clinics: list[int]) -> Q:
    shared = OpinionRequest.documents.through.objects.filter(opinionrequest__performer_organisation__in=clinics).values(
        "document_id"
    )
    # Once the clinic treats the patient it also sees the identity papers and the invitation.
    treating = Q(case__selected_request__performer_organisation__in=clinics, category__in=["identity", "invitation"])
    return Q(pk__in=shared) | Q(author_organisation__in=clinics) | treating


def _treating(clinics: list[int]) -> Q:
    return Q(case__selected_request__performer_organisation__in=clinics)


scope_rule(ReferralCase, patient_record=True)(
    lambda scope: _by_role(scope, owner="owner_organisation", clinic=lambda c: Q(pk__in=_clinic_cases(c)))
)
scope_rule(Patient, patient_record=True)(
    lambda scope: _by_role(
        scope,
        owner="managing_organisation",
        clinic=lambda c: Q(pk__in=ReferralCase.objects.filter(pk__in=_clinic_cases(c)).values("patient_id")),
    )
)
scope_rule(Document, patient_record=True)(
    lambda scope: _by_role(scope, owner="case__owner_organisation", clinic=_shared_documents)
)
scope_rule(OpinionRequest)(
    lambda scope: _by_role(scope, owner="case__owner_organisation", clinic=lambda c: Q(performer_organisation__in=c))
)
# Timeline lines about one clinic carry its organisation; other clinics never see them.
scope_rule(CaseEvent)(
    lambda scope: _by_role(scope, owner="case__owner_organisation", clinic=lambda c: Q(organisation__in=c))
)
for _model in (TravelPlan, Encounter):
    scope_rule(_model)(lambda scope: _by_role(scope, owner="case__owner_organisation", clinic=_treating))
for _model in (FundingDecision, FollowUpTask):
    scope_rule(_model)(lambda scope: _by_role(scope, owner="case__owner_organisation"))


# --- reads -----------------------------------------------------------------------------------------


def log_list(user, rows, *, purpose: str = "list", channel: str = "web") -> None:
    """One access-log row per patient record shown in a list, written in one insert."""
    record_access_many(
        actor=user,
        targets=[("cases.referralcase", str(row.public_id)) for row in rows],
        purpose=purpose,
        channel=channel,
        organisation_label=",".join(str(o) for o in scope_of(user).organisation_ids),
    )


def case_list(user, *, status: str = "", overdue: bool = False, q: str = "", priority: str = "", facility: str = ""):
    queryset = scoped(user, ReferralCase.objects.all()).select_related("patient", "condition_code")
    if status == "open":
        queryset = queryset.filter(status__in=workflow.OPEN_STATES)
    elif status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(next_deadline__lt=timezone.localdate(), status__in=workflow.ACTIVE_STATES)
    if priority:
        queryset = queryset.filter(priority=priority)
    if facility:
        queryset = queryset.filter(opinion_requests__facility__public_id=facility).distinct()
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(reference__icontains=q)
            | Q(patient__family_name__icontains=q)
            | Q(patient__family_name_latin__icontains=q)
            | Q(condition_code__code__istartswith=q)
        )
    return queryset.order_by("-created_at", "-id")


def get_case(user, public_id, *, purpose: str = "view", channel: str = "web") -> ReferralCase:
    cases = ReferralCase.objects.select_related(
        "patient",
        "patient__citizenship",
        "condition_code",
        "requested_specialty",
        "owner_organisation",
        "budget_currency",
        "selected_request",
        "selected_request__facility",
        "coordinator",
    )
    return fetch_visible(user, cases, purpose=purpose, channel=channel, public_id=public_id)


def get_case_for_page(user, public_id) -> ReferralCase:
    """``get_case``, the case also telling for each section of its page (``has_<section>``) whether the
    user may see anything in it. The flags ride on the case's own query, so that the page reads only
    the sections it shows: a case early in its journey has none of them, and each read is a query."""
    flags = {
        f"has_{name}": Exists(scoped(user, rows().filter(case=OuterRef("pk"))))
        for name, (rows, _read, _empty) in PAGE_SECTIONS.items()
    }
    # Only what the page shows is joined: compiling each join costs more than running it.
    cases = ReferralCase.objects.select_related(
        "patient", "patient__citizenship", "condition_code", "requested_specialty"
    )
    return fetch_visible(user, cases.annotate(**flags), public_id=public_id)


def page_sections(user, case) -> dict:
    """The sections of the case page, read only where ``get_case_for_page`` found something to show."""
    return {
        name: read(user, case) if getattr(case, f"has_{name}") else empty
        for name, (_rows, read, empty) in PAGE_SECTIONS.items()
    }


def timeline(user, case):
    return scoped(user, case.events.all()).select_related("actor").order_by("occurred_at", "id")


def documents(user, case):
    return scoped(user, case.documents.active()).order_by("created_at", "id")


def get_document(user, public_id, *, channel: str = "web") -> Document:
    return fetch_visible(
        user,
        Document.objects.active().select_related("case"),
        purpose="download",
        channel=channel,
        public_id=public_id,
    )


def opinion_requests(user, case):
    return (
        scoped(user, case.opinion_requests.all())
        .select_related("facility", "facility__country", "estimate_currency")
        .annotate(document_count=Count("documents"))  # the page shows it per request: one query, not one each
        .order_by("created_at", "id")
    )


def get_request(user, public_id, *, channel: str = "web") -> OpinionRequest:
    return fetch_visible(
        user, OpinionRequest.objects.select_related("case", "facility"), public_id=public_id, channel=channel
    )


def inbox(user, *, status: str = "", overdue: bool = False):
    """Opinion requests sent to the user's clinic organisations (not those of other clinics)."""
    clinics = scope_of(user).organisations_with(Role.CLINIC_STAFF)
    queryset = (
        OpinionRequest.objects.filter(performer_organisation__in=clinics)
        .exclude(status=RequestStatus.WITHDRAWN)
        .select_related("case", "case__patient", "case__condition_code", "facility", "case__owner_organisation")
    )
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.filter(status=RequestStatus.REQUESTED, due_date__lt=timezone.localdate())
    return queryset.order_by("due_date", "id")


def funding_decisions(user, case):
    return scoped(user, case.funding_decisions.all()).prefetch_related("shares", "shares__currency")


def tasks(user, case):
    return scoped(user, case.tasks.all())


def travel(user, case):
    return scoped(user, TravelPlan.objects.filter(case=case)).select_related("invitation").first()


def encounter(user, case):
    return scoped(user, Encounter.objects.filter(case=case)).select_related("discharge_summary", "facility").first()


# The case page's sections other than the timeline (every case has one): the rows behind each (for the
# flag), how the page reads it, and what it shows when there is nothing.
PAGE_SECTIONS: dict[str, tuple[Callable, Callable, object]] = {
    "requests": (OpinionRequest.objects.all, lambda user, case: list(opinion_requests(user, case)), ()),
    "documents": (Document.objects.active, lambda user, case: list(documents(user, case)), ()),
    "decisions": (FundingDecision.objects.all, lambda user, case: list(funding_decisions(user, case)), ()),
    "tasks": (FollowUpTask.objects.all, lambda user, case: list(tasks(user, case)), ()),
    "travel": (TravelPlan.objects.all, travel, None),
    "encounter": (Encounter.objects.all, encounter, None),
}


WORK_ROWS = 5  # the deadlines a home page lists; the list pages hold the rest


def my_work(user) -> dict:
    """What waits for the user today, for the home page: a coordinator's open cases by step with the
    nearest deadlines, a clinic's requests waiting for its answer. The rows shown are logged like a list."""
    work: dict = {}
    if scope_of(user).organisations_with(Role.NATIONAL_COORDINATOR):
        open_cases = case_list(user, status="open")
        counts = dict(open_cases.order_by().values_list("status").annotate(n=Count("id")))
        work["steps"] = [(state, counts.get(state, 0)) for state in workflow.OPEN_STATES]
        work["overdue_cases"] = case_list(user, overdue=True).count()
        work["deadlines"] = list(
            open_cases.filter(next_deadline__isnull=False).order_by("next_deadline", "id")[:WORK_ROWS]
        )
        log_list(user, work["deadlines"], purpose="home")
    if scope_of(user).organisations_with(Role.CLINIC_STAFF):
        waiting = inbox(user, status=RequestStatus.REQUESTED)
        work["waiting_requests"] = waiting.count()
        work["overdue_requests"] = inbox(user, overdue=True).count()
        work["requests"] = list(waiting[:WORK_ROWS])
        log_list(user, [request.case for request in work["requests"]], purpose="home")
    return work
