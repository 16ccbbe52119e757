from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.errors import DomainError
from medcorridor.core.rates import load_rates


class Command(BaseCommand):
    help = "Load exchange rates: medcorridor rates load FILE.csv (columns currency,on_date,units_per_usd)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="")

    def handle(self, *args, action, file: Path, source: str, **options):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            count = load_rates(file, source=source or file.name)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"{count} rates loaded.")
