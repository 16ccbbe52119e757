"""REST API of referral cases at /api/v1/cases/: every workflow step, in the OpenAPI schema.

Thin: parse, call the selector or the service, shape the answer. Domain errors become JSON with their
status (409 for a stale ``version``). Reads of a case write the access-log row (channel ``api``).
"""

from datetime import date
from uuid import UUID

from django.utils import timezone
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from medcorridor.accounts.api_auth import authenticated
from medcorridor.core import params

from . import coding, selectors, services, timeline, workflow
from .comparison import compare
from .files import attachment_response
from .permissions import case_roles
from .schemas import (
    AdmitIn,
    AnswerIn,
    AppealIn,
    CaseOut,
    CaseSummaryOut,
    ComparisonRowOut,
    CompleteTaskIn,
    DocumentOut,
    EditIntakeIn,
    FundingIn,
    IcdSuggestIn,
    IcdSuggestionOut,
    InboxOut,
    IntakeIn,
    NoteIn,
    OptionalReasonIn,
    ReasonIn,
    RequestOpinionsIn,
    SelectIn,
    SuggestionOut,
    TaskIn,
    TravelIn,
    Versioned,
)

router = Router(tags=["cases"], auth=authenticated)
API = "api"


def summary_out(case) -> dict:
    return {
        "id": case.public_id,
        "reference": case.reference,
        "status": case.status,
        "version": case.version,
        "priority": case.priority,
        "condition_code": case.condition_code_id,
        "patient_name": f"{case.patient.family_name} {case.patient.given_name}",
        "patient_name_latin": case.patient.latin_name,
        "next_deadline": case.next_deadline,
        "overdue": case.is_overdue,
    }


def request_out(r) -> dict:
    return {
        "id": r.public_id,
        "facility": r.facility.name_en,
        "facility_id": r.facility.public_id,
        "status": r.status,
        "due_date": r.due_date,
        "overdue": r.is_overdue,
        "treatment_plan": r.treatment_plan,
        "estimate_amount": r.estimate_amount,
        "estimate_currency": r.estimate_currency_id,
        "estimate_includes": r.estimate_includes,
        "stay_days": r.stay_days,
        "earliest_admission": r.earliest_admission,
        "valid_until": r.valid_until,
        "decline_reason": r.decline_reason,
    }


def document_out(d) -> dict:
    return {
        "id": d.public_id,
        "category": d.category,
        "description": d.title,
        "content_type": d.content_type,
        "size": d.size,
        "sha256": d.sha256,
    }


def case_out(user, case) -> dict:
    requests = list(selectors.opinion_requests(user, case))
    roles = case_roles(user, case, requests=requests)
    patient = case.patient
    return {
        **summary_out(case),
        "patient_id": patient.public_id,
        "birth_date": patient.birth_date,
        "gender": patient.gender,
        "citizenship": patient.citizenship_id,
        "condition_note": case.condition_note,
        "requested_specialty": case.requested_specialty_id,
        "requested_procedure": case.requested_procedure,
        "consent_scope": case.consent_scope,
        "consent_date": case.consent_date,
        "funding_due": case.funding_due,
        "selected_request": case.selected_request.public_id if case.selected_request_id else None,
        "available_actions": workflow.available(case.status, roles),
        "requests": [request_out(r) for r in requests],
        "documents": [document_out(d) for d in selectors.documents(user, case)],
        "events": [
            {
                "occurred_at": e.occurred_at,
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "summary": timeline.text_of(e),
                "actor": e.actor.username if e.actor_id else None,
            }
            for e in selectors.timeline(user, case)
        ],
    }


def load(request, case_id, purpose="view"):
    return selectors.get_case(request.user, case_id, purpose=purpose, channel=API)


@router.get("/", response=list[CaseSummaryOut], summary="List the cases you may see")
def list_cases(
    request,
    status: str = "",
    overdue: bool = False,
    q: str = "",
    priority: str = "",
    limit: int = params.limit(50, maximum=200),
    offset: int = params.offset(),
):
    rows = list(
        selectors.case_list(request.user, status=status, overdue=overdue, q=q, priority=priority)[
            offset : offset + limit
        ]
    )
    selectors.log_list(request.user, rows, channel=API)
    return [summary_out(c) for c in rows]


