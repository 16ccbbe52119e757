"""The only code that writes finance. Keyword-only, ``actor=`` first, one transaction, audit row inside.

Money charged to a budget is converted to the budget's currency when it is recorded — a commitment at
the rate of the funding decision's date, an invoice at its issue date, a payment at its payment date —
and kept with the rate's date. A commitment that would take a budget past its amount is refused unless
the coordinator gives a reason for the override, which is stored and audited.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import scope_of
from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import record, snapshot
from medcorridor.cases.files import check_upload
from medcorridor.cases.models import Encounter, FundingShare, ReferralCase
from medcorridor.core.errors import Conflict, PermissionDenied, ValidationFailed
from medcorridor.core.models import Country, Currency
from medcorridor.core.money import CENT, convert_with_date

from .enums import PAYABLE_STATES, CommitmentStatus, InvoiceStatus, PayerKind
from .models import Budget, Commitment, FundingProgramme, Invoice, InvoiceLine, InvoiceStatusChange, Payer, Payment
from .permissions import can_coordinate, can_invoice, can_manage_programmes, clinics, treating_organisation_id

# --- helpers ---------------------------------------------------------------------------------------


def money(value, field: str, *, allow_zero: bool = False) -> Decimal:
    """A positive amount with at most two decimals, or a clear error on ``field``."""
    try:
        amount = Decimal(str(value).replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise ValidationFailed(_("“%(value)s” is not an amount.") % {"value": value}, field=field) from error
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationFailed(_("The amount must be greater than zero."), field=field)
    if amount != amount.quantize(CENT):
        raise ValidationFailed(_("Amounts have at most two decimals."), field=field)
    return amount.quantize(CENT)


def _currency(value, field: str = "currency") -> Currency:
    if isinstance(value, Currency):
        return value
    currency = Currency.objects.filter(code=str(value or "").strip().upper()).first()
    if currency is None:
        raise ValidationFailed(_("Unknown currency “%(value)s”.") % {"value": value}, field=field)
    return currency


def to_budget_currency(amount: Decimal, currency: str, budget: Budget, on: date, field: str) -> tuple[Decimal, date]:
    converted, rate_date = convert_with_date(amount, currency, budget.currency_id, on)
    if converted is None:
        raise ValidationFailed(
            _("There is no exchange rate from %(source)s to %(target)s on or before %(date)s.")
            % {"source": currency, "target": budget.currency_id, "date": on.isoformat()},
            field=field,
        )
    return converted, rate_date


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(message, field=field)
    return value


# --- payers, programmes, budgets -------------------------------------------------------------------


def create_payer(
    *,
    actor,
    name: str,
    kind: str,
    organisation: Organisation | None = None,
    country: str | None = None,
    aliases: list[str] | tuple[str, ...] = (),
) -> Payer:
    if organisation is not None and not can_manage_programmes(actor, organisation.pk):
        raise PermissionDenied(_("Only the organisation's coordinators may add its payers."))
    if organisation is None and not scope_of(actor).is_administrator:
        raise PermissionDenied(_("Only administrators may add payers that belong to no organisation."))
    with transaction.atomic():
        return _save_payer(
            actor=actor, name=name, kind=kind, organisation=organisation, country=country, aliases=aliases
        )


def _save_payer(*, actor, name, kind, organisation, country=None, aliases=()) -> Payer:
    name = _required(name, "payer", _("Give the payer's name."))
    if kind not in PayerKind.values:
        raise ValidationFailed(_("Unknown payer kind “%(value)s”.") % {"value": kind}, field="payer_kind")
    if Payer.objects.filter(name__iexact=name).exists():
        raise ValidationFailed(_("A payer with this name already exists."), field="payer")
    if country and not Country.objects.filter(code=country).exists():
        raise ValidationFailed(_("Unknown country “%(value)s”.") % {"value": country}, field="country")
    payer = Payer.objects.create(
        name=name,
        kind=kind,
        organisation=organisation,
        country_id=country or (organisation.country_id if organisation else None),
        aliases=[a.strip() for a in aliases if a.strip()],
    )
    record(actor=actor, action=AuditAction.CREATE, instance=payer, after=snapshot(payer))
    return payer


def create_programme(
    *, actor, payer: Payer, code: str, name: str, owner_organisation: Organisation, description: str = ""
) -> FundingProgramme:
    return set_up_programme(
        actor=actor, owner_organisation=owner_organisation, code=code, name=name, description=description, payer=payer
    )


def _save_programme(*, actor, payer, code, name, owner_organisation, description="") -> FundingProgramme:
    code = _required(code, "programme", _("Give the programme a short code.")).lower()
    name = _required(name, "programme_name", _("Give the programme's name."))
    if FundingProgramme.objects.filter(code=code).exists():
        raise ValidationFailed(
            _("A programme with the code “%(code)s” already exists.") % {"code": code}, field="programme"
        )
    programme = FundingProgramme.objects.create(
        payer=payer, code=code, name=name, owner_organisation=owner_organisation, description=description
    )
    record(actor=actor, action=AuditAction.CREATE, instance=programme, after=snapshot(programme))
    return programme


def set_up_programme(
    *,
    actor,
    owner_organisation: Organisation,
    code: str,
    name: str,
    description: str = "",
    payer: Payer | None = None,
    new_payer_name: str = "",
    new_payer_kind: str = "",
) -> FundingProgramme:
    """A programme with either an existing payer or a new one that belongs to the same ministry, in
    one transaction: a refused programme leaves no orphan payer behind."""
    if not can_manage_programmes(actor, owner_organisation.pk):
        raise PermissionDenied(_("Only the ministry's coordinators may set up its programmes."))
    if (payer is None) == (not new_payer_name.strip()):
        raise ValidationFailed(_("Choose a payer or name a new one (not both)."), field="payer")
    with transaction.atomic():
        if payer is None:
            payer = _save_payer(actor=actor, name=new_payer_name, kind=new_payer_kind, organisation=owner_organisation)
        return _save_programme(
            actor=actor,
            payer=payer,
            code=code,
            name=name,
            owner_organisation=owner_organisation,
            description=description,
        )


def _committed_net(budget: Budget) -> Decimal:
    sums = budget.commitments.aggregate(total=Sum("amount_budget"), released=Sum("released_budget"))
    return (sums["total"] or Decimal(0)) - (sums["released"] or Decimal(0))


def set_budget(
    *,
    actor,
    programme: FundingProgramme,
    fiscal_year: int,
    amount,
    currency,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Budget:
    """Create the programme's budget for the year, or change its amount and period."""
    if not can_manage_programmes(actor, programme.owner_organisation_id):
        raise PermissionDenied(_("Only the ministry's coordinators may set its budgets."))
    with transaction.atomic():
        return _save_budget(
            actor=actor,
            programme=programme,
            fiscal_year=fiscal_year,
            amount=amount,
            currency=currency,
            starts_on=starts_on,
            ends_on=ends_on,
        )


