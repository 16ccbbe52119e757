"""Reads of the transplant service, always through ``accounts.scoping``.

Every rule: the record's centre is one where the user is a transplant coordinator, or the user is
an auditor. Patients, donors and everything naming them are patient records (reads are logged).
"""

from django.db.models import Count, Q

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import fetch_visible, scope_rule, scoped

from .enums import EntryStatus, ExchangeStatus
from .models import (
    ExchangeArc,
    ExchangePool,
    FollowUp,
    LivingDonor,
    MatchRun,
    PoolEntry,
    ProposedExchange,
    Recipient,
    RecipientStatusChange,
    Transplant,
)


def _centre_rule(path: str):
    def rule(scope) -> Q:
        if scope.is_auditor:
            return Q()
        return Q(**{f"{path}__in": scope.organisations_with(Role.TRANSPLANT_COORDINATOR)})

    return rule


for _model, _path, _patient in (
    (Recipient, "centre", True),
    (RecipientStatusChange, "recipient__centre", True),
    (LivingDonor, "centre", True),
    (Transplant, "centre", True),
    (FollowUp, "centre", True),
    (ExchangePool, "centre", True),
    (PoolEntry, "pool__centre", True),
    (MatchRun, "pool__centre", True),
    (ProposedExchange, "run__pool__centre", True),
    (ExchangeArc, "exchange__run__pool__centre", True),
):
    scope_rule(_model, patient_record=_patient)(_centre_rule(_path))


def recipients(user, *, organ: str | None = None, status: str | None = None, q: str = ""):
    queryset = scoped(user, Recipient.objects.active().select_related("centre"))
    if organ:
        queryset = queryset.filter(organ=organ)
    if status:
        queryset = queryset.filter(status=status)
    if q:
        queryset = queryset.filter(Q(full_name__icontains=q) | Q(medical_record_number__icontains=q))
    return queryset.annotate(donor_count=Count("donors", filter=Q(donors__voided_at__isnull=True)))


def recipient(user, public_id, *, channel: str = "web") -> Recipient:
    return fetch_visible(
        user, Recipient.objects.select_related("centre", "facility"), public_id=public_id, channel=channel
    )


def donor(user, public_id, *, channel: str = "web") -> LivingDonor:
    return fetch_visible(
        user, LivingDonor.objects.select_related("centre", "recipient"), public_id=public_id, channel=channel
    )


def donors(user):
    return scoped(user, LivingDonor.objects.active().select_related("recipient"))


def pools(user):
    return scoped(user, ExchangePool.objects.select_related("centre")).annotate(
        active_entries=Count("entries", filter=Q(entries__status=EntryStatus.ACTIVE, entries__voided_at__isnull=True))
    )


def pool(user, public_id, *, channel: str = "web") -> ExchangePool:
    return fetch_visible(user, ExchangePool.objects.select_related("centre"), public_id=public_id, channel=channel)


def pool_entries(user, pool_obj):
    return scoped(
        user,
        pool_obj.entries.active().select_related("recipient", "donor", "partner_organisation", "partner_country"),
    )


def match_run(user, public_id, *, channel: str = "web") -> MatchRun:
    return fetch_visible(
        user, MatchRun.objects.select_related("pool", "previous"), public_id=public_id, channel=channel
    )


def exchanges_of(user, run):
    return scoped(user, run.exchanges.prefetch_related("arcs__donor_entry", "arcs__recipient_entry"))


def exchange_arc(user, public_id, *, channel: str = "web") -> ExchangeArc:
    return fetch_visible(
        user, ExchangeArc.objects.select_related("exchange__run__pool"), public_id=public_id, channel=channel
    )


def live_exchanges(pool_obj):
    return ProposedExchange.objects.filter(
        run__pool=pool_obj, status__in=[ExchangeStatus.PROPOSED, ExchangeStatus.CONFIRMED]
    )


def follow_ups(user, *, overdue_only: bool = False, subject: str | None = None):
    from datetime import date

    queryset = scoped(user, FollowUp.objects.active().select_related("recipient", "donor", "transplant"))
    if subject:
        queryset = queryset.filter(subject=subject)
    if overdue_only:
        queryset = queryset.filter(done_on__isnull=True, due_on__lt=date.today())
    return queryset


def follow_up(user, public_id, *, channel: str = "web") -> FollowUp:
    return fetch_visible(
        user, FollowUp.objects.select_related("recipient", "donor"), public_id=public_id, channel=channel
    )
