"""The main menu. Entries whose URL is not installed are skipped, so a domain appears when it lands."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str
    needs_login: bool = True


MAIN_MENU = (
    NavEntry("providers:search", _("Partner directory"), needs_login=False),
    NavEntry("cases:list", _("Referral cases")),
    NavEntry("cases:inbox", _("Clinic inbox")),
    NavEntry("cooperation:home", _("Cooperation registry"), needs_login=False),
    NavEntry("ingest:queue", _("Review queue")),
    NavEntry("transplant:home", _("Transplant service")),
    NavEntry("analytics:home", _("Analytics")),
    NavEntry("finance:home", _("Finance")),
)


def visible_entries(user) -> list[dict]:
    entries = []
    for entry in MAIN_MENU:
        if entry.needs_login and not user.is_authenticated:
            continue
        try:
            entries.append({"url": reverse(entry.url_name), "label": entry.label, "name": entry.url_name})
        except NoReverseMatch:
            continue
    return entries
