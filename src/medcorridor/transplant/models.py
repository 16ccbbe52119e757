"""Transplant service: waitlist, living donors, paired exchange pools, match runs, follow-up.

Lifecycle
---------
* A **recipient** is listed at a centre (a clinic organisation) for a kidney or a liver; every status
  change (active, suspended, transplanted, removed, deceased) is a ``RecipientStatusChange`` row with
  its reason.
* A **living donor** is linked to their recipient (or is non-directed). The relationship and the
  ethics committee's approval are recorded; the evaluation checklist (medical, psychological,
  consent) must pass before approval. A donor may withdraw at any time: the reason is kept on the
  donor's side only; the recipient's side sees "donor unavailable" (``LivingDonor.recipient_facing_status``).
* An **exchange pool** holds incompatible pairs and non-directed donors (``PoolEntry``), possibly
  from partner countries under a cooperation agreement (a plain reference, no import of the registry).
* A **match run** snapshots the pool, solves it (``transplant.optimizer``) and records parameters,
  solution, objective, gap and time; each cycle or chain becomes a ``ProposedExchange`` whose arcs
  (``ExchangeArc``) wait for the coordinators' physical crossmatch. A positive crossmatch or a
  withdrawn donor fails the exchange and triggers a new run on what remains.
* A **transplant** schedules **follow-ups** (1 week, 3, 6, 12 months; living donors annually for life).

Clinical records are voided with a reason, never deleted.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.core.models import Country, PublicModel, VoidableModel
from medcorridor.providers.models import Facility

from .enums import (
    GENETIC_RELATIONSHIPS,
    BloodGroup,
    CheckStatus,
    Crossmatch,
    DonorStatus,
    EntryKind,
    EntryStatus,
    ExchangeKind,
    ExchangeStatus,
    FollowUpSubject,
    Milestone,
    Organ,
    RecipientStatus,
    Relationship,
    RunReason,
    Sex,
    Urgency,
)

HLA_LOCI = ("a", "b", "c", "dr", "dq")


def antigens(text: str) -> list[str]:
    """``"A2, A24"`` -> ``["A2", "A24"]`` (upper case, separators: spaces, commas, semicolons)."""
    return [t.strip().upper() for t in text.replace(",", " ").replace(";", " ").split() if t.strip()]


class HlaTyping(models.Model):
    """HLA typing, one space-separated field per locus (e.g. ``A2 A24``)."""

    hla_a = models.CharField("HLA-A", max_length=60, blank=True)
    hla_b = models.CharField("HLA-B", max_length=60, blank=True)
    hla_c = models.CharField("HLA-C", max_length=60, blank=True)
    hla_dr = models.CharField("HLA-DR", max_length=60, blank=True)
    hla_dq = models.CharField("HLA-DQ", max_length=60, blank=True)

    class Meta:
        abstract = True

    def hla(self) -> dict[str, list[str]]:
        return {locus.upper(): antigens(getattr(self, f"hla_{locus}")) for locus in HLA_LOCI}


class Recipient(VoidableModel, HlaTyping):
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="transplant_recipients",
        verbose_name=_("transplant centre"),
    )
    facility = models.ForeignKey(
        Facility,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("facility"),
    )
    organ = models.CharField(_("organ"), max_length=16, choices=Organ.choices)
    full_name = models.CharField(_("full name"), max_length=200)
    medical_record_number = models.CharField(_("medical record number"), max_length=64, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=5, decimal_places=1, null=True, blank=True)
    diagnosis = models.CharField(_("diagnosis"), max_length=300, blank=True)
    blood_group = models.CharField(_("blood group"), max_length=4, choices=BloodGroup.choices)
    unacceptable_antigens = models.CharField(
        _("unacceptable antigens"),
        max_length=500,
        blank=True,
        help_text=_("Space-separated, e.g. A2 B44 DR4"),
    )
    cpra = models.PositiveSmallIntegerField(_("calculated PRA (%)"), default=0)
    meld = models.PositiveSmallIntegerField("MELD", null=True, blank=True)
    peld = models.SmallIntegerField("PELD", null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices, default=Urgency.ROUTINE)
    listed_on = models.DateField(_("date listed"))
    status = models.CharField(
        _("status"), max_length=16, choices=RecipientStatus.choices, default=RecipientStatus.ACTIVE
    )
    status_reason = models.CharField(_("reason for the status"), max_length=300, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["organ", "listed_on", "id"]
        verbose_name = _("waitlist recipient")
        verbose_name_plural = _("waitlist recipients")
        indexes = [models.Index(fields=["centre", "organ", "status"])]

    def __str__(self) -> str:
        return self.full_name

    def age_on(self, day: date | None = None) -> int:
        day = day or date.today()
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    @property
    def days_waiting(self) -> int:
        return (date.today() - self.listed_on).days


class RecipientStatusChange(PublicModel):
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="status_history")
    from_status = models.CharField(max_length=16, choices=RecipientStatus.choices, blank=True)
    to_status = models.CharField(_("status"), max_length=16, choices=RecipientStatus.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")


class LivingDonor(VoidableModel, HlaTyping):
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="transplant_donors",
        verbose_name=_("transplant centre"),
    )
    recipient = models.ForeignKey(
        Recipient,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donors",
        verbose_name=_("intended recipient"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"))
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=5, decimal_places=1, null=True, blank=True)
    blood_group = models.CharField(_("blood group"), max_length=4, choices=BloodGroup.choices)
    relationship = models.CharField(_("relationship to the recipient"), max_length=16, choices=Relationship.choices)
    relationship_evidence = models.CharField(_("document proving the relationship"), max_length=300, blank=True)
    ethics_approval_reference = models.CharField(_("ethics committee decision number"), max_length=120, blank=True)
    ethics_approved_on = models.DateField(_("ethics committee approval date"), null=True, blank=True)
    medical_check = models.CharField(
        _("medical evaluation"), max_length=8, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    psychological_check = models.CharField(
        _("psychological evaluation"), max_length=8, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    consent_check = models.CharField(
        _("informed consent"), max_length=8, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    checklist_notes = models.TextField(_("evaluation notes"), blank=True)
    crossmatch = models.CharField(
        _("crossmatch with the intended recipient"),
        max_length=8,
        choices=Crossmatch.choices,
        default=Crossmatch.PENDING,
    )
    # Liver donation: graft and whole-liver volumes from CT volumetry.
    liver_volume_ml = models.PositiveIntegerField(_("total liver volume (ml)"), null=True, blank=True)
    graft_volume_ml = models.PositiveIntegerField(_("planned graft volume (ml)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=DonorStatus.choices, default=DonorStatus.EVALUATION)
    # Confidential: never shown on the recipient's side.
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("living donor")
        verbose_name_plural = _("living donors")

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_genetic_relative(self) -> bool:
        return self.relationship in GENETIC_RELATIONSHIPS

    @property
    def checklist_passed(self) -> bool:
        return all(c == CheckStatus.PASSED for c in (self.medical_check, self.psychological_check, self.consent_check))

    @property
    def is_available(self) -> bool:
        return self.status in (DonorStatus.EVALUATION, DonorStatus.APPROVED) and not self.is_voided

    def recipient_facing_status(self) -> str:
        """What the recipient's side may know: never that (or why) the donor withdrew."""
        from django.utils.translation import gettext

        if self.status in (DonorStatus.WITHDRAWN, DonorStatus.DECLINED) or self.is_voided:
            return gettext("Donor unavailable")
        return self.get_status_display()