def _fiscal_year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        raise ValidationFailed(_("The fiscal year must be a year such as 2026."), field="fiscal_year")
    return year


def _save_budget(*, actor, programme, fiscal_year, amount, currency, starts_on=None, ends_on=None) -> Budget:
    amount = money(amount, "amount")
    currency = _currency(currency)
    fiscal_year = _fiscal_year(fiscal_year)
    starts_on = starts_on or date(fiscal_year, 1, 1)
    ends_on = ends_on or date(fiscal_year, 12, 31)
    if ends_on < starts_on:
        raise ValidationFailed(_("The period cannot end before it starts."), field="ends_on")
    budget = Budget.objects.select_for_update().filter(programme=programme, fiscal_year=fiscal_year).first()
    before = snapshot(budget) if budget else None
    if budget is None:
        budget = Budget(programme=programme, fiscal_year=fiscal_year)
    elif budget.currency_id != currency.code and budget.commitments.exists():
        raise ValidationFailed(
            _("The budget already has commitments in %(currency)s; its currency cannot change.")
            % {"currency": budget.currency_id},
            field="currency",
        )
    elif amount < (committed := _committed_net(budget)):
        raise ValidationFailed(
            _("%(committed)s %(currency)s is already committed: the budget cannot be smaller.")
            % {"committed": committed, "currency": budget.currency_id},
            field="amount",
        )
    budget.amount, budget.currency, budget.starts_on, budget.ends_on = amount, currency, starts_on, ends_on
    budget.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=budget,
        before=before,
        after=snapshot(budget),
    )
    return budget


