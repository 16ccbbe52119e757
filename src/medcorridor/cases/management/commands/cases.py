"""``medcorridor cases check-deadlines``: remind about due and overdue requests, funding decisions
and follow-up tasks (the same job Celery beat runs hourly when a broker is configured)."""

from datetime import date

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Referral cases: check-deadlines [--today YYYY-MM-DD] [--enqueue]"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check-deadlines"])
        parser.add_argument("--today", type=date.fromisoformat, default=None)
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="hand the job to the background queue (Celery when configured)",
        )

    def handle(self, *args, action: str, today: date | None = None, enqueue: bool = False, **options):
        from medcorridor.core.tasks import enqueue as enqueue_task
        from medcorridor.core.tasks import run_now

        from ...tasks import check_deadlines

        if enqueue:
            enqueue_task(check_deadlines, today.isoformat() if today else None)
            self.stdout.write("Deadline check queued.")
            return
        counts = run_now(check_deadlines.task_name, [today.isoformat() if today else None], {})
        self.stdout.write(
            f"Reminders: {counts['requests']} opinion requests, {counts['funding']} funding decisions, "
            f"{counts['tasks']} follow-up tasks."
        )
