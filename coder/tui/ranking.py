"""Ranking codes for the code palette, and spotting a near-duplicate before a new code
is created. Pure functions over Code dataclasses, so they can be timed on their own.

Codes are sentences, so whole-string fuzzy scorers (WRatio) are both slow on 5,000
codes and poor at "the code that says these words". Instead each typed word is matched
(rapidfuzz, typo-tolerant; the word being typed also as a prefix) against the
vocabulary of all code words, and a code scores by how well it holds every typed word."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from rapidfuzz import fuzz, process, utils

from coder.core.models import Code

LIMIT = 40
WORD_CUTOFF = 75     # a typed word this similar to a code word counts as that word
CLOSE = 85           # a new code this similar to an existing one gets a warning


class CodeIndex:
    """Codes (most recently used first) with their words indexed once per palette."""

    def __init__(self, codes: list[Code]):
        self.codes = codes
        self.processed = [utils.default_process(c.text) for c in codes]
        self._by_text = {c.text.casefold(): c for c in codes}
        postings: dict[str, set[int]] = defaultdict(set)
        for i, text in enumerate(self.processed):
            for word in text.split():
                postings[word].add(i)
        self._postings = postings
        self._vocab = sorted(postings)

    def _word_scores(self, token: str, prefix: bool) -> dict[int, float]:
        """Best score of `token` in each code that holds a word like it."""
        scores: dict[int, float] = {}
        matches = process.extract(token, self._vocab, scorer=fuzz.ratio, processor=None,
                                  limit=None, score_cutoff=WORD_CUTOFF)
        found = {word: score for word, score, _ in matches}
        if prefix:
            i = bisect_left(self._vocab, token)
            while i < len(self._vocab) and self._vocab[i].startswith(token):
                found[self._vocab[i]] = max(found.get(self._vocab[i], 0), 99.0)
                i += 1
        for word, score in found.items():
            for code in self._postings[word]:
                if score > scores.get(code, 0):
                    scores[code] = score
        return scores

    def rank(self, query: str, limit: int = LIMIT) -> list[tuple[Code, float]]:
        """Best first; an empty query keeps the given order (most recent first)."""
        tokens = utils.default_process(query).split()
        if not tokens:
            return [(c, 100.0) for c in self.codes[:limit]]
        total: dict[int, float] = defaultdict(float)
        for n, token in enumerate(tokens):
            for code, score in self._word_scores(token, prefix=n == len(tokens) - 1).items():
                total[code] += score
        # Every typed word should be there; a missing one costs its full share.
        ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(self.codes[i], score / len(tokens)) for i, score in ranked]

    def exact(self, text: str) -> Code | None:
        return self._by_text.get(" ".join(text.split()).casefold())

    def closest(self, text: str, ranked: list[tuple[Code, float]] | None = None) -> tuple[Code, float] | None:
        """The existing code a new text nearly repeats: a small edit of it, or the same
        words in another order among the best-ranked codes (`ranked`, if already known)."""
        query = utils.default_process(text)
        if not query or not self.codes:
            return None
        best = process.extractOne(query, self.processed, scorer=fuzz.ratio, processor=None,
                                  score_cutoff=CLOSE)
        candidates = [(self.codes[best[2]], best[1])] if best else []
        for code, _ in (self.rank(text, limit=10) if ranked is None else ranked[:10]):
            score = fuzz.token_sort_ratio(query, utils.default_process(code.text))
            if score >= CLOSE:
                candidates.append((code, score))
        return max(candidates, key=lambda cs: cs[1]) if candidates else None