# --- commitments -----------------------------------------------------------------------------------


def _check_share_fits(share: FundingShare, budget: Budget) -> None:
    case = share.decision.case
    if budget.programme.owner_organisation_id != case.owner_organisation_id:
        raise ValidationFailed(_("This budget belongs to another ministry's programme."), field="budget")
    if share.decision.outcome != "approved":
        raise ValidationFailed(_("Only approved funding can be committed."), field="share")
    if share.payer_kind != budget.programme.payer.kind:
        raise ValidationFailed(
            _("The share is paid by “%(kind)s”; this programme's payer is “%(payer)s”.")
            % {"kind": PayerKind(share.payer_kind).label, "payer": PayerKind(budget.programme.payer.kind).label},
            field="budget",
        )
    if not budget.covers(share.decision.decided_on):
        raise ValidationFailed(
            _("Funding decided on %(date)s cannot be charged to a budget for %(start)s – %(end)s.")
            % {"date": share.decision.decided_on, "start": budget.starts_on, "end": budget.ends_on},
            field="budget",
        )
    if Commitment.objects.filter(share=share).exists():
        raise Conflict(_("This share is already charged to a budget."))


def commit_share(*, actor, share: FundingShare, budget: Budget, override_reason: str = "") -> Commitment:
    """Charge an approved funding share to a budget (the case's ministry's coordinators only)."""
    case = share.decision.case
    if not can_coordinate(actor, case):
        raise PermissionDenied(_("Only the case's coordinators may charge its funding to a budget."))
    override_reason = (override_reason or "").strip()
    with transaction.atomic():
        # The budget row is locked so that two coordinators cannot both take its last money.
        budget = Budget.objects.select_for_update().select_related("programme__payer").get(pk=budget.pk)
        _check_share_fits(share, budget)
        amount_budget, rate_date = to_budget_currency(
            share.amount, share.currency_id, budget, share.decision.decided_on, "share"
        )
        committed = _committed_net(budget)
        if committed + amount_budget > budget.amount and not override_reason:
            raise ValidationFailed(
                _(
                    "This would commit %(total)s %(currency)s of a budget of %(budget)s %(currency)s "
                    "(%(available)s available). Give a reason to exceed the budget, or choose another one."
                )
                % {
                    "total": committed + amount_budget,
                    "budget": budget.amount,
                    "available": budget.amount - committed,
                    "currency": budget.currency_id,
                },
                field="override_reason",
            )
        over = committed + amount_budget > budget.amount
        try:
            with transaction.atomic():  # a concurrent commitment of the same share loses on the unique key
                commitment = Commitment.objects.create(
                    budget=budget,
                    share=share,
                    case=case,
                    amount=share.amount,
                    currency_id=share.currency_id,
                    amount_budget=amount_budget,
                    rate_date=rate_date,
                    override_reason=override_reason if over else "",
                    committed_by=actor,
                )
        except IntegrityError as error:
            raise Conflict(_("This share is already charged to a budget.")) from error
        summary = f"{case.reference}: {amount_budget} {budget.currency_id} (rate {rate_date})"
        if over:
            summary = f"OVER BUDGET {summary}: {override_reason}"
        record(actor=actor, action=AuditAction.CREATE, instance=commitment, after=snapshot(commitment), summary=summary)
    return commitment


def budget_named_by(share: FundingShare, case: ReferralCase) -> Budget | None:
    """The budget a share's payer name points to: a payer called so (or with that alias) whose programme
    is run by the case's ministry, with a budget covering the decision's date."""
    name = share.payer_name.strip().casefold()
    budgets = Budget.objects.filter(
        programme__owner_organisation=case.owner_organisation_id,
        programme__payer__kind=share.payer_kind,
        starts_on__lte=share.decision.decided_on,
        ends_on__gte=share.decision.decided_on,
    ).select_related("programme__payer")
    matches = [b for b in budgets if name in {n.casefold() for n in b.programme.payer.all_names()}]
    return matches[0] if len(matches) == 1 else None


