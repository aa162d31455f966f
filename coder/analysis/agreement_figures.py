"""The agreement figures, from counts of value patterns: how many units got each
combination of values (one bool per coder, in the order the coders were given).

No missing values: every coder gives every unit a value (1: coded it with the item, 0: did
not). Each figure is None where it is undefined, and a figure that is zero up to rounding
is exactly 0.0, so that no table ever shows "-0.000".

    agreement  the share of units on which all coders give the same value.
    kappa      two coders: Cohen's kappa, (po − pe) / (1 − pe), pe from each coder's own
               share of 1s. More coders: Fleiss' kappa, (P̄ − P̄e) / (1 − P̄e), P̄ the mean
               share of agreeing coder pairs per unit, P̄e = p1² + p0² from the pooled shares.
               None when the chance term is 1 (nobody used the item, or all coded everything).
    alpha      Krippendorff's alpha, nominal, from the `krippendorff` package; any number of
               coders. None when only one value occurs (nothing to agree on).

The counts behind each figure (`Tally`):
    units      units compared
    coded      per coder, the units that coder gave 1
    all        units every coder gave 1 (two coders: "both")
    none       units no coder gave 1 ("neither")
    only       per coder, the units that coder alone gave 1 ("only A", "only B")
    other      units more than one but not every coder gave 1 (always 0 for two coders)
    all + none + sum(only) + other = units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

Pattern = tuple[bool, ...]


def tidy(value: float | None) -> float | None:
    """0.0 for a value that is zero up to floating-point noise (or −0.0)."""
    if value is None:
        return None
    return 0.0 if abs(value) < 1e-12 else value


@dataclass(frozen=True)
class Tally:
    units: int
    coded: dict[str, int]
    all: int
    none: int
    only: dict[str, int]
    other: int


def tally(coders: tuple[str, ...], counts: Counter[Pattern]) -> Tally:
    m = len(coders)
    coded = {c: sum(n for p, n in counts.items() if p[i]) for i, c in enumerate(coders)}
    only = {c: sum(n for p, n in counts.items() if p[i] and sum(p) == 1) for i, c in enumerate(coders)}
    everyone = sum(n for p, n in counts.items() if sum(p) == m)
    nobody = sum(n for p, n in counts.items() if not any(p))
    other = sum(n for p, n in counts.items() if 1 < sum(p) < m)
    return Tally(sum(counts.values()), coded, everyone, nobody, only, other)


def percent_agreement(counts: Counter[Pattern]) -> float:
    total = sum(counts.values())
    same = sum(n for pattern, n in counts.items() if len(set(pattern)) == 1)
    return same / total if total else 1.0


def cohen_kappa(counts: Counter[Pattern]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    p_a = sum(n for (a, _b), n in counts.items() if a) / total
    p_b = sum(n for (_a, b), n in counts.items() if b) / total
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    if p_e >= 1.0 - 1e-12:
        return None
    return tidy((percent_agreement(counts) - p_e) / (1 - p_e))


def fleiss_kappa(counts: Counter[Pattern]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    m = len(next(iter(counts)))
    pairs = m * (m - 1)
    p_bar = sum(n * (k * (k - 1) + (m - k) * (m - k - 1)) / pairs
                for n, k in ((n, sum(p)) for p, n in counts.items())) / total
    p1 = sum(n * sum(p) for p, n in counts.items()) / (total * m)
    p_e = p1 * p1 + (1 - p1) * (1 - p1)
    if p_e >= 1.0 - 1e-12:
        return None
    return tidy((p_bar - p_e) / (1 - p_e))


def kappa(counts: Counter[Pattern], n_coders: int) -> float | None:
    return cohen_kappa(counts) if n_coders == 2 else fleiss_kappa(counts)


def kappa_name(n_coders: int) -> str:
    return "Cohen's kappa" if n_coders == 2 else "Fleiss' kappa"


def value_counts(counts: Counter[Pattern]) -> list[list[int]]:
    """Rows of (coders giving 0, coders giving 1), one per unit, for `krippendorff`.

    A unit on which all m coders agree adds exactly m to one diagonal cell of the
    coincidence matrix, so K such units are passed as ONE row of K·m values: the same
    alpha, and millions of agreeing character units stay cheap. Units with mixed values
    are passed one row each."""
    rows: list[list[int]] = []
    for pattern, n in counts.items():
        m, ones = len(pattern), sum(pattern)
        if ones in (0, m):
            rows.append([n * m, 0] if ones == 0 else [0, n * m])
        else:
            rows.extend([[m - ones, ones]] * n)
    return rows


def krippendorff_alpha(counts: Counter[Pattern]) -> float | None:
    ones = sum(sum(p) * n for p, n in counts.items())
    zeros = sum((len(p) - sum(p)) * n for p, n in counts.items())
    if not ones or not zeros:
        return None
    import krippendorff  # numpy and the package load only when figures are wanted
    return tidy(float(krippendorff.alpha(value_counts=value_counts(counts), level_of_measurement="nominal")))
