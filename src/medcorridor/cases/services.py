"""The only code that writes cases. One function per workflow action, keyword-only, ``actor=`` first.

Each call is one transaction: the optimistic version check (``UPDATE … WHERE version = n``; a loser gets
``Conflict`` and nothing it did is kept), the case's own changes, the timeline event and the audit row.
Hand-overs are announced by e-mail after commit (``tasks.notify`` through ``core.tasks.enqueue``).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.accounts.models import Organisation
from medcorridor.audit.enums import AuditAction
from medcorridor.audit.models import AuditEvent
from medcorridor.audit.services import audit_row, chained_insert, record, record_row, snapshot
from medcorridor.core.db import repeated_statements_cursor
from medcorridor.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from medcorridor.core.models import Country, Currency, IcdCode, Language, Specialty
from medcorridor.core.tasks import enqueue
from medcorridor.providers.models import Facility

from . import timeline, workflow
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
from .files import check_upload
from .models import (
    CaseEvent,
    Document,
    Encounter,
    FollowUpTask,
    FundingDecision,
    FundingShare,
    OpinionRequest,
    Patient,
    ReferralCase,
    TravelPlan,
)
from .permissions import case_roles, coordinator_organisations

PATIENT_FIELDS = (
    "family_name",
    "given_name",
    "family_name_latin",
    "given_name_latin",
    "birth_date",
    "gender",
    "citizenship",
    "passport_number",
    "passport_expiry",
    "phone",
    "email",
    "address",
    "communication_language",
    "contact_name",
    "contact_relationship",
    "contact_phone",
)
CASE_FIELDS = (
    "condition_code",
    "condition_note",
    "requested_specialty",
    "requested_procedure",
    "priority",
    "requester_organisation",
    "requester_practitioner",
    "budget_amount",
    "budget_currency",
    "consent_date",
    "consent_scope",
    "consent_note",
)
OUTCOME_HORIZONS = ((TaskKind.OUTCOME_30, 30), (TaskKind.OUTCOME_90, 90))


# --- the one transition primitive -------------------------------------------------------------------


def _roles(actor, case, system: bool) -> frozenset[str]:
    return frozenset({workflow.Role.SYSTEM}) if system else case_roles(actor, case)


def _act(
    *,
    actor,
    case: ReferralCase,
    action: str,
    version: int | None = None,
    summary: str = "",
    organisation: Organisation | None = None,
    data: dict | None = None,
    changes: dict | None = None,
    system: bool = False,
) -> CaseEvent:
    """Check the workflow, win the version race, apply ``changes``, write the event and the audit row.

    Must run inside the caller's ``transaction.atomic()`` and before any other write of the caller."""
    try:
        rule = workflow.check(action, case.status, _roles(actor, case, system))
    except workflow.TransitionError as error:
        if error.reason == "wrong_state":
            raise Conflict(
                _("This step is not possible while the case is “%(status)s”.")
                % {"status": CaseStatus(case.status).label}
            ) from error
        raise PermissionDenied(_("You may not take this step on this case.")) from error
    if rule.needs_reason and not summary.strip():
        raise ValidationFailed(_("Please give a reason."), field="reason")
    expected = case.version if version is None else int(version)
    before = {"status": case.status, "version": expected}
    new_status = workflow.target_state(action, case.status, case.held_from)
    now = timezone.now()
    updates = dict(changes or {})
    if new_status != case.status:
        updates["status"] = new_status
        updates["status_changed_at"] = now
        updates["held_from"] = case.status if new_status == workflow.State.ON_HOLD else ""
    event_fields = {
        "occurred_at": now,
        "actor": actor if not system else None,
        "action": action,
        "from_status": case.status,
        "to_status": new_status,
        "summary": summary,
        "organisation": organisation,
        "data": data or {},
    }
    audit = audit_row(
        actor=None if system else actor,
        action=AuditAction.TRANSITION if new_status != case.status else AuditAction.UPDATE,
        instance=case,
        before=before,
        after={"status": new_status, "version": expected + 1, **_jsonable(updates)},
        summary=f"{action}: {summary}"[:255],
    )
    event = _write_transition(case, expected, now, updates, event_fields, audit)
    if event is None:
        raise Conflict(_("Someone else changed this case a moment ago. Reload the page and try again."))
    for name, value in updates.items():
        setattr(case, name, value)
    case.version = expected + 1
    return event


