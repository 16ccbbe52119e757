"""Reads for the FHIR export: a case as its reader may see it, as ``fhir.records``.

Everything is read through the cases selectors and the cases' scoping rules (a page's related rows
in one query per kind, ``read_related``), so the export shows exactly what the case page shows: a
clinic gets only its own opinion requests and the documents shared with it, the consent and
follow-up tasks only go to the coordinating ministry and to auditors. Reading a case writes the
access-log row (purpose ``fhir_export``); a page of the bulk export logs every case on it.
"""

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from medcorridor.accounts.scoping import fetch_visible, scope_of, scoped
from medcorridor.cases import selectors as cases
from medcorridor.cases.enums import OutcomeCode
from medcorridor.cases.models import (
    Document,
    Encounter,
    FollowUpTask,
    FundingDecision,
    OpinionRequest,
    Patient,
    ReferralCase,
)
from medcorridor.cases.permissions import coordinator_organisations

from .fhir import codes, mapping
from .fhir.records import (
    CaseRecord,
    ConditionRecord,
    ConsentRecord,
    DocumentRecord,
    EncounterRecord,
    FollowUpRecord,
    FundingRecord,
    FundingShareRecord,
    OpinionRecord,
    OrganisationRecord,
    PatientRecord,
)

PURPOSE = "fhir_export"
HASH_CHUNK = 1 << 20


def sha1_base64(file) -> str:
    """FHIR's ``Attachment.hash``: the base64 SHA-1 of the content ("" when the file is missing)."""
    digest = hashlib.sha1(usedforsecurity=False)
    try:
        with file.open("rb") as stream:
            for chunk in iter(lambda: stream.read(HASH_CHUNK), b""):
                digest.update(chunk)
    except (FileNotFoundError, ValueError):
        return ""
    return base64.b64encode(digest.digest()).decode("ascii")


def _aliases(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for name in names if name))


def organisation_record(organisation) -> OrganisationRecord:
    return OrganisationRecord(
        id=str(organisation.public_id),
        name=organisation.name_en,
        kind=organisation.kind,
        country=organisation.country_id,
        aliases=_aliases(organisation.name_ru, organisation.name_original),
        identifier_system=codes.ORGANISATION_ID,
        updated=organisation.updated_at,
    )


def facility_record(facility) -> OrganisationRecord:
    return OrganisationRecord(
        id=str(facility.public_id),
        name=facility.name_en,
        kind="clinic",
        country=facility.country_id,
        aliases=_aliases(facility.name_ru, facility.name_original),
        city=facility.city,
        part_of=str(facility.organisation.public_id),
        identifier_system=codes.FACILITY_ID,
        updated=facility.updated_at,
    )


def patient_record(patient: Patient) -> PatientRecord:
    citizenship = patient.citizenship
    return PatientRecord(
        id=str(patient.public_id),
        family_name=patient.family_name,
        given_name=patient.given_name,
        family_name_latin=patient.family_name_latin,
        given_name_latin=patient.given_name_latin,
        birth_date=patient.birth_date,
        gender=patient.gender,
        citizenship=citizenship.code,
        citizenship_alpha3=citizenship.alpha3,
        citizenship_name=citizenship.name_en,
        managing_organisation=str(patient.managing_organisation.public_id),
        updated=patient.updated_at,
        passport_number=patient.passport_number,
        passport_expiry=patient.passport_expiry,
        phone=patient.phone,
        email=patient.email,
        address=patient.address,
        language=patient.communication_language_id or "",
        contact_name=patient.contact_name,
        contact_relationship=patient.contact_relationship,
        contact_phone=patient.contact_phone,
    )


def _opinion_record(request, shared: set[int]) -> OpinionRecord:
    return OpinionRecord(
        id=str(request.public_id),
        facility=str(request.facility.public_id),
        status=request.status,
        due_date=request.due_date,
        created=request.created_at,
        updated=request.updated_at,
        message=request.message,
        answered_at=request.answered_at,
        treatment_plan=request.treatment_plan,
        estimate_amount=request.estimate_amount,
        estimate_currency=request.estimate_currency_id or "",
        estimate_includes=request.estimate_includes,
        stay_days=request.stay_days,
        earliest_admission=request.earliest_admission,
        valid_until=request.valid_until,
        decline_reason=request.decline_reason,
        documents=tuple(str(d.public_id) for d in request.documents.all() if d.pk in shared),
    )


