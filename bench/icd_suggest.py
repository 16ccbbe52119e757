"""ICD-10 suggestions from Russian complaint text, measured on RuMedTop3 (evaluation only).

    python bench/icd_suggest.py --data /work/shared/data/rumedtop3                 # dev split
    python bench/icd_suggest.py --data /work/shared/data/rumedtop3 --split test    # once per method
    python bench/icd_suggest.py --data ... --errors 40                             # dev misses, to tune

RuMedTop3 (Blinov et al., RuMedBench, CC BY-NC 4.0) is read from the path given on the command line,
never from the package, and nothing of it is written anywhere: the results JSON
(``bench/results/icd_suggest-<split>.json``) holds only figures. ``--errors`` prints dev misses to the
terminal and refuses the test split (tuning on test would spoil it).

Measured: hit@1 (accuracy) and hit@3 of the shipped suggester; the same for the priors alone (the
suggester with an empty lexicon and no titles, a baseline measured in the same run); start-up time
(building the suggester: pymorphy3, lexicon, titles) and suggestions per second over the split.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from medcorridor.core.icd_suggest import build, lexicon  # noqa: E402
from medcorridor.core.icd_suggest.scorer import Suggester  # noqa: E402
from medcorridor.core.progress import track  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "rumedtop3"
SPLIT_FILES = {"dev": "RuMedTop3_dev_v1.jsonl", "test": "RuMedTop3_test_v1.jsonl"}


def read_split(data: Path, split: str) -> list[dict]:
    path = data / SPLIT_FILES[split]
    if not path.exists():
        sys.exit(f"{path} not found: give the RuMedTop3 folder with --data")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(suggester: Suggester, rows: list[dict], label: str) -> tuple[dict, list[tuple[dict, list]]]:
    hit1 = hit3 = 0
    misses = []
    start = time.perf_counter()
    for row in track(rows, description=label):
        codes = [s.code for s in suggester.suggest(row["symptoms"])]
        hit1 += codes[:1] == [row["code"]]
        hit3 += row["code"] in codes
        if codes[:1] != [row["code"]]:
            misses.append((row, codes))
    elapsed = time.perf_counter() - start
    figures = {
        "hit_at_1": round(100 * hit1 / len(rows), 2),
        "hit_at_3": round(100 * hit3 / len(rows), 2),
        "suggestions_per_s": round(len(rows) / elapsed, 1),
    }
    return figures, misses


def print_misses(suggester: Suggester, misses: list[tuple[dict, list]], count: int) -> None:
    for row, _ in misses[:count]:
        suggestions = suggester.suggest(row["symptoms"])
        shown = "; ".join(f"{s.code} {s.score} [{', '.join(s.triggers)}]" for s in suggestions)
        print(f"\n{row['idx']} gold {row['code']} got {shown}\n  {row['symptoms'][:400]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the RuMedTop3 jsonl files")
    parser.add_argument("--split", choices=sorted(SPLIT_FILES), default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many dev misses (dev only)")
    args = parser.parse_args()
    if args.errors and args.split != "dev":
        sys.exit("--errors is for the dev split only: test is looked at once, as a figure")
    rows = read_split(args.data, args.split)

    start = time.perf_counter()
    suggester = build()
    startup_s = time.perf_counter() - start
    model, misses = evaluate(suggester, rows, f"suggester on {args.split}")
    priors_only = Suggester([], lexicon.load_priors(), suggester.categories)
    baseline, _ = evaluate(priors_only, rows, "priors only")

    result = {
        "split": args.split,
        "rows": len(rows),
        "startup_s": round(startup_s, 2),
        "suggester": model,
        "priors_only": baseline,
        "speed_ratio_vs_priors_only": round(model["suggestions_per_s"] / baseline["suggestions_per_s"], 4),
        "lexicon_phrases": len(lexicon.load_lexicon()),
        "phrases_with_titles": len(suggester.phrases),
    }
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"icd_suggest-{args.split}.json").write_text(json.dumps(result, indent=2) + "\n")
    if args.errors:
        print_misses(suggester, misses, args.errors)


if __name__ == "__main__":
    main()
