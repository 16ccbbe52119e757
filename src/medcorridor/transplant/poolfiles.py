"""Reading pool files for ``medcorridor kpd solve`` (pure Python, no Django).

Adapter: ``transplant.optimizer`` has no file readers yet; when it grows them, this module should
delegate. Formats:

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
import json
from pathlib import Path

from .optimizer import Arc, Node, NodeKind, Pool


def read_pool(path: str | Path) -> Pool:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_kep_json(json.loads(path.read_text(encoding="utf-8")))
    if suffix == ".dat":
        return read_wmd(path.with_suffix(".wmd"))
    if suffix == ".wmd":
        return read_wmd(path)
    raise ValueError(f"unknown pool file format: {path.name} (expected .json, .wmd or .dat)")


def read_kep_json(document: dict) -> Pool:
    data = document.get("data", document)
    recipients_info = document.get("recipients", {})
    nodes: dict[str, Node] = {}
    donor_node: dict[str, str] = {}
    for donor_id, donor in data.items():
        sources = [str(s) for s in donor.get("sources") or []]
        if donor.get("altruistic") or not sources:
            node_id = f"N{donor_id}"
            nodes[node_id] = Node(node_id, NodeKind.ALTRUIST, donor_blood_group=_bt(donor))
        else:
            node_id = sources[0]
            info = recipients_info.get(node_id, {})
            pra = info.get("cPRA", info.get("pra"))
            nodes.setdefault(
                node_id,
                Node(
                    node_id,
                    NodeKind.PAIR,
                    recipient_blood_group=_bt(info),
                    donor_blood_group=_bt(donor),
                    recipient_cpra=None if pra is None else float(pra) * (100 if float(pra) <= 1 else 1),
                ),
            )
        donor_node[str(donor_id)] = node_id
    arcs: dict[tuple[str, str], float] = {}
    for donor_id, donor in data.items():
        source = donor_node[str(donor_id)]
        for match in donor.get("matches") or []:
            target = str(match["recipient"])
            if target == source or target not in nodes:
                continue
            score = float(match.get("score", 1.0))
            arcs[(source, target)] = max(score, arcs.get((source, target), float("-inf")))
    return Pool.build(nodes.values(), [Arc(s, t, w) for (s, t), w in arcs.items()])


def _bt(record: dict) -> str | None:
    value = record.get("bloodtype") or record.get("bloodgroup") or record.get("blood_group")
    return value[0] if isinstance(value, list) and value else value


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
        edges = [
            (int(u) + 1, int(v) + 1, float(w)) for u, v, w in (line.split(",") for line in lines[count + 1 :])
        ]
    altruists = {k for k, name in names.items() if name.lower().startswith("altruist")}
    altruists |= _altruists_from_dat(path.with_suffix(".dat"))
    nodes = [Node(str(k), NodeKind.ALTRUIST if k in altruists else NodeKind.PAIR) for k in sorted(names)]
    arcs = [Arc(str(u), str(v), w) for u, v, w in edges if v not in altruists and u != v and w > 0]
    return Pool.build(nodes, arcs)
