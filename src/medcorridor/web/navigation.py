"""The main menu. Entries whose URL is not installed are skipped, so a domain appears when it lands;
an entry whose service the user may not use is not offered (its screens would answer 403). Each gate
is the predicate the service's own views check, so the menu and the screens cannot disagree; the
predicates read the per-request cached scope, so the menu adds no queries."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from medcorridor.analytics.permissions import can_view as can_view_analytics
from medcorridor.finance.permissions import can_use_finance
from medcorridor.ingest.permissions import can_see_queue
from medcorridor.transplant.permissions import can_use_service as can_use_transplant_service


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    needs_login: bool = True
    may_use: Callable[[object], bool] | None = None  # the service's own gate, where it has one


MAIN_MENU = (
    NavEntry("providers:search", _("Partner directory"), needs_login=False),
    NavEntry("cases:list", _("Referral cases")),
    NavEntry("cases:inbox", _("Clinic inbox")),
    NavEntry("cooperation:home", _("Cooperation registry"), needs_login=False),
    NavEntry("ingest:queue", _("Review queue"), may_use=can_see_queue),
    NavEntry("transplant:home", _("Transplant service"), may_use=can_use_transplant_service),
    NavEntry("analytics:home", _("Analytics"), may_use=can_view_analytics),
    NavEntry("finance:home", _("Finance"), may_use=can_use_finance),
)


def visible_entries(user) -> list[dict]:
    entries = []
    for entry in MAIN_MENU:
        if entry.needs_login and not user.is_authenticated:
            continue
        if entry.may_use is not None and not entry.may_use(user):
            continue
        try:
            entries.append({"url": reverse(entry.url_name), "label": entry.label, "name": entry.url_name})
        except NoReverseMatch:
            continue
    return entries
