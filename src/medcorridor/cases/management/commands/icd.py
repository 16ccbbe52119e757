"""``medcorridor icd suggest``: ICD-10 suggestions for Russian complaint texts from the command line.

medcorridor icd suggest "Боли в пояснице с иррадиацией в левую ногу"
echo "Кашель с мокротой, температура 37,8" | medcorridor icd suggest -
medcorridor icd suggest --file complaints.txt --json      # one text per line, JSON lines out
"""

import json as json_module
import sys

from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.errors import ValidationFailed
from medcorridor.core.progress import track

from ...coding import suggest_codes


class Command(BaseCommand):
    help = "ICD-10 suggestions: suggest TEXT | suggest - (standard input) | suggest --file PATH [--json]"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["suggest"])
        parser.add_argument("text", nargs="?", default=None, help="the text, or - to read standard input")
        parser.add_argument("--file", default=None, help="a UTF-8 file with one text per line")
        parser.add_argument("--language", default="ru", help="language of the titles (ru, en, ...)")
        parser.add_argument("--json", action="store_true", help="print JSON (one line per text)")

    def handle(self, *args, action: str, text: str | None, file: str | None, language: str, json: bool, **options):
        texts = self._texts(text, file)
        for number, item in enumerate(track(texts, description="Suggesting") if file else texts, start=1):
            try:
                suggestions = suggest_codes(item, language=language)
            except ValidationFailed as error:
                if not file:
                    raise CommandError(error.message) from error
                self.stderr.write(f"line {number}: {error.message}")
                continue
            self._show(suggestions, as_json=json)

    def _texts(self, text: str | None, file: str | None) -> list[str]:
        if file:
            try:
                with open(file, encoding="utf-8") as handle:
                    return [line.rstrip("\n") for line in handle if line.strip()]
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from error
        if text is None:
            raise CommandError("Give the text, - to read it from standard input, or --file PATH.")
        return [sys.stdin.read() if text == "-" else text]

    def _show(self, suggestions: list[dict], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json_module.dumps(suggestions, ensure_ascii=False))
            return
        for suggestion in suggestions:
            because = ", ".join(suggestion["triggers"]) or "—"
            self.stdout.write(f"{suggestion['code']}  {suggestion['title']}  [{because}]")
