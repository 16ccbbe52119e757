"""Extractor throughput on one core: start-up time, articles per second, peak memory.

    python bench/ingest_bench.py [DIR ...] [--repeat N] [--out bench/results/ingest.json] [--src DIR]

Defaults to the seed articles plus tests/ingest/corpus, repeated so the run lasts a few seconds.
Reports wall-clock and CPU time: on a shared machine the CPU figure (articles per CPU second of this
process) is the one that says how fast the code is. ``--src`` measures another source tree (e.g. an
older commit exported with ``git archive``), so a baseline can be measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv else ROOT / "src"
sys.path.insert(0, str(SRC))

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn  # noqa: E402

DEFAULT_DIRS = [Path("/work/shared/seeds"), ROOT / "tests" / "ingest" / "corpus"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    parser.add_argument("--src", type=Path, default=SRC, help="source tree to measure (default: this one)")
    args = parser.parse_args()
    files = [p for d in args.dirs if d.exists() for p in sorted(d.iterdir()) if p.suffix in (".txt", ".html")]
    raws = [(p.name, p.read_bytes()) for p in files]

    started = time.perf_counter()
    from medcorridor.ingest.extract import load_pipeline

    pipeline = load_pipeline()
    startup = time.perf_counter() - started
    pipeline.extract(raws[0][1], raws[0][0])  # warm caches once, like a long-running worker

    total = len(raws) * args.repeat
    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
    ) as progress:
        task = progress.add_task("extracting", total=total)
        began, began_cpu = time.perf_counter(), time.process_time()
        for _ in range(args.repeat):
            for name, raw in raws:
                pipeline.extract(raw, name)
                progress.advance(task)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu

    result = {
        "articles": total,
        "distinct_articles": len(raws),
        "mean_chars": round(sum(len(r.decode("utf-8", "replace")) for _, r in raws) / max(len(raws), 1)),
        "startup_seconds": round(startup, 2),
        "seconds": round(elapsed, 2),
        "articles_per_second": round(total / elapsed, 1),
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(total / cpu, 1),
        "source": str(args.src),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "python": platform.python_version(),
        "machine": platform.processor() or platform.machine(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
