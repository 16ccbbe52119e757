"""Seeded synthetic pools: the Saidman et al. (2005) generator and a coarse UK profile.

Two profiles (``generate_pool(..., profile=...)``):

``"saidman"`` (dense graphs, ~29 % arc density) follows

Saidman S.L., Roth A.E., Sönmez T., Ünver M.U., Delmonico F.L. "Increasing the opportunity of
live kidney donation by matching for two- and three-way exchanges", Transplantation
81(5):773-782, 2006 (data from 2005).  Parameters used below, as published:

* blood groups of patients and donors: O 48.14 %, A 33.73 %, B 14.28 %, AB 3.85 %;
* patient panel-reactive antibodies: low (crossmatch-positive probability 5 %) 70.19 %,
  medium (45 %) 20.00 %, high (90 %) 9.81 %;
* patient female 40.90 %, donor is the spouse 48.97 %; a wife receiving from her husband has
  the positive-crossmatch probability raised to ``1 - 0.75 (1 - p)``.

Pairs that turn out compatible are discarded (they would transplant directly), exactly as in
the original procedure.  Altruistic donors draw their blood group from the same table.
Arc weights model an HLA match score: ``1 + (6 - mismatches) / 6`` with a random 0-6 mismatch.

``"uk"`` (sparse graphs, a few % density, highly sensitised recipients) is a *coarse* reading of
the UK-calibrated distributions published by Delorme, García, Gondzio, Kalcsics, Manlove,
Pettersson, Trimble, "Improved instance generation for kidney exchange programmes",
Computers & Operations Research 141 (2022) 105707: recipient and altruist blood groups,
cPRA drawn in five bands depending on whether the paired donor is ABO-compatible, and the
paper's "Band" compatibility-chance rule (linear in cPRA below 0.95, ~3 % above).  Bands are
aggregated (our own rounding), one donor per recipient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .pool import Arc, Node, NodeKind, Pool

BLOOD_GROUPS = ("O", "A", "B", "AB")
BLOOD_GROUP_SHARE = (0.4814, 0.3373, 0.1428, 0.0385)
PRA_BANDS = ((0.7019, 0.05), (0.2, 0.45), (0.0981, 0.90))  # (share, P(positive crossmatch))
FEMALE_SHARE = 0.4090
SPOUSE_SHARE = 0.4897
SPOUSAL_PRA_FACTOR = 0.75

# ABO_OK[donor][recipient]: can the donor's red cells meet the recipient's antibodies?
ABO_OK = np.array(
    [
        [1, 1, 1, 1],  # O donor
        [0, 1, 0, 1],  # A donor
        [0, 0, 1, 1],  # B donor
        [0, 0, 0, 1],  # AB donor
    ],
    dtype=bool,
)


@dataclass(frozen=True)
class GeneratorSettings:
    pairs: int
    altruists: int = 0
    seed: int = 0


def _draw_candidates(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    share = np.array(BLOOD_GROUP_SHARE)
    band = rng.choice(len(PRA_BANDS), size=count, p=[b[0] for b in PRA_BANDS])
    crossmatch_positive = np.array([b[1] for b in PRA_BANDS])[band]
    female = rng.random(count) < FEMALE_SHARE
    spouse = rng.random(count) < SPOUSE_SHARE
    # Pregnancy sensitises wives against their husband's HLA: the published adjustment.
    own_donor_positive = np.where(
        female & spouse, 1 - SPOUSAL_PRA_FACTOR * (1 - crossmatch_positive), crossmatch_positive
    )
    return {
        "recipient_bg": rng.choice(4, size=count, p=share),
        "donor_bg": rng.choice(4, size=count, p=share),
        "crossmatch_positive": crossmatch_positive,
        "own_donor_positive": own_donor_positive,
        "pra_band": band,
    }


def _draw_incompatible_pairs(rng: np.random.Generator, wanted: int) -> dict[str, np.ndarray]:
    kept: list[dict[str, np.ndarray]] = []
    total = 0
    while total < wanted:
        batch = _draw_candidates(rng, max(64, 3 * (wanted - total)))
        abo = ABO_OK[batch["donor_bg"], batch["recipient_bg"]]
        crossmatch_negative = rng.random(len(abo)) >= batch["own_donor_positive"]
        incompatible = ~(abo & crossmatch_negative)
        kept.append({key: value[incompatible] for key, value in batch.items()})
        total += int(incompatible.sum())
    return {key: np.concatenate([part[key] for part in kept])[:wanted] for key in kept[0]}


def generate_pool(pairs: int, altruists: int = 0, seed: int = 0, profile: str = "saidman") -> Pool:
    """A seeded pool of ``pairs`` incompatible pairs and ``altruists`` NDDs.

    ``profile`` is ``"saidman"`` (dense) or ``"uk"`` (sparse, see the module docstring).
    """
    if profile == "uk":
        return _generate_uk(pairs, altruists, seed)
    if profile != "saidman":
        raise ValueError(f"unknown generator profile {profile!r}")
    rng = np.random.default_rng(seed)
    drawn = _draw_incompatible_pairs(rng, pairs)
    drawn["cpra"] = np.array((10.0, 50.0, 90.0))[drawn["pra_band"]]
    altruist_bg = rng.choice(4, size=altruists, p=np.array(BLOOD_GROUP_SHARE))
    donor_bg = np.concatenate([drawn["donor_bg"], altruist_bg])
    return _assemble(rng, drawn, altruist_bg, donor_bg)


def _assemble(
    rng: np.random.Generator, drawn: dict[str, np.ndarray], altruist_bg: np.ndarray, donor_bg: np.ndarray
) -> Pool:
    nodes = _nodes(drawn, altruist_bg)
    sources, targets = _arc_endpoints(rng, donor_bg, drawn["recipient_bg"], drawn["crossmatch_positive"])
    mismatches = rng.integers(0, 7, size=len(sources))
    arcs = {}
    for source, target, mismatch in zip(sources.tolist(), targets.tolist(), mismatches.tolist(), strict=True):
        key = (nodes[source].id, nodes[target].id)
        arcs[key] = Arc(key[0], key[1], round(1 + (6 - mismatch) / 6, 4))
    return Pool(tuple(nodes), arcs)


def _nodes(drawn: dict[str, np.ndarray], altruist_bg: np.ndarray) -> list[Node]:
    nodes = [
        Node(
            id=f"P{index + 1}",
            recipient_blood_group=BLOOD_GROUPS[recipient],
            donor_blood_group=BLOOD_GROUPS[donor],
            recipient_cpra=float(cpra),
        )
        for index, (recipient, donor, cpra) in enumerate(
            zip(
                drawn["recipient_bg"].tolist(),
                drawn["donor_bg"].tolist(),
                drawn["cpra"].tolist(),
                strict=True,
            )
        )
    ]
    nodes += [
        Node(id=f"N{index + 1}", kind=NodeKind.ALTRUIST, donor_blood_group=BLOOD_GROUPS[group])
        for index, group in enumerate(altruist_bg.tolist())
    ]
    return nodes


def _arc_endpoints(
    rng: np.random.Generator, donor_bg: np.ndarray, recipient_bg: np.ndarray, crossmatch_positive: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Donor index -> recipient index arcs: ABO-compatible and a negative random crossmatch."""
    pair_count = len(recipient_bg)
    abo = ABO_OK[donor_bg[:, None], recipient_bg[None, :]]
    negative = rng.random((len(donor_bg), pair_count)) >= crossmatch_positive[None, :]
    ok = abo & negative
    ok[np.arange(pair_count), np.arange(pair_count)] = False  # a pair's own donor is not an arc
    return np.nonzero(ok)


