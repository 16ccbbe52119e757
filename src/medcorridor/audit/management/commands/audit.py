"""``medcorridor audit verify|seal``: check the audit and access-log hash chains, or seal the rows still
waiting to be chained (normally done right after each commit, and every minute by the periodic job)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Audit chains: verify (recompute every hash, report unsealed rows) | seal"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])

    def handle(self, *args, action: str, **options):
        from medcorridor.core.progress import progress_task

        from ...services import CHAINS, seal_all, verify_chain

        if action == "seal":  # and look again afterwards, as every sealer does, for rows left meanwhile
            for name, count in seal_all().items():
                self.stdout.write(f"{name}: {count} rows sealed.")
            return
        broken = []
        for model in CHAINS:
            name = model._meta.label
            with progress_task(f"Verifying {name}", model.objects.count()) as advance:
                check = verify_chain(model, advance=advance)
            state = "intact" if check.intact else f"BROKEN at row id {check.broken_id}"
            self.stdout.write(f"{name}: {state}; {check.unsealed} rows not sealed yet.")
            if not check.intact:
                broken.append(name)
        if broken:
            raise CommandError(f"hash chain broken: {', '.join(broken)}")