@dataclass
class MatchReport:
    committed: list[Commitment]
    skipped: list[str]


def match_shares(*, actor, case: ReferralCase) -> MatchReport:
    """Charge the case's unassigned approved shares to the budgets their payer names point to.

    A share whose name points to no budget, or whose commitment would exceed the budget, is left for the
    coordinator to assign by hand (the reason is reported); nothing is ever over-committed here."""
    if not can_coordinate(actor, case):
        raise PermissionDenied(_("Only the case's coordinators may charge its funding to a budget."))
    report = MatchReport(committed=[], skipped=[])
    shares = FundingShare.objects.filter(
        decision__case=case, decision__outcome="approved", commitment__isnull=True
    ).select_related("decision", "decision__case")
    for share in shares:
        budget = budget_named_by(share, case)
        if budget is None:
            if share.payer_kind != PayerKind.SELF_PAY:
                report.skipped.append(_("%(payer)s: no matching programme budget.") % {"payer": share.payer_name})
            continue
        try:
            report.committed.append(commit_share(actor=actor, share=share, budget=budget))
        except ValidationFailed as error:
            report.skipped.append(f"{share.payer_name}: {error.message}")
    return report


def release_commitment(*, actor, commitment: Commitment, reason: str) -> Commitment:
    """Return what was committed but not paid to the budget (treatment cheaper, cancelled, or done)."""
    if not can_coordinate(actor, commitment.case):
        raise PermissionDenied(_("Only the case's coordinators may release its commitments."))
    reason = _required(reason, "reason", _("Please give a reason."))
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if commitment.status == CommitmentStatus.RELEASED:
            raise Conflict(_("This commitment has already been released."))
        if commitment.invoices.filter(status__in=(InvoiceStatus.SUBMITTED, *PAYABLE_STATES)).exists():
            raise ValidationFailed(
                _("An invoice on this commitment is still awaiting review or payment."), field="reason"
            )
        before = snapshot(commitment)
        paid = Payment.objects.filter(invoice__commitment=commitment).aggregate(total=Sum("amount_budget"))["total"]
        commitment.released_budget = max(commitment.amount_budget - (paid or Decimal(0)), Decimal(0))
        commitment.status, commitment.release_reason = CommitmentStatus.RELEASED, reason
        commitment.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=commitment,
            before=before,
            after=snapshot(commitment),
            summary=f"released {commitment.released_budget} {commitment.budget.currency_id}: {reason}",
        )
    return commitment


# --- invoices --------------------------------------------------------------------------------------


def clean_lines(lines: list[dict]) -> list[dict]:
    """Invoice lines with their amounts (quantity × unit price); errors name the line."""
    clean = []
    for position, line in enumerate(lines, start=1):
        description = (line.get("description") or "").strip()
        if not description and not line.get("unit_price"):
            continue
        field = f"lines.{position}"
        if not description:
            raise ValidationFailed(_("Line %(n)s: describe the service.") % {"n": position}, field=field)
        quantity = money(line.get("quantity") or 1, field)
        unit_price = money(line.get("unit_price"), field)
        clean.append(
            {
                "position": len(clean) + 1,
                "description": description[:300],
                "quantity": quantity,
                "unit_price": unit_price,
                "amount": (quantity * unit_price).quantize(CENT),
            }
        )
    if not clean:
        raise ValidationFailed(_("Add at least one invoice line."), field="lines")
    return clean


def _check_pdf(upload):
    if upload is None:
        raise ValidationFailed(_("Attach the invoice as a PDF."), field="pdf")
    checked = check_upload(upload)
    if checked.content_type != "application/pdf":
        raise ValidationFailed(_("The invoice must be a PDF file."), field="pdf")
    return checked


def _history(invoice: Invoice, actor, from_status: str, reason: str = "") -> None:
    InvoiceStatusChange.objects.create(
        invoice=invoice, actor=actor, from_status=from_status, to_status=invoice.status, reason=reason
    )


