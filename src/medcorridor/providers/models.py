"""Partner directory: facilities, their departments, offers, accreditations and contacts.

A facility is operated by an organisation (kind ``clinic``); that organisation's staff edit it.
Directory data is public; nothing here is patient data. ``FacilityTerm`` holds the folded search
tokens of every name and alias (any script) and ``FacilityOfferKey`` what the facility's live offers
cover; both are kept current by ``services.reindex_facility``.
"""

from datetime import date

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.core.models import Country, Currency, Language, Specialty, VoidableModel

from .enums import AccreditationScheme, FacilityKind


class Facility(VoidableModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("operating organisation")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=FacilityKind.choices, default=FacilityKind.HOSPITAL)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_original = models.CharField(_("name in the original script"), max_length=300, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="facilities", verbose_name=_("country"))
    city = models.CharField(_("city"), max_length=120)
    # lookup.city_key(city): one value for every spelling of the city (Seoul, Сеул, 서울, Seúl).
    city_key = models.CharField(max_length=120, blank=True, editable=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    description = models.TextField(_("description"), blank=True)
    office_languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("international office languages")
    )
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        indexes = [
            models.Index(fields=["country", "city"]),
            models.Index(fields=["city_key", "country"]),
            # The list order: a page is read from the index instead of sorting every facility. Country and
            # voided_at ride along so that the selection (id, country of every live facility in list order)
            # is an index-only scan: on 5,000 facilities 0.7 ms instead of 8 ms of sorting on PostgreSQL.
            models.Index(fields=["name_en", "id", "country", "voided_at"], name="facility_list_covering"),
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        return self.name_ru if language == "ru" and self.name_ru else self.name_en

    def all_names(self) -> list[str]:
        return [n for n in (self.name_en, self.name_ru, self.name_original, *self.aliases) if n]


class FacilityTerm(models.Model):
    """One folded search token of a facility (names, aliases, city, specialties, procedures)."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "facility"], name="unique_facility_term")]

    def __str__(self) -> str:
        return self.term


class Department(VoidableModel):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="departments")
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="+", verbose_name=_("specialty"))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name_ru if (get_language() or "ru")[:2] == "ru" else self.name_en


class Offer(VoidableModel):
    """What a facility treats: a procedure for ICD-10 categories, with typical price, stay and wait."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="offers")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers")
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="offers", verbose_name=_("specialty")
    )
    procedure_en = models.CharField(_("procedure (English)"), max_length=300)
    procedure_ru = models.CharField(_("procedure (Russian)"), max_length=300)
    icd_codes = models.CharField(
        _("ICD-10 codes and ranges"),
        max_length=500,
        blank=True,
        help_text=_("Space-separated codes or ranges, e.g. C50 C18-C20"),
    )
    price_min = models.DecimalField(_("price from"), max_digits=14, decimal_places=2, null=True, blank=True)
    price_max = models.DecimalField(_("price up to"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.ForeignKey(
        Currency, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("currency")
    )
    # Prices in US dollars at the rate of the day they were entered, so that one ceiling filters all.
    price_min_usd = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True, db_index=True)
    stay_days_min = models.PositiveSmallIntegerField(_("typical stay from (days)"), null=True, blank=True)
    stay_days_max = models.PositiveSmallIntegerField(_("typical stay up to (days)"), null=True, blank=True)
    wait_days = models.PositiveSmallIntegerField(_("usual waiting time (days)"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["facility_id", "procedure_en"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            models.Index(fields=["specialty", "facility"]),
            models.Index(fields=["facility", "voided_at"]),
            # The few offers a list shows per facility, in their order, without sorting all of them.
            models.Index(
                fields=["facility", "procedure_en", "id"],
                condition=models.Q(voided_at__isnull=True),
                name="offer_live_list_order",
            ),
            # Covers the price-ceiling filter (price and facility read from the index alone).
            models.Index(
                fields=["price_min_usd", "facility"],
                condition=models.Q(voided_at__isnull=True),
                name="offer_live_price",
            ),
        ]

    def __str__(self) -> str:
        return self.procedure_ru if (get_language() or "ru")[:2] == "ru" else self.procedure_en


class OfferIcdCategory(models.Model):
    """The three-character ICD-10 categories an offer covers, expanded from its codes and ranges."""

    # Indexed by (offer, category) below instead of by offer alone: a list probes the categories of each
    # of a page's offers, and with the category in the index the probe never reads the table.
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="icd_categories", db_index=False)
    category = models.CharField(max_length=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "offer"], name="unique_offer_category")]
        indexes = [models.Index(fields=["offer", "category"], name="offer_icd_category_probe")]

    def __str__(self) -> str:
        return self.category


class FacilityOfferKey(models.Model):
    """Search look-up row: for each (ICD-10 category, specialty) the facility's live offers cover, the
    lowest of their ``price_min_usd``; ``lookup.ANY_CATEGORY`` and ``lookup.ANY_SPECIALTY`` ("") stand
    for all categories or specialties. "A live offer with category c, specialty s and price ≤ X" is
    then "the row (c, s) with ``cheapest_usd`` ≤ X", and a diagnosis, specialty or price filter, alone
    or combined, is one range of one index instead of a semi-join through 100k offers and a million
    ICD rows."""

    # No index of its own: the unique constraint, which begins with the facility, serves that look-up.
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="offer_keys", db_index=False)
    category = models.CharField(max_length=3, blank=True)
    specialty = models.CharField(max_length=64, blank=True)  # a Specialty code, or "" for any
    cheapest_usd = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facility", "category", "specialty"], name="unique_facility_offer_key")
        ]
        # Every filter combination is an equality on (category, specialty) and a range on the price.
        indexes = [models.Index(fields=["category", "specialty", "cheapest_usd", "facility"], name="offer_key_lookup")]

    def __str__(self) -> str:
        return f"{self.category or '*'}/{self.specialty or '*'}"


class Accreditation(VoidableModel):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="accreditations")
    scheme = models.CharField(_("scheme"), max_length=32, choices=AccreditationScheme.choices)
    reference = models.CharField(_("certificate or registration number"), max_length=120, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["scheme", "-valid_until"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        indexes = [models.Index(fields=["scheme", "valid_until"])]

    def __str__(self) -> str:
        return self.get_scheme_display()

    def is_valid_on(self, day: date | None = None) -> bool:
        day = day or date.today()
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_until is None or day <= self.valid_until) and not self.is_voided

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < date.today()


class Contact(VoidableModel):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    messenger = models.CharField(_("messenger"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name
