"""Ranking codes for the code palette, and spotting a near-duplicate before a new code
is created (by the one rule of coder/core/similar.py, at the project's threshold).
Pure functions over Code dataclasses, so they can be timed on their own.

Codes are sentences, so whole-string fuzzy scorers (WRatio) are both slow on 5,000
codes and poor at "the code that says these words". Instead each typed word is matched
(rapidfuzz, typo-tolerant; the word being typed also as a prefix) against the
vocabulary of all code words, and a code scores by how well it holds every typed word."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from coder.core import similar
from coder.core.models import Code

if TYPE_CHECKING:
    import numpy as np

LIMIT = 40
WORD_CUTOFF = 75     # a typed word this similar to a code word counts as that word
FRAGMENT = 90        # typed text this similar to a stretch of a code is a look-up of it
PIECE = 3            # a typed word this long also finds the compounds it is part of
COMPOUND = 85        # the score of such a find: below a typo-free whole word


class TextIndex:
    """The one rule for finding entries by typed text (the code palette and every picker):
    each typed word matches a word of the entry typo-tolerantly, as its prefix (the word
    being typed) or as a piece of a compound ("frykt" in "teknologifrykt")."""

    def __init__(self, texts: list[str]):
        # numpy here, not at import: it costs ~0.2 s before the app's first frame
        import numpy as np
        self.processed = [utils.default_process(t) for t in texts]
        postings: dict[str, set[int]] = defaultdict(set)
        for i, text in enumerate(self.processed):
            for word in text.split():
                postings[word].add(i)
        self._postings = {w: np.fromiter(ids, dtype=np.int32, count=len(ids)) for w, ids in postings.items()}
        self._vocab = sorted(postings)

    def _word_scores(self, token: str, prefix: bool) -> np.ndarray:
        """Per entry, the best score of a word in it like `token` (0: none)."""
        import numpy as np
        matches = process.extract(token, self._vocab, scorer=fuzz.ratio, processor=None,
                                  limit=None, score_cutoff=WORD_CUTOFF)
        found = {word: score for word, score, _ in matches}
        if len(token) >= PIECE:
            for word in self._vocab:
                if token in word and word not in found:
                    found[word] = COMPOUND
        if prefix:
            i = bisect_left(self._vocab, token)
            while i < len(self._vocab) and self._vocab[i].startswith(token):
                found[self._vocab[i]] = max(found.get(self._vocab[i], 0), 99.0)
                i += 1
        scores = np.zeros(len(self.processed), dtype=np.float32)
        for word, score in found.items():
            ids = self._postings[word]          # unique per word, so plain indexing is exact
            scores[ids] = np.maximum(scores[ids], score)
        return scores

    def rank(self, query: str, limit: int = LIMIT) -> list[tuple[int, float]]:
        """(index, score) best first; an empty query keeps the given order."""
        tokens = utils.default_process(query).split()
        if not tokens:
            return [(i, 100.0) for i in range(min(limit, len(self.processed)))]
        import numpy as np
        total = np.zeros(len(self.processed), dtype=np.float32)
        for n, token in enumerate(tokens):
            total += self._word_scores(token, prefix=n == len(tokens) - 1)
        # Every typed word should be there; a missing one costs its full share.
        hits = np.flatnonzero(total)
        if len(hits) > limit:
            hits = hits[np.argpartition(-total[hits], limit)[:limit]]
        ranked = sorted(hits.tolist(), key=lambda i: (-total[i], i))
        return [(i, float(total[i]) / len(tokens)) for i in ranked]


class CodeIndex:
    """Codes (most recently used first) with their words indexed once per palette."""

    def __init__(self, codes: list[Code], near_cutoff: float = similar.DEFAULT):
        """`near_cutoff`: the project's near-duplicate threshold (similar.threshold)."""
        self.codes = codes
        self.near = similar.NearDuplicates(codes, near_cutoff)
        self.words = TextIndex([c.text for c in codes])
        self._by_text = {c.text.casefold(): c for c in codes}

    def rank(self, query: str, limit: int = LIMIT) -> list[tuple[Code, float]]:
        """Best first; an empty query keeps the given order (most recent first)."""
        return [(self.codes[i], score) for i, score in self.words.rank(query, limit)]

    def is_piece(self, code: Code, query: str) -> bool:
        """Whether the typed text is literally part of the code (it is being looked up)."""
        return utils.default_process(query) in utils.default_process(code.text)

    def holds(self, code: Code, query: str) -> bool:
        """Whether the typed text is (nearly) a piece of the code: then the user is
        looking the code up, not writing a new one."""
        return fuzz.partial_ratio(utils.default_process(query), utils.default_process(code.text)) >= FRAGMENT

    def exact(self, text: str) -> Code | None:
        return self._by_text.get(" ".join(text.split()).casefold())

    def closest(self, text: str) -> tuple[Code, float] | None:
        """The existing code a new text nearly repeats (similar.py's rule), if any."""
        return self.near.closest(text)
