"""REST API of finance, mounted at /api/v1/finance/ (scoped and access-logged like the UI)."""

import json
from datetime import date
from uuid import UUID

from django.http import FileResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from medcorridor.accounts.api_auth import authenticated
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import fetch_visible
from medcorridor.cases.selectors import get_case
from medcorridor.core.errors import NotFound, ValidationFailed

from . import presenters, selectors, services
from .downloads import invoice_pdf_response
from .schemas import (
    ApproveIn,
    BudgetIn,
    BudgetOut,
    CommitIn,
    CommitmentOut,
    InvoiceOut,
    MatchOut,
    PayerIn,
    PayerOut,
    PaymentIn,
    PaymentOut,
    ProgrammeIn,
    ProgrammeOut,
    ReasonIn,
    ShareOut,
    UtilisationOut,
)

router = Router(tags=["finance"], auth=authenticated)
API = "api"


def _organisation(public_id) -> Organisation:
    organisation = Organisation.objects.filter(public_id=public_id).first()
    if organisation is None:
        raise NotFound(_("Unknown organisation."))
    return organisation


def _invoice(request, invoice_id, purpose="view"):
    return selectors.get_invoice(request.user, invoice_id, purpose=purpose, channel=API)


def _invoice_body(request, invoice_id) -> dict:
    invoice = _invoice(request, invoice_id)
    return presenters.invoice_out(invoice, selectors.estimate_variance(invoice))


# --- payers and programmes -------------------------------------------------------------------------


@router.get("/payers", response=list[PayerOut], summary="Payers (state programmes, insurers, charities)")
def list_payers(request):
    return [presenters.payer_out(p) for p in selectors.payers(request.user)]


@router.post("/payers", response={201: PayerOut}, summary="Add a payer")
def create_payer(request, payload: PayerIn):
    organisation = _organisation(payload.organisation) if payload.organisation else None
    payer = services.create_payer(
        actor=request.user,
        name=payload.name,
        kind=payload.kind,
        organisation=organisation,
        country=payload.country,
        aliases=payload.aliases,
    )
    return Status(201, presenters.payer_out(payer))


def _programme_out(programme, rows) -> dict:
    """``rows``: the utilisation of this programme's budgets."""
    return {
        "id": programme.public_id,
        "code": programme.code,
        "name": programme.name,
        "payer": programme.payer.name,
        "ministry": programme.owner_organisation.name_en,
        "budgets": [presenters.utilisation_row(r) for r in rows],
    }


@router.get("/programmes", response=list[ProgrammeOut], summary="Programmes with each budget's utilisation")
def list_programmes(request, year: int | None = None):
    by_programme: dict[int, list] = {}
    for row in selectors.utilisation(selectors.budgets(request.user, year=year)):
        by_programme.setdefault(row.budget.programme_id, []).append(row)
    return [_programme_out(p, by_programme.get(p.pk, [])) for p in selectors.programmes(request.user)]


@router.post("/programmes", response={201: ProgrammeOut}, summary="Set up a funding programme")
def create_programme(request, payload: ProgrammeIn):
    payer = fetch_visible(request.user, selectors.payers(request.user), public_id=payload.payer)
    programme = services.create_programme(
        actor=request.user,
        payer=payer,
        code=payload.code,
        name=payload.name,
        owner_organisation=_organisation(payload.owner_organisation),
        description=payload.description,
    )
    return Status(201, _programme_out(programme, []))


@router.post("/programmes/{programme_id}/budgets", response={201: UtilisationOut}, summary="Set a fiscal-year budget")
def set_budget(request, programme_id: UUID, payload: BudgetIn):
    programme = selectors.get_programme(request.user, programme_id)
    budget = services.set_budget(actor=request.user, programme=programme, **payload.dict())
    return Status(201, presenters.utilisation_row(selectors.utilisation([budget])[0]))


@router.get("/budgets/{budget_id}", response=BudgetOut, summary="A budget's utilisation and commitments")
def budget_detail(request, budget_id: UUID):
    budget = selectors.get_budget(request.user, budget_id)
    return {
        "utilisation": presenters.utilisation_row(selectors.utilisation([budget])[0]),
        "commitments": [presenters.commitment_out(c) for c in selectors.budget_commitments(request.user, budget)],
    }


@router.get("/report", response=list[UtilisationOut], summary="Utilisation per programme budget for a year")
def report(request, year: int):
    return [presenters.utilisation_row(r) for r in selectors.utilisation(selectors.budgets(request.user, year=year))]


# --- commitments -----------------------------------------------------------------------------------


@router.get("/cases/{case_id}/funding", response=list[ShareOut], summary="A case's approved shares and commitments")
def case_funding(request, case_id: UUID):
    case = get_case(request.user, case_id, channel=API)
    out = []
    for share in selectors.case_shares(request.user, case):
        commitment = getattr(share, "commitment", None)
        out.append(
            {
                "decision": share.decision.public_id,
                "share": share.position,
                "payer_kind": share.payer_kind,
                "payer_name": share.payer_name,
                "amount": f"{share.amount:.2f}",
                "currency": share.currency_id,
                "commitment": presenters.commitment_out(commitment) if commitment else None,
            }
        )
    return out


