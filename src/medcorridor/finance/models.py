"""Payers, their programmes and fiscal-year budgets; commitments of approved funding shares against a
budget; the treating clinic's invoices and the payments made on them.

Money a budget is judged by is kept in the budget's currency next to the original amount, with the date
of the exchange rate used (``core.money.convert_with_date``), so the figures shown today are the ones
recorded when the money was committed, invoiced or paid — a later rate never rewrites history.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.cases.models import FundingShare, ReferralCase
from medcorridor.core.models import Country, Currency, PublicModel

from .enums import CommitmentStatus, InvoiceStatus, PayerKind

MONEY = {"max_digits": 18, "decimal_places": 2}


class Payer(PublicModel):
    """Who pays: a state quota or programme, an insurer, a charity, or the patient's family."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("payer kind"), max_length=16, choices=PayerKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payers",
        verbose_name=_("organisation"),
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    # Other names a coordinator may type as a funding share's payer (matched case-insensitively).
    aliases = models.JSONField(_("other names"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("payer")
        verbose_name_plural = _("payers")

    def __str__(self) -> str:
        return self.name

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class FundingProgramme(PublicModel):
    """A treatment-abroad programme of one payer, run by one ministry (the owner)."""

    payer = models.ForeignKey(Payer, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("payer"))
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="funding_programmes", verbose_name=_("ministry")
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self) -> str:
        return self.name


class Budget(PublicModel):
    """One fiscal year of a programme: the amount it may spend, in its currency, over its period."""

    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("programme")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    amount = models.DecimalField(_("budget"), **MONEY)
    currency = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+", verbose_name=_("currency"))
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))

    class Meta:
        ordering = ["-fiscal_year", "programme__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "fiscal_year"], name="one_budget_per_year")]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.programme} {self.fiscal_year}"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class Commitment(PublicModel):
    """An approved funding share charged to a budget. Released money returns to the budget."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("budget"))
    share = models.OneToOneField(FundingShare, on_delete=models.PROTECT, related_name="commitment")
    # The share's case, copied so that scoping is one indexed filter.
    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="commitments")
    amount = models.DecimalField(_("approved amount"), **MONEY)
    currency = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+", verbose_name=_("currency"))
    amount_budget = models.DecimalField(_("committed (budget currency)"), **MONEY)
    rate_date = models.DateField(_("rate date"))
    released_budget = models.DecimalField(_("released (budget currency)"), default=0, **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.ACTIVE
    )
    override_reason = models.TextField(_("reason for exceeding the budget"), blank=True)
    release_reason = models.TextField(_("reason for the release"), blank=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["budget", "status"], name="commitment_budget")]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.case} · {self.amount} {self.currency_id}"

    @property
    def net_budget(self):
        return self.amount_budget - self.released_budget


def invoice_path(instance, filename: str) -> str:
    # No client-chosen name or extension on disk: nothing uploaded can ever be served as a page.
    return f"finance/invoices/{instance.public_id}/{uuid.uuid4().hex}"


class Invoice(PublicModel):
    """The treating clinic's bill for a case after discharge, reviewed by the case's coordinator."""

    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("case"))
    issuer_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="issued_invoices", verbose_name=_("clinic")
    )
    commitment = models.ForeignKey(
        Commitment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("commitment"),
    )
    number = models.CharField(_("invoice number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    currency = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+", verbose_name=_("currency"))
    total = models.DecimalField(_("total"), **MONEY)
    # The total in the commitment's budget currency at the rate of ``issued_on`` (set once linked).
    total_budget = models.DecimalField(null=True, blank=True, **MONEY)
    budget_rate_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    note = models.TextField(_("note"), blank=True)
    pdf = models.FileField(upload_to=invoice_path, max_length=300)
    pdf_name = models.CharField(max_length=255)
    pdf_size = models.PositiveBigIntegerField()
    pdf_sha256 = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer_organisation", "number"], name="one_invoice_number_per_clinic")
        ]
        indexes = [models.Index(fields=["status", "issued_on"], name="invoice_status")]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number

    @property
    def paid_total(self):
        return sum((p.amount for p in self.payments.all()), start=0)

    @property
    def outstanding(self):
        return self.total - self.paid_total


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(_("service"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, default=1)
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return self.description


class InvoiceStatusChange(models.Model):
    """The invoice's history: every status it went through, who moved it and why."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="history")
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=12, choices=InvoiceStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=InvoiceStatus.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("invoice status change")
        verbose_name_plural = _("invoice status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class Payment(PublicModel):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments", verbose_name=_("invoice"))
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("payment reference"), max_length=100)
    amount_budget = models.DecimalField(**MONEY)
    rate_date = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.reference
