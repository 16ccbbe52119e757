"""``medcorridor directory import FILE`` / ``export FILE``: CSV or XLSX, all-or-nothing import;
``medcorridor directory reindex``: rebuild the search index (city keys, terms, offer keys)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.errors import DomainError
from medcorridor.core.progress import progress_task
from medcorridor.providers import exchange, services
from medcorridor.providers.models import Facility


class Command(BaseCommand):
    help = "Import or export the partner directory (CSV or XLSX, one row per offer)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "export", "reindex"])
        parser.add_argument("file", type=Path, nargs="?", help="the CSV or XLSX file (import and export)")

    def handle(self, *args, action: str, file: Path | None, **options):
        if action == "reindex":
            return self._reindex()
        if file is None:
            raise CommandError(f"{action} needs a file: medcorridor directory {action} FILE.csv")
        if action == "export":
            return self._export(file)
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            rows = len(exchange.read_rows(file.name, file.read_bytes()))
            with progress_task(f"Importing {file.name}", rows) as advance:
                report = exchange.import_file(
                    actor=None, name=file.name, content=file.read_bytes(), progress=lambda _row: advance()
                )
        except DomainError as error:
            raise CommandError(error.message) from error
        if not report.imported:
            for error in report.errors:
                self.stderr.write(f"row {error['row']}, {error['column'] or '-'}: {error['message']}")
            raise CommandError(f"{len(report.errors)} errors: nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.rows} rows: {report.facilities_created} facilities added, "
                f"{report.facilities_updated} updated, {report.offers_saved} offers saved."
            )
        )

    def _export(self, file: Path):
        format = file.suffix.lstrip(".").lower()
        if format not in exchange.FORMATS:
            raise CommandError("The file must end in .csv or .xlsx")
        file.write_bytes(exchange.export_bytes(None, format))
        self.stdout.write(self.style.SUCCESS(f"Exported the directory to {file}."))

    def _reindex(self):
        with progress_task("Rebuilding the directory search index", Facility.objects.count()) as advance:
            count = services.reindex_directory(actor=None, progress=advance)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the search index of {count} facilities."))