# --- UK profile (coarse bands after Delorme et al. 2022) ------------------------------------
UK_RECIPIENT_BG = (0.63, 0.23, 0.11, 0.03)
UK_PAIRED_DONOR_BG = (0.33, 0.50, 0.13, 0.04)
UK_ALTRUIST_BG = (0.49, 0.40, 0.09, 0.02)
# (low, high, share) cPRA bands, for recipients whose own donor is / is not ABO-compatible.
UK_CPRA_IF_ABO_COMPATIBLE = (
    (0.0, 0.0, 0.04),
    (0.01, 0.5, 0.03),
    (0.5, 0.85, 0.12),
    (0.85, 0.95, 0.15),
    (0.95, 1.0, 0.66),
)
UK_CPRA_IF_ABO_INCOMPATIBLE = (
    (0.0, 0.0, 0.36),
    (0.01, 0.5, 0.11),
    (0.5, 0.85, 0.14),
    (0.85, 0.95, 0.08),
    (0.95, 1.0, 0.31),
)


def _uk_cpra(rng: np.random.Generator, bands: tuple[tuple[float, float, float], ...], count: int) -> np.ndarray:
    shares = np.array([band[2] for band in bands])
    chosen = rng.choice(len(bands), size=count, p=shares / shares.sum())
    low = np.array([band[0] for band in bands])[chosen]
    high = np.array([band[1] for band in bands])[chosen]
    return low + (high - low) * rng.random(count)


def _uk_compatibility_chance(rng: np.random.Generator, cpra: np.ndarray) -> np.ndarray:
    """The "Band" rule of Delorme et al.; unsensitised recipients draw a skewed chance
    (mean ~0.37, as the paper's empirical band table)."""
    chance = np.where(cpra < 0.5, 0.5651 - 0.33012 * cpra, 0.6578 - 0.64194 * cpra)
    chance = np.where(cpra >= 0.95, 0.03, chance)
    return np.where(cpra == 0.0, rng.random(len(cpra)) ** 1.7, chance)


def _generate_uk(pairs: int, altruists: int, seed: int) -> Pool:
    rng = np.random.default_rng(seed)
    recipient_bg = rng.choice(4, size=pairs, p=np.array(UK_RECIPIENT_BG))
    paired_bg = rng.choice(4, size=pairs, p=np.array(UK_PAIRED_DONOR_BG))
    altruist_bg = rng.choice(4, size=altruists, p=np.array(UK_ALTRUIST_BG))
    own_abo = ABO_OK[paired_bg, recipient_bg]
    cpra = np.where(
        own_abo,
        _uk_cpra(rng, UK_CPRA_IF_ABO_COMPATIBLE, pairs),
        _uk_cpra(rng, UK_CPRA_IF_ABO_INCOMPATIBLE, pairs),
    )
    drawn = {
        "recipient_bg": recipient_bg,
        "donor_bg": paired_bg,
        "crossmatch_positive": 1 - _uk_compatibility_chance(rng, cpra),
        "cpra": np.round(cpra * 100, 1),
    }
    donor_bg = np.concatenate([paired_bg, altruist_bg])
    return _assemble(rng, drawn, altruist_bg, donor_bg)
