"""``medcorridor kpd solve FILE``: solve a kidney paired exchange pool file and print the solution.

Reads kep_solver JSON or PrefLib ``.wmd``/``.dat``. ``--max-chain`` counts the pool recipients a
chain reaches (kep_solver's ``maxChainLength`` is one more). Progress goes to standard error.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from medcorridor.core.progress import progress_task
from medcorridor.transplant.optimizer import solve
from medcorridor.transplant.optimizer.formats import read_pool


class Command(BaseCommand):
    help = "Kidney paired exchange: `kpd solve FILE [--max-cycle 3] [--max-chain 3] [--format json]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        solve_parser = sub.add_parser("solve", help="solve a pool file (kep_solver JSON, PrefLib .wmd/.dat)")
        solve_parser.add_argument("file")
        solve_parser.add_argument("--max-cycle", type=int, default=3)
        solve_parser.add_argument(
            "--max-chain",
            type=int,
            default=3,
            help="pool recipients a chain may reach (kep_solver's maxChainLength - 1)",
        )
        solve_parser.add_argument("--chain-to-waiting-list", action="store_true")
        solve_parser.add_argument("--time-limit", type=float, default=None)
        solve_parser.add_argument("--format", choices=["text", "json"], default="text")
        solve_parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, action, **options):
        try:
            pool = read_pool(options["file"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read {options['file']}: {error}") from error
        kwargs = {
            "max_cycle": options["max_cycle"],
            "max_chain": options["max_chain"],
            "chain_to_waiting_list": options["chain_to_waiting_list"],
            "time_limit": options["time_limit"],
        }
        if options["quiet"]:
            solution = solve(pool, **kwargs)
        else:
            with progress_task("Solving", None) as advance:

                def report(step):
                    advance(1, description=f"{step.stage} {step.criterion or ''} {step.detail}"[:70])

                solution = solve(pool, progress=report, **kwargs)
        if options["format"] == "json":
            body = solution.as_dict()
            body.update(
                {
                    "pool": pool.summary(),
                    "max_cycle": options["max_cycle"],
                    "max_chain": options["max_chain"],
                    "kep_solver_transplants": solution.kep_solver_transplants,
                }
            )
            self.stdout.write(json.dumps(body, ensure_ascii=False))
            return
        summary = pool.summary()
        self.stdout.write(
            f"pool: {summary['pairs']} pairs, {summary['altruists']} non-directed donors, {summary['arcs']} arcs"
        )
        self.stdout.write(
            f"transplants: {solution.transplants} (waiting-list donations: "
            f"{solution.waiting_list_donations}); optimal: {solution.optimal}; "
            f"gap: {solution.gap:.4g}; {solution.seconds:.2f} s"
        )
        for cycle in solution.cycles:
            self.stdout.write("cycle: " + " -> ".join(cycle.nodes) + f" -> {cycle.nodes[0]}  (weight {cycle.weight:g})")
        for chain in solution.chains:
            self.stdout.write(
                "chain: "
                + " -> ".join([chain.altruist, *chain.recipients])
                + ("  -> waiting list" if chain.ends_on_waiting_list else "")
                + f"  (weight {chain.weight:g})"
            )
