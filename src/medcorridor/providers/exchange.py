"""Directory import and export as CSV or XLSX: one row per offer, facility columns repeated.

Import is all-or-nothing: every row is validated first, and a file with any error imports nothing
and returns the row-by-row report. Rows of one facility are grouped by ``facility_id`` (public UUID,
to update) or by English name + country. Lists inside a cell are separated by ``|``; accreditations
read ``scheme:valid_until`` (``jci:2027-05-01|kahf:2026-01-31``).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from medcorridor.accounts.enums import OrganisationKind
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import scoped
from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import record
from medcorridor.core.errors import ValidationFailed
from medcorridor.core.models import Country, Currency, Language, Specialty

from . import icd, services
from .enums import AccreditationScheme, FacilityKind
from .models import Facility, Offer

COLUMNS = [
    "facility_id",
    "name_en",
    "name_ru",
    "name_original",
    "aliases",
    "kind",
    "country",
    "city",
    "address",
    "website",
    "email",
    "phone",
    "languages",
    "accreditations",
    "specialty",
    "procedure_en",
    "procedure_ru",
    "icd_codes",
    "price_min",
    "price_max",
    "currency",
    "stay_days_min",
    "stay_days_max",
    "wait_days",
]
REQUIRED = ["name_en", "name_ru", "country", "city"]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ROWS = 200_000


@dataclass
class ImportReport:
    rows: int = 0
    facilities_created: int = 0
    facilities_updated: int = 0
    offers_saved: int = 0
    errors: list[dict] = field(default_factory=list)

    @property
    def imported(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append({"row": row, "column": column, "message": message})

    def as_dict(self) -> dict:
        return {
            "imported": self.imported,
            "rows": self.rows,
            "facilities_created": self.facilities_created,
            "facilities_updated": self.facilities_updated,
            "offers_saved": self.offers_saved,
            "errors": self.errors,
        }


# --- reading ----------------------------------------------------------------------------------------


def read_rows(name: str, content: bytes) -> list[dict]:
    """The file's rows as dicts keyed by its header; a file with no row below the header is refused
    (an import that "succeeds" with nothing in it hides a wrong file)."""
    if name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.lower().endswith(".csv"):
        rows = _csv_rows(content)
    else:
        raise ValidationFailed(_("Upload a .csv or .xlsx file."), field="file")
    if not rows:
        raise ValidationFailed(_("The file has no rows below its header."), field="file")
    return rows


def _csv_rows(content: bytes) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationFailed(_("The CSV file must be UTF-8 encoded."), field="file") from error
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return [
        {k.strip(): (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(io.StringIO(text), dialect=dialect)
    ]


def _xlsx_rows(content: bytes) -> list[dict]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as error:  # openpyxl raises many types for a broken file
        raise ValidationFailed(_("The XLSX file cannot be read."), field="file") from error
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, [])]
    return [
        {h: "" if v is None else str(v).strip() for h, v in zip(header, row, strict=False) if h}
        for row in rows
        if any(v not in (None, "") for v in row)
    ]


# --- validating -------------------------------------------------------------------------------------


@dataclass
class Reference:
    countries: set[str]
    currencies: set[str]
    languages: set[str]
    specialties: set[str]

    @classmethod
    def load(cls) -> "Reference":
        return cls(
            set(Country.objects.values_list("code", flat=True)),
            set(Currency.objects.values_list("code", flat=True)),
            set(Language.objects.values_list("code", flat=True)),
            set(Specialty.objects.values_list("code", flat=True)),
        )


def _decimal(value: str) -> Decimal | None:
    return Decimal(value.replace(" ", "").replace(",", ".")) if value else None


def _integer(value: str) -> int | None:
    return int(float(value)) if value else None


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _accreditations(value: str) -> list[dict]:
    found = []
    for part in _split(value):
        scheme, _sep, until = part.partition(":")
        if scheme.strip() not in AccreditationScheme.values:
            raise ValueError(_("unknown accreditation scheme “%(scheme)s”") % {"scheme": scheme})
        found.append({"scheme": scheme.strip(), "valid_until": date.fromisoformat(until.strip()) if until else None})
    return found


def _check_row(number: int, row: dict, reference: Reference, report: ImportReport) -> dict | None:
    errors_before = len(report.errors)
    for column in REQUIRED:
        if not row.get(column):
            report.error(number, column, _("This column is required."))
    checks = [
        ("country", row.get("country", "").upper(), reference.countries),
        ("currency", row.get("currency", "").upper(), reference.currencies),
        ("specialty", row.get("specialty", ""), reference.specialties),
    ]
    for column, value, known in checks:
        if value and value not in known:
            report.error(number, column, _("Unknown value “%(value)s”.") % {"value": value})
    for language in _split(row.get("languages", "")):
        if language not in reference.languages:
            report.error(number, "languages", _("Unknown language “%(value)s”.") % {"value": language})
    if row.get("kind") and row["kind"] not in FacilityKind.values:
        report.error(number, "kind", _("Unknown value “%(value)s”.") % {"value": row["kind"]})
    parsed = _parse_values(number, row, report)
    if row.get("procedure_en") and not row.get("specialty"):
        report.error(number, "specialty", _("An offer needs a specialty."))
    return parsed if len(report.errors) == errors_before else None


def _parse_values(number: int, row: dict, report: ImportReport) -> dict:
    parsed = {}
    parsers = {
        "price_min": _decimal,
        "price_max": _decimal,
        "stay_days_min": _integer,
        "stay_days_max": _integer,
        "wait_days": _integer,
        "accreditations": _accreditations,
    }
    for column, parse in parsers.items():
        try:
            parsed[column] = parse(row.get(column, ""))
        except (ValueError, InvalidOperation) as error:
            report.error(
                number,
                column,
                str(error)
                if isinstance(error, ValueError) and "“" in str(error)
                else _("“%(value)s” is not valid here.") % {"value": row.get(column, "")},
            )
    try:
        icd.expand(row.get("icd_codes", ""))
    except ValidationFailed as error:
        report.error(number, "icd_codes", error.message)
    return parsed


# --- importing --------------------------------------------------------------------------------------


def import_file(*, actor, name: str, content: bytes, progress=None) -> ImportReport:
    rows = read_rows(name, content)
    report = ImportReport(rows=len(rows))
    if len(rows) > MAX_ROWS:
        report.error(0, "", _("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        return report
    reference = Reference.load()
    checked = [(n, row, _check_row(n, row, reference, report)) for n, row in enumerate(rows, start=2)]
    if report.errors:
        return report
    with transaction.atomic():
        touched: dict[str, Facility] = {}
        for number, row, parsed in checked:
            _import_row(actor, row, parsed, touched, report)
            if progress:
                progress(number)
        for facility in touched.values():
            services.reindex_facility(facility)
        record(
            actor=actor,
            action=AuditAction.IMPORT,
            target_type="providers.directory",
            target_id=name,
            summary=f"{report.rows} rows",
            after=report.as_dict(),
        )
    return report


def _facility_key(row: dict) -> str:
    return row.get("facility_id") or f"{row['name_en'].lower()}|{row['country'].upper()}"


def _facility_fields(row: dict) -> dict:
    return {
        "name_en": row["name_en"],
        "name_ru": row["name_ru"],
        "name_original": row.get("name_original", ""),
        "aliases": _split(row.get("aliases", "")),
        "kind": row.get("kind") or FacilityKind.HOSPITAL,
        "country_id": row["country"].upper(),
        "city": row["city"],
        "address": row.get("address", ""),
        "website": row.get("website", ""),
        "email": row.get("email", ""),
        "phone": row.get("phone", ""),
    }


def _find_facility(row: dict) -> Facility | None:
    if row.get("facility_id"):
        return Facility.objects.filter(public_id=row["facility_id"]).first()
    return Facility.objects.filter(name_en__iexact=row["name_en"], country_id=row["country"].upper()).first()


def _operator(row: dict) -> Organisation:
    organisation = Organisation.objects.filter(name_en=row["name_en"], country_id=row["country"].upper()).first()
    return organisation or Organisation.objects.create(
        kind=OrganisationKind.CLINIC,
        name_en=row["name_en"],
        name_ru=row["name_ru"],
        name_original=row.get("name_original", ""),
        country_id=row["country"].upper(),
    )


def _import_row(actor, row: dict, parsed: dict, touched: dict, report: ImportReport) -> None:
    key = _facility_key(row)
    facility = touched.get(key)
    if facility is None:
        facility = _upsert_facility(actor, row, parsed, report)
        touched[key] = facility
    if row.get("procedure_en"):
        _upsert_offer(actor, facility, row, parsed)
        report.offers_saved += 1


def _upsert_facility(actor, row: dict, parsed: dict, report: ImportReport) -> Facility:
    existing = _find_facility(row)
    fields = _facility_fields(row)
    languages = _split(row.get("languages", ""))
    if existing is None:
        facility = services.create_facility(actor=actor, organisation=_operator(row), languages=languages, **fields)
        report.facilities_created += 1
    else:
        facility = services.update_facility(actor=actor, facility=existing, languages=languages, **fields)
        report.facilities_updated += 1
    for accreditation in parsed["accreditations"]:
        services.save_accreditation(actor=actor, facility=facility, **accreditation)
    return facility


def _upsert_offer(actor, facility: Facility, row: dict, parsed: dict) -> None:
    offer = Offer.objects.filter(
        facility=facility, specialty_id=row["specialty"], procedure_en=row["procedure_en"], voided_at__isnull=True
    ).first()
    services.save_offer(
        actor=actor,
        facility=facility,
        offer=offer,
        reindex=False,
        specialty_id=row["specialty"],
        procedure_en=row["procedure_en"],
        procedure_ru=row.get("procedure_ru") or row["procedure_en"],
        icd_codes=row.get("icd_codes", ""),
        price_min=parsed["price_min"],
        price_max=parsed["price_max"],
        currency_id=row.get("currency", "").upper() or None,
        stay_days_min=parsed["stay_days_min"],
        stay_days_max=parsed["stay_days_max"],
        wait_days=parsed["wait_days"],
    )


# --- exporting --------------------------------------------------------------------------------------


def export_rows(user):
    facilities = (
        scoped(user, Facility.objects.filter(voided_at__isnull=True))
        .prefetch_related("office_languages", "accreditations", "offers")
        .select_related("country")
        .order_by("name_en")
    )
    for facility in facilities.iterator(chunk_size=500):
        base = {
            "facility_id": str(facility.public_id),
            "name_en": facility.name_en,
            "name_ru": facility.name_ru,
            "name_original": facility.name_original,
            "aliases": "|".join(facility.aliases),
            "kind": facility.kind,
            "country": facility.country_id,
            "city": facility.city,
            "address": facility.address,
            "website": facility.website,
            "email": facility.email,
            "phone": facility.phone,
            "languages": "|".join(sorted(lang.code for lang in facility.office_languages.all())),
            "accreditations": "|".join(
                f"{a.scheme}:{a.valid_until or ''}" for a in facility.accreditations.all() if not a.is_voided
            ),
        }
        offers = [o for o in facility.offers.all() if not o.is_voided]
        if not offers:
            yield base
        for offer in offers:
            yield {
                **base,
                "specialty": offer.specialty_id,
                "procedure_en": offer.procedure_en,
                "procedure_ru": offer.procedure_ru,
                "icd_codes": offer.icd_codes,
                "price_min": offer.price_min or "",
                "price_max": offer.price_max or "",
                "currency": offer.currency_id or "",
                "stay_days_min": offer.stay_days_min or "",
                "stay_days_max": offer.stay_days_max or "",
                "wait_days": offer.wait_days or "",
            }


def export_bytes(user, format: str) -> bytes:
    rows = export_rows(user)
    if format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("directory")
        sheet.append(COLUMNS)
        for row in rows:
            sheet.append([str(row.get(c, "")) for c in COLUMNS])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