class ExchangePool(PublicModel):
    centre = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="exchange_pools",
        verbose_name=_("coordinating centre"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_cycle = models.PositiveSmallIntegerField(_("longest cycle (pairs)"), default=3)
    max_chain = models.PositiveSmallIntegerField(_("longest chain (pool recipients)"), default=3)
    chain_to_waiting_list = models.BooleanField(_("chains end with a donation to the waiting list"), default=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("paired exchange pool")
        verbose_name_plural = _("paired exchange pools")

    def __str__(self) -> str:
        return self.name


class PoolEntry(VoidableModel):
    """One node of the pool: a pair (recipient + their donor) or a non-directed donor."""

    pool = models.ForeignKey(ExchangePool, on_delete=models.PROTECT, related_name="entries")
    label = models.CharField(_("label"), max_length=16)
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.PROTECT, related_name="pool_entries"
    )
    donor = models.ForeignKey(LivingDonor, on_delete=models.PROTECT, related_name="pool_entries")
    # Pairs from partner countries under a cooperation agreement (the registry's Agreement is referred
    # to by its public id or number, as a plain string: the registry is a sibling domain).
    partner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner centre"),
    )
    partner_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner country"),
    )
    agreement_reference = models.CharField(_("cooperation agreement"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.ACTIVE)

    class Meta:
        ordering = ["pool", "id"]
        verbose_name = _("pool entry")
        verbose_name_plural = _("pool entries")
        constraints = [models.UniqueConstraint(fields=["pool", "label"], name="unique_pool_label")]

    def __str__(self) -> str:
        return self.label


class MatchRun(PublicModel):
    pool = models.ForeignKey(ExchangePool, on_delete=models.PROTECT, related_name="runs")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reruns")
    reason = models.CharField(_("reason"), max_length=24, choices=RunReason.choices, default=RunReason.SCHEDULED)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    parameters = models.JSONField(default=dict)
    pool_snapshot = models.JSONField(default=dict)
    solution = models.JSONField(default=dict)
    objective = models.JSONField(default=dict)
    transplants = models.PositiveIntegerField(_("transplants"), default=0)
    optimal = models.BooleanField(_("proven optimal"), default=False)
    gap = models.FloatField(_("optimality gap"), default=0.0)
    seconds = models.FloatField(_("time (s)"), default=0.0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")


class ProposedExchange(PublicModel):
    run = models.ForeignKey(MatchRun, on_delete=models.PROTECT, related_name="exchanges")
    kind = models.CharField(_("kind"), max_length=8, choices=ExchangeKind.choices)
    labels = models.JSONField(default=list)  # entry labels in donation order (chain: altruist first)
    weight = models.FloatField(default=0.0)
    status = models.CharField(
        _("status"), max_length=16, choices=ExchangeStatus.choices, default=ExchangeStatus.PROPOSED
    )

    class Meta:
        ordering = ["run", "id"]
        verbose_name = _("proposed exchange")
        verbose_name_plural = _("proposed exchanges")

    def __str__(self) -> str:
        arrow = " → ".join(self.labels)
        return f"{arrow} → {self.labels[0]}" if self.kind == ExchangeKind.CYCLE else arrow


class ExchangeArc(PublicModel):
    """One transplant of an exchange: ``donor_entry``'s donor gives to ``recipient_entry``'s recipient."""

    exchange = models.ForeignKey(ProposedExchange, on_delete=models.PROTECT, related_name="arcs")
    donor_entry = models.ForeignKey(PoolEntry, on_delete=models.PROTECT, related_name="+")
    recipient_entry = models.ForeignKey(PoolEntry, on_delete=models.PROTECT, related_name="+")
    crossmatch = models.CharField(_("crossmatch"), max_length=8, choices=Crossmatch.choices, default=Crossmatch.PENDING)
    crossmatch_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["exchange", "id"]


class Transplant(VoidableModel):
    centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="transplants")
    donor = models.ForeignKey(LivingDonor, null=True, blank=True, on_delete=models.PROTECT, related_name="transplants")
    organ = models.CharField(_("organ"), max_length=16, choices=Organ.choices)
    performed_on = models.DateField(_("date of transplant"))
    exchange = models.ForeignKey(ProposedExchange, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-performed_on"]
        verbose_name = _("transplant")
        verbose_name_plural = _("transplants")


class FollowUp(VoidableModel):
    centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    transplant = models.ForeignKey(Transplant, on_delete=models.PROTECT, related_name="follow_ups")
    subject = models.CharField(_("who"), max_length=16, choices=FollowUpSubject.choices)
    recipient = models.ForeignKey(Recipient, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups")
    donor = models.ForeignKey(LivingDonor, null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups")
    milestone = models.CharField(_("milestone"), max_length=8, choices=Milestone.choices)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("seen on"), null=True, blank=True)
    patient_alive = models.BooleanField(_("alive"), null=True, blank=True)
    graft_functioning = models.BooleanField(_("graft functioning"), null=True, blank=True)
    creatinine_umol_l = models.DecimalField(
        _("creatinine (µmol/l)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["centre", "done_on", "due_on"])]

    @property
    def person(self):
        return self.recipient if self.subject == FollowUpSubject.RECIPIENT else self.donor

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and not self.is_voided and self.due_on < date.today()
