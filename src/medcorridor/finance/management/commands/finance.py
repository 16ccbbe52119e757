"""``medcorridor finance report --year 2026 [--format table|csv|json] [--output FILE]`` (utilisation per
programme budget) and ``medcorridor finance import-budgets FILE.csv`` (all or nothing, row errors)."""

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from medcorridor.core.errors import DomainError
from medcorridor.core.progress import progress_task
from medcorridor.finance import presenters, services
from medcorridor.finance.models import Budget
from medcorridor.finance.selectors import utilisation
from medcorridor.providers.exchange import read_rows


class Command(BaseCommand):
    help = "Finance: report --year YYYY [--format table|csv|json] [--output FILE]; import-budgets FILE.csv|.xlsx"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["report", "import-budgets"])
        parser.add_argument("file", nargs="?", type=Path, help="import-budgets: the CSV or XLSX file")
        parser.add_argument("--year", type=int, default=None, help="fiscal year (default: this year)")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument("--output", type=Path, default=None, help="write the report to this file")

    def handle(self, *args, action: str, file: Path | None, year: int | None, format: str, output, **options):
        if action == "import-budgets":
            return self._import(file)
        year = year or timezone.localdate().year
        budgets = Budget.objects.filter(fiscal_year=year).select_related(
            "programme__payer", "programme__owner_organisation", "currency"
        )
        rows = [presenters.utilisation_row(r) for r in utilisation(budgets.order_by("programme__name"))]
        text = {"json": _json, "csv": _csv, "table": _table}[format](rows)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} budgets of {year} to {output}."))
        else:
            self.stdout.write(text, ending="")

    def _import(self, file: Path | None):
        if file is None:
            raise CommandError("Name the file: medcorridor finance import-budgets FILE.csv")
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            rows = read_rows(file.name, file.read_bytes())
        except DomainError as error:
            raise CommandError(error.message) from error
        with progress_task(f"Importing {file.name}", len(rows)) as advance:
            report = services.import_budgets(actor=None, rows=rows, progress=lambda _row: advance())
        if not report.imported:
            for error in report.errors:
                self.stderr.write(f"row {error['row']}, {error['column'] or '-'}: {error['message']}")
            raise CommandError(f"{len(report.errors)} errors: nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.rows} rows: {report.budgets_saved} budgets set, "
                f"{report.programmes_created} programmes created."
            )
        )


def _json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=presenters.REPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _table(rows: list[dict]) -> str:
    if not rows:
        return "No budgets for this year.\n"
    columns = presenters.REPORT_COLUMNS[:1] + presenters.REPORT_COLUMNS[4:]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(str(r[c]).rjust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"