class _TransitionSQL:
    """The versioned case update and the timeline insert for one set of changed columns, written once:
    compiling them through the ORM (``QuerySet.update``, ``Model.save``) on every transition was about
    half of its Python time. On PostgreSQL both are CTEs of one statement (``won_and_event``), followed
    there by the audit row's, all the inserts reading the update's ``RETURNING``: a lost version race
    updates and inserts nothing, does not ask for the audit chain, and costs one round trip."""

    def __init__(self, names: tuple[str, ...]):
        quote = connection.ops.quote_name
        self.case_fields = [ReferralCase._meta.get_field(name) for name in names]
        self.event_fields = [CaseEvent._meta.get_field(name) for name in _EVENT_FIELDS]
        changed = "".join(f", {quote(field.column)} = %s" for field in self.case_fields)
        self.update = (
            f"UPDATE {quote(ReferralCase._meta.db_table)} SET version = version + 1, updated_at = %s{changed} "
            "WHERE id = %s AND version = %s"
        )
        table, columns = quote(CaseEvent._meta.db_table), ", ".join(quote(f.column) for f in self.event_fields)
        if connection.vendor == "postgresql":
            # Typed placeholders: the insert's values come through a SELECT, where an untyped NULL is text.
            values = ", ".join(f"CAST(%s AS {field.db_type(connection)})" for field in self.event_fields)
            self.won_and_event = (
                f"won AS ({self.update} RETURNING id), "
                f"event AS (INSERT INTO {table} (case_id, {columns}) SELECT won.id, {values} FROM won RETURNING id)"
            )
        else:  # SQLite has no data-modifying WITH: two statements, the insert only if the update won
            self.won_and_event = None
            marks = ", ".join(["%s"] * (1 + len(self.event_fields)))
            self.insert = f"INSERT INTO {table} (case_id, {columns}) VALUES ({marks})"

    def case_params(self, db, case_id: int, expected: int, now, updates: dict) -> list:
        changed = [_db_value(db, field, updates[field.name]) for field in self.case_fields]
        return [_db_value(db, ReferralCase._meta.get_field("updated_at"), now), *changed, case_id, expected]

    def event_params(self, db, fields: dict) -> list:
        return [_db_value(db, field, fields[field.name]) for field in self.event_fields]

    def update_and_insert(self, cursor, case_id: int, case_params: list, event_params: list) -> int | None:
        """The update and the event without the audit row; the event's id, or None if the update lost."""
        if self.won_and_event:
            cursor.execute(f"WITH {self.won_and_event} SELECT id FROM event", case_params + event_params)
            row = cursor.fetchone()
            return row[0] if row else None
        cursor.execute(self.update, case_params)
        if cursor.rowcount != 1:
            return None
        cursor.execute(self.insert, [case_id, *event_params])
        return cursor.lastrowid


_EVENT_FIELDS = ("occurred_at", "actor", "action", "from_status", "to_status", "summary", "organisation", "data")
_TRANSITION_SQL: dict[tuple[str, tuple[str, ...]], _TransitionSQL] = {}


def _db_value(db, field, value):
    """``value`` as ``QuerySet.update`` would send it to ``db``: a record by its key, then the field's own
    conversion."""
    if hasattr(value, "prepare_database_save"):
        value = value.prepare_database_save(field)
    return field.get_db_prep_save(value, db)


def _write_transition(
    case: ReferralCase, expected: int, now, updates: dict, event_fields: dict, audit: dict
) -> CaseEvent | None:
    """Bump the case's version from ``expected`` with ``updates``, write its timeline event and its audit
    row; None (and nothing written) if the version moved meanwhile."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each ``connection.x`` goes through a thread-local proxy
    key = (db.vendor, tuple(updates))
    if key not in _TRANSITION_SQL:
        _TRANSITION_SQL[key] = _TransitionSQL(key[1])
    sql = _TRANSITION_SQL[key]
    case_params = sql.case_params(db, case.pk, expected, now, updates)
    event_params = sql.event_params(db, event_fields)
    chained = chained_insert(AuditEvent, [audit], after="won") if sql.won_and_event else None
    with repeated_statements_cursor() as cursor:
        if chained:  # one round trip for the whole transition
            statement = f"WITH {sql.won_and_event}, {chained.ctes} SELECT event.id, {chained.columns} FROM event"
            cursor.execute(f"{statement}, {chained.sources}", case_params + event_params + chained.params)
            row = cursor.fetchone()
            event_id = row[0] if row else None
        else:
            event_id = sql.update_and_insert(cursor, case.pk, case_params, event_params)
    if event_id is None:
        return None
    if chained:
        chained.written(held=row[2], sealed=row[3])
    else:
        record_row(audit)
    event = CaseEvent(id=event_id, case=case, **event_fields)
    event._state.adding, event._state.db = False, db.alias
    return event


def _condition_name(case: ReferralCase, language: str) -> str:
    return f"{case.condition_code.code} {case.condition_code.title(language)}" if case.condition_code_id else ""


def _jsonable(values: dict) -> dict:
    out = {}
    for key, value in values.items():
        if hasattr(value, "pk"):
            out[key] = str(getattr(value, "public_id", value.pk))
        elif isinstance(value, date | Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def _refresh_deadline(case: ReferralCase) -> None:
    """Keep ``next_deadline``: the earliest open request, funding or task deadline."""
    candidates = []
    if case.status == workflow.State.OPINIONS:
        candidates.append(
            case.opinion_requests.filter(status=RequestStatus.REQUESTED).aggregate(d=Min("due_date"))["d"]
        )
    if case.status == workflow.State.FUNDING:
        candidates.append(case.funding_due)
    if case.status == workflow.State.FOLLOW_UP:
        candidates.append(case.tasks.filter(completed_on__isnull=True).aggregate(d=Min("due_date"))["d"])
    deadline = min((d for d in candidates if d), default=None)
    if deadline != case.next_deadline:
        ReferralCase.objects.filter(pk=case.pk).update(next_deadline=deadline)
        case.next_deadline = deadline


def _notify(case: ReferralCase, action: str, organisations, *, exclude_actor=None) -> None:
    from .tasks import notify

    ids = sorted({o.pk if hasattr(o, "pk") else int(o) for o in organisations if o})
    if ids:
        enqueue(notify, str(case.public_id), action, ids, getattr(exclude_actor, "pk", None))


def _treating_organisation(case: ReferralCase) -> Organisation | None:
    return case.selected_request.performer_organisation if case.selected_request_id else None


def _lookup(model, value, field: str, key: str = "pk"):
    """The ``model`` row that ``value`` names; None for no value (optional fields: see ``_lookup_required``)."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    try:
        return model.objects.get(**{key: value})
    except (model.DoesNotExist, ValueError, TypeError) as error:
        raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": value}, field=field) from error


