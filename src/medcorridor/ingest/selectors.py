"""Reads of the review queue: reviewers (coordinators, administrators) and auditors only."""

from django.db.models import Q

from medcorridor.accounts.enums import Role
from medcorridor.accounts.scoping import fetch_visible, scope_rule, scoped

from .enums import ReviewStatus
from .models import ITEM_MODELS, Article, ReviewItem, Source


def _reviewers(scope) -> Q:
    if scope.is_administrator or scope.is_auditor or scope.has_role(Role.NATIONAL_COORDINATOR):
        return Q()
    return Q(pk__in=[])


scope_rule(Article)(_reviewers)
scope_rule(ReviewItem)(_reviewers)
scope_rule(Source)(_reviewers)


def queue(user, *, status: str = ReviewStatus.PENDING):
    queryset = scoped(user, ReviewItem.objects.select_related("article", "article__source", "reviewed_by"))
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-article__published_on", "-created_at")


def item(user, public_id) -> ReviewItem:
    return fetch_visible(user, ReviewItem.objects.select_related("article", "meeting"), public_id=public_id)


def counts(user) -> dict[str, int]:
    queryset = scoped(user, ReviewItem.objects.all())
    return {status: queryset.filter(status=status).count() for status in ReviewStatus.values}


def accepted_records(item: ReviewItem) -> list:
    """The programmes, missions, donations and projects an accepted item wrote (registry records)."""
    return [record for record in map(record_of, item.records) if record is not None]


def record_of(entry: dict):
    """The registry record one entry of ``ReviewItem.records`` names (None once deleted)."""
    model = ITEM_MODELS.get(entry.get("kind"))
    return model.objects.filter(public_id=entry.get("id")).first() if model else None