@router.post("/", response={201: CaseOut}, summary="Intake: open a case for a new patient")
def open_case(request, payload: IntakeIn):
    case = services.open_case(actor=request.user, **payload.dict())
    return Status(201, case_out(request.user, load(request, case.public_id)))


@router.get("/inbox", response=list[InboxOut], summary="Clinic inbox: opinion requests sent to your facility")
def inbox(request, status: str = "", overdue: bool = False):
    rows = list(selectors.inbox(request.user, status=status, overdue=overdue)[:200])
    selectors.log_list(request.user, [r.case for r in rows], purpose="inbox", channel=API)
    return [
        {
            "request": r.public_id,
            "case": r.case.public_id,
            "reference": r.case.reference,
            "facility": r.facility.name_en,
            "status": r.status,
            "due_date": r.due_date,
            "overdue": r.is_overdue,
            "condition_code": r.case.condition_code_id,
        }
        for r in rows
    ]


@router.get("/icd/suggest", response=list[IcdSuggestionOut], summary="Suggest ICD-10 categories for a complaint text")
def suggest_icd(request, text: str = ""):
    """The three most likely 3-character ICD-10 categories for Russian complaints or a clinical summary,
    each with the words that led to it. Nothing is stored; use POST for texts too long for a URL."""
    return coding.suggest_codes(text)


@router.post("/icd/suggest", response=list[IcdSuggestionOut], summary="Suggest ICD-10 categories (text in the body)")
def suggest_icd_posted(request, payload: IcdSuggestIn):
    return coding.suggest_codes(payload.text)


@router.get("/documents/{document_id}", summary="Download a document (always as an attachment)", response={200: None})
def download(request, document_id: UUID):
    document = selectors.get_document(request.user, document_id, channel=API)
    return attachment_response(
        document.file,
        stem=f"{document.case.reference}-{document.pk}",
        content_type=document.content_type,
        sha256=document.sha256,
    )


@router.get("/{case_id}", response=CaseOut, summary="One case with its requests, documents and timeline")
def get_case(request, case_id: UUID):
    return case_out(request.user, load(request, case_id))


@router.get("/{case_id}/suggestions", response=list[SuggestionOut], summary="Ranked partner facilities")
def suggestions(request, case_id: UUID):
    from .matching import reason_text, suggestions_for

    case = load(request, case_id, "suggestions")
    return [
        {
            "facility_id": f.public_id,
            "name": f.name_en,
            "score": s.score,
            "reasons": [reason_text(r) for r in s.reasons],
            "price_min_usd": s.price_min_usd,
            "wait_days": s.wait_days,
        }
        for f, s in suggestions_for(case)
    ]


@router.get(
    "/{case_id}/comparison",
    response=list[ComparisonRowOut],
    summary="Answers side by side in one currency at the rate of one date",
)
def comparison(request, case_id: UUID, currency: str = "USD", on: date | None = None):
    case = load(request, case_id, "comparison")
    table = compare(
        selectors.opinion_requests(request.user, case),
        currency=currency.upper(),
        on=on or timezone.localdate(),
    )
    return [
        {
            "request": r.request.public_id,
            "facility": r.request.facility.name_en,
            "status": r.request.status,
            "amount": r.amount,
            "currency": table.currency,
            "rate_date": r.rate_date,
            "per_day": r.per_day,
            "stay_days": r.request.stay_days,
            "earliest_admission": r.request.earliest_admission,
        }
        for r in table.rows
    ]


@router.post("/{case_id}/documents", response={201: DocumentOut}, summary="Upload a document (PDF, image, DICOM)")
def upload(
    request,
    case_id: UUID,
    file: UploadedFile = File(...),  # noqa: B008
    category: str = Form("clinical"),
    description: str = Form(""),
    version: int | None = Form(None),
):
    case = load(request, case_id, "add_document")
    document = services.add_document(
        actor=request.user,
        case=case,
        upload=file,
        category=category,
        description=description,
        version=version,
    )
    return Status(201, document_out(document))