def _lookup_required(model, value, field: str, key: str = "pk"):
    found = _lookup(model, value, field, key)
    if found is None:
        raise ValidationFailed(
            _("This field is required."), field=field, errors={field: [_("This field is required.")]}
        )
    return found


def _clean_intake(fields: dict) -> dict:
    cleaned = dict(fields)
    for name, model in (
        ("citizenship", Country),
        ("communication_language", Language),
        ("requested_specialty", Specialty),
        ("budget_currency", Currency),
    ):
        if name in cleaned:
            cleaned[name] = _lookup(model, cleaned[name], name)
    if "condition_code" in cleaned:
        code = cleaned["condition_code"]
        code = code.code if isinstance(code, IcdCode) else str(code or "").strip().upper()
        cleaned["condition_code"] = _lookup(IcdCode, code, "condition_code")
    if cleaned.get("gender") and cleaned["gender"] not in Gender.values:
        raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": cleaned["gender"]}, field="gender")
    if cleaned.get("priority") and cleaned["priority"] not in Priority.values:
        raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": cleaned["priority"]}, field="priority")
    if cleaned.get("consent_scope") and cleaned["consent_scope"] not in ConsentScope.values:
        raise ValidationFailed(
            _("Unknown value “%(value)s”.") % {"value": cleaned["consent_scope"]}, field="consent_scope"
        )
    if cleaned.get("consent_scope") and not cleaned.get("consent_date"):
        raise ValidationFailed(_("Record the date the consent was given."), field="consent_date")
    return {k: ("" if v is None and k in _BLANK_TEXT else v) for k, v in cleaned.items()}


_BLANK_TEXT = {
    "passport_number",
    "phone",
    "email",
    "address",
    "contact_name",
    "contact_relationship",
    "contact_phone",
    "condition_note",
    "requested_procedure",
    "requester_organisation",
    "requester_practitioner",
    "consent_scope",
    "consent_note",
}


# --- intake ----------------------------------------------------------------------------------------


def open_case(*, actor, organisation: Organisation | None = None, **fields) -> ReferralCase:
    """Intake: the patient (new) and the case, in the coordinator's ministry."""
    owners = coordinator_organisations(actor)
    if not owners:
        raise PermissionDenied(_("Only a national coordinator can open a case."))
    if organisation is None:
        organisation = Organisation.objects.get(pk=owners[0])
    elif organisation.pk not in owners:
        raise PermissionDenied(_("You may not open cases for this organisation."))
    unknown = set(fields) - set(PATIENT_FIELDS) - set(CASE_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown field “%(value)s”.") % {"value": sorted(unknown)[0]})
    cleaned = _clean_intake(fields)
    for required in (
        "family_name",
        "given_name",
        "family_name_latin",
        "given_name_latin",
        "birth_date",
        "gender",
        "citizenship",
        "condition_code",
    ):
        if not cleaned.get(required):
            raise ValidationFailed(
                _("This field is required."),
                field=required,
                errors={required: [_("This field is required.")]},
            )
    with transaction.atomic():
        patient = Patient.objects.create(
            managing_organisation=organisation, **{k: v for k, v in cleaned.items() if k in PATIENT_FIELDS}
        )
        case = ReferralCase.objects.create(
            reference=_new_reference(organisation),
            patient=patient,
            owner_organisation=organisation,
            coordinator=actor,
            **{k: v for k, v in cleaned.items() if k in CASE_FIELDS},
        )
        CaseEvent.objects.create(
            case=case,
            actor=actor,
            action="open",
            to_status=case.status,
            **timeline.said("named", text=timeline.names(lambda language: _condition_name(case, language))),
        )
        record(actor=actor, action=AuditAction.CREATE, instance=patient, after=snapshot(patient))
        record(actor=actor, action=AuditAction.CREATE, instance=case, after=snapshot(case))
    return case


def _new_reference(organisation: Organisation) -> str:
    import secrets

    return f"{organisation.country_id}-{timezone.localdate().year}-{secrets.token_hex(3).upper()}"


def edit_intake(*, actor, case: ReferralCase, version: int | None = None, **fields) -> ReferralCase:
    cleaned = _clean_intake(fields)
    with transaction.atomic():
        patient_changes = {k: v for k, v in cleaned.items() if k in PATIENT_FIELDS}
        case_changes = {k: v for k, v in cleaned.items() if k in CASE_FIELDS}
        _act(
            actor=actor,
            case=case,
            action="edit_intake",
            version=version,
            changes=case_changes,
            summary=", ".join(sorted(cleaned)),
        )
        if patient_changes:
            before = snapshot(case.patient)
            for name, value in patient_changes.items():
                setattr(case.patient, name, value)
            case.patient.save()
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=case.patient,
                before=before,
                after=snapshot(case.patient),
            )
    return case


