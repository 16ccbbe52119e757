"""Patients and their referral cases, from intake to follow-up at home.

Lifecycle (see ``workflow.py`` for the full table): intake → opinions → funding (→ funding refused →
appeal) → travel → in treatment → follow-up → closed; any open case can go on hold (and resume) or be
cancelled. Every change goes through ``services`` which writes a ``CaseEvent`` (the timeline) and the
audit row in the same transaction and bumps ``ReferralCase.version`` with ``UPDATE … WHERE version = n``.

Field names follow FHIR R4 where a resource fits: ``Patient``, ``Condition`` (the case's diagnosis),
``ServiceRequest`` (the case itself and each opinion request), ``DocumentReference`` (documents),
``Encounter`` (the stay abroad), ``Task`` (follow-up tasks at home).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medcorridor.accounts.models import Organisation
from medcorridor.core.models import (
    Country,
    Currency,
    IcdCode,
    Language,
    PublicModel,
    Specialty,
    VoidableModel,
)
from medcorridor.providers.models import Facility

from .enums import (
    CaseStatus,
    ConsentScope,
    DocumentCategory,
    FundingOutcome,
    Gender,
    OutcomeCode,
    PayerKind,
    Priority,
    RequestStatus,
    TaskKind,
)


def choice_label(choices: type[models.Choices], value) -> str:
    """The label of ``value`` in ``choices`` (the value itself when unknown, as Django does)."""
    member = choices._value2member_map_.get(value)
    return str(member.label) if member is not None else value


class Patient(VoidableModel):
    """FHIR Patient. Names in the original script and in Latin letters (as in the passport)."""

    managing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="patients",
        verbose_name=_("managing organisation"),
    )
    family_name = models.CharField(_("family name (original script)"), max_length=150)
    given_name = models.CharField(_("given names (original script)"), max_length=150)
    family_name_latin = models.CharField(_("family name (Latin)"), max_length=150)
    given_name_latin = models.CharField(_("given names (Latin)"), max_length=150)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("sex"), max_length=8, choices=Gender.choices)
    citizenship = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("citizenship"))
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_expiry = models.DateField(_("passport valid until"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    communication_language = models.ForeignKey(
        Language,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("preferred language"),
    )
    contact_name = models.CharField(_("companion or caregiver"), max_length=200, blank=True)
    contact_relationship = models.CharField(_("relationship"), max_length=100, blank=True)
    contact_phone = models.CharField(_("companion's phone"), max_length=64, blank=True)

    class Meta:
        ordering = ["family_name_latin", "given_name_latin"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def latin_name(self) -> str:
        return f"{self.family_name_latin} {self.given_name_latin}".upper()


class ReferralCase(PublicModel):
    """One patient's journey abroad for one condition (FHIR ServiceRequest + its EpisodeOfCare)."""

    reference = models.CharField(_("case number"), max_length=32, unique=True)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="cases", verbose_name=_("patient"))
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referral_cases",
        verbose_name=_("coordinating ministry"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    held_from = models.CharField(max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Condition
    condition_code = models.ForeignKey(
        IcdCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("diagnosis (ICD-10)")
    )
    condition_note = models.TextField(_("clinical summary"), blank=True)
    # ServiceRequest
    requested_specialty = models.ForeignKey(
        Specialty,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested specialty"),
    )
    requested_procedure = models.CharField(_("requested procedure"), max_length=300, blank=True)
    priority = models.CharField(_("urgency"), max_length=8, choices=Priority.choices, default=Priority.ROUTINE)
    requester_organisation = models.CharField(_("referring organisation"), max_length=300, blank=True)
    requester_practitioner = models.CharField(_("referring doctor"), max_length=200, blank=True)
    budget_amount = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_currency = models.ForeignKey(
        Currency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("budget currency"),
    )
    # Consent (FHIR Consent, kept on the case it covers)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_scope = models.CharField(_("consent scope"), max_length=16, choices=ConsentScope.choices, blank=True)
    consent_note = models.CharField(_("consent note"), max_length=300, blank=True)
    # Selection, funding
    selected_request = models.ForeignKey(
        "OpinionRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("selected answer"),
    )
    funding_due = models.DateField(_("funding decision due"), null=True, blank=True)
    # The earliest open deadline of the case (requests, funding, tasks), kept by the services for the list.
    next_deadline = models.DateField(null=True, blank=True)
    closure_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral case")
        verbose_name_plural = _("referral cases")
        indexes = [
            models.Index(fields=["owner_organisation", "status", "-created_at"], name="case_owner_status"),
            # The list's order, ties included, so a page is read off the index without a sort.
            models.Index(fields=["owner_organisation", "-created_at", "-id"], name="case_owner_created"),
            models.Index(fields=["next_deadline"], name="case_next_deadline"),
        ]

    def __str__(self) -> str:
        return self.reference

    # Django's generated get_FOO_display rebuilds the whole choices mapping, translating every label,
    # on each call; a list page calls these a hundred times.
    def get_status_display(self) -> str:
        return choice_label(CaseStatus, self.status)

    def get_priority_display(self) -> str:
        return choice_label(Priority, self.priority)

    @property
    def is_overdue(self) -> bool:
        return (
            self.next_deadline is not None
            and self.next_deadline < timezone.localdate()
            and self.status not in ("closed", "cancelled", "on_hold")
        )

    @property
    def consent_abroad(self) -> bool:
        return self.consent_scope == ConsentScope.ABROAD and self.consent_date is not None


class CaseEvent(models.Model):
    """One line of the case timeline. ``organisation`` set: the event concerns that clinic only
    (its staff see it; other clinics do not)."""

    case = models.ForeignKey(ReferralCase, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["case", "id"], name="case_event_case")]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.action} {self.occurred_at:%Y-%m-%d}"