def _document_record(document, base_url: str) -> DocumentRecord:
    path = reverse("api:download", kwargs={"document_id": document.public_id})
    return DocumentRecord(
        id=str(document.public_id),
        category=document.category,
        category_display=document.get_category_display(),
        description=document.title,
        content_type=document.content_type,
        size=document.size,
        sha256=document.sha256,
        sha1_base64=sha1_base64(document.file),
        created=document.created_at,
        url=f"{base_url.rstrip('/')}{path}",
        author_organisation=str(document.author_organisation.public_id) if document.author_organisation else None,
    )


def _encounter_record(encounter) -> EncounterRecord:
    return EncounterRecord(
        id=str(encounter.public_id),
        facility=str(encounter.facility.public_id),
        admitted_on=encounter.admitted_on,
        updated=encounter.updated_at,
        discharged_on=encounter.discharged_on,
        ward=encounter.ward,
        disposition=encounter.discharge_disposition,
        discharge_summary=str(encounter.discharge_summary.public_id) if encounter.discharge_summary_id else None,
    )


def _follow_up_record(task) -> FollowUpRecord:
    return FollowUpRecord(
        id=str(task.public_id),
        kind=task.kind,
        kind_display=task.get_kind_display(),
        description=task.title,
        due_date=task.due_date,
        updated=task.updated_at,
        owner_name=task.owner_name,
        completed_on=task.completed_on,
        outcome=task.outcome,
        note=task.note,
    )


def _funding_record(decision) -> FundingRecord:
    shares = [
        FundingShareRecord(s.payer_kind, s.payer_name, s.amount, s.currency_id)
        for s in sorted(decision.shares.all(), key=lambda s: s.pk)
    ]
    return FundingRecord(
        id=str(decision.public_id),
        outcome=decision.outcome,
        decided_on=decision.decided_on,
        updated=decision.updated_at,
        reason=decision.reason,
        appeal=decision.appeal,
        appealed_on=decision.appealed_on,
        shares=tuple(shares),
    )


def _condition_record(case: ReferralCase, follow_ups: list) -> ConditionRecord:
    code = case.condition_code
    outcomes = [t.outcome for t in follow_ups if t.completed_on and t.outcome]
    return ConditionRecord(
        code=code.code,
        title_en=code.title_en,
        title_ru=code.title_ru,
        note=case.condition_note,
        clinical_status="resolved" if outcomes and outcomes[-1] == OutcomeCode.RECOVERED else "active",
    )


def sees_consent(user, case: ReferralCase) -> bool:
    """The consent (like the budget) is the coordinating ministry's business, and the auditors'."""
    return case.owner_organisation_id in coordinator_organisations(user) or scope_of(user).is_auditor


def read_related(user, rows) -> None:
    """Load, for every case in ``rows`` at once (one query per kind, not per case), what ``user`` may
    see of its documents, opinion requests, encounter and follow-ups: the rows (scoping rules and
    order) of ``cases.selectors.documents`` / ``opinion_requests`` / ``encounter`` / ``tasks``."""
    prefetch_related_objects(
        list(rows),
        Prefetch(
            "documents",
            scoped(user, Document.objects.active()).select_related("author_organisation").order_by("created_at", "id"),
            to_attr="fhir_documents",
        ),
        Prefetch(
            "opinion_requests",
            scoped(user, OpinionRequest.objects.all())
            .select_related("facility__organisation", "estimate_currency")
            .prefetch_related("documents")
            .order_by("created_at", "id"),
            to_attr="fhir_requests",
        ),
        Prefetch(
            "encounter",
            scoped(user, Encounter.objects.all()).select_related("discharge_summary", "facility__organisation"),
            to_attr="fhir_encounter",
        ),
        Prefetch("tasks", scoped(user, FollowUpTask.objects.order_by("due_date", "id")), to_attr="fhir_follow_ups"),
        Prefetch(
            "funding_decisions",
            scoped(user, FundingDecision.objects.prefetch_related("shares").order_by("decided_on", "id")),
            to_attr="fhir_funding",
        ),
    )