def add_document(
    *,
    actor,
    case: ReferralCase,
    upload,
    description: str = "",
    version: int | None = None,
    category: str = DocumentCategory.CLINICAL,
    name: str = "",
) -> Document:
    if category not in DocumentCategory.values:
        raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": category}, field="category")
    checked = check_upload(upload, name=name)
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="add_document",
            version=version,
            summary=description or checked.name,
        )
        return _store_document(
            actor=actor,
            case=case,
            checked=checked,
            category=category,
            description=description or checked.name,
        )


def _store_document(*, actor, case, checked, category, description, organisation=None) -> Document:
    document = Document(
        case=case,
        category=category,
        description=description[:300],
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        author=actor,
        author_organisation=organisation,
    )
    document.file.save(checked.sha256[:16], ContentFile(checked.content), save=False)
    document.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=document,
        after={
            "case": str(case.public_id),
            "sha256": checked.sha256,
            "size": checked.size,
            "content_type": checked.content_type,
            "category": category,
        },
    )
    return document


# --- opinions --------------------------------------------------------------------------------------


def request_opinions(
    *,
    actor,
    case: ReferralCase,
    facilities: list,
    due_date: date,
    documents: list = (),
    message: str = "",
    version: int | None = None,
) -> list[OpinionRequest]:
    """Send the case to one or more facilities, with only the chosen documents."""
    if not case.consent_abroad:
        raise ValidationFailed(
            _("The patient has not consented to sending the data abroad: record the consent first."),
            field="consent_scope",
        )
    if not facilities:
        raise ValidationFailed(_("Choose at least one facility."), field="facilities")
    if due_date < timezone.localdate():
        raise ValidationFailed(_("The deadline is in the past."), field="due_date")
    chosen = [_lookup_required(Facility, f, "facilities", "public_id") for f in facilities]
    if any(f.is_voided for f in chosen):
        raise ValidationFailed(_("This facility is no longer in the directory."), field="facilities")
    docs = [_lookup_required(Document, d, "documents", "public_id") for d in documents]
    if any(d.case_id != case.pk or d.is_voided for d in docs):
        raise ValidationFailed(_("A chosen document does not belong to this case."), field="documents")
    with transaction.atomic():
        already = set(case.opinion_requests.values_list("facility_id", flat=True))
        fresh = [f for f in chosen if f.pk not in already]
        if not fresh:
            raise ValidationFailed(_("The case was already sent to these facilities."), field="facilities")
        _act(
            actor=actor,
            case=case,
            action="request_opinions",
            version=version,
            **timeline.said(
                "named",
                {
                    "facilities": [str(f.public_id) for f in fresh],
                    "documents": [str(d.public_id) for d in docs],
                    "due_date": str(due_date),
                },
                text=timeline.names(lambda language: ", ".join(f.display_name(language) for f in fresh)),
            ),
        )
        created = []
        for facility in fresh:
            request = OpinionRequest.objects.create(
                case=case,
                facility=facility,
                performer_organisation_id=facility.organisation_id,
                message=message,
                requested_by=actor,
                due_date=due_date,
            )
            request.documents.set(docs)
            CaseEvent.objects.create(
                case=case,
                actor=actor,
                action="request_received",
                to_status=case.status,
                organisation_id=facility.organisation_id,
                **timeline.said("opinion_requested", {"request": str(request.public_id)}, date=due_date.isoformat()),
            )
            record(actor=actor, action=AuditAction.CREATE, instance=request, after=snapshot(request))
            created.append(request)
        _refresh_deadline(case)
        _notify(case, "request_opinions", [f.organisation_id for f in fresh])
    return created


def _request_case(request: OpinionRequest) -> ReferralCase:
    return ReferralCase.objects.select_related("patient").get(pk=request.case_id)


def answer_opinion(
    *,
    actor,
    request: OpinionRequest,
    treatment_plan: str,
    estimate_amount: Decimal,
    estimate_currency: str,
    estimate_includes: str = "",
    stay_days: int | None = None,
    earliest_admission: date | None = None,
    valid_until: date | None = None,
    version: int | None = None,
    case: ReferralCase | None = None,
) -> OpinionRequest:
    case = case or _request_case(request)
    _check_own_request(actor, request)
    if not treatment_plan.strip():
        raise ValidationFailed(_("Describe the treatment plan."), field="treatment_plan")
    if estimate_amount is None or Decimal(estimate_amount) <= 0:
        raise ValidationFailed(_("Give the estimated cost."), field="estimate_amount")
    currency = _lookup_required(Currency, estimate_currency, "estimate_currency")
    if valid_until and valid_until < timezone.localdate():
        raise ValidationFailed(_("The offer would already have expired."), field="valid_until")
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="answer_opinion",
            version=version,
            organisation=request.performer_organisation,
            **timeline.said(
                "answered",
                {"request": str(request.public_id)},
                facility=timeline.names(request.facility.display_name),
                estimate=f"{estimate_amount} {currency.code}",
            ),
        )
        _mark_answered(
            actor,
            request,
            status=RequestStatus.ANSWERED,
            treatment_plan=treatment_plan,
            estimate_amount=Decimal(estimate_amount),
            estimate_currency=currency,
            estimate_includes=estimate_includes,
            stay_days=stay_days,
            earliest_admission=earliest_admission,
            valid_until=valid_until,
        )
        _refresh_deadline(case)
        _notify(case, "answer_opinion", [case.owner_organisation_id])
    return request


