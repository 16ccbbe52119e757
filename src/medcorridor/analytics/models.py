"""Rollup tables the dashboards read, kept current from the case timeline (``cases.CaseEvent``).

Analytics sits above cases and cooperation, so those domains cannot call it. Instead
``services.refresh`` reads the timeline from a watermark (``RefreshState.last_event_id``): every case
with a newer event gets its ``CaseFact`` (one row per case, the facts the rollups need) recomputed
from the case's current state, and the change (old fact out, new fact in) is applied to each rollup
row it touches. Recomputing a fact is idempotent, so a case seen twice is harmless.

Every rollup row carries the scoping dimensions (``origin_country``, ``destination_country``,
``facility_organisation``) so that one indexed filter narrows it to what a user may see. ``key``
joins the dimensions into one unique string: the delta update finds rows with ``key IN (...)``.
Nothing here is a patient record: no names, no case references, only counts and sums.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.cases.models import ReferralCase
from medcorridor.cooperation.models import Agreement
from medcorridor.providers.models import Facility


class RefreshState(models.Model):
    """The watermark: the last timeline event folded into the rollups (one row, ``name="default"``)."""

    name = models.CharField(max_length=32, unique=True, default="default")
    last_event_id = models.BigIntegerField(default=0)
    cooperation_stamp = models.CharField(max_length=200, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    cases_processed = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("rollup watermark")
        verbose_name_plural = _("rollup watermarks")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_event_id}"


class CaseFact(models.Model):
    """One referral case reduced to what the dashboards count (no personal data)."""

    case = models.OneToOneField(ReferralCase, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # first day of the intake month
    origin_country = models.CharField(max_length=2)
    destination_country = models.CharField(max_length=2, blank=True)
    facility = models.ForeignKey(Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    facility_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20)
    specialty = models.CharField(max_length=64, blank=True)
    icd_chapter = models.CharField(max_length=8, blank=True)
    payer_kind = models.CharField(max_length=16, blank=True)
    estimate_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    approved_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    approved_by_kind = models.JSONField(default=dict, blank=True)
    intake_on = models.DateField()
    admitted_on = models.DateField(null=True, blank=True)
    days_to_admission = models.IntegerField(null=True, blank=True)
    outcome_30 = models.CharField(max_length=12, blank=True)
    outcome_90 = models.CharField(max_length=12, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["origin_country", "month"], name="fact_origin_month"),
            models.Index(fields=["facility", "admitted_on"], name="fact_facility_admitted"),
        ]
        verbose_name = _("case fact")
        verbose_name_plural = _("case facts")

    def __str__(self) -> str:
        return f"case {self.case_id}: {self.origin_country} → {self.destination_country or '?'}"


class RollupBase(models.Model):
    key = models.CharField(max_length=255, unique=True)
    month = models.DateField()
    origin_country = models.CharField(max_length=2)
    destination_country = models.CharField(max_length=2, blank=True)
    facility_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cases = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.key}: {self.cases}"


class FlowRollup(RollupBase):
    """Cases by intake month, origin → destination → facility, and current status."""

    facility = models.ForeignKey(Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["month", "origin_country"], name="flow_month_origin")]
        verbose_name = _("patient-flow rollup")
        verbose_name_plural = _("patient-flow rollups")


class CostRollup(RollupBase):
    """Estimated and approved amounts in USD (converted at the dated rate) by destination, specialty,
    ICD-10 chapter and the main payer's kind; ``approved_*`` split the approved sum by payer kind."""

    specialty = models.CharField(max_length=64, blank=True)
    icd_chapter = models.CharField(max_length=8, blank=True)
    payer_kind = models.CharField(max_length=16, blank=True)
    estimated_cases = models.IntegerField(default=0)
    estimate_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    approved_cases = models.IntegerField(default=0)
    approved_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    approved_state_quota_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    approved_insurer_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    approved_self_pay_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    approved_charity_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "origin_country"], name="cost_month_origin")]
        verbose_name = _("cost rollup")
        verbose_name_plural = _("cost rollups")


class OutcomeRollup(RollupBase):
    """Cases by how they ended: final state, outcome at 30 and 90 days, and the exact number of days
    from intake to admission (a histogram, so the median is exact)."""

    facility = models.ForeignKey(Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    final_state = models.CharField(max_length=12)  # open, closed, cancelled
    outcome_30 = models.CharField(max_length=12, blank=True)
    outcome_90 = models.CharField(max_length=12, blank=True)
    days_to_admission = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["month", "origin_country"], name="outcome_month_origin")]
        verbose_name = _("outcome rollup")
        verbose_name_plural = _("outcome rollups")


class AgreementRollup(models.Model):
    """What one agreement delivered: patients treated at the facilities it covers (while it was valid,
    from its countries), training programmes and trainees, missions and operations, donations."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="+")
    countries = models.CharField(max_length=200, blank=True)  # ",MN,KR," for scoping
    facility_organisations = models.CharField(max_length=500, blank=True)  # ",12,40,"
    cases_treated = models.IntegerField(default=0)
    treated_approved_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    programmes = models.IntegerField(default=0)
    trainees = models.IntegerField(default=0)
    missions = models.IntegerField(default=0)
    operations = models.IntegerField(default=0)
    consultations = models.IntegerField(default=0)
    donations = models.IntegerField(default=0)
    donations_usd = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    projects = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("agreement delivery rollup")
        verbose_name_plural = _("agreement delivery rollups")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.cases_treated}"
