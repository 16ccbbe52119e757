"""Readers and writers for the common kidney-exchange instance formats.

kep_solver JSON (schema 1, the one its web front-end and sample files use)::

    {"data": {"<donor id>": {"sources": [<recipient id>],   # [] or absent, or
                                                             # "altruistic": true, for an NDD
                             "dage": 45, "bloodtype": "O",
                             "matches": [{"recipient": <recipient id>, "score": 1.5}]}},
     "recipients": {"<recipient id>": {"pra": 0.45, "bloodgroup": "A"}}}

Mapping: one node per recipient (id = recipient id) and one per altruistic donor (id = donor
id).  A recipient may have several donors; the pair's arc to another recipient is then the best
score over its donors (the solver picks which donor gives; the UI must name that donor).
Schema 1 wants integer ids: the writer numbers pairs 1..n and altruists n+1..n+m, in pool order,
and keeps our ids only when they are already integers.  ``pra`` is a fraction in [0, 1].

PrefLib kidney files (data set 00036, Dickerson's generator after Saidman et al.):

* ``.wmd``, 2022 layout - ``# KEY: value`` header lines (``NUMBER ALTERNATIVES``, ``NUMBER EDGES``,
  ``ALTERNATIVE NAME i``), then one ``source,target,weight`` line per arc, 1-based indices;
* ``.wmd``, older layout - a first line ``n,m``, then ``n`` lines ``i,Name`` and the ``m`` arcs
  ``source,target,weight`` with 0-based indices (read as 1-based, like the 2022 layout);
* ``.dat`` - CSV with header ``Pair,Patient,Donor,Wife-Patient?,%Pra,Out-Degree,Altruist``
  (blood groups of patient and donor, cPRA as a fraction, altruist flag 0/1); column names are
  matched loosely (``Wife-P?``, ``Out-Deg`` and any case are accepted).

Altruists are the vertices named "Altruist ..." in the ``.wmd`` together with those flagged in the
``Altruist`` column of the ``.dat``; when neither says anything, they are taken from the title
("Kidney Matching - 256 with 38": the last 38 alternatives are altruists).  Arcs into an altruist
(some files carry them) and self-arcs are dropped.  :func:`read_pool` picks the reader from the
file suffix (``.json``, ``.wmd``, or a ``.dat`` whose sibling ``.wmd`` is read).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from .pool import Arc, Node, NodeKind, Pool

# -- kep_solver JSON ---------------------------------------------------------------------------


def read_kep_json(source: str | Path) -> Pool:
    return parse_kep_json(Path(source).read_text(encoding="utf-8"))


def parse_kep_json(text: str) -> Pool:
    document = json.loads(text)
    if document.get("schema", 1) >= 2:
        raise ValueError("kep_solver JSON schema >= 2 is not supported yet; export schema 1")
    donors: dict[str, dict[str, Any]] = document["data"]
    recipients: dict[str, dict[str, Any]] = document.get("recipients", {})
    owner = {donor_id: _donor_owner(donor_id, info) for donor_id, info in donors.items()}
    nodes = _kep_nodes(donors, recipients, owner)
    arcs: dict[tuple[str, str], Arc] = {}
    for donor_id, info in donors.items():
        for match in info.get("matches", []):
            key = (owner[donor_id], str(match["recipient"]))
            if key[0] == key[1]:
                continue  # a donor matching their own recipient: not an exchange arc
            if key not in arcs or arcs[key].weight < float(match["score"]):
                arcs[key] = Arc(key[0], key[1], float(match["score"]))
    return Pool(tuple(nodes), arcs)


def _donor_owner(donor_id: str, info: dict[str, Any]) -> str:
    """The node a donor belongs to: their recipient, or themselves if altruistic."""
    sources = info.get("sources") or []
    if len(sources) > 1:
        raise ValueError(f"donor {donor_id} lists more than one paired recipient")
    return str(sources[0]) if sources else str(donor_id)


def _kep_nodes(
    donors: dict[str, dict[str, Any]], recipients: dict[str, dict[str, Any]], owner: dict[str, str]
) -> list[Node]:
    recipient_ids: list[str] = []
    for donor_id in donors:
        paired = owner[donor_id] != donor_id or donors[donor_id].get("sources")
        if paired and owner[donor_id] not in recipient_ids:
            recipient_ids.append(owner[donor_id])
    nodes = []
    for recipient_id in recipient_ids:
        info = recipients.get(recipient_id, {})
        own = next(donors[d] for d in donors if owner[d] == recipient_id)
        pra = info.get("cPRA", info.get("pra"))
        nodes.append(
            Node(
                id=recipient_id,
                recipient_blood_group=info.get("bloodtype", info.get("bloodgroup")),
                donor_blood_group=own.get("bloodtype", own.get("bloodgroup")),
                recipient_cpra=None if pra is None else round(float(pra) * 100, 4),
                donor_age=own.get("dage"),
            )
        )
    for donor_id, info in donors.items():
        if not info.get("sources"):
            nodes.append(
                Node(
                    id=str(donor_id),
                    kind=NodeKind.ALTRUIST,
                    donor_blood_group=info.get("bloodtype", info.get("bloodgroup")),
                    donor_age=info.get("dage"),
                )
            )
    return nodes


def kep_json_ids(pool: Pool) -> dict[str, int]:
    """Integer ids used when writing schema 1: kept if all ids are integers, else numbered."""
    if all(node.id.isdigit() for node in pool.nodes):
        return {node.id: int(node.id) for node in pool.nodes}
    ordered = list(pool.pairs) + list(pool.altruists)
    return {node.id: index + 1 for index, node in enumerate(ordered)}


def dump_kep_json(pool: Pool) -> str:
    ids = kep_json_ids(pool)
    outgoing: dict[str, list[dict[str, Any]]] = {node.id: [] for node in pool.nodes}
    for (source, target), arc in pool.arcs.items():
        outgoing[source].append({"recipient": ids[target], "score": arc.weight})
    data = {str(ids[node.id]): _kep_donor(node, ids, outgoing[node.id]) for node in pool.nodes}
    recipients = {str(ids[node.id]): _kep_recipient(node) for node in pool.pairs}
    return json.dumps({"data": data, "recipients": recipients}, indent=1)


def _kep_donor(node: Node, ids: dict[str, int], matches: list[dict[str, Any]]) -> dict[str, Any]:
    donor: dict[str, Any] = {"matches": matches}
    if node.is_altruist:
        donor["altruistic"] = True
    else:
        donor["sources"] = [ids[node.id]]
    if node.donor_blood_group:
        donor["bloodtype"] = node.donor_blood_group
    if node.donor_age is not None:
        donor["dage"] = node.donor_age
    return donor


def _kep_recipient(node: Node) -> dict[str, Any]:
    recipient: dict[str, Any] = {}
    if node.recipient_cpra is not None:
        recipient["pra"] = round(node.recipient_cpra / 100, 6)
    if node.recipient_blood_group:
        recipient["bloodgroup"] = node.recipient_blood_group
    return recipient


def write_kep_json(pool: Pool, target: str | Path) -> None:
    Path(target).write_text(dump_kep_json(pool), encoding="utf-8")


# -- PrefLib .wmd / .dat -------------------------------------------------------------------------

DAT_HEADER = ["Pair", "Patient", "Donor", "Wife-Patient?", "%Pra", "Out-Degree", "Altruist"]


def parse_preflib(wmd_text: str, dat_text: str | None = None) -> Pool:
    header, names, edges = _split_wmd(wmd_text)
    count = _alternative_count(header, names)
    rows = _parse_dat(dat_text) if dat_text else {}
    altruists = _altruist_indices(header, names, rows, count)
    nodes = [_preflib_node(index, altruists, rows.get(index)) for index in range(1, count + 1)]
    arcs = [
        Arc(str(source), str(target), weight)
        for source, target, weight in edges
        if source != target and target not in altruists
    ]
    return Pool.build(nodes, arcs)


def read_preflib(wmd_path: str | Path, dat_path: str | Path | None = None) -> Pool:
    wmd = Path(wmd_path)
    dat = Path(dat_path) if dat_path else wmd.with_suffix(".dat")
    dat_text = dat.read_text(encoding="utf-8") if dat.exists() else None
    return parse_preflib(wmd.read_text(encoding="utf-8"), dat_text)


def read_pool(path: str | Path) -> Pool:
    """Any supported pool file, by suffix: kep_solver ``.json``, PrefLib ``.wmd`` (with its sibling
    ``.dat`` if present) or a PrefLib ``.dat`` (with its sibling ``.wmd``)."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_kep_json(path)
    if suffix == ".wmd":
        return read_preflib(path)
    if suffix == ".dat":
        return read_preflib(path.with_suffix(".wmd"), path)
    raise ValueError(f"unknown pool file format: {path.name} (expected .json, .wmd or .dat)")