def decline_opinion(
    *,
    actor,
    request: OpinionRequest,
    reason: str,
    version: int | None = None,
    case: ReferralCase | None = None,
) -> OpinionRequest:
    case = case or _request_case(request)
    _check_own_request(actor, request)
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="decline_opinion",
            version=version,
            summary=reason,
            organisation=request.performer_organisation,
            data={"request": str(request.public_id)},
        )
        _mark_answered(actor, request, status=RequestStatus.DECLINED, decline_reason=reason)
        _refresh_deadline(case)
        _notify(case, "decline_opinion", [case.owner_organisation_id])
    return request


def _check_own_request(actor, request: OpinionRequest) -> None:
    from .permissions import can_answer

    if not can_answer(actor, request):
        raise PermissionDenied(_("Only the clinic this request was sent to can answer it."))
    if request.status != RequestStatus.REQUESTED:
        raise Conflict(_("This request has already been answered."))


def _mark_answered(actor, request: OpinionRequest, **changes) -> None:
    before = snapshot(request)
    won = OpinionRequest.objects.filter(pk=request.pk, status=RequestStatus.REQUESTED).update(
        answered_at=timezone.now(), answered_by=actor, **changes
    )
    if not won:
        raise Conflict(_("This request has already been answered."))
    request.refresh_from_db()
    record(actor=actor, action=AuditAction.UPDATE, instance=request, before=before, after=snapshot(request))


# --- selection and funding -------------------------------------------------------------------------


def select_offer(*, actor, case: ReferralCase, request, funding_due: date, version: int | None = None) -> ReferralCase:
    request = _lookup_required(OpinionRequest, request, "request", "public_id")
    if request.case_id != case.pk or request.status != RequestStatus.ANSWERED:
        raise ValidationFailed(_("Only an answered request of this case can be selected."), field="request")
    if request.valid_until and request.valid_until < timezone.localdate():
        raise ValidationFailed(_("This offer has expired."), field="request")
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="select_offer",
            version=version,
            changes={"selected_request": request, "funding_due": funding_due},
            **timeline.said(
                "named", {"request": str(request.public_id)}, text=timeline.names(request.facility.display_name)
            ),
        )
        CaseEvent.objects.create(
            case=case,
            actor=actor,
            action="offer_selected",
            to_status=case.status,
            organisation=request.performer_organisation,
            **timeline.said("offer_selected", date=funding_due.isoformat()),
        )
        withdrawn_from = _withdraw_waiting_requests(actor, case)
        _refresh_deadline(case)
        _notify(case, "select_offer", [request.performer_organisation_id])
        _notify(case, "withdraw_request", withdrawn_from)
    return case


def _withdraw_waiting_requests(actor, case: ReferralCase) -> set[int]:
    """Withdraw the requests still waiting for an answer, once the case no longer needs them (an answer
    was selected, or the case was cancelled): they leave those clinics' inboxes and the clinics lose
    access to the case. Returns the clinics' organisations, to be told."""
    clinics = set()
    for waiting in case.opinion_requests.select_for_update().filter(status=RequestStatus.REQUESTED):
        before = snapshot(waiting)
        waiting.status = RequestStatus.WITHDRAWN
        waiting.save(update_fields=["status", "updated_at"])
        record(actor=actor, action=AuditAction.UPDATE, instance=waiting, before=before, after=snapshot(waiting))
        clinics.add(waiting.performer_organisation_id)
    return clinics


def approve_funding(
    *,
    actor,
    case: ReferralCase,
    shares: list[dict],
    decided_on: date | None = None,
    version: int | None = None,
) -> FundingDecision:
    if not shares:
        raise ValidationFailed(_("Add at least one payer."), field="shares")
    clean = []
    for share in shares:
        kind = share.get("payer_kind")
        if kind not in PayerKind.values:
            raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": kind}, field="shares")
        amount = Decimal(str(share.get("amount") or 0))
        if amount <= 0:
            raise ValidationFailed(_("Each payer needs an approved amount."), field="shares")
        clean.append(
            {
                "payer_kind": kind,
                "payer_name": share.get("payer_name") or PayerKind(kind).label,
                "amount": amount,
                "currency": _lookup_required(Currency, share.get("currency"), "shares"),
            }
        )
    with transaction.atomic():
        total = ", ".join(f"{s['amount']} {s['currency'].code}" for s in clean)
        _act(
            actor=actor,
            case=case,
            action="approve_funding",
            version=version,
            summary=total,
            changes={"funding_due": None},
        )
        decision = FundingDecision.objects.create(
            case=case,
            outcome=FundingOutcome.APPROVED,
            decided_on=decided_on or timezone.localdate(),
            decided_by=actor,
        )
        for share in clean:
            FundingShare.objects.create(decision=decision, **share)
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=decision,
            after=_jsonable({"outcome": decision.outcome, "shares": total}),
        )
        TravelPlan.objects.get_or_create(case=case)
        CaseEvent.objects.create(
            case=case,
            actor=actor,
            action="funding_confirmed",
            to_status=case.status,
            organisation=_treating_organisation(case),
            **timeline.said("funding_approved"),
        )
        _refresh_deadline(case)
        _notify(case, "approve_funding", [_treating_organisation(case)])
    return decision


