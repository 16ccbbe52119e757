"""Demo finance: the Kazakh and Mongolian treatment-abroad programmes with last year's and this year's
budgets (a demo journey's funding may be decided a few months back), the
demo cases' approved state shares charged to them (matched by payer name, as a coordinator would),
and the treating clinics' invoices for the discharged patients — one paid in full, one awaiting review.
Synthetic figures; every step goes through the services."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from medcorridor.accounts.demo import organisation, user
from medcorridor.cases.models import ReferralCase

from . import services

PDF = b"%PDF-1.4\n% synthetic demo invoice\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The demo cases name their state payer so; each ministry's fund answers to it for its own cases.
DEMO_PAYER_NAME = "State programme (demo)"

# ministry key, coordinator, payer, programme code and name, budget amount and currency
PROGRAMMES = [
    (
        "moh-kz",
        "coordinator.kz",
        "Kazakhstan: treatment abroad at the state's expense",
        "kz-treatment-abroad",
        "Treatment of citizens of Kazakhstan abroad (demo)",
        Decimal("120000000"),
        "KZT",
    ),
    (
        "moh-mn",
        "coordinator.mn",
        "Mongolia: Health Insurance Fund, treatment abroad",
        "mn-treatment-abroad",
        "Treatment of citizens of Mongolia abroad (demo)",
        Decimal("500000000"),
        "MNT",
    ),
]
# Invoice lines of the discharged cases, by the case's final state: (description, quantity, unit price).
INVOICE_LINES = {
    "closed": [("Surgery and anaesthesia", 1, 24000000), ("Ward, per day", 10, 650000)],
    "follow_up": [("Surgery and anaesthesia", 1, 27000000), ("Ward, per day", 12, 700000), ("Imaging", 1, 1200000)],
}


def _programme(ministry_key, coordinator, payer_name, code, name, amount, currency, year):
    ministry = organisation(ministry_key)
    payer = services.create_payer(
        actor=coordinator, name=payer_name, kind="state_quota", organisation=ministry, aliases=[DEMO_PAYER_NAME]
    )
    programme = services.create_programme(
        actor=coordinator,
        payer=payer,
        code=code,
        name=name,
        owner_organisation=ministry,
        description="Annual quota for treatment abroad of conditions that cannot be treated at home (demo).",
    )
    programme.is_demo = True
    programme.save(update_fields=["is_demo"])
    for fiscal_year in (year - 1, year):
        services.set_budget(
            actor=coordinator,
            programme=programme,
            fiscal_year=fiscal_year,
            amount=amount,
            currency=currency,
            starts_on=date(fiscal_year, 1, 1),
            ends_on=date(fiscal_year, 12, 31),
        )
    return ministry


def _invoice(case: ReferralCase, coordinator, number: int):
    lines = INVOICE_LINES.get(case.status)
    treating = case.selected_request
    clinic = treating.performer_organisation.people.filter(memberships__role="clinic_staff").first()
    if not lines or clinic is None:
        return None
    invoice = services.submit_invoice(
        actor=clinic,
        case=case,
        number=f"DEMO-{timezone.localdate():%Y}-{number:04d}",
        issued_on=timezone.localdate(),
        currency=treating.estimate_currency_id,
        lines=[{"description": d, "quantity": q, "unit_price": p} for d, q, p in lines],
        pdf=SimpleUploadedFile("invoice.pdf", PDF),
    )
    if case.status == "closed":  # the finished journey: approved, paid in full, the rest released
        services.approve_invoice(actor=coordinator, invoice=invoice)
        services.record_payment(
            actor=coordinator,
            invoice=invoice,
            paid_on=timezone.localdate(),
            amount=invoice.total,
            reference=f"PAY-{invoice.number}",
        )
        services.release_commitment(
            actor=coordinator, commitment=invoice.commitment, reason="Treatment completed and paid"
        )
    return invoice


def load() -> str:
    year = timezone.localdate().year
    committed = invoiced = 0
    for ministry_key, coordinator_name, *programme in PROGRAMMES:
        coordinator = user(coordinator_name)
        ministry = _programme(ministry_key, coordinator, *programme, year)
        cases = ReferralCase.objects.filter(
            owner_organisation=ministry, funding_decisions__outcome="approved"
        ).order_by("pk")
        for case in cases:
            committed += len(services.match_shares(actor=coordinator, case=case).committed)
            if getattr(case, "encounter", None) and case.encounter.discharged_on:
                invoiced += _invoice(case, coordinator, invoiced + 1) is not None
    return (
        f"{len(PROGRAMMES)} programmes with {year - 1} and {year} budgets, {committed} commitments, {invoiced} invoices"
    )
