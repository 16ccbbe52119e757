"""Reading pool files for ``medcorridor kpd solve`` (pure Python, no Django).

kep_solver JSON is read by ``optimizer.formats``. PrefLib files are read here: ``optimizer.formats``
takes only the 2022 layout and finds altruists only in the ``.dat``. Formats:

* kep_solver JSON: ``{"data": {donor_id: {"sources": [recipient ids], "altruistic": bool,
  "matches": [{"recipient": id, "score": s}]}}}``. A node per recipient (their donors' matches
  merged, best score kept) and a node per altruistic donor.
* PrefLib ``.wmd`` (kidney set, data set 00036): the 2022 format (``# ALTERNATIVE NAME i: Pair i``
  headers, 1-based edges ``u,v,w``) or the older one (``n,m``, ``n`` lines ``i,Name``, 0-based edges).
  Altruists come from the names ("Altruist …") or from the ``Altruist`` column of the sibling ``.dat``.
* PrefLib ``.dat`` given alone: its sibling ``.wmd`` is read.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .optimizer import Arc, Node, NodeKind, Pool, formats


def read_pool(path: str | Path) -> Pool:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return formats.read_kep_json(path)
    if suffix in (".wmd", ".dat"):
        # Our own reader: it also takes the older layout and altruists named "Altruist …" with no .dat.
        return read_wmd(path.with_suffix(".wmd"))
    raise ValueError(f"unknown pool file format: {path.name} (expected .json, .wmd or .dat)")


def _altruists_from_dat(path: Path) -> set[int]:
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [h.strip().lower() for h in rows[0]]
    column = next((i for i, h in enumerate(header) if h.startswith("altruist")), None)
    if column is None:
        return set()
    return {int(row[0]) for row in rows[1:] if row and row[column].strip() == "1"}


def read_wmd(path: Path) -> Pool:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    names: dict[int, str] = {}
    edges: list[tuple[int, int, float]] = []
    if lines and lines[0].startswith("#"):
        for line in lines:
            if line.startswith("# ALTERNATIVE NAME"):
                key, _, name = line[len("# ALTERNATIVE NAME") :].partition(":")
                names[int(key)] = name.strip()
            elif not line.startswith("#"):
                u, v, w = (part.strip() for part in line.split(","))
                edges.append((int(u), int(v), float(w)))
    else:
        count = int(lines[0].split(",")[0])
        for line in lines[1 : count + 1]:
            key, _, name = line.partition(",")
            names[int(key)] = name.strip()
        edges = [(int(u) + 1, int(v) + 1, float(w)) for u, v, w in (line.split(",") for line in lines[count + 1 :])]
    altruists = {k for k, name in names.items() if name.lower().startswith("altruist")}
    altruists |= _altruists_from_dat(path.with_suffix(".dat"))
    nodes = [Node(str(k), NodeKind.ALTRUIST if k in altruists else NodeKind.PAIR) for k in sorted(names)]
    arcs = [Arc(str(u), str(v), w) for u, v, w in edges if v not in altruists and u != v and w > 0]
    return Pool.build(nodes, arcs)
