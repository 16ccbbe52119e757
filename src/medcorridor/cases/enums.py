"""Choices of the referral-case domain. Status values mirror ``workflow.State`` (the pure state table)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import workflow


class CaseStatus(models.TextChoices):
    INTAKE = workflow.State.INTAKE, _("Intake")
    OPINIONS = workflow.State.OPINIONS, _("Opinions requested")
    FUNDING = workflow.State.FUNDING, _("Funding decision")
    FUNDING_REFUSED = workflow.State.FUNDING_REFUSED, _("Funding refused")
    TRAVEL = workflow.State.TRAVEL, _("Travel")
    IN_TREATMENT = workflow.State.IN_TREATMENT, _("In treatment")
    FOLLOW_UP = workflow.State.FOLLOW_UP, _("Follow-up at home")
    ON_HOLD = workflow.State.ON_HOLD, _("On hold")
    CLOSED = workflow.State.CLOSED, _("Closed")
    CANCELLED = workflow.State.CANCELLED, _("Cancelled")


class Gender(models.TextChoices):
    """FHIR AdministrativeGender."""

    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class Priority(models.TextChoices):
    """FHIR ServiceRequest.priority."""

    ROUTINE = "routine", _("routine")
    URGENT = "urgent", _("urgent")
    ASAP = "asap", _("as soon as possible")
    STAT = "stat", _("emergency")


class ConsentScope(models.TextChoices):
    PROCESSING = "processing", _("Processing in the home country only")
    ABROAD = "abroad", _("Processing and sending to partner clinics abroad")


class DocumentCategory(models.TextChoices):
    """FHIR DocumentReference.category (local codes)."""

    REFERRAL = "referral", _("Referral letter")
    IMAGING = "imaging", _("Imaging")
    LAB = "lab", _("Laboratory results")
    CLINICAL = "clinical", _("Clinical notes")
    IDENTITY = "identity", _("Identity document")
    INVITATION = "invitation", _("Visa invitation letter")
    DISCHARGE = "discharge", _("Discharge summary")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    """Status of an opinion request (FHIR Task.status subset)."""

    REQUESTED = "requested", _("Awaiting answer")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("opinion request", "Withdrawn")


class PayerKind(models.TextChoices):
    STATE_QUOTA = "state_quota", _("State quota or programme")
    INSURER = "insurer", _("Insurer")
    SELF_PAY = "self_pay", _("Self-pay")
    CHARITY = "charity", _("Charity")


class FundingOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class TaskKind(models.TextChoices):
    """Follow-up work at home (FHIR Task.code, local codes)."""

    FOLLOW_UP = "follow_up", _("Follow-up visit or test")
    OUTCOME_30 = "outcome_30", _("Outcome at 30 days")
    OUTCOME_90 = "outcome_90", _("Outcome at 90 days")


class OutcomeCode(models.TextChoices):
    RECOVERED = "recovered", _("Recovered")
    IMPROVED = "improved", _("Improved")
    UNCHANGED = "unchanged", _("Unchanged")
    WORSE = "worse", _("Worse")
    DIED = "died", _("Died")
    LOST = "lost", _("Lost to follow-up")
