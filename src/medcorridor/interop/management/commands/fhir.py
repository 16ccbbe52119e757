"""``medcorridor fhir``: export cases as FHIR R4 Bundles, import a Bundle, check a file.

    medcorridor fhir export CASE_UUID [-o FILE] --as USERNAME
    medcorridor fhir export --all -o DIR [--updated-since ISO] --as USERNAME
    medcorridor fhir import FILE --as USERNAME
    medcorridor fhir check FILE

The command acts as the named user, so it sees (and logs) exactly what that user would in the web.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.errors import DomainError, ValidationFailed
from medcorridor.core.progress import progress_task

from ... import selectors, services
from ...fhir import mapping, validation

CHANNEL = "cli"
PAGE_SIZE = 50


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = "FHIR R4: export cases (one, or --all into a directory), import a Bundle, check a file."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="export one case, or --all of those you may see")
        export.add_argument("case", nargs="?", type=UUID, help="the case's id (UUID)")
        export.add_argument("--all", action="store_true", help="every case you may see, one file each")
        export.add_argument("-o", "--output", type=Path, help="file (one case) or directory (--all)")
        export.add_argument("--updated-since", type=_moment, help="with --all: only cases changed after this")
        export.add_argument("--base-url", default="", help="prefix of the document download links")
        imported = actions.add_parser("import", help="open a case from a Bundle (Patient + Condition)")
        imported.add_argument("file", type=Path)
        check = actions.add_parser("check", help="validate a Bundle file against FHIR R4 (no database)")
        check.add_argument("file", type=Path)
        for sub in (export, imported):
            sub.add_argument("--as", dest="username", required=True, help="act as this user (scoping applies)")

    def handle(self, *args, action: str, **options):
        try:
            if action == "check":
                return self._check(options["file"])
            user = self._user(options["username"])
            if action == "import":
                return self._import(user, options["file"])
            if options["all"]:
                return self._export_all(user, options)
            return self._export_one(user, options)
        except ValidationFailed as error:
            for location, messages in error.errors.items():
                for message in messages:
                    self.stderr.write(f"{location}: {message}")
            raise CommandError(error.message) from error
        except DomainError as error:
            raise CommandError(error.message) from error

    def _user(self, username: str):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user “{username}”.")
        return user

    def _export_one(self, user, options):
        if options["case"] is None:
            raise CommandError("Give a case id, or --all with -o DIR.")
        bundle = selectors.export_case(user, options["case"], channel=CHANNEL, base_url=options["base_url"])
        text = mapping.to_json(bundle)
        if options["output"] is None:
            self.stdout.write(text)
            return
        options["output"].write_text(text + "\n", encoding="utf-8")
        self.stderr.write(self.style.SUCCESS(f"Exported {len(bundle['entry'])} resources to {options['output']}."))

    def _export_all(self, user, options):
        directory: Path | None = options["output"]
        if directory is None:
            raise CommandError("--all needs -o DIR.")
        directory.mkdir(parents=True, exist_ok=True)
        query = {"updated_since": options["updated_since"], "channel": CHANNEL, "base_url": options["base_url"]}
        page = selectors.export_page(user, page=1, page_size=PAGE_SIZE, **query)
        written = 0
        with progress_task("Exporting cases", page.total) as advance:
            while True:
                now = selectors.now()
                for record in page.records:
                    bundle = mapping.case_bundle(record, timestamp=now)
                    (directory / f"{record.reference}.json").write_text(mapping.to_json(bundle) + "\n", "utf-8")
                    written += 1
                    advance()
                if not page.has_next:
                    break
                page = selectors.export_page(user, page=page.page + 1, page_size=PAGE_SIZE, **query)
        self.stdout.write(self.style.SUCCESS(f"Exported {written} cases to {directory}."))

    def _read(self, file: Path):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        try:
            return json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file} is not JSON: {error}") from error

    def _import(self, user, file: Path):
        case = services.import_bundle(actor=user, bundle=self._read(file))
        self.stdout.write(self.style.SUCCESS(f"Opened case {case.reference} ({case.public_id})."))

    def _check(self, file: Path):
        document = self._read(file)
        problems = validation.problems(document)
        for problem in problems:
            self.stderr.write(f"{problem.location}: {problem.message}")
        is_bundle = isinstance(document, dict) and document.get("resourceType") == "Bundle"
        unresolved = validation.unresolved_references(document) if is_bundle else set()
        for reference in sorted(unresolved):
            self.stderr.write(f"unresolved reference: {reference}")
        if problems or unresolved:
            raise CommandError(f"{len(problems) + len(unresolved)} problems in {file}.")
        self.stdout.write(self.style.SUCCESS(f"{file} is valid FHIR R4 and its references resolve."))
