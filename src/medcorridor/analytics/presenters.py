"""Labels for codes shown on the dashboards (countries, facilities, statuses, payers, outcomes), the
dashboard's figures, and the CSV text of each table."""

import csv
import io

from django.utils.translation import gettext as _

from medcorridor.cases.enums import CaseStatus, OutcomeCode, PayerKind
from medcorridor.core.models import Country, IcdCode, Specialty
from medcorridor.providers.models import Facility

from . import charts, selectors


class Labels:
    """Looks names up once per page, in the active language."""

    def __init__(self):
        self._countries = {c.code: c.localised_name() for c in Country.objects.all()}
        self._facilities: dict[int, str] = {}
        self._specialties: dict[str, str] | None = None
        self._chapters: dict[str, str] | None = None

    def country(self, code: str) -> str:
        return self._countries.get(code, code) if code else _("Not chosen yet")

    def facilities(self, ids) -> None:
        wanted = {i for i in ids if i and i not in self._facilities}
        for facility in Facility.objects.filter(pk__in=wanted):
            self._facilities[facility.pk] = facility.display_name()

    def facility(self, pk: int | None) -> str:
        if not pk:
            return _("Not chosen yet")
        if pk not in self._facilities:
            self.facilities([pk])
        return self._facilities.get(pk, str(pk))

    def specialty(self, code: str) -> str:
        if self._specialties is None:
            self._specialties = {s.code: s.localised_name() for s in Specialty.objects.all()}
        return self._specialties.get(code, code) if code else _("Not given")

    def chapter(self, code: str) -> str:
        if self._chapters is None:
            self._chapters = {
                c.code: c.title() for c in IcdCode.objects.filter(kind="chapter").only("code", "title_ru", "title_en")
            }
        if not code:
            return _("Not given")
        title = self._chapters.get(code, "")
        return f"{code}. {title[:40]}" if title else code

    @staticmethod
    def status(code: str) -> str:
        return str(CaseStatus(code).label) if code in CaseStatus.values else code

    @staticmethod
    def payer(code: str) -> str:
        return str(PayerKind(code).label) if code in PayerKind.values else (code or _("Not given"))


def payer_columns() -> dict[str, str]:
    return {
        "approved_state_quota_usd": str(PayerKind.STATE_QUOTA.label),
        "approved_insurer_usd": str(PayerKind.INSURER.label),
        "approved_self_pay_usd": str(PayerKind.SELF_PAY.label),
        "approved_charity_usd": str(PayerKind.CHARITY.label),
    }


def final_states() -> dict[str, str]:
    return {"open": _("In progress"), "closed": _("Completed"), "cancelled": _("Cancelled")}


def dashboard(user, filters: selectors.Filters) -> dict:
    """Everything the dashboard shows: figures (JSON) and the small tables beside them."""
    labels = Labels()
    flows = selectors.flows(user, filters)
    costs = selectors.costs(user, filters)
    outcomes = selectors.outcomes(user, filters)
    labels.facilities(link["facility_id"] for link in flows["links"])
    amounts = {"estimate_usd": _("Estimated, USD"), "approved_usd": _("Approved, USD")}
    figures = {
        "sankey": charts.flows_sankey(flows["links"], country=labels.country, facility=labels.facility)
        if flows["links"]
        else None,
        "monthly": charts.cases_per_month(flows["monthly"], status=labels.status) if flows["monthly"] else None,
        "costs_destination": charts.approved_by_destination(
            costs["by_destination"],
            country=labels.country,
            payers=payer_columns(),
            estimate_label=amounts["estimate_usd"],
        )
        if costs["by_destination"]
        else None,
        "costs_box": charts.cost_box(costs["distribution"], country=labels.country) if costs["distribution"] else None,
        "costs_chapter": charts.cost_by_group(costs["by_chapter"], "icd_chapter", label=labels.chapter, names=amounts)
        if costs["by_chapter"]
        else None,
        "outcomes": charts.outcomes_at(
            outcomes["outcome_30"],
            outcomes["outcome_90"],
            order=[(code, str(label)) for code, label in OutcomeCode.choices],
            names=(_("At 30 days"), _("At 90 days")),
        )
        if outcomes["outcome_30"] or outcomes["outcome_90"]
        else None,
        "endings": charts.endings_by_destination(
            outcomes["by_destination"],
            country=labels.country,
            states=final_states(),
            median_label=_("Median days from intake to admission"),
        )
        if outcomes["by_destination"]
        else None,
    }
    return {
        "figures": figures,
        "flows": flows,
        "costs": costs,
        "outcomes": outcomes,
        "links": [
            {
                **link,
                "origin": labels.country(link["origin_country"]),
                "destination": labels.country(link["destination_country"]),
                "facility": labels.facility(link["facility_id"]),
            }
            for link in flows["links"]
        ],
        "cost_rows": [
            {**row, "destination": labels.country(row["destination_country"])} for row in costs["by_destination"]
        ],
        "payer_rows": [{**row, "payer": labels.payer(row["payer_kind"])} for row in costs["by_payer"]],
        "outcome_rows": [
            {**row, "destination": labels.country(row["destination_country"])} for row in outcomes["by_destination"]
        ],
    }