@router.post("/cases/{case_id}/match", response=MatchOut, summary="Charge shares to budgets by payer name")
def match(request, case_id: UUID):
    case = get_case(request.user, case_id, purpose="update", channel=API)
    result = services.match_shares(actor=request.user, case=case)
    return {"committed": [presenters.commitment_out(c) for c in result.committed], "skipped": result.skipped}


@router.post("/commitments", response={201: CommitmentOut}, summary="Charge an approved share to a budget")
def commit(request, payload: CommitIn):
    share = selectors.get_share(request.user, payload.decision, payload.share)
    budget = selectors.get_budget(request.user, payload.budget)
    commitment = services.commit_share(
        actor=request.user, share=share, budget=budget, override_reason=payload.override_reason
    )
    return Status(201, presenters.commitment_out(commitment))


@router.post("/commitments/{commitment_id}/release", response=CommitmentOut, summary="Release what is not paid")
def release(request, commitment_id: UUID, payload: ReasonIn):
    commitment = selectors.get_commitment(request.user, commitment_id, channel=API)
    return presenters.commitment_out(
        services.release_commitment(actor=request.user, commitment=commitment, reason=payload.reason)
    )


# --- invoices --------------------------------------------------------------------------------------


@router.get("/invoices", response=list[InvoiceOut], summary="Invoices you may see")
def list_invoices(request, status: str = ""):
    return [
        presenters.invoice_out(i)
        for i in selectors.invoices(request.user, status=status, channel=API, with_details=True)
    ]


def _lines(raw: str) -> list[dict]:
    try:
        lines = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ValidationFailed(_("The invoice lines are not valid JSON."), field="lines") from error
    if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
        raise ValidationFailed(_("The invoice lines must be a list of objects."), field="lines")
    return lines


@router.post("/invoices", response={201: InvoiceOut}, summary="Send an invoice for a discharged case (clinics)")
def submit_invoice(
    request,
    pdf: UploadedFile = File(...),  # noqa: B008
    case: UUID = Form(...),  # noqa: B008
    number: str = Form(...),
    issued_on: date = Form(...),  # noqa: B008
    currency: str = Form(...),
    lines: str = Form(..., description='JSON: [{"description", "quantity", "unit_price"}, …]'),
    note: str = Form(""),
):
    referral = get_case(request.user, case, purpose="update", channel=API)
    invoice = services.submit_invoice(
        actor=request.user,
        case=referral,
        number=number,
        issued_on=issued_on,
        currency=currency,
        lines=_lines(lines),
        pdf=pdf,
        note=note,
    )
    return Status(201, _invoice_body(request, invoice.public_id))


@router.get("/invoices/{invoice_id}", response=InvoiceOut, summary="An invoice with lines, payments, history, variance")
def invoice_detail(request, invoice_id: UUID):
    return _invoice_body(request, invoice_id)


@router.get("/invoices/{invoice_id}/pdf", summary="The invoice PDF (attachment)")
def invoice_pdf(request, invoice_id: UUID) -> FileResponse:
    return invoice_pdf_response(_invoice(request, invoice_id, purpose="download"))


@router.post("/invoices/{invoice_id}/approve", response=InvoiceOut, summary="Approve (coordinators)")
def approve(request, invoice_id: UUID, payload: ApproveIn):
    invoice = _invoice(request, invoice_id, purpose="update")
    commitment = selectors.get_commitment(request.user, payload.commitment, channel=API) if payload.commitment else None
    services.approve_invoice(actor=request.user, invoice=invoice, commitment=commitment)
    return _invoice_body(request, invoice_id)


@router.post("/invoices/{invoice_id}/dispute", response=InvoiceOut, summary="Dispute with a reason (coordinators)")
def dispute(request, invoice_id: UUID, payload: ReasonIn):
    services.dispute_invoice(actor=request.user, invoice=_invoice(request, invoice_id, "update"), reason=payload.reason)
    return _invoice_body(request, invoice_id)


@router.post("/invoices/{invoice_id}/withdraw", response=InvoiceOut, summary="Withdraw (the issuing clinic)")
def withdraw(request, invoice_id: UUID, payload: ReasonIn):
    services.withdraw_invoice(
        actor=request.user, invoice=_invoice(request, invoice_id, "update"), reason=payload.reason
    )
    return _invoice_body(request, invoice_id)


@router.post("/invoices/{invoice_id}/payments", response={201: PaymentOut}, summary="Record a payment (coordinators)")
def pay(request, invoice_id: UUID, payload: PaymentIn):
    invoice = _invoice(request, invoice_id, purpose="update")
    payment = services.record_payment(actor=request.user, invoice=invoice, **payload.dict())
    return Status(201, presenters.payment_out(payment))
