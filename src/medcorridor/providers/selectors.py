"""Reads of the partner directory: public, scoped through accounts.scoping like every read.

Search resolves the free text and the diagnosis to sets (facility terms, ICD-10 categories) with
in-memory vocabularies, then filters facilities with indexed look-ups (``FacilityTerm`` for words,
``FacilityOfferKey`` for specialty, diagnosis and price). The number of SQL queries per request is
fixed (it does not grow with the page size): the selection, the page, one per relation shown.
See docs/directory.md.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Upper

from medcorridor.accounts.scoping import fetch_visible, scope_of, scope_rule, scoped
from medcorridor.core.models import IcdCode
from medcorridor.core.reference import DATA_DIR
from medcorridor.core.textsearch import Vocabulary, fold, tokens

from .lookup import ANY_CATEGORY, ANY_SPECIALTY, city_key
from .models import Accreditation, Department, Facility, FacilityOfferKey, FacilityTerm, Offer, OfferIcdCategory

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
OFFERS_IN_LIST = 5
UNLISTED_COLUMNS = ("created_at", "updated_at", "voided_by", "void_reason")


@scope_rule(Facility)
def facilities_are_public(scope) -> Q:
    # Voided facilities stay visible to administrators only (for audit and un-voiding).
    return Q() if scope.is_administrator or scope.is_auditor else Q(voided_at__isnull=True)


@scope_rule(Offer)
def offers_are_public(scope) -> Q:
    return Q() if scope.is_administrator else Q(voided_at__isnull=True)


@scope_rule(Department)
def departments_are_public(scope) -> Q:
    return Q() if scope.is_administrator else Q(voided_at__isnull=True, facility__voided_at__isnull=True)


@dataclass
class DirectoryQuery:
    q: str = ""
    country: str = ""
    city: str = ""
    specialty: str = ""
    icd: str = ""
    language: str = ""
    accreditation: str = ""
    price_max_usd: Decimal | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass
class DirectoryPage:
    facilities: list[Facility]
    total: int
    page: int
    page_size: int
    icd_categories: list[str] = field(default_factory=list)
    by_country: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


# --- vocabularies, rebuilt when the directory changes ------------------------------------------------


def _terms_version() -> int | None:
    # Every new word arrives as a new row with a higher id, so the highest id versions the vocabulary.
    # Rows deleted by reindexing may linger in the cached vocabulary; they then match no facility.
    return FacilityTerm.objects.order_by("-id").values_list("id", flat=True).first()


_term_vocabulary: dict[tuple, Vocabulary] = {}


def term_vocabulary() -> Vocabulary:
    version = _terms_version()
    if version not in _term_vocabulary:
        _term_vocabulary.clear()
        _term_vocabulary[version] = Vocabulary(FacilityTerm.objects.values_list("term", flat=True).distinct())
    return _term_vocabulary[version]


@lru_cache(maxsize=1)
def icd_index() -> tuple[Vocabulary, dict[str, set[str]]]:
    """Folded words of every ICD-10 title (Russian and English) -> the categories they appear in."""
    by_word: dict[str, set[str]] = {}
    rows = IcdCode.objects.exclude(category="").values_list("category", "title_ru", "title_en")
    for category, title_ru, title_en in rows.iterator():
        for word in tokens(f"{title_ru} {title_en}", min_length=3):
            by_word.setdefault(word, set()).add(category)
    return Vocabulary(by_word), by_word


@lru_cache(maxsize=1)
def icd_synonyms() -> list[tuple[re.Pattern, str]]:
    with (DATA_DIR / "icd_synonyms.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(re.compile(rf"\b{re.escape(r['word'])}\b", re.IGNORECASE), r["meaning"]) for r in rows]


def with_clinical_words(text: str) -> str:
    """Everyday words ("рак", "cancer") replaced by the words ICD-10 titles use."""
    for pattern, meaning in icd_synonyms():
        text = pattern.sub(meaning, text)
    return text


def _looks_like_code(text: str) -> bool:
    head = text.upper().replace(" ", "")[:3]
    return len(head) == 3 and head[0].isalpha() and head[1:].isdigit()


def _categories_matching_words(text: str) -> set[str]:
    vocabulary, by_word = icd_index()
    matched: set[str] | None = None
    for word in tokens(with_clinical_words(text), min_length=3):
        categories = set().union(*(by_word[w] for w in vocabulary.expand(word)))
        matched = categories if matched is None else matched & categories
    return matched or set()


def icd_lookup(text: str, *, limit: int = 20) -> list[dict]:
    """ICD-10 entries for a code prefix or the words of a title, best first."""
    text = text.strip()
    if not text:
        return []
    fields = ("code", "title_ru", "title_en")
    if _looks_like_code(text):
        prefix = text.upper().replace(" ", "")
        return list(IcdCode.objects.filter(code__startswith=prefix).order_by("code").values(*fields)[:limit])
    categories = _categories_matching_words(text)
    rows = IcdCode.objects.filter(code__in=categories).order_by("code").values(*fields)
    return list(rows[:limit])


def icd_categories_for(text: str) -> list[str]:
    """ICD-10 categories a diagnosis filter means: a code ("C50", "c50.1") or words of a title."""
    text = text.strip()
    if not text:
        return []
    if _looks_like_code(text):
        return [text.upper().replace(" ", "")[:3]]
    return sorted(_categories_matching_words(text))


def facility_ids_for_text(text: str) -> QuerySet | None:
    """Facilities whose terms match every word of ``text`` (each word by spelling, prefix or typo)."""
    words = tokens(text)
    if not words:
        return None
    vocabulary = term_vocabulary()
    matching = Facility.objects.all()
    for word in words:
        candidates = vocabulary.expand(word) or {word}
        # Uncorrelated IN subqueries: the database reads the term index once per word, not per facility.
        matching = matching.filter(pk__in=FacilityTerm.objects.filter(term__in=candidates).values("facility_id"))
    return matching.values("pk")


# --- the search ---------------------------------------------------------------------------------------


def _offer_filter(query: DirectoryQuery, categories: list[str]) -> Q:
    """The offers a facility shows in a list: live ones meeting the offer filters."""
    condition = Q(voided_at__isnull=True)
    if query.specialty:
        condition &= Q(specialty_id=query.specialty)
    if categories:
        # Correlated: only the page's offers are probed, each through the offer index of its few rows.
        # The category is compared as Upper(category) (codes are upper case) so that no planner probes the
        # (category, offer) index once per category instead: 20 categories («инфаркт») x 2,000 offers.
        probe = OfferIcdCategory.objects.annotate(code=Upper("category"))
        condition &= Q(Exists(probe.filter(offer=OuterRef("pk"), code__in=categories)))
    if query.price_max_usd is not None:
        condition &= Q(price_min_usd__lte=query.price_max_usd)
    return condition


def _facilities_with_offers(query: DirectoryQuery, categories: list[str]) -> QuerySet | None:
    """Ids of the facilities with a live offer meeting the offer filters, from one range of the
    ``FacilityOfferKey`` index; None when the query has no offer filter."""
    if not (query.specialty or categories or query.price_max_usd is not None):
        return None
    keys = FacilityOfferKey.objects.filter(
        category__in=categories or [ANY_CATEGORY], specialty=query.specialty or ANY_SPECIALTY
    )
    if query.price_max_usd is not None:
        keys = keys.filter(cheapest_usd__lte=query.price_max_usd)
    return keys.values("facility_id")


@dataclass
class Selection:
    """The facilities a query selects, in list order, before a page of them is read.

    The filters are evaluated once: one query returns (id, country) of every selected facility in list
    order, and the total, the counts by country and the page all come from it. A separate COUNT and
    page query would each evaluate the filters again (the heaviest part of a broad diagnosis search)."""

    ordered: list[tuple[int, str]]
    offer_condition: Q
    categories: list[str]
    page: int
    page_size: int

    @property
    def total(self) -> int:
        return len(self.ordered)

    @property
    def by_country(self) -> dict[str, int]:
        return dict(Counter(country for _pk, country in self.ordered))

    @property
    def page_ids(self) -> list[int]:
        start = (self.page - 1) * self.page_size
        return [pk for pk, _country in self.ordered[start : start + self.page_size]]


def in_order(rows: list, ids: list[int], key) -> list:
    """``rows`` (read with ``pk IN ids``) sorted as ``ids``."""
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(rows, key=lambda row: position[key(row)])


def select_facilities(user, query: DirectoryQuery) -> Selection | None:
    """Apply every filter of ``query``; None when the diagnosis matches no ICD-10 category."""
    facilities = scoped(user, Facility.objects.all())
    categories = icd_categories_for(query.icd) if query.icd else []
    if query.icd and not categories:
        return None
    if query.country:
        facilities = facilities.filter(country_id=query.country.upper())
    if query.city:
        facilities = facilities.filter(city_key=city_key(query.city))
    if query.language:
        facilities = facilities.filter(office_languages__code=query.language)
    if query.accreditation:
        facilities = facilities.filter(
            pk__in=Accreditation.objects.filter(scheme=query.accreditation, voided_at__isnull=True)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=date.today()))
            .values("facility_id")
        )
    matched = facility_ids_for_text(query.q) if query.q.strip() else None
    if matched is not None:
        facilities = facilities.filter(pk__in=matched)
    with_offers = _facilities_with_offers(query, categories)
    if with_offers is not None:
        facilities = facilities.filter(pk__in=with_offers)
    ordered = list(facilities.order_by("name_en", "pk").values_list("pk", "country_id"))
    page_size = min(max(1, query.page_size), MAX_PAGE_SIZE)
    return Selection(ordered, _offer_filter(query, categories), categories, max(1, query.page), page_size)


def search_facilities(user, query: DirectoryQuery) -> DirectoryPage:
    """A page of facilities as model objects, with their matching offers (for the web pages)."""
    selection = select_facilities(user, query)
    if selection is None:
        return DirectoryPage([], 0, query.page, query.page_size)
    ids = selection.page_ids
    rows = list(_with_details(Facility.objects.filter(pk__in=ids), selection.offer_condition))
    page = in_order(rows, ids, attrgetter("pk"))
    return DirectoryPage(
        page, selection.total, selection.page, selection.page_size, selection.categories, selection.by_country
    )


def _with_details(facilities: QuerySet, offer_condition: Q) -> QuerySet:
    # A list shows a few matching offers per facility (the facility page has them all), so a page of
    # 100 facilities stays a page of at most 500 offers.
    # Columns a list never shows are left in the database: building rows is most of a page's cost.
    offers = (
        Offer.objects.filter(offer_condition)
        .select_related("specialty")
        .defer(*UNLISTED_COLUMNS, "department", "price_min_usd")
        .order_by("procedure_en", "pk")
    )
    return (
        facilities.select_related("country")
        .defer(*UNLISTED_COLUMNS, "description", "address")
        .prefetch_related(
            Prefetch("offers", queryset=offers[:OFFERS_IN_LIST], to_attr="matching_offers"),
            Prefetch(
                "accreditations",
                queryset=Accreditation.objects.filter(voided_at__isnull=True),
                to_attr="current_accreditations",
            ),
            "office_languages",
        )
    )


def facility_detail(user, public_id) -> Facility:
    queryset = Facility.objects.select_related("country", "organisation").prefetch_related(
        Prefetch(
            "offers",
            queryset=Offer.objects.filter(voided_at__isnull=True).select_related("specialty", "currency", "department"),
            to_attr="active_offers",
        ),
        Prefetch(
            "accreditations",
            queryset=Accreditation.objects.filter(voided_at__isnull=True),
            to_attr="current_accreditations",
        ),
        "office_languages",
        Prefetch("departments", queryset=Department.objects.filter(voided_at__isnull=True).select_related("specialty")),
        "contacts",
    )
    return fetch_visible(user, queryset, public_id=public_id)


def facility(user, public_id) -> Facility:
    """One facility the user may see, without the relations ``facility_detail`` reads for its page."""
    return fetch_visible(user, Facility.objects.select_related("organisation"), public_id=public_id)


def departments_of(user, facility: Facility) -> list[Department]:
    """The facility's departments the user may see (administrators also see voided ones)."""
    return list(scoped(user, facility.departments.select_related("specialty")).order_by("name_en", "pk"))


def department(user, public_id) -> Department:
    queryset = Department.objects.select_related("facility__organisation", "specialty")
    return fetch_visible(user, queryset, public_id=public_id)


def cities(country: str | None = None) -> list[str]:
    facilities = Facility.objects.filter(voided_at__isnull=True)
    if country:
        facilities = facilities.filter(country_id=country)
    return sorted(set(facilities.values_list("city", flat=True)))


def can_see_contacts(user) -> bool:
    """Contacts of international offices are for signed-in partners, not the public."""
    return not scope_of(user).is_anonymous


__all__ = [
    "DirectoryQuery",
    "DirectoryPage",
    "search_facilities",
    "facility_detail",
    "icd_categories_for",
    "fold",
    "cities",
    "can_see_contacts",
]
