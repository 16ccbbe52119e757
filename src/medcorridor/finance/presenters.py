"""Finance records as plain dicts: one shape for the API, the CLI report and the CSV export."""

from decimal import Decimal

from .selectors import Utilisation

REPORT_COLUMNS = (
    "programme",
    "programme_name",
    "ministry",
    "payer",
    "fiscal_year",
    "currency",
    "budget",
    "committed",
    "invoiced",
    "paid",
    "released",
    "available",
    "committed_percent",
)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def utilisation_row(row: Utilisation) -> dict:
    budget = row.budget
    programme = budget.programme
    return {
        "budget_id": str(budget.public_id),
        "programme": programme.code,
        "programme_name": programme.name,
        "ministry": programme.owner_organisation.name_en,
        "payer": programme.payer.name,
        "fiscal_year": budget.fiscal_year,
        "currency": budget.currency_id,
        "budget": _money(budget.amount),
        "committed": _money(row.committed),
        "invoiced": _money(row.invoiced),
        "paid": _money(row.paid),
        "released": _money(row.released),
        "available": _money(row.available),
        "committed_percent": round(row.committed_share, 1),
        "starts_on": budget.starts_on.isoformat(),
        "ends_on": budget.ends_on.isoformat(),
    }


def commitment_out(c) -> dict:
    return {
        "id": str(c.public_id),
        "budget": str(c.budget.public_id),
        "case": str(c.case.public_id),
        "case_reference": c.case.reference,
        "payer_name": c.share.payer_name,
        "amount": _money(c.amount),
        "currency": c.currency_id,
        "amount_budget": _money(c.amount_budget),
        "budget_currency": c.budget.currency_id,
        "rate_date": c.rate_date.isoformat(),
        "released_budget": _money(c.released_budget),
        "status": c.status,
        "override_reason": c.override_reason,
        "release_reason": c.release_reason,
    }


def payer_out(payer) -> dict:
    return {
        "id": str(payer.public_id),
        "name": payer.name,
        "kind": payer.kind,
        "organisation": payer.organisation.name_en if payer.organisation else None,
        "aliases": payer.aliases,
    }


def payment_out(payment) -> dict:
    return {
        "id": str(payment.public_id),
        "paid_on": payment.paid_on.isoformat(),
        "amount": _money(payment.amount),
        "reference": payment.reference,
        "amount_budget": _money(payment.amount_budget),
        "rate_date": payment.rate_date.isoformat(),
    }


def invoice_out(invoice, variance=None) -> dict:
    body = {
        "id": str(invoice.public_id),
        "case": str(invoice.case.public_id),
        "case_reference": invoice.case.reference,
        "clinic": invoice.issuer_organisation.name_en,
        "number": invoice.number,
        "issued_on": invoice.issued_on.isoformat(),
        "currency": invoice.currency_id,
        "total": _money(invoice.total),
        "paid": _money(invoice.paid_total),
        "outstanding": _money(invoice.outstanding),
        "status": invoice.status,
        "status_reason": invoice.status_reason,
        "commitment": str(invoice.commitment.public_id) if invoice.commitment_id else None,
        "total_budget": _money(invoice.total_budget) if invoice.total_budget is not None else None,
        "budget_rate_date": invoice.budget_rate_date.isoformat() if invoice.budget_rate_date else None,
        "pdf_sha256": invoice.pdf_sha256,
        "lines": [
            {
                "description": line.description,
                "quantity": str(line.quantity),
                "unit_price": _money(line.unit_price),
                "amount": _money(line.amount),
            }
            for line in invoice.lines.all()
        ],
        "payments": [payment_out(p) for p in invoice.payments.all()],
        "history": [
            {
                "at": h.occurred_at.isoformat(),
                "from": h.from_status,
                "to": h.to_status,
                "by": h.actor.username if h.actor else "system",
                "reason": h.reason,
            }
            for h in invoice.history.all()
        ],
        "variance": None,
    }
    if variance is not None:
        body["variance"] = {
            "estimate": _money(variance.estimate),
            "currency": variance.currency,
            "invoiced": _money(variance.invoiced),
            "difference": _money(variance.difference),
            "percent": round(variance.percent, 1) if variance.percent is not None else None,
            "rate_date": variance.rate_date.isoformat() if variance.rate_date else None,
        }
    return body