def case_record(user, case: ReferralCase, *, base_url: str = "") -> CaseRecord:
    """``case`` (already read through the scoping, its related rows loaded by ``read_related``) with
    what ``user`` may see of it."""
    with override("en"):
        documents = case.fhir_documents
        shared = {d.pk for d in documents}
        requests = case.fhir_requests
        encounter = case.fhir_encounter
        follow_ups = case.fhir_follow_ups
        facilities = [r.facility for r in requests] + ([encounter.facility] if encounter else [])
        organisations = [case.owner_organisation, case.patient.managing_organisation]
        organisations += [f.organisation for f in facilities]
        organisations += [d.author_organisation for d in documents if d.author_organisation]
        has_consent = bool(case.consent_scope and case.consent_date) and sees_consent(user, case)
        return CaseRecord(
            id=str(case.public_id),
            reference=case.reference,
            status=case.status,
            priority=case.priority,
            created=case.created_at,
            updated=case.updated_at,
            owner_organisation=str(case.owner_organisation.public_id),
            patient=patient_record(case.patient),
            condition=_condition_record(case, follow_ups),
            organisations=tuple(
                [organisation_record(o) for o in dict.fromkeys(organisations)]
                + [facility_record(f) for f in dict.fromkeys(facilities)]
            ),
            specialty_code=case.requested_specialty_id or "",
            specialty_name=case.requested_specialty.name_en if case.requested_specialty_id else "",
            procedure=case.requested_procedure,
            requester_organisation=case.requester_organisation,
            requester_practitioner=case.requester_practitioner,
            consent=ConsentRecord(case.consent_date, case.consent_scope, case.consent_note) if has_consent else None,
            selected_opinion=str(case.selected_request.public_id) if case.selected_request_id else None,
            opinions=tuple(_opinion_record(r, shared) for r in requests),
            documents=tuple(_document_record(d, base_url) for d in documents),
            encounter=_encounter_record(encounter) if encounter else None,
            follow_ups=tuple(_follow_up_record(t) for t in follow_ups),
            funding=tuple(_funding_record(d) for d in case.fhir_funding),
        )


def get_case(user, public_id, *, channel: str) -> ReferralCase:
    """One case for export; NotFound (and a refused access-log row) when out of scope."""
    return cases.get_case(user, public_id, purpose=PURPOSE, channel=channel)


def updated_cases(user, *, updated_since: datetime | None = None):
    """The cases ``user`` may see, oldest change first (stable pages for an incremental export)."""
    queryset = cases.case_list(user)
    if updated_since is not None:
        queryset = queryset.filter(updated_at__gt=updated_since)
    return queryset.select_related(
        "owner_organisation",
        "patient__citizenship",
        "patient__managing_organisation",
        "requested_specialty",
        "selected_request",
    ).order_by("updated_at", "id")


def log_exported(user, cases_shown, *, channel: str) -> None:
    cases.log_list(user, cases_shown, purpose=PURPOSE, channel=channel)


def get_patient(user, public_id, *, channel: str) -> Patient:
    return fetch_visible(
        user,
        Patient.objects.active().select_related("citizenship", "managing_organisation"),
        purpose=PURPOSE,
        channel=channel,
        public_id=public_id,
    )


def now() -> datetime:
    return timezone.now()


def bundle_for(user, case: ReferralCase, *, base_url: str = "") -> dict:
    """``case`` (read with ``get_case``) as a FHIR ``collection`` Bundle of what ``user`` may see."""
    read_related(user, [case])
    return mapping.case_bundle(case_record(user, case, base_url=base_url), timestamp=now())


def export_case(user, public_id, *, channel: str, base_url: str = "") -> dict:
    """The case with this id as a Bundle; NotFound when out of scope. Logs the read either way."""
    return bundle_for(user, get_case(user, public_id, channel=channel), base_url=base_url)


@dataclass(frozen=True)
class ExportPage:
    records: list[CaseRecord]
    total: int
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total


def export_page(
    user, *, updated_since: datetime | None, page: int, page_size: int, channel: str, base_url: str = ""
) -> ExportPage:
    """One page of the cases changed after ``updated_since``; every case on it is access-logged."""
    queryset = updated_cases(user, updated_since=updated_since)
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size])
    log_exported(user, rows, channel=channel)
    read_related(user, rows)
    return ExportPage(
        records=[case_record(user, case, base_url=base_url) for case in rows],
        total=queryset.count(),
        page=page,
        page_size=page_size,
    )
