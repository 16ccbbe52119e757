"""``medcorridor ingest FILE_OR_DIR…``: read press releases, queue one extracted event per article.

``--dry-run --jsonl OUT`` only extracts and writes one JSON line per article in the format of
``score_events.py``; it touches no database. A broken file is reported and skipped; the rest goes on.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.progress import console, track


class Command(BaseCommand):
    help = "Ingest articles (plain text or HTML) into the review queue; --dry-run --jsonl OUT only extracts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        parser.add_argument("--dry-run", action="store_true", help="extract only; write nothing to the database")
        parser.add_argument("--jsonl", metavar="OUT", help="write one JSON object per article (score_events.py format)")
        parser.add_argument("--source", default="", help="source name stored with the articles")
        parser.add_argument("--full", action="store_true", help="with --jsonl: every field, spans and text included")

    def handle(self, *args, paths, dry_run=False, jsonl=None, source="", full=False, **options):
        from medcorridor.ingest.extract import load_pipeline
        from medcorridor.ingest.services import article_paths, readable_text

        missing = [p for p in paths if not Path(p).exists()]
        if len(missing) == len(paths):
            raise CommandError(f"Not found: {', '.join(missing)}")
        files = article_paths(paths)
        if not files:
            raise CommandError("No article files found.")
        for path in missing:
            self.stderr.write(f"not found: {path}")
        pipeline = load_pipeline()
        out = open(jsonl, "w", encoding="utf-8") if jsonl else None  # noqa: SIM115 - closed below
        created = unchanged = 0
        failed: list[tuple[Path, str]] = []
        try:
            for path in track(files, total=len(files), description="Ingesting"):
                if not path.exists():
                    continue
                try:
                    raw = path.read_bytes()
                    if dry_run:
                        event = pipeline.extract(readable_text(raw), path.name)
                    else:
                        event, was_created = self._store(pipeline, raw, path, source, want_event=out is not None)
                        created += was_created
                        unchanged += not was_created
                    if out is not None and event is not None:
                        line = event.to_dict() if full else event.to_score_dict()
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                except Exception as error:  # noqa: BLE001 - one broken file must not stop the batch
                    failed.append((path, f"{type(error).__name__}: {error}"))
                    console.print(f"[red]skipped[/red] {path}: {type(error).__name__}: {error}")
        finally:
            if out is not None:
                out.close()
        done = len(files) - len(failed) - len(missing)
        if dry_run:
            self.stdout.write(f"{done} articles extracted, {len(failed)} skipped (dry run: database untouched)")
        else:
            self.stdout.write(
                f"{created} new articles queued for review, {unchanged} already known, {len(failed)} skipped"
            )
        for path, error in failed:
            self.stderr.write(f"broken file: {path}: {error}")
        if failed and done == 0:
            raise CommandError("Every file failed.")

    def _store(self, pipeline, raw: bytes, path: Path, source: str, want_event: bool):
        from medcorridor.ingest.services import ingest_file

        extracted = {}

        def extract(data, filename):
            extracted["event"] = pipeline.extract(data, filename)
            return extracted["event"]

        article, created = ingest_file(actor=None, raw=raw, filename=path.name, extract=extract, source_name=source)
        if "event" not in extracted and want_event:  # a known article: read again only for --jsonl
            extracted["event"] = pipeline.extract(article.raw_text, path.name)
        return extracted.get("event"), created
