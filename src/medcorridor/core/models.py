"""Base model mixins and reference data (countries, currencies, languages, specialties, ICD-10).

Reference tables are filled by a data migration from real sources (pycountry's ISO 3166-1 / 4217 /
639 tables and their translations, the Russian MoH's МКБ-10 book, WHO ICD-10 English titles):
see ``core/reference.py`` and ``core/data/SOURCE.md``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PublicModel(models.Model):
    """Everything exposed outside carries a public UUID; integer keys stay internal."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VoidableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(voided_at__isnull=True)

    def voided(self):
        return self.filter(voided_at__isnull=False)


class VoidableModel(PublicModel):
    """Records are voided with a reason, never deleted (purge is an admin command)."""

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    objects = VoidableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    def mark_voided(self, *, by, reason: str) -> None:
        self.voided_at = timezone.now()
        self.voided_by = by
        self.void_reason = reason


class LocalisedNameMixin(models.Model):
    """Russian and English names as columns; other UI languages in ``names`` ({lang: name})."""

    name_en = models.CharField(max_length=255)
    name_ru = models.CharField(max_length=255)
    names = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.localised_name()

    def localised_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        if language == "ru":
            return self.name_ru or self.name_en
        if language == "en":
            return self.name_en
        return self.names.get(language) or self.name_en


class Country(LocalisedNameMixin):
    """ISO 3166-1 country."""

    code = models.CharField(_("ISO alpha-2"), max_length=2, primary_key=True)
    alpha3 = models.CharField(max_length=3, unique=True)
    numeric = models.CharField(max_length=3)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Currency(LocalisedNameMixin):
    """ISO 4217 currency."""

    code = models.CharField(max_length=3, primary_key=True)
    numeric = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")


class Language(LocalisedNameMixin):
    """ISO 639 language; ``code`` is the two-letter code where one exists, else the three-letter one."""

    code = models.CharField(max_length=3, primary_key=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Specialty(LocalisedNameMixin):
    """Medical specialty, after the Russian nomenclature of physicians' specialties."""

    code = models.SlugField(max_length=64, primary_key=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")


class IcdKind(models.TextChoices):
    CHAPTER = "chapter", _("chapter")
    BLOCK = "block", _("block")
    CATEGORY = "category", _("three-character category")
    SUBCATEGORY = "subcategory", _("subcategory")


class IcdCode(models.Model):
    """ICD-10 / МКБ-10 entry. ``category`` is the three-character code every entry rolls up to."""

    code = models.CharField(max_length=16, primary_key=True)
    kind = models.CharField(max_length=16, choices=IcdKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    category = models.CharField(max_length=3, blank=True, db_index=True)
    title_ru = models.TextField()
    title_en = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ICD-10 code")
        verbose_name_plural = _("ICD-10 codes")

    def __str__(self) -> str:
        return f"{self.code} {self.title()}"

    def title(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        return self.title_ru if language == "ru" or not self.title_en else self.title_en


class ExchangeRate(models.Model):
    """Units of ``currency`` per one US dollar on ``on_date`` (reference rates, e.g. a central bank's)."""

    currency = models.ForeignKey(Currency, on_delete=models.CASCADE, related_name="rates")
    on_date = models.DateField()
    units_per_usd = models.DecimalField(max_digits=20, decimal_places=6)
    source = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-on_date"]
        constraints = [models.UniqueConstraint(fields=["currency", "on_date"], name="one_rate_per_day")]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")

    def __str__(self) -> str:
        return f"{self.currency_id} {self.units_per_usd}/USD @ {self.on_date}"
