"""Near-duplicate codes, offered for merging: rapidfuzz token-based similarity over code
texts. The threshold is a project setting so a team can tune it."""

from __future__ import annotations

from dataclasses import dataclass

from coder.core.models import Code

SETTING = "similar_codes_threshold"
DEFAULT = 85     # token_sort_ratio, 0-100


@dataclass(frozen=True)
class SimilarPair:
    a: Code
    b: Code
    score: float


def threshold(project) -> float:
    return float(project.get_setting(SETTING, DEFAULT))


def similar_pairs(codes: list[Code], cutoff: float = DEFAULT, limit: int | None = None) -> list[SimilarPair]:
    """Pairs of codes whose texts score at least `cutoff`, best first. The code with more
    codings comes first in each pair: the natural target of a merge."""
    if len(codes) < 2 or cutoff > 100:       # above 100: the offer is off
        return []
    import numpy as np
    from rapidfuzz import fuzz, process, utils
    texts = [c.text for c in codes]
    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                           score_cutoff=cutoff, dtype=np.uint8, workers=1)
    rows, cols = np.nonzero(np.triu(scores, k=1))
    pairs = []
    for i, j in zip(rows.tolist(), cols.tolist()):
        a, b = codes[i], codes[j]
        if b.codings > a.codings:
            a, b = b, a
        pairs.append(SimilarPair(a, b, float(scores[i, j])))
    pairs.sort(key=lambda p: (-p.score, p.a.text.lower(), p.b.text.lower()))
    return pairs if limit is None else pairs[:limit]


def near_duplicates(project, limit: int | None = None) -> list[SimilarPair]:
    return similar_pairs(project.codes(), threshold(project), limit)