def document_path(instance, filename: str) -> str:
    # No client-chosen name or extension on disk: nothing uploaded can ever be served as a page.
    return f"cases/{instance.case.public_id}/{uuid.uuid4().hex}"


class Document(VoidableModel):
    """FHIR DocumentReference: a file kept as uploaded, checked by content, with its SHA-256."""

    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="documents")
    category = models.CharField(
        _("kind"), max_length=16, choices=DocumentCategory.choices, default=DocumentCategory.CLINICAL
    )
    description = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """What people wrote about the document, or, for the ones the product makes (the invitation
        letter, the discharge summary: stored without a description), its kind in the reader's language."""
        return self.description or str(self.get_category_display())


class OpinionRequest(PublicModel):
    """A request to one facility for an opinion and an estimate (FHIR ServiceRequest/Task to a performer)."""

    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="opinion_requests")
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="opinion_requests", verbose_name=_("facility")
    )
    # The facility's operating organisation, copied so that scoping is one indexed filter.
    performer_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="opinion_requests")
    documents = models.ManyToManyField(Document, blank=True, related_name="shared_in", verbose_name=_("documents"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    message = models.TextField(_("message to the clinic"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("answer due"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    estimate_amount = models.DecimalField(_("estimated cost"), max_digits=14, decimal_places=2, null=True, blank=True)
    estimate_currency = models.ForeignKey(
        Currency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("currency"),
    )
    estimate_includes = models.TextField(_("the estimate includes"), blank=True)
    stay_days = models.PositiveSmallIntegerField(_("expected stay (days)"), null=True, blank=True)
    earliest_admission = models.DateField(_("earliest admission"), null=True, blank=True)
    valid_until = models.DateField(_("offer valid until"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "facility"], name="one_request_per_facility")]
        indexes = [models.Index(fields=["performer_organisation", "status", "due_date"], name="request_inbox")]
        verbose_name = _("opinion request")
        verbose_name_plural = _("opinion requests")

    def __str__(self) -> str:
        return f"{self.case} → {self.facility}"

    @property
    def is_overdue(self) -> bool:
        return self.status == RequestStatus.REQUESTED and self.due_date < timezone.localdate()


class FundingDecision(PublicModel):
    """The funding decision for the selected answer: payers with approved amounts, or a refusal."""

    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="funding_decisions")
    outcome = models.CharField(_("decision"), max_length=10, choices=FundingOutcome.choices)
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    appeal = models.TextField(_("appeal"), blank=True)
    appealed_on = models.DateField(_("appealed on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("funding decision")
        verbose_name_plural = _("funding decisions")


class FundingShare(models.Model):
    decision = models.ForeignKey(FundingDecision, on_delete=models.CASCADE, related_name="shares")
    payer_kind = models.CharField(_("payer kind"), max_length=16, choices=PayerKind.choices)
    payer_name = models.CharField(_("payer"), max_length=200)
    amount = models.DecimalField(_("approved amount"), max_digits=14, decimal_places=2)
    currency = models.ForeignKey(Currency, on_delete=models.PROTECT, related_name="+", verbose_name=_("currency"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")

    def __str__(self) -> str:
        return f"{self.payer_name}: {self.amount} {self.currency_id}"


class TravelPlan(PublicModel):
    """Travel to the treating facility: dates, companion, interpreter, accommodation, arrival."""

    case = models.OneToOneField(ReferralCase, on_delete=models.PROTECT, related_name="travel")
    departure_date = models.DateField(_("departure"), null=True, blank=True)
    arrival_date = models.DateField(_("arrival"), null=True, blank=True)
    return_date = models.DateField(_("return"), null=True, blank=True)
    companion = models.CharField(_("companion"), max_length=200, blank=True)
    interpreter = models.CharField(_("interpreter"), max_length=200, blank=True)
    accommodation = models.CharField(_("accommodation"), max_length=300, blank=True)
    arrival_details = models.CharField(_("arrival (flight, transfer)"), max_length=300, blank=True)
    invitation = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("visa invitation letter"),
    )

    class Meta:
        verbose_name = _("travel plan")
        verbose_name_plural = _("travel plans")


class Encounter(PublicModel):
    """FHIR Encounter: the stay at the treating facility, from admission to discharge."""

    case = models.OneToOneField(ReferralCase, on_delete=models.PROTECT, related_name="encounter")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+")
    admitted_on = models.DateField(_("admitted on"))
    ward = models.CharField(_("department or ward"), max_length=200, blank=True)
    discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    discharge_disposition = models.CharField(_("condition at discharge"), max_length=200, blank=True)
    discharge_summary = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("discharge summary"),
    )
    follow_up_plan = models.TextField(_("follow-up plan"), blank=True)

    class Meta:
        verbose_name = _("encounter")
        verbose_name_plural = _("encounters")


def task_title(kind: str, description: str) -> str:
    """What a follow-up task asks: what people wrote, or, for the tasks the product makes (the outcome
    checks at 30 and 90 days), its kind in the reader's language."""
    return description if kind == TaskKind.FOLLOW_UP else str(TaskKind(kind).label)


class FollowUpTask(PublicModel):
    """FHIR Task for the home doctor: a visit or test with a due date, or the outcome at 30/90 days."""

    case = models.ForeignKey(ReferralCase, on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=12, choices=TaskKind.choices, default=TaskKind.FOLLOW_UP)
    description = models.CharField(_("what to do"), max_length=300)
    owner_name = models.CharField(_("home doctor"), max_length=200, blank=True)
    due_date = models.DateField(_("due"))
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=OutcomeCode.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    @property
    def title(self) -> str:
        return task_title(self.kind, self.description)

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()
