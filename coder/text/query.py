"""The search language: words, "phrases", prefix*, OR; located among words' places.

A word finds its inflections because both the query word and the indexed words are
reduced to lemmas (kommunene → kommune finds kommunen, kommuner); a word as typed finds
itself too. Words next to each other are all required (AND) in one segment; OR
separates alternatives. A phrase's words stand one after the other in one segment.

Locating works on places: integers segment << SHIFT | word number, as the search index
gives them (coder/core/search_index.py), so that phrases, AND and OR are numpy work
whatever the number of hits. `Query.spans` locates in one segment's text alone, the
same way (tests compare it with a word-by-word reference).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Protocol

import numpy as np

from coder.text.lemmas import WORD, lemma

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
SHIFT = 24          # word numbers within a segment fit below 1 << SHIFT (16 million words)


class Places(Protocol):
    """Where words stand, as sorted arrays of places."""
    def word(self, typed: str, lem: str) -> np.ndarray: ...
    def prefix(self, prefix: str) -> np.ndarray: ...


@dataclass(frozen=True)
class Term:
    """One word, one prefix, or a phrase of words that must stand in this order."""
    words: tuple[str, ...]          # lowercased, as typed
    lemmas: tuple[str, ...]
    prefix: bool = False            # words[0]* (only for a single word)

    def _matching(self, k: int, places: Places) -> np.ndarray:
        if self.prefix:
            return places.prefix(self.words[0])
        return places.word(self.words[k], self.lemmas[k])

    def places(self, places: Places) -> np.ndarray:
        """The place of the first word of each place where this term stands. A word
        number plus k stays in its segment: the next word must follow in it."""
        at = self._matching(0, places)
        for k in range(1, len(self.words)):
            at = at[among(at + k, self._matching(k, places))]
        return at


@dataclass(frozen=True)
class Query:
    alternatives: tuple[tuple[Term, ...], ...]     # OR of ANDs

    def located(self, places: Places) -> tuple[np.ndarray, np.ndarray]:
        """The place of the first word of each place the query stands, and the number
        of words after it, in order of place. Every term of an AND group must stand in
        the segment."""
        if len(self.alternatives) == 1 and len(self.alternatives[0]) == 1:     # one term: in order already
            term = self.alternatives[0][0]
            at = term.places(places)
            return at, np.full(len(at), len(term.words) - 1, dtype=np.int64)
        firsts, extras = [], []
        for group in self.alternatives:
            per_term = [(t.places(places), len(t.words) - 1) for t in group]
            common = reduce(lambda a, b: a[among(a, b)], (distinct(at >> SHIFT) for at, _ in per_term))
            for at, words_after in per_term:
                at = at[among(at >> SHIFT, common)]
                firsts.append(at)
                extras.append(np.full(len(at), words_after, dtype=np.int64))
        first, extra = np.concatenate(firsts), np.concatenate(extras)
        order = np.lexsort((extra, first))
        first, extra = first[order], extra[order]
        keep = np.ones(len(first), dtype=bool)
        keep[1:] = (first[1:] != first[:-1]) | (extra[1:] != extra[:-1])
        return first[keep], extra[keep]

    def spans(self, text: str, lemma_column: str, language: str = "nb") -> list[tuple[int, int]]:
        """Where the query's words stand in one segment's text (offsets into that text).
        A lemma column without one lemma per word (or beside an İ) is worked out again
        from the lowercased words."""
        found = list(WORD.finditer(text))
        words = [m.group().lower() for m in found]
        lemmas = lemma_column.split()
        if len(lemmas) != len(words) or len(text.lower()) != len(text):     # İ lowercases to two
            lemmas = [lemma(w, language) for w in words]
        first, extra = self.located(_SegmentPlaces(words, lemmas))
        return [(found[a].start(), found[a + n].end()) for a, n in zip(first.tolist(), extra.tolist())]


class _SegmentPlaces:
    """The places of one segment's words (segment 0)."""

    def __init__(self, words: list[str], lemmas: list[str]):
        self.pairs = list(zip(words, lemmas))

    def word(self, typed: str, lem: str) -> np.ndarray:
        return np.array([i for i, (w, m) in enumerate(self.pairs) if w == typed or m == lem], dtype=np.int64)

    def prefix(self, prefix: str) -> np.ndarray:
        return np.array([i for i, (w, m) in enumerate(self.pairs)
                         if w.startswith(prefix) or m.startswith(prefix)], dtype=np.int64)


def among(a: np.ndarray, sorted_b: np.ndarray) -> np.ndarray:
    """Which numbers of `a` are in `sorted_b` (sorted), by binary search. np.isin sorts
    both again through np.unique, whose first call imports numpy.ma: ~20 ms of a fresh
    process's first OR search (benchmarks/bench_search.py)."""
    if not len(sorted_b):
        return np.zeros(len(a), dtype=bool)
    at = np.searchsorted(sorted_b, a)
    return sorted_b[np.minimum(at, len(sorted_b) - 1)] == a


def distinct(a: np.ndarray) -> np.ndarray:
    """The numbers of `a`, sorted, each once. np.unique costs ten times more here (a
    hash table), and its first call imports numpy.ma (~15 ms in a fresh process)."""
    a = np.sort(a, kind="stable")       # places come in sorted runs (per segment and column): merged
    keep = np.empty(len(a), dtype=bool)
    keep[:1] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def parse(query: str, language: str = "nb", lemma_of: Callable[[str, str], str] = lemma) -> Query | None:
    """None when the query holds no word to look for. `lemma_of(word, language)` gives
    a query word's lemma (the search asks its index first: see coder/core/search.py)."""
    groups: list[list[Term]] = [[]]
    for m in _TOKEN.finditer(query):
        phrase, bare = m.group(1), m.group(2)
        if bare == "OR":
            groups.append([])
            continue
        term = _term(phrase if phrase is not None else bare, phrase is None, language, lemma_of)
        if term:
            groups[-1].append(term)
    alternatives = tuple(tuple(g) for g in groups if g)
    return Query(alternatives) if alternatives else None


def _term(text: str, bare: bool, language: str, lemma_of: Callable[[str, str], str]) -> Term | None:
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return None
    if bare and len(words) == 1 and text.endswith("*"):
        return Term((words[0],), (words[0],), prefix=True)
    return Term(tuple(words), tuple(lemma_of(w, language) for w in words))