def refuse_funding(*, actor, case: ReferralCase, reason: str, version: int | None = None) -> FundingDecision:
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="refuse_funding",
            version=version,
            summary=reason,
            changes={"funding_due": None},
        )
        decision = FundingDecision.objects.create(
            case=case, outcome=FundingOutcome.REFUSED, reason=reason, decided_by=actor
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=decision,
            after={"outcome": "refused", "reason": reason},
        )
        _refresh_deadline(case)
        _notify(case, "refuse_funding", [case.owner_organisation_id], exclude_actor=actor)
    return decision


def appeal_funding(
    *, actor, case: ReferralCase, reason: str, funding_due: date, version: int | None = None
) -> FundingDecision:
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="appeal_funding",
            version=version,
            summary=reason,
            changes={"funding_due": funding_due},
        )
        decision = case.funding_decisions.filter(outcome=FundingOutcome.REFUSED).order_by("-id").first()
        decision.appeal, decision.appealed_on = reason, timezone.localdate()
        decision.save(update_fields=["appeal", "appealed_on", "updated_at"])
        record(actor=actor, action=AuditAction.UPDATE, instance=decision, after={"appeal": reason})
        _refresh_deadline(case)
    return decision


# --- travel, treatment, discharge ------------------------------------------------------------------

TRAVEL_FIELDS = (
    "departure_date",
    "arrival_date",
    "return_date",
    "companion",
    "interpreter",
    "accommodation",
    "arrival_details",
)


def _check_travel_dates(case: ReferralCase, fields: dict) -> None:
    """Departure, arrival and return in that order, on the plan as it will be saved: a partial update
    is checked against the dates it keeps. Called after the step's permission check (the saved dates are
    the patient's record), inside its transaction, so a refusal writes nothing."""
    saved = TravelPlan.objects.filter(case=case).values("departure_date", "arrival_date", "return_date").first()
    dates = {**(saved or {}), **{k: v for k, v in fields.items() if k.endswith("_date")}}
    departure, arrival, back = dates.get("departure_date"), dates.get("arrival_date"), dates.get("return_date")
    if departure and arrival and arrival < departure:
        raise ValidationFailed(_("The arrival is before the departure."), field="arrival_date")
    if departure and back and back < departure:
        raise ValidationFailed(_("The return is before the departure."), field="return_date")
    if arrival and back and back < arrival:
        raise ValidationFailed(_("The return is before the arrival."), field="return_date")


def _check_not_in_future(day: date, field: str) -> None:
    """What a clinic records as done (an admission, a discharge) has happened already."""
    if day > timezone.localdate():
        raise ValidationFailed(_("This date is in the future."), field=field)


def plan_travel(*, actor, case: ReferralCase, version: int | None = None, **fields) -> TravelPlan:
    unknown = set(fields) - set(TRAVEL_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown field “%(value)s”.") % {"value": sorted(unknown)[0]})
    stored = _jsonable(fields)
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="plan_travel",
            version=version,
            organisation=_treating_organisation(case),
            **timeline.said("travel_planned", stored, **{name: value for name, value in stored.items() if value}),
        )
        _check_travel_dates(case, fields)
        plan, _created = TravelPlan.objects.get_or_create(case=case)
        before = snapshot(plan)
        for name, value in fields.items():
            setattr(plan, name, value if value is not None or name.endswith("_date") else "")
        plan.save()
        record(actor=actor, action=AuditAction.UPDATE, instance=plan, before=before, after=snapshot(plan))
        _notify(
            case,
            "plan_travel",
            [case.owner_organisation_id, _treating_organisation(case)],
            exclude_actor=actor,
        )
    return plan


def issue_invitation(*, actor, case: ReferralCase, version: int | None = None) -> Document:
    """The visa invitation letter (PDF) from the treating clinic, in its language and the patient's."""
    from .files import CheckedFile
    from .letters import invitation_pdf

    treating = _treating_organisation(case)
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="issue_invitation",
            version=version,
            organisation=treating,
            **timeline.said("invitation_letter"),
        )
        plan, _created = TravelPlan.objects.get_or_create(case=case)
        content = invitation_pdf(case, plan)
        import hashlib

        checked = CheckedFile(
            content=content,
            content_type="application/pdf",
            extension="pdf",
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            name=f"invitation-{case.reference}.pdf",
        )
        document = _store_document(
            actor=actor,
            case=case,
            checked=checked,
            category=DocumentCategory.INVITATION,
            description="",  # titled by its kind when read, in the reader's language
            organisation=treating,
        )
        plan.invitation = document
        plan.save(update_fields=["invitation", "updated_at"])
        _notify(case, "issue_invitation", [case.owner_organisation_id, treating], exclude_actor=actor)
    return document