def _link(invoice: Invoice, commitment: Commitment) -> None:
    """Charge the invoice to a commitment: its total in the budget's currency at the issue date."""
    invoice.commitment = commitment
    invoice.total_budget, invoice.budget_rate_date = to_budget_currency(
        invoice.total, invoice.currency_id, commitment.budget, invoice.issued_on, "commitment"
    )


def _sole_commitment(case: ReferralCase) -> Commitment | None:
    active = list(case.commitments.filter(status=CommitmentStatus.ACTIVE).select_related("budget")[:2])
    return active[0] if len(active) == 1 else None


def submit_invoice(
    *,
    actor,
    case: ReferralCase,
    number: str,
    issued_on: date,
    currency,
    lines: list[dict],
    pdf,
    note: str = "",
) -> Invoice:
    """The treating clinic bills a discharged case; charged to the case's commitment when it has one."""
    if not can_invoice(actor, case):
        raise PermissionDenied(_("Only the treating clinic may invoice this case."))
    discharged_on = Encounter.objects.filter(case=case).values_list("discharged_on", flat=True).first()
    if discharged_on is None:
        raise ValidationFailed(_("A case is invoiced after the patient's discharge."), field="case")
    number = _required(number, "number", _("Give the invoice number."))
    if issued_on > timezone.localdate():
        raise ValidationFailed(_("The invoice date cannot be in the future."), field="issued_on")
    if issued_on < discharged_on:
        raise ValidationFailed(_("The invoice cannot be dated before the discharge."), field="issued_on")
    currency = _currency(currency)
    clean = clean_lines(lines)
    checked = _check_pdf(pdf)
    issuer_id = treating_organisation_id(case)
    if Invoice.objects.filter(issuer_organisation=issuer_id, number=number).exists():
        raise ValidationFailed(
            _("Your clinic already sent an invoice numbered “%(n)s”.") % {"n": number}, field="number"
        )
    with transaction.atomic():
        invoice = Invoice(
            case=case,
            issuer_organisation_id=issuer_id,
            number=number,
            issued_on=issued_on,
            currency=currency,
            total=sum((line["amount"] for line in clean), start=Decimal(0)),
            note=note,
            pdf_name=checked.name,
            pdf_size=checked.size,
            pdf_sha256=checked.sha256,
            submitted_by=actor,
        )
        commitment = _sole_commitment(case)
        if commitment is not None:
            _link(invoice, commitment)
        invoice.pdf.save("invoice", ContentFile(checked.content), save=False)
        try:
            with transaction.atomic():  # the same number sent twice at once: the second loses here
                invoice.save()
        except IntegrityError as error:
            raise Conflict(_("Your clinic already sent an invoice numbered “%(n)s”.") % {"n": number}) from error
        InvoiceLine.objects.bulk_create(InvoiceLine(invoice=invoice, **line) for line in clean)
        _history(invoice, actor, "")
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=invoice,
            after=snapshot(invoice, exclude=("pdf",)),
            summary=f"{case.reference}: {invoice.number} {invoice.total} {currency.code}",
        )
    return invoice


def _transition(
    *, actor, invoice: Invoice, allowed: tuple[str, ...], to: str, reason: str = "", changes=None
) -> Invoice:
    """Move the invoice on (locked row, so two reviewers cannot both act), with its history and audit row."""
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.status not in allowed:
            raise Conflict(
                _("This is not possible while the invoice is “%(status)s”.")
                % {"status": InvoiceStatus(locked.status).label}
            )
        before = snapshot(locked, exclude=("pdf",))
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        if locked.commitment_id and locked.total_budget is None:
            _link(locked, locked.commitment)
        locked.status_reason = reason
        _move(locked, actor, to, reason, before=before)
    return locked


def _move(locked: Invoice, actor, to: str, reason: str, *, before: dict) -> None:
    """The status step every invoice change ends with: save, history row, audit row (inside the caller's lock)."""
    from_status, locked.status = locked.status, to
    locked.save()
    _history(locked, actor, from_status, reason)
    record(
        actor=actor,
        action=AuditAction.TRANSITION,
        instance=locked,
        before=before,
        after=snapshot(locked, exclude=("pdf",)),
        summary=f"{locked.number}: {from_status} → {to} {reason}".strip()[:255],
    )


