"""Case transitions per second, old code against new, on one scratch database kept by ``cases_bench.py --keep``.

    python bench/cases_writes_ab.py --db postgres --pg-name mc_bench --variant base=main --variant new=HEAD
    python bench/cases_writes_ab.py --db postgres --pg-name mc_bench --variant base=main --variant new=HEAD \\
        --writers 1,8,16 --rounds 3

The transitions counterpart of ``cases_reads_ab.py``: each variant's ``src`` (any commit or tree, taken
with ``git archive``) runs ``hold``/``resume`` on cases of its own in processes that take turns with the
other variants and with the bare SQL (versioned ``UPDATE`` + event ``INSERT``), once per writer count and
round, so that all of them meet the same load. A run takes the next ``--cases-per-run`` untouched intake
cases, as ``cases_bench.py`` does. Afterwards the audit chain is verified. Results:
``bench/results/cases-writes-ab-<db>-<cases>.json``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from cases_bench import bare_transitions, rate, service_transitions, setup_django, writer_counts
from cases_reads_ab import ab_parser, checkout, compare_and_save, header

BARE = "bare_sql"


def run(db: str, n: int, pg_name: str, work: str, writers: int, per_run: int) -> dict:
    """One process: ``writers`` writers on the next ``per_run`` untouched intake cases."""
    setup_django(db, n, pg_name, reuse=True)
    from medcorridor.accounts.models import User
    from medcorridor.cases.models import ReferralCase

    untouched = ReferralCase.objects.filter(status="intake", version=1).order_by("id")
    case_ids = list(untouched.values_list("pk", flat=True)[:per_run])
    coordinator = User.objects.get(username="bench.coordinator")
    step = bare_transitions if work == BARE else service_transitions
    return {**rate(step, case_ids, coordinator.pk, writers), "load": os.getloadavg()[0]}


def verify(db: str, n: int, pg_name: str) -> dict:
    setup_django(db, n, pg_name, reuse=True)
    from medcorridor.audit.models import AuditEvent
    from medcorridor.audit.services import verify_chain

    check = verify_chain(AuditEvent)
    return {"intact": check.intact, "unsealed": check.unsealed, "rows": AuditEvent.objects.count()}


def summarise(runs: list[dict]) -> dict:
    rates = [run["per_second"] for run in runs]
    loads = [run["load"] for run in runs]
    out = {"per_second": rates, "median": round(statistics.median(rates), 1)}
    for key in ("statements_per_transition", "python_cpu_ms_per_transition"):
        if key in runs[0]:
            out[key] = [run[key] for run in runs]
    failures = sum(run.get("failed", 0) + run.get("locked", 0) for run in runs)
    return {**out, "failed_or_locked": failures, "load_average": [round(min(loads), 2), round(max(loads), 2)]}


def compare(args: argparse.Namespace) -> dict:
    variants = dict(v.split("=", 1) for v in args.variant)
    common = ["--db", args.db, "--cases", str(args.cases), "--pg-name", args.pg_name]
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        sources = {name: checkout(treeish, Path(scratch) / name) for name, treeish in variants.items()}
        # The bare SQL needs no product code beyond the models: it runs with the first variant's.
        works = {**{name: (name, src) for name, src in sources.items()}, BARE: (BARE, next(iter(sources.values())))}
        for writers in args.writers:
            runs = {name: [] for name in works}
            for _round in range(args.rounds):
                for name, (work, src) in works.items():
                    command = [sys.executable, __file__, "--run", work, "--run-writers", str(writers), *common]
                    command += ["--cases-per-run", str(args.cases_per_run)]
                    env = {**os.environ, "PYTHONPATH": str(src)}
                    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
                    runs[name].append(json.loads(done.stdout.splitlines()[-1]))
            results[f"{writers}_writers"] = {name: summarise(name_runs) for name, name_runs in runs.items()}
            print(writers, json.dumps(results[f"{writers}_writers"]), file=sys.stderr)
        last = next(iter(sources.values()))
        command = [sys.executable, __file__, "--verify", *common]
        done = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(last)}, check=True, capture_output=True)
        results["audit_chain_after"] = json.loads(done.stdout.splitlines()[-1])
    return {**header(args, variants), "cases_per_run": args.cases_per_run, **results}


def main() -> None:
    parser = ab_parser(__doc__)
    parser.add_argument("--writers", type=writer_counts, default=(1, 8), help="writer counts (default 1,8)")
    parser.add_argument("--cases-per-run", type=int, default=800, help="cases per run (2 transitions each)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--run-writers", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--verify", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.db, args.cases, args.pg_name, args.run, args.run_writers, args.cases_per_run)))
        return
    if args.verify:
        print(json.dumps(verify(args.db, args.cases, args.pg_name)))
        return
    compare_and_save(parser, args, compare, "writes")


if __name__ == "__main__":
    main()
