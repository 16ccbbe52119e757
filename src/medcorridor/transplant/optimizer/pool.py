"""The exchange pool: incompatible pairs, non-directed donors and the arcs between them.

A *node* is either a pair (a recipient with their willing but incompatible donor) or a
non-directed (altruistic) donor.  An *arc* ``(u, v)`` means "the donor of ``u`` can give to
the recipient of ``v``"; its ``weight`` is a clinical score (higher is better).  Arcs into an
altruist are meaningless and rejected.  Pools are immutable: the re-optimisation helpers
(:meth:`Pool.without`, :meth:`Pool.forbid_arcs`) return a new, reduced pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class NodeKind(StrEnum):
    PAIR = "pair"
    ALTRUIST = "altruist"


@dataclass(frozen=True)
class Node:
    """One participant of the pool.  Blood groups and cPRA (0-100) are descriptive only: the
    solver reads arcs, never these fields (compatibility is decided upstream)."""

    id: str
    kind: NodeKind = NodeKind.PAIR
    recipient_blood_group: str | None = None
    donor_blood_group: str | None = None
    recipient_cpra: float | None = None
    donor_age: float | None = None

    @property
    def is_altruist(self) -> bool:
        return self.kind is NodeKind.ALTRUIST


@dataclass(frozen=True)
class Arc:
    source: str
    target: str
    weight: float = 1.0


@dataclass(frozen=True)
class Pool:
    """Nodes (in a stable order) and arcs keyed by ``(source_id, target_id)``."""

    nodes: tuple[Node, ...]
    arcs: Mapping[tuple[str, str], Arc] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [node.id for node in self.nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate node ids in pool")
        by_id = {node.id: node for node in self.nodes}
        for source, target in self.arcs:
            self._check_arc(by_id, source, target)

    @staticmethod
    def _check_arc(by_id: Mapping[str, Node], source: str, target: str) -> None:
        if source not in by_id or target not in by_id:
            raise ValueError(f"arc {source}->{target} refers to an unknown node")
        if source == target:
            raise ValueError(f"self-arc on {source}: a compatible pair does not need the pool")
        if by_id[target].is_altruist:
            raise ValueError(f"arc {source}->{target} points at an altruistic donor")

    @classmethod
    def build(cls, nodes: Iterable[Node], arcs: Iterable[Arc | tuple[str, str] | tuple[str, str, float]]) -> Pool:
        """Convenience constructor: arcs may be ``Arc`` objects or ``(source, target[, weight])``."""
        arc_map: dict[tuple[str, str], Arc] = {}
        for item in arcs:
            arc = item if isinstance(item, Arc) else Arc(*item)
            arc_map[(arc.source, arc.target)] = arc
        return cls(tuple(nodes), arc_map)

    @property
    def pairs(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if not node.is_altruist)

    @property
    def altruists(self) -> tuple[Node, ...]:
        return tuple(node for node in self.nodes if node.is_altruist)

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def has_arc(self, source: str, target: str) -> bool:
        return (source, target) in self.arcs

    def weight(self, source: str, target: str) -> float:
        return self.arcs[(source, target)].weight

    # -- re-optimisation helpers: each returns a new, smaller pool ---------------------------

    def without(self, *node_ids: str) -> Pool:
        """The pool after pairs or donors leave (withdrawal, illness, transplanted elsewhere)."""
        gone = set(node_ids)
        unknown = gone - {node.id for node in self.nodes}
        if unknown:
            raise KeyError(f"unknown node ids: {sorted(unknown)}")
        nodes = tuple(node for node in self.nodes if node.id not in gone)
        arcs = {key: arc for key, arc in self.arcs.items() if gone.isdisjoint(key)}
        return Pool(nodes, arcs)

    def forbid_arcs(self, *arcs: tuple[str, str]) -> Pool:
        """The pool after arcs are ruled out, e.g. a positive physical crossmatch."""
        forbidden = set(arcs)
        kept = {key: arc for key, arc in self.arcs.items() if key not in forbidden}
        return Pool(self.nodes, kept)

    def summary(self) -> dict[str, Any]:
        return {"pairs": len(self.pairs), "altruists": len(self.altruists), "arcs": len(self.arcs)}
