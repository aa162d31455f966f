"""Near-duplicate codes: the one rule for when two code texts say the same thing, used
where codes are offered for merging (the codebook screen), where a new code is about
to repeat an existing one (the code palette) and where a merged project brings one
(coder/core/merge.py). rapidfuzz token-based similarity
(token_sort_ratio: the same words in any order), at least a threshold that is a
project setting (DEFAULT unless set), so a team can tune it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from coder.core.models import Code
from coder.i18n.collate import sort_key

SETTING = "similar_codes_threshold"
DEFAULT = 85     # 0-100
BLOCK = 256      # rows compared per rapidfuzz call


@dataclass(frozen=True)
class SimilarPair:
    a: Code
    b: Code
    score: float


def threshold(project) -> float:
    """The project's near-duplicate threshold (0–100; above 100: the rule is off)."""
    return float(project.settings.get(SETTING, DEFAULT))


def words_key(text: str) -> str:
    """What the rule compares: the text's words, lowercased, in sorted order (the plain
    ratio of two keys is their token_sort_ratio)."""
    return " ".join(sorted(utils.default_process(text).split()))


class NearDuplicates:
    """The codes a new text would nearly repeat, with every code's key made once (the
    palette asks at each keystroke)."""

    def __init__(self, codes: list[Code], cutoff: float = DEFAULT) -> None:
        self.codes, self.cutoff = codes, cutoff
        self.keys = [words_key(c.text) for c in codes]

    def closest(self, text: str) -> tuple[Code, float] | None:
        """The most similar code at or above the cutoff, with its score; else None."""
        query = words_key(text)
        if not query or not self.codes or self.cutoff > 100:     # above 100: the warning is off
            return None
        best = process.extractOne(query, self.keys, scorer=fuzz.ratio, processor=None, score_cutoff=self.cutoff)
        return (self.codes[best[2]], float(best[1])) if best else None


def similar_pairs(codes: list[Code], cutoff: float = DEFAULT, limit: int | None = None) -> list[SimilarPair]:
    """Pairs of codes whose texts score at least `cutoff`, best first. The code with more
    codings comes first in each pair: the natural target of a merge.

    token_sort_ratio is the plain ratio of the texts with their words sorted, so the words
    are sorted once here. The ratio cannot reach `cutoff` when one text is much longer
    than the other (at most 200·short/(short+long)), so with the texts sorted by length each
    block of rows is compared only with the texts short enough to qualify: the same pairs
    as the full matrix, at a fraction of the work."""
    if len(codes) < 2 or cutoff > 100:       # above 100: the offer is off
        return []
    import numpy as np
    keyed = sorted(((words_key(c.text), c) for c in codes), key=lambda kc: len(kc[0]))
    texts = [k for k, _ in keyed]
    lengths = [len(t) for t in texts]
    stretch = (200 - cutoff) / cutoff if cutoff > 0 else float("inf")
    pairs = []
    for top in range(0, len(texts), BLOCK):
        rows = texts[top:top + BLOCK]
        end = bisect_right(lengths, lengths[top + len(rows) - 1] * stretch)
        scores = process.cdist(rows, texts[top:end], scorer=fuzz.ratio, score_cutoff=cutoff,
                               dtype=np.uint8, workers=-1)
        for i, j in zip(*np.nonzero(scores)):
            if j > i:                        # each pair once, never a code with itself
                a, b = keyed[top + i][1], keyed[top + j][1]
                if b.codings > a.codings:
                    a, b = b, a
                pairs.append(SimilarPair(a, b, float(scores[i, j])))
    pairs.sort(key=lambda p: (-p.score, sort_key(p.a.text), sort_key(p.b.text)))
    return pairs if limit is None else pairs[:limit]


def near_duplicates(project, limit: int | None = None) -> list[SimilarPair]:
    return similar_pairs(project.codes.list(), threshold(project), limit)
