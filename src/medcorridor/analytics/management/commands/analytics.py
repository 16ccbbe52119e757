"""``medcorridor analytics refresh [--full] [--quiet]``: fold new case-timeline events into the
dashboards' rollup tables (``--full`` rebuilds them from scratch), with a progress bar."""

from django.core.management.base import BaseCommand

from medcorridor.analytics.services import refresh
from medcorridor.core.progress import progress_task


class Command(BaseCommand):
    help = "Analytics rollups: `analytics refresh [--full] [--quiet]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        refresh_parser = sub.add_parser("refresh", help="bring the rollup tables up to date")
        refresh_parser.add_argument("--full", action="store_true", help="empty and rebuild every rollup")
        refresh_parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, action: str, full: bool = False, quiet: bool = False, **options):
        if quiet:
            result = refresh(full=full)
        else:
            with progress_task("Rebuilding rollups" if full else "Refreshing rollups", None) as advance:
                state = {"done": 0}

                def report(done: int, total: int) -> None:
                    advance(done - state["done"], total=total)
                    state["done"] = done

                result = refresh(full=full, progress=report)
        self.stdout.write(
            f"{result['cases']} cases folded in; watermark at event {result['last_event_id']}; "
            f"{result['agreements'] if result['agreements'] is not None else 'unchanged'} agreement rows"
            f"{' (full rebuild)' if full else ''}."
        )