def approve_invoice(*, actor, invoice: Invoice, commitment: Commitment | None = None) -> Invoice:
    """The coordinator accepts the invoice; it must be charged to one of the case's active commitments."""
    if not can_coordinate(actor, invoice.case):
        raise PermissionDenied(_("Only the case's coordinators may review its invoices."))
    commitment = commitment or invoice.commitment or _sole_commitment(invoice.case)
    if commitment is None:
        raise ValidationFailed(
            _("Charge the case's funding to a programme budget first, then choose it here."), field="commitment"
        )
    if commitment.case_id != invoice.case_id or commitment.status != CommitmentStatus.ACTIVE:
        raise ValidationFailed(_("Choose an active commitment of this case."), field="commitment")
    changes = {"commitment": commitment}
    if commitment.pk != invoice.commitment_id:
        changes["total_budget"] = None  # converted again for the new commitment's budget
    return _transition(
        actor=actor, invoice=invoice, allowed=(InvoiceStatus.SUBMITTED,), to=InvoiceStatus.APPROVED, changes=changes
    )


def dispute_invoice(*, actor, invoice: Invoice, reason: str) -> Invoice:
    if not can_coordinate(actor, invoice.case):
        raise PermissionDenied(_("Only the case's coordinators may review its invoices."))
    reason = _required(reason, "reason", _("Please give a reason."))
    return _transition(
        actor=actor, invoice=invoice, allowed=(InvoiceStatus.SUBMITTED,), to=InvoiceStatus.DISPUTED, reason=reason
    )


def withdraw_invoice(*, actor, invoice: Invoice, reason: str) -> Invoice:
    """The clinic takes back an invoice not yet approved (to send a corrected one)."""
    if invoice.issuer_organisation_id not in clinics(actor):
        raise PermissionDenied(_("Only the clinic that sent the invoice may withdraw it."))
    reason = _required(reason, "reason", _("Please give a reason."))
    return _transition(
        actor=actor,
        invoice=invoice,
        allowed=(InvoiceStatus.SUBMITTED, InvoiceStatus.DISPUTED),
        to=InvoiceStatus.WITHDRAWN,
        reason=reason,
    )


def record_payment(*, actor, invoice: Invoice, paid_on: date, amount, reference: str) -> Payment:
    """A payment on an approved invoice, in the invoice's currency; overpayment is refused."""
    if not can_coordinate(actor, invoice.case):
        raise PermissionDenied(_("Only the case's coordinators may record payments."))
    amount = money(amount, "amount")
    reference = _required(reference, "reference", _("Give the payment reference."))
    if paid_on > timezone.localdate():
        raise ValidationFailed(_("The payment date cannot be in the future."), field="paid_on")
    with transaction.atomic():
        locked = Invoice.objects.select_for_update(of=("self",)).select_related("commitment__budget").get(pk=invoice.pk)
        before = snapshot(locked, exclude=("pdf",))
        if locked.status not in PAYABLE_STATES:
            raise Conflict(
                _("Only approved invoices are paid; this one is “%(status)s”.")
                % {"status": InvoiceStatus(locked.status).label}
            )
        if paid_on < locked.issued_on:
            raise ValidationFailed(_("The payment cannot be dated before the invoice."), field="paid_on")
        outstanding = locked.outstanding
        if amount > outstanding:
            raise ValidationFailed(
                _("Only %(outstanding)s %(currency)s is outstanding on this invoice.")
                % {"outstanding": outstanding, "currency": locked.currency_id},
                field="amount",
            )
        amount_budget, rate_date = to_budget_currency(
            amount, locked.currency_id, locked.commitment.budget, paid_on, "paid_on"
        )
        payment = Payment.objects.create(
            invoice=locked,
            paid_on=paid_on,
            amount=amount,
            reference=reference,
            amount_budget=amount_budget,
            rate_date=rate_date,
            recorded_by=actor,
        )
        record(actor=actor, action=AuditAction.CREATE, instance=payment, after=snapshot(payment))
        to = InvoiceStatus.PAID if amount == outstanding else InvoiceStatus.PARTLY_PAID
        if to != locked.status:
            _move(locked, actor, to, reference, before=before)
    return payment