Edge = tuple[int, int, float]


def _split_wmd(text: str) -> tuple[dict[str, str], dict[int, str], list[Edge]]:
    """``(header, names by 1-based index, 1-based edges)`` from either ``.wmd`` layout."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and not lines[0].startswith("#"):
        return _split_older_wmd(lines)
    header: dict[str, str] = {}
    names: dict[int, str] = {}
    edges: list[Edge] = []
    for line in lines:
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            key = key.strip().upper()
            if key.startswith("ALTERNATIVE NAME"):
                names[int(key[len("ALTERNATIVE NAME") :])] = value.strip()
            else:
                header[key] = value.strip()
            continue
        source, target, weight = line.split(",")
        edges.append((int(source), int(target), float(weight)))
    if "NUMBER ALTERNATIVES" not in header and not names:
        raise ValueError("not a PrefLib .wmd file: no NUMBER ALTERNATIVES header and no alternative names")
    return header, names, edges


def _split_older_wmd(lines: list[str]) -> tuple[dict[str, str], dict[int, str], list[Edge]]:
    """The layout before 2022: ``n,m``; ``n`` lines ``i,Name``; ``m`` lines ``u,v,w`` (0-based)."""
    try:
        count = int(lines[0].split(",")[0])
    except ValueError as error:
        raise ValueError("not a PrefLib .wmd file: first line is neither a header nor 'n,m'") from error
    names: dict[int, str] = {}
    for line in lines[1 : count + 1]:
        key, _, name = line.partition(",")
        names[int(key)] = name.strip()
    edges: list[Edge] = []
    for line in lines[count + 1 :]:
        source, target, weight = line.split(",")
        edges.append((int(source) + 1, int(target) + 1, float(weight)))
    return {"NUMBER ALTERNATIVES": str(count)}, names, edges


def _alternative_count(header: dict[str, str], names: dict[int, str]) -> int:
    if "NUMBER ALTERNATIVES" in header:
        return int(header["NUMBER ALTERNATIVES"])
    return max(names)


# canonical .dat column -> how its header starts (lower case): "Wife-P?" / "Out-Deg" also occur
_DAT_COLUMNS = {"Patient": "patient", "Donor": "donor", "%Pra": "%pra", "Altruist": "altruist"}


def _parse_dat(text: str) -> dict[int, dict[str, str]]:
    """Rows by pair index, with the canonical column names of :data:`DAT_HEADER` where found."""
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if not rows:
        return {}
    header = [name.strip().lower() for name in rows[0]]
    columns = {
        canonical: next((i for i, name in enumerate(header) if name.startswith(prefix)), None)
        for canonical, prefix in _DAT_COLUMNS.items()
    }
    parsed: dict[int, dict[str, str]] = {}
    for row in rows[1:]:
        parsed[int(row[0])] = {
            canonical: row[i].strip() for canonical, i in columns.items() if i is not None and i < len(row)
        }
    return parsed


def _altruist_indices(
    header: dict[str, str], names: dict[int, str], rows: dict[int, dict[str, str]], count: int
) -> set[int]:
    named = {index for index, name in names.items() if name.lower().startswith("altruist")}
    flagged = {index for index, row in rows.items() if row.get("Altruist") == "1"}
    if named or any("Altruist" in row for row in rows.values()):
        return named | flagged
    match = re.search(r"with\s+(\d+)", header.get("TITLE", ""))
    extra = int(match.group(1)) if match else 0
    return set(range(count - extra + 1, count + 1))


def _preflib_node(index: int, altruists: set[int], row: dict[str, str] | None) -> Node:
    kind = NodeKind.ALTRUIST if index in altruists else NodeKind.PAIR
    if row is None:
        return Node(str(index), kind)
    is_pair = kind is NodeKind.PAIR
    pra = row.get("%Pra", "")
    return Node(
        id=str(index),
        kind=kind,
        recipient_blood_group=(row.get("Patient") or None) if is_pair else None,
        donor_blood_group=row.get("Donor") or None,
        recipient_cpra=round(float(pra) * 100, 4) if is_pair and pra else None,
    )


def dump_preflib(pool: Pool, title: str = "Kidney Matching") -> tuple[str, str]:
    """Pairs first, then altruists (PrefLib's order); returns ``(wmd_text, dat_text)``."""
    ordered = list(pool.pairs) + list(pool.altruists)
    index = {node.id: position + 1 for position, node in enumerate(ordered)}
    lines = [
        f"# TITLE: {title} - {len(pool.pairs)} with {len(pool.altruists)}",
        "# DATA TYPE: wmd",
        f"# NUMBER ALTERNATIVES: {len(ordered)}",
        f"# NUMBER EDGES: {len(pool.arcs)}",
    ]
    lines += [f"# ALTERNATIVE NAME {index[node.id]}: {node.id}" for node in ordered]
    arcs = sorted((index[s], index[t], arc.weight) for (s, t), arc in pool.arcs.items())
    lines += [f"{s},{t},{w}" for s, t, w in arcs]
    out_degree = {node.id: 0 for node in ordered}
    for source, _ in pool.arcs:
        out_degree[source] += 1
    dat = io.StringIO()
    writer = csv.writer(dat, lineterminator="\n")
    writer.writerow(DAT_HEADER)
    for node in ordered:
        cpra = "" if node.recipient_cpra is None else round(node.recipient_cpra / 100, 6)
        writer.writerow(
            [
                index[node.id],
                node.recipient_blood_group or "",
                node.donor_blood_group or "",
                0,
                cpra,
                out_degree[node.id],
                int(node.is_altruist),
            ]
        )
    return "\n".join(lines) + "\n", dat.getvalue()


def write_preflib(pool: Pool, wmd_path: str | Path) -> None:
    wmd_text, dat_text = dump_preflib(pool)
    wmd = Path(wmd_path)
    wmd.write_text(wmd_text, encoding="utf-8")
    wmd.with_suffix(".dat").write_text(dat_text, encoding="utf-8")
