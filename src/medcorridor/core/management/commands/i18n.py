from django.core.management.base import BaseCommand, CommandError

from medcorridor.core import i18n


class Command(BaseCommand):
    help = "Translation catalogues: update (extract strings), compile (.po -> .mo), check (ru/en complete)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "compile", "check"])
        parser.add_argument("--app", help="only this domain app (its label, e.g. cases)")

    def handle(self, *args, action: str, app: str | None = None, **options):
        if action == "update":
            for app_dir in i18n.update(app):
                self.stdout.write(f"updated {app_dir.name}")
        elif action == "compile":
            self.stdout.write(f"compiled {i18n.compile_all()} catalogues")
        else:
            gaps = i18n.check()
            for gap in gaps:
                self.stderr.write(str(gap))
            if gaps:
                raise CommandError(f"{len(gaps)} strings are not translated")
            self.stdout.write("Russian and English catalogues are complete.")
