"""Choices of the finance domain. Payer kinds are the cases' own (a funding share names one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medcorridor.cases.enums import PayerKind

__all__ = ["CommitmentStatus", "InvoiceStatus", "PayerKind"]


class CommitmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RELEASED = "released", _("Released")


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    DISPUTED = "disputed", _("Disputed")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    WITHDRAWN = "withdrawn", pgettext_lazy("invoice", "Withdrawn")


# An invoice in these states counts as invoiced against its budget; a disputed or withdrawn one does not.
INVOICED_STATES = (InvoiceStatus.SUBMITTED, InvoiceStatus.APPROVED, InvoiceStatus.PARTLY_PAID, InvoiceStatus.PAID)
PAYABLE_STATES = (InvoiceStatus.APPROVED, InvoiceStatus.PARTLY_PAID)
