"""Case page and case list, old code against new, on one scratch database kept by ``cases_bench.py --keep``.

    python bench/cases_reads_ab.py --db postgres --pg-name mc_bench --variant base=2c48962 --variant new=HEAD
    python bench/cases_reads_ab.py --db sqlite --cases 100000 --variant base=main --variant new=HEAD --rounds 3

On a shared machine one-off latencies follow the load more than the code. Here each variant's ``src``
(any commit or tree, taken with ``git archive``) runs in processes of its own that take turns, so every
variant meets the same load. Each process serves ``--requests`` requests after 20 warm-up requests and
reports their wall times, its CPU time per request (``time.process_time``) and the SQL queries of one
request. Results: ``bench/results/cases-reads-ab-<db>-<cases>.json``.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from cases_bench import RESULTS, ROOT, percentile, setup_django

VIEWS = ("case_page", "case_list")


def serve(db: str, n: int, pg_name: str, view: str, requests: int, seed: int) -> dict:
    """One process of one variant: ``requests`` requests of ``view`` through the real views."""
    setup_django(db, n, pg_name, reuse=True)
    from django.db import connection
    from django.test import Client

    from medcorridor.accounts.models import User
    from medcorridor.cases.models import ReferralCase

    client = Client()
    client.force_login(User.objects.get(username="bench.coordinator"))
    rng = random.Random(seed)
    ids = [rng.randint(1, n) for _ in range(requests)]
    public = dict(ReferralCase.objects.filter(pk__in=ids).values_list("pk", "public_id"))

    def request():
        if view == "case_page":
            response = client.get(f"/cases/{public[rng.choice(ids)]}/")
        else:
            response = client.get("/cases/", {"page": rng.randint(1, 20)})
        assert response.status_code == 200

    for _ in range(20):
        request()
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        request()
    times, cpu = [], time.process_time()
    for _ in range(requests):
        start = time.perf_counter()
        request()
        times.append((time.perf_counter() - start) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / requests
    return {"times": times, "cpu_ms": cpu_ms, "queries": len(queries), "load": os.getloadavg()[0]}


def checkout(treeish: str, into: Path) -> Path:
    """The ``src`` of ``treeish`` unpacked under ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", treeish, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def summarise(runs: list[dict]) -> dict:
    times = sorted(t for run in runs for t in run["times"])
    loads = [run["load"] for run in runs]
    return {
        "samples": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "cpu_ms_per_request": round(statistics.mean(run["cpu_ms"] for run in runs), 2),
        "queries_per_request": runs[0]["queries"],
        "load_average": [round(min(loads), 2), round(max(loads), 2)],
    }


def compare(args: argparse.Namespace) -> dict:
    variants = dict(v.split("=", 1) for v in args.variant)
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        sources = {name: checkout(treeish, Path(scratch) / name) for name, treeish in variants.items()}
        for view in VIEWS:
            runs = {name: [] for name in variants}
            for round_number in range(args.rounds):
                for name, src in sources.items():
                    command = [sys.executable, __file__, "--serve", view, "--seed", str(round_number)]
                    command += ["--db", args.db, "--cases", str(args.cases), "--pg-name", args.pg_name]
                    command += ["--requests", str(args.requests)]
                    env = {**os.environ, "PYTHONPATH": str(src)}
                    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
                    runs[name].append(json.loads(done.stdout.splitlines()[-1]))
            results[view] = {name: summarise(view_runs) for name, view_runs in runs.items()}
            print(view, json.dumps(results[view]), file=sys.stderr)
    return {**header(args, variants), "requests_per_process": args.requests, **results}


def header(args: argparse.Namespace, variants: dict[str, str]) -> dict:
    """What an A/B result records about its run."""
    measured_on = datetime.now(UTC).isoformat(timespec="seconds")
    return {
        "database": args.db,
        "cases": args.cases,
        "variants": variants,
        "rounds": args.rounds,
        "measured_on": measured_on,
    }


def ab_parser(doc: str) -> argparse.ArgumentParser:
    """The arguments of every A/B script: the scratch database, the variants and the rounds."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--pg-name", default="medcorridor_bench_cases", help="the scratch database of --keep")
    parser.add_argument("--variant", action="append", default=[], help="NAME=COMMIT-OR-TREE, repeated")
    parser.add_argument("--rounds", type=int, default=3)
    return parser


def compare_and_save(parser: argparse.ArgumentParser, args: argparse.Namespace, compare, kind: str) -> None:
    """Run an A/B script's ``compare`` and write its result to ``bench/results/cases-<kind>-ab-<db>-<cases>.json``."""
    if len(args.variant) < 2:
        parser.error("compare at least two --variant NAME=COMMIT-OR-TREE")
    path = RESULTS / f"cases-{kind}-ab-{args.db}-{args.cases}.json"
    path.write_text(json.dumps(compare(args), indent=2) + "\n")
    print(path)


def main() -> None:
    parser = ab_parser(__doc__)
    parser.add_argument("--requests", type=int, default=250)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--serve", choices=VIEWS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        print(json.dumps(serve(args.db, args.cases, args.pg_name, args.serve, args.requests, args.seed)))
        return
    compare_and_save(parser, args, compare, "reads")


if __name__ == "__main__":
    main()