# --- budget import ---------------------------------------------------------------------------------

BUDGET_COLUMNS = (
    "programme",
    "programme_name",
    "ministry",
    "payer",
    "payer_kind",
    "fiscal_year",
    "amount",
    "currency",
    "starts_on",
    "ends_on",
)
REQUIRED_COLUMNS = ("programme", "fiscal_year", "amount", "currency")


@dataclass
class BudgetImport:
    rows: int = 0
    programmes_created: int = 0
    budgets_saved: int = 0
    errors: list[dict] | None = None

    @property
    def imported(self) -> bool:
        return not self.errors


class _RollBack(Exception):
    """Raised after the last row when any row failed, so that the whole import is undone."""


def _organisation_named(name: str) -> Organisation:
    name = (name or "").strip()
    for field in ("name_en", "name_ru", "short_name"):
        found = list(Organisation.objects.filter(**{f"{field}__iexact": name})[:2])
        if len(found) == 1:
            return found[0]
    raise ValidationFailed(_("Unknown organisation “%(value)s”.") % {"value": name}, field="ministry")


def _payer_named(actor, row: dict, ministry: Organisation) -> Payer:
    name = (row.get("payer") or "").strip()
    payer = Payer.objects.filter(name__iexact=name).first() if name else None
    if payer is None:
        payer = _save_payer(actor=actor, name=name, kind=row.get("payer_kind") or "", organisation=ministry)
    return payer


def _iso_date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise ValidationFailed(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}, field=field) from error


def _import_row(actor, row: dict, report: BudgetImport) -> None:
    missing = [c for c in REQUIRED_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise ValidationFailed(_("This column is empty."), field=missing[0])
    code = row["programme"].strip().lower()
    programme = FundingProgramme.objects.filter(code=code).first()
    if programme is None:
        ministry = _organisation_named(row.get("ministry", ""))
        if actor is not None and not can_manage_programmes(actor, ministry.pk):
            raise PermissionDenied(_("Only the ministry's coordinators may set up its programmes."))
        programme = _save_programme(
            actor=actor,
            payer=_payer_named(actor, row, ministry),
            code=code,
            name=row.get("programme_name", ""),
            owner_organisation=ministry,
        )
        report.programmes_created += 1
    elif actor is not None and not can_manage_programmes(actor, programme.owner_organisation_id):
        raise PermissionDenied(_("Only the ministry's coordinators may set its budgets."))
    _save_budget(
        actor=actor,
        programme=programme,
        fiscal_year=row["fiscal_year"],
        amount=row["amount"],
        currency=row["currency"],
        starts_on=_iso_date(row.get("starts_on", ""), "starts_on"),
        ends_on=_iso_date(row.get("ends_on", ""), "ends_on"),
    )
    report.budgets_saved += 1


def import_budgets(*, actor, rows: list[dict], progress=None) -> BudgetImport:
    """Create programmes and set budgets from rows (``BUDGET_COLUMNS``), all or nothing.

    Every row is tried inside one transaction, so a later row may use a programme an earlier one
    created; if any row fails, all of them are rolled back and every error is reported by row and
    column. ``actor`` None is the operator at the command line."""
    report = BudgetImport(rows=len(rows), errors=[])
    if rows and not set(REQUIRED_COLUMNS) <= set(rows[0]):
        missing = ", ".join(sorted(set(REQUIRED_COLUMNS) - set(rows[0])))
        report.errors.append({"row": 1, "column": "", "message": _("Missing columns: %(c)s.") % {"c": missing}})
        return report
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=2):  # row 1 is the header
                try:
                    with transaction.atomic():
                        _import_row(actor, row, report)
                except (ValidationFailed, PermissionDenied) as error:
                    report.errors.append({"row": number, "column": error.field or "", "message": error.message})
                if progress:
                    progress(number)
            if report.errors:
                raise _RollBack
            record(
                actor=actor,
                action=AuditAction.IMPORT,
                target_type="finance.budget",
                summary=f"{report.budgets_saved} budgets, {report.programmes_created} new programmes",
            )
    except _RollBack:
        report.programmes_created = report.budgets_saved = 0
    return report