@router.post("/{case_id}/discharge", response=CaseOut, summary="Discharge with the summary and follow-up plan")
def discharge(
    request,
    case_id: UUID,
    summary_upload: UploadedFile = File(...),  # noqa: B008
    discharged_on: date = Form(...),  # noqa: B008
    follow_up_plan: str = Form(...),
    disposition: str = Form(""),
    version: int | None = Form(None),
):
    case = load(request, case_id, "discharge")
    services.discharge(
        actor=request.user,
        case=case,
        summary_upload=summary_upload,
        discharged_on=discharged_on,
        follow_up_plan=follow_up_plan,
        disposition=disposition,
        version=version,
    )
    return case_out(request.user, load(request, case_id))


@router.post("/{case_id}/tasks/{task_id}/complete", response=CaseOut, summary="Complete a follow-up task")
def complete_task(request, case_id: UUID, task_id: UUID, payload: CompleteTaskIn):
    case = load(request, case_id, "complete_task")
    services.complete_task(actor=request.user, case=case, task=task_id, **payload.dict())
    return case_out(request.user, load(request, case_id))


def _request_step(path: str, action: str, schema, summary: str):
    service = services.answer_opinion if action == "answer_opinion" else services.decline_opinion

    def endpoint(request, request_id: UUID, payload: schema):
        opinion = selectors.get_request(request.user, request_id, channel=API)
        case = load(request, opinion.case.public_id, action)
        service(actor=request.user, request=opinion, case=case, **payload.dict())
        return case_out(request.user, load(request, case.public_id))

    endpoint.__name__ = action
    router.post(path, response=CaseOut, summary=summary, operation_id=f"cases_{action}")(endpoint)


def _case_step(path: str, action: str, schema, summary: str):
    service = services.CASE_ACTIONS[action]

    def endpoint(request, case_id: UUID, payload: schema):
        case = load(request, case_id, action)
        data = payload.dict()
        if action == "approve_funding":
            data["shares"] = [dict(share) for share in data["shares"]]
        service(actor=request.user, case=case, **data)
        return case_out(request.user, load(request, case_id))

    endpoint.__name__ = action
    router.post(f"/{{case_id}}/{path}", response=CaseOut, summary=summary, operation_id=f"cases_{action}")(endpoint)


_request_step("/requests/{request_id}/answer", "answer_opinion", AnswerIn, "Clinic: answer an opinion request")
_request_step("/requests/{request_id}/decline", "decline_opinion", ReasonIn, "Clinic: decline with a reason")
for _path, _action, _schema, _summary in (
    ("intake", "edit_intake", EditIntakeIn, "Correct the intake (diagnosis note, consent)"),
    ("opinion-requests", "request_opinions", RequestOpinionsIn, "Send the case to facilities for opinions"),
    ("selection", "select_offer", SelectIn, "Select one answer; sets the funding deadline"),
    ("funding/approve", "approve_funding", FundingIn, "Funding approved by one or more payers"),
    ("funding/refuse", "refuse_funding", ReasonIn, "Funding refused, with the reason"),
    ("funding/appeal", "appeal_funding", AppealIn, "Appeal a funding refusal"),
    ("travel", "plan_travel", TravelIn, "Travel dates, companion, interpreter, accommodation, arrival"),
    ("invitation", "issue_invitation", Versioned, "Generate the visa invitation letter (PDF)"),
    ("admission", "admit", AdmitIn, "Treating clinic: the patient is admitted"),
    ("treatment-updates", "treatment_update", NoteIn, "Treating clinic: a treatment update"),
    ("tasks", "add_task", TaskIn, "Add a follow-up task for the home doctor"),
    ("close", "close", OptionalReasonIn, "Close the case"),
    ("hold", "hold", ReasonIn, "Put the case on hold, with the reason"),
    ("resume", "resume", Versioned, "Resume a case on hold"),
    ("cancel", "cancel", ReasonIn, "Cancel the case, with the reason"),
):
    _case_step(_path, _action, _schema, _summary)
