"""``medcorridor demo load``: the demo world, domain by domain (each domain's ``demo.load``)."""

from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from medcorridor.accounts.models import Organisation

# Order matters: later domains refer to what earlier ones created.
DOMAINS = ("accounts", "providers", "cooperation", "cases", "finance", "transplant", "ingest", "analytics")


def demo_modules():
    for domain in DOMAINS:
        name = f"medcorridor.{domain}.demo"
        if find_spec(name) is not None:
            yield domain, import_module(name)


class Command(BaseCommand):
    help = "Load the demo data (synthetic, marked as demo). --if-empty skips a database that has organisations."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load"])
        parser.add_argument("--if-empty", action="store_true")

    def handle(self, *args, action: str, if_empty: bool = False, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            return
        if Organisation.objects.filter(is_demo=True).exists():
            # The loaders create, they do not merge: a second load would duplicate every demo record.
            raise CommandError("The demo data is already loaded in this database; nothing was changed.")
        for domain, module in demo_modules():
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{domain}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