def agreement_columns() -> list[tuple[str, str]]:
    return [
        ("cases_treated", _("Patients treated")),
        ("treated_approved_usd", _("Approved for them, USD")),
        ("programmes", _("Training programmes")),
        ("trainees", _("Trainees per year")),
        ("missions", _("Missions")),
        ("operations", _("Operations")),
        ("consultations", _("Consultations")),
        ("donations", _("Donations")),
        ("donations_usd", _("Donations' value, USD")),
        ("projects", _("Joint projects")),
    ]


def agreements_figure(rows: list[dict]) -> str | None:
    shown = [r for r in rows if r["cases_treated"] or r["trainees"] or r["operations"]][:15]
    if not shown:
        return None
    return charts.agreements_delivered(
        shown,
        names={
            "cases_treated": _("Patients treated"),
            "trainees": _("Trainees per year"),
            "operations": _("Operations"),
        },
    )


# --- CSV -----------------------------------------------------------------------------------------------

TABLES = ("flows", "costs", "outcomes", "agreements")


def csv_text(user, table: str, filters: selectors.Filters) -> str:
    labels = Labels()
    out = io.StringIO()
    writer = csv.writer(out)
    if table == "agreements":
        columns = [name for name, _label in agreement_columns()]
        writer.writerow(["agreement_id", "title", "kind", "status", "signed_on", "countries", *columns])
        for row in selectors.agreements(user, country=filters.origin):
            writer.writerow(
                [
                    row["id"],
                    row["title"],
                    row["kind"],
                    row["status"],
                    row["signed_on"] or "",
                    " ".join(row["countries"]),
                    *[row[c] for c in columns],
                ]
            )
        return out.getvalue()
    rows = selectors.table_rows(user, table, filters)
    base = ["month", "origin_country", "destination_country"]
    if table == "flows":
        writer.writerow([*base, "facility", "status", "cases"])
        for r in rows:
            writer.writerow(
                [
                    r.month.strftime("%Y-%m"),
                    r.origin_country,
                    r.destination_country,
                    labels.facility(r.facility_id) if r.facility_id else "",
                    r.status,
                    r.cases,
                ]
            )
    elif table == "costs":
        measures = list(selectors.COST_MEASURES)
        writer.writerow([*base, "specialty", "icd_chapter", "payer_kind", *measures])
        for r in rows:
            writer.writerow(
                [
                    r.month.strftime("%Y-%m"),
                    r.origin_country,
                    r.destination_country,
                    r.specialty,
                    r.icd_chapter,
                    r.payer_kind,
                    *[getattr(r, m) for m in measures],
                ]
            )
    else:
        writer.writerow([*base, "facility", "final_state", "outcome_30", "outcome_90", "days_to_admission", "cases"])
        for r in rows:
            writer.writerow(
                [
                    r.month.strftime("%Y-%m"),
                    r.origin_country,
                    r.destination_country,
                    labels.facility(r.facility_id) if r.facility_id else "",
                    r.final_state,
                    r.outcome_30,
                    r.outcome_90,
                    "" if r.days_to_admission is None else r.days_to_admission,
                    r.cases,
                ]
            )
    return out.getvalue()