def admit(*, actor, case: ReferralCase, admitted_on: date, ward: str = "", version: int | None = None) -> Encounter:
    _check_not_in_future(admitted_on, "admitted_on")
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="admit",
            version=version,
            summary=f"{admitted_on} {ward}".strip(),
            organisation=_treating_organisation(case),
        )
        if admitted_on < timezone.localdate(case.created_at):  # after the permission check: the case's own date
            raise ValidationFailed(_("The admission is before the case was opened."), field="admitted_on")
        encounter = Encounter.objects.create(
            case=case, facility=case.selected_request.facility, admitted_on=admitted_on, ward=ward
        )
        record(actor=actor, action=AuditAction.CREATE, instance=encounter, after=snapshot(encounter))
        _notify(case, "admit", [case.owner_organisation_id])
    return encounter


def treatment_update(*, actor, case: ReferralCase, note: str, version: int | None = None) -> CaseEvent:
    if not note.strip():
        raise ValidationFailed(_("Write the update."), field="note")
    with transaction.atomic():
        event = _act(
            actor=actor,
            case=case,
            action="treatment_update",
            version=version,
            summary=note,
            organisation=_treating_organisation(case),
        )
        _notify(case, "treatment_update", [case.owner_organisation_id])
    return event


def discharge(
    *,
    actor,
    case: ReferralCase,
    discharged_on: date,
    follow_up_plan: str,
    summary_upload,
    disposition: str = "",
    version: int | None = None,
) -> Encounter:
    """Discharge with the summary document and the follow-up plan; outcome tasks at 30 and 90 days."""
    if not follow_up_plan.strip():
        raise ValidationFailed(_("Write the follow-up plan."), field="follow_up_plan")
    if summary_upload is None:
        raise ValidationFailed(_("Attach the discharge summary."), field="summary_upload")
    _check_not_in_future(discharged_on, "discharged_on")
    checked = check_upload(summary_upload)
    treating = _treating_organisation(case)
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="discharge",
            version=version,
            organisation=treating,
            summary=f"{discharged_on}: {disposition}".strip(": "),
        )
        encounter = Encounter.objects.get(case=case)
        if discharged_on < encounter.admitted_on:
            raise ValidationFailed(_("Discharge cannot be before admission."), field="discharged_on")
        before = snapshot(encounter)
        document = _store_document(
            actor=actor,
            case=case,
            checked=checked,
            category=DocumentCategory.DISCHARGE,
            description="",  # titled by its kind when read
            organisation=treating,
        )
        encounter.discharged_on, encounter.discharge_disposition = discharged_on, disposition
        encounter.follow_up_plan, encounter.discharge_summary = follow_up_plan, document
        encounter.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=encounter,
            before=before,
            after=snapshot(encounter),
        )
        for kind, days in OUTCOME_HORIZONS:
            FollowUpTask.objects.create(
                case=case,
                kind=kind,
                description="",  # titled by its kind when read (``FollowUpTask.title``)
                due_date=discharged_on + timedelta(days=days),
            )
        _refresh_deadline(case)
        _notify(case, "discharge", [case.owner_organisation_id])
    return encounter


# --- back home -------------------------------------------------------------------------------------


def add_task(
    *,
    actor,
    case: ReferralCase,
    description: str,
    due_date: date,
    owner_name: str = "",
    version: int | None = None,
) -> FollowUpTask:
    if not description.strip():
        raise ValidationFailed(_("Say what is to be done."), field="description")
    with transaction.atomic():
        _act(actor=actor, case=case, action="add_task", version=version, summary=f"{description} ({due_date})")
        task = FollowUpTask.objects.create(case=case, description=description, due_date=due_date, owner_name=owner_name)
        record(actor=actor, action=AuditAction.CREATE, instance=task, after=snapshot(task))
        _refresh_deadline(case)
    return task


def complete_task(
    *,
    actor,
    task,
    completed_on: date | None = None,
    outcome: str = "",
    note: str = "",
    version: int | None = None,
    case: ReferralCase | None = None,
) -> FollowUpTask:
    task = _lookup_required(FollowUpTask, task, "task", "public_id")
    case = case or ReferralCase.objects.get(pk=task.case_id)
    if task.case_id != case.pk:
        raise NotFound(_("No such task in this case."))
    if task.completed_on:
        raise Conflict(_("This task is already done."))
    if task.kind != TaskKind.FOLLOW_UP and outcome not in OutcomeCode.values:
        raise ValidationFailed(_("Record the outcome."), field="outcome")
    if outcome and outcome not in OutcomeCode.values:
        raise ValidationFailed(_("Unknown value “%(value)s”.") % {"value": outcome}, field="outcome")
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="complete_task",
            version=version,
            **timeline.said(
                "task_done",
                {"task": str(task.public_id), "outcome": outcome},
                task=task.description,
                kind=task.kind,
                outcome=outcome,
            ),
        )
        before = snapshot(task)
        task.completed_on, task.outcome, task.note = completed_on or timezone.localdate(), outcome, note
        task.save()
        record(actor=actor, action=AuditAction.UPDATE, instance=task, before=before, after=snapshot(task))
        _refresh_deadline(case)
    return task


