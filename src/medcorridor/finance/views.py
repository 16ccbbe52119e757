"""Thin views: parse, call a selector or a service, render. Domain errors become messages."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medcorridor.cases.selectors import get_case
from medcorridor.core.views import attempt, domain_view

from . import charts, selectors, services
from .downloads import invoice_pdf_response
from .enums import PAYABLE_STATES, InvoiceStatus
from .forms import BudgetForm, CommitForm, InvoiceForm, LineFormSet, PaymentForm, ProgrammeForm, ReasonForm
from .permissions import can_coordinate, can_manage_programmes, can_use_finance, clinics, ministries

finance_view = domain_view(can_use_finance)  # the service's users only (see permissions)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _posted_uuid(request, name: str) -> UUID:
    try:
        return UUID(request.POST.get(name, ""))
    except ValueError as error:
        raise Http404(name) from error


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def chart_labels() -> dict[str, str]:
    return {"committed": _("Committed"), "invoiced": _("Invoiced"), "paid": _("Paid"), "budget": _("Budget")}


# --- programmes and budgets ------------------------------------------------------------------------


@finance_view
def home(request):
    year = _year(request)
    rows = selectors.utilisation(selectors.budgets(request.user, year=year))
    programmes = _manageable_programmes(request.user)
    if not rows and not ministries(request.user) and clinics(request.user):
        return redirect("finance:invoices")  # a clinic's finance is its invoices
    return render(
        request,
        "finance/programmes.html",
        {
            "rows": rows,
            "year": year,
            "years": range(year - 2, year + 2),
            "chart": charts.utilisation_chart(rows, labels=chart_labels()) if rows else None,
            "budget_form": BudgetForm(programmes=programmes) if programmes else None,
            "programme_form": _programme_form(request.user),
        },
    )


def _programme_form(user, data=None) -> ProgrammeForm | None:
    """The form for a new programme, or None for a user who may set up none; it keeps the ministries and
    payers it offers, so that the posted choices are resolved against exactly those."""
    ministries = selectors.manageable_ministries(user)
    if not ministries:
        return None
    return ProgrammeForm(data, ministries=ministries, payers=list(selectors.payers(user).order_by("name")))


def _show_form_errors(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, errors[0])


@require_POST
@finance_view
def programme_new(request):
    form = _programme_form(request.user, request.POST)
    if form is None:
        raise DjangoPermissionDenied
    if not form.is_valid():
        _show_form_errors(request, form)
        return redirect("finance:home")
    fields = dict(form.cleaned_data)
    ministry, payer = form.chosen(fields.pop("ministry")), form.chosen(fields.pop("payer"))
    attempt(
        request,
        lambda: services.set_up_programme(actor=request.user, owner_organisation=ministry, payer=payer, **fields),
        _("The programme is set up. Set its budget for the year below."),
    )
    return redirect("finance:home")


def _manageable_programmes(user):
    return [p for p in selectors.programmes(user) if can_manage_programmes(user, p.owner_organisation_id)]


@require_POST
@finance_view
def budget_set(request):
    programmes = _manageable_programmes(request.user)
    form = BudgetForm(request.POST, programmes=programmes)
    if not form.is_valid():
        _show_form_errors(request, form)
        return redirect("finance:home")
    fields = dict(form.cleaned_data)
    programme = next(p for p in programmes if str(p.public_id) == fields.pop("programme"))
    budget, ok = attempt(
        request,
        lambda: services.set_budget(actor=request.user, programme=programme, **fields),
        _("The budget is set."),
    )
    return redirect("finance:budget", public_id=budget.public_id) if ok else redirect("finance:home")


@finance_view
def budget_detail(request, public_id):
    budget = selectors.get_budget(request.user, public_id)
    [row] = selectors.utilisation([budget])
    return render(
        request,
        "finance/budget.html",
        {
            "budget": budget,
            "row": row,
            "commitments": selectors.budget_commitments(request.user, budget),
            "shares": selectors.unassigned_shares(request.user, budget),
            "chart": charts.utilisation_chart([row], labels=chart_labels()),
            "can_manage": can_manage_programmes(request.user, budget.programme.owner_organisation_id),
        },
    )


# --- commitments -----------------------------------------------------------------------------------


@finance_view
def case_funding(request, case_id):
    case = get_case(request.user, case_id)
    budgets = selectors.budgets_for_case(request.user, case) if can_coordinate(request.user, case) else []
    return render(
        request,
        "finance/case_funding.html",
        {
            "case": case,
            "shares": selectors.case_shares(request.user, case),
            "form": CommitForm(budgets=budgets),
            "can_coordinate": can_coordinate(request.user, case),
            "invoices": selectors.invoices(request.user, case=case),
        },
    )


@require_POST
@finance_view
def commit(request):
    position = request.POST.get("share", "")
    share = selectors.get_share(
        request.user, _posted_uuid(request, "decision"), int(position) if position.isdigit() else 0
    )
    budget = selectors.get_budget(request.user, _posted_uuid(request, "budget"))
    attempt(
        request,
        lambda: services.commit_share(
            actor=request.user, share=share, budget=budget, override_reason=request.POST.get("override_reason", "")
        ),
        _("The share is charged to %(budget)s.") % {"budget": budget},
    )
    return _back(request, "finance:home")


@require_POST
@finance_view
def match(request, case_id):
    case = get_case(request.user, case_id, purpose="update")
    report, ok = attempt(
        request, lambda: services.match_shares(actor=request.user, case=case), _("Payer names matched.")
    )
    if ok:
        for line in report.skipped:
            messages.warning(request, line)
    return redirect("finance:case", case_id=case_id)


@require_POST
@finance_view
def release(request, public_id):
    commitment = selectors.get_commitment(request.user, public_id)
    form = ReasonForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.release_commitment(actor=request.user, commitment=commitment, **form.cleaned_data),
            _("The commitment is released."),
        )
    else:
        messages.error(request, _("Please give a reason."))
    return redirect("finance:budget", public_id=commitment.budget.public_id)


# --- invoices --------------------------------------------------------------------------------------


@finance_view
def invoices(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "finance/invoices.html",
        {
            "invoices": selectors.invoices(request.user, status=status),
            "status": status,
            "statuses": InvoiceStatus.choices,
            "can_submit": bool(clinics(request.user)),
        },
    )


@finance_view
def invoice_new(request):
    if not clinics(request.user):
        raise DjangoPermissionDenied
    cases = selectors.invoiceable_cases(request.user)
    form = InvoiceForm(request.POST or None, request.FILES or None, cases=cases)
    lines = LineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        case = next(c for c in cases if str(c.public_id) == form.cleaned_data["case"])
        invoice, ok = attempt(
            request,
            lambda: services.submit_invoice(
                actor=request.user,
                case=case,
                number=form.cleaned_data["number"],
                issued_on=form.cleaned_data["issued_on"],
                currency=form.cleaned_data["currency"],
                lines=[line for line in lines.cleaned_data if line],
                pdf=form.cleaned_data["pdf"],
                note=form.cleaned_data["note"],
            ),
            _("The invoice is sent to the coordinator."),
        )
        if ok:
            return redirect("finance:invoice", public_id=invoice.public_id)
    return render(request, "finance/invoice_form.html", {"form": form, "lines": lines, "cases": cases})


@finance_view
def invoice_detail(request, public_id):
    invoice = selectors.get_invoice(request.user, public_id)
    reviewer = can_coordinate(request.user, invoice.case)
    return render(
        request,
        "finance/invoice.html",
        {
            "invoice": invoice,
            "variance": selectors.estimate_variance(invoice),
            "reviewer": reviewer,
            "commitments": selectors.active_commitments(invoice.case) if reviewer else [],
            "issuer": invoice.issuer_organisation_id in clinics(request.user),
            "can_review": reviewer and invoice.status == InvoiceStatus.SUBMITTED,
            "can_pay": reviewer and invoice.status in PAYABLE_STATES,
            "can_withdraw": invoice.status in (InvoiceStatus.SUBMITTED, InvoiceStatus.DISPUTED),
            "reason_form": ReasonForm(),
            "payment_form": PaymentForm(initial={"paid_on": timezone.localdate(), "amount": invoice.outstanding}),
        },
    )


@finance_view
def invoice_pdf(request, public_id):
    return invoice_pdf_response(selectors.get_invoice(request.user, public_id, purpose="download"))


def _invoice_step(request, public_id, step, success: str, form_class=None):
    invoice = selectors.get_invoice(request.user, public_id, purpose="update")
    fields = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return redirect("finance:invoice", public_id=public_id)
        fields = form.cleaned_data
    attempt(request, lambda: step(actor=request.user, invoice=invoice, **fields), success)
    return redirect("finance:invoice", public_id=public_id)


@require_POST
@finance_view
def invoice_approve(request, public_id):
    wanted = request.POST.get("commitment")
    commitment = selectors.get_commitment(request.user, _posted_uuid(request, "commitment")) if wanted else None
    return _invoice_step(
        request,
        public_id,
        lambda **kw: services.approve_invoice(commitment=commitment, **kw),
        _("The invoice is approved."),
    )


@require_POST
@finance_view
def invoice_dispute(request, public_id):
    return _invoice_step(request, public_id, services.dispute_invoice, _("The invoice is disputed."), ReasonForm)


@require_POST
@finance_view
def invoice_withdraw(request, public_id):
    return _invoice_step(request, public_id, services.withdraw_invoice, _("The invoice is withdrawn."), ReasonForm)


@require_POST
@finance_view
def invoice_pay(request, public_id):
    return _invoice_step(request, public_id, services.record_payment, _("The payment is recorded."), PaymentForm)