def _step(*, actor, case: ReferralCase, action: str, version, reason: str = "", changes=None) -> ReferralCase:
    """A transition with nothing to write but the case itself (close, hold, resume)."""
    with transaction.atomic():
        _act(actor=actor, case=case, action=action, version=version, summary=reason, changes=changes)
        _refresh_deadline(case)
    return case


def close(*, actor, case: ReferralCase, reason: str = "", version: int | None = None) -> ReferralCase:
    return _step(
        actor=actor,
        case=case,
        action="close",
        version=version,
        reason=reason,
        changes={"closure_reason": reason},
    )


def hold(*, actor, case: ReferralCase, reason: str, version: int | None = None) -> ReferralCase:
    return _step(actor=actor, case=case, action="hold", version=version, reason=reason)


def resume(*, actor, case: ReferralCase, version: int | None = None) -> ReferralCase:
    return _step(actor=actor, case=case, action="resume", version=version)


def cancel(*, actor, case: ReferralCase, reason: str, version: int | None = None) -> ReferralCase:
    with transaction.atomic():
        _act(
            actor=actor,
            case=case,
            action="cancel",
            version=version,
            summary=reason,
            changes={"closure_reason": reason, "next_deadline": None},
        )
        clinics = _withdraw_waiting_requests(actor, case)
        if case.selected_request_id:
            clinics.add(case.selected_request.performer_organisation_id)
        _notify(case, "cancel", clinics)
    return case


# --- deadlines (the periodic job) ------------------------------------------------------------------


def check_deadlines(*, today: date | None = None, warn_days: int = 2) -> dict:
    """Remind once about every request, funding decision and task that is due soon or overdue.

    Idempotent: reminded items carry ``reminded_at``; a second run the same day sends nothing."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=warn_days)
    counts = {"requests": 0, "funding": 0, "tasks": 0}
    requests = OpinionRequest.objects.filter(
        status=RequestStatus.REQUESTED, due_date__lte=horizon, case__status=workflow.State.OPINIONS
    ).select_related("case")
    for request in requests.filter(reminded_at__isnull=True):
        counts["requests"] += _remind(
            request,
            "request",
            request.due_date,
            today,
            [request.performer_organisation_id, request.case.owner_organisation_id],
            event_organisation=request.performer_organisation_id,
        )
    for case in ReferralCase.objects.filter(status=workflow.State.FUNDING, funding_due__lte=horizon):
        with transaction.atomic():
            seen = case.events.filter(action="record_deadline", data__kind="funding", data__due=str(case.funding_due))
            if not seen.exists():
                _deadline_event(case, "funding", case.funding_due, today, None)
                _notify(case, "deadline", [case.owner_organisation_id])
                counts["funding"] += 1
    tasks = FollowUpTask.objects.filter(
        completed_on__isnull=True, due_date__lte=horizon, case__status=workflow.State.FOLLOW_UP
    ).select_related("case")
    for task in tasks.filter(reminded_at__isnull=True):
        counts["tasks"] += _remind(task, "task", task.due_date, today, [task.case.owner_organisation_id])
    return counts


def _remind(item, kind: str, due: date, today: date, organisations, *, event_organisation=None) -> int:
    """Mark ``item`` reminded (once: the UPDATE only wins if nobody did it first), write the line, notify."""
    with transaction.atomic():
        if not type(item).objects.filter(pk=item.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
            return 0
        _deadline_event(item.case, kind, due, today, event_organisation)
        _notify(item.case, "deadline", organisations)
    return 1


def _deadline_event(case, kind: str, due: date, today: date, organisation_id) -> None:
    """A timeline line written directly (not through ``_act``): a reminder must never lose a race with,
    or block, a person's transition, so it does not bump the case version."""
    summary = (_("Overdue since %(date)s") if due < today else _("Due on %(date)s")) % {"date": due}
    CaseEvent.objects.create(
        case=case,
        action="record_deadline",
        from_status=case.status,
        to_status=case.status,
        summary=summary,
        organisation_id=organisation_id,
        data={"kind": kind, "due": str(due), "overdue": due < today},
    )
    record(actor=None, action=AuditAction.UPDATE, instance=case, summary=f"deadline {kind} {due}")


# --- the action registry shared by the web UI and the API ------------------------------------------

CASE_ACTIONS = {
    "edit_intake": edit_intake,
    "request_opinions": request_opinions,
    "select_offer": select_offer,
    "approve_funding": approve_funding,
    "refuse_funding": refuse_funding,
    "appeal_funding": appeal_funding,
    "plan_travel": plan_travel,
    "issue_invitation": issue_invitation,
    "admit": admit,
    "treatment_update": treatment_update,
    "discharge": discharge,
    "add_task": add_task,
    "close": close,
    "hold": hold,
    "resume": resume,
    "cancel": cancel,
}


def visible_open_requests(case: ReferralCase):
    return case.opinion_requests.filter(~Q(status=RequestStatus.WITHDRAWN))
