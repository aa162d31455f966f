"""The search language: words, "phrases", prefix*, OR; located in a document's words.

A word finds its inflections because both the query word and the indexed words are
reduced to lemmas (kommunene → kommune finds kommunen, kommuner); a word as typed finds
itself too. Words next to each other are all required (AND) in one segment; OR
separates alternatives. A phrase's words stand one after the other in one segment.

Locating works on a WordIndex (coder/text/word_index.py): the word numbers of each
query word, then numpy for phrases, AND and OR, so that the cost does not grow with
the number of hits in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import reduce

import numpy as np

from coder.text.lemmas import WORD, lemma
from coder.text.word_index import Segments, WordIndex

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word, one prefix, or a phrase of words that must stand in this order."""
    words: tuple[str, ...]          # lowercased, as typed
    lemmas: tuple[str, ...]
    prefix: bool = False            # words[0]* (only for a single word)

    def _matching(self, k: int, index: WordIndex) -> np.ndarray:
        """Numbers of the words that match the term's k-th word."""
        if self.prefix:
            return index.find(self.words[0], self.words[0], prefix=True)
        return index.find(self.words[k], self.lemmas[k], prefix=False)

    def places(self, index: WordIndex) -> np.ndarray:
        """The number of the first word of each place where this term stands."""
        at = self._matching(0, index)
        for k in range(1, len(self.words)):      # a phrase: the next word must follow, in the same segment
            at = at[at + k < len(index)]
            follows = np.isin(at + k, self._matching(k, index))
            at = at[follows & (index.segment[at + k] == index.segment[at])]
        return at


@dataclass(frozen=True)
class Query:
    alternatives: tuple[tuple[Term, ...], ...]     # OR of ANDs

    def located(self, index: WordIndex) -> tuple[np.ndarray, np.ndarray]:
        """The first and last word number of each place the query stands, in order.
        Every term of an AND group must stand in the segment."""
        n = len(index) + 1
        keys = []
        for group in self.alternatives:
            per_term = [(t.places(index), len(t.words) - 1) for t in group]
            common = reduce(np.intersect1d, (index.segment[at] for at, _ in per_term))
            for at, extra in per_term:
                at = at[np.isin(index.segment[at], common)]
                keys.append(at * n + at + extra)
        key = np.unique(np.concatenate(keys))
        return key // n, key % n

    def spans(self, text: str, lemma_column: str, language: str = "nb") -> list[tuple[int, int]]:
        """Where the query's words stand in one segment's text (offsets into that text)."""
        index = WordIndex(text, Segments([(0, 0, len(text), lemma_column)]), language)
        first, last = self.located(index)
        return list(zip(index.starts[first].tolist(), index.ends[last].tolist()))


def parse(query: str, language: str = "nb") -> Query | None:
    """None when the query holds no word to look for."""
    groups: list[list[Term]] = [[]]
    for m in _TOKEN.finditer(query):
        phrase, bare = m.group(1), m.group(2)
        if bare == "OR":
            groups.append([])
            continue
        term = _term(phrase if phrase is not None else bare, phrase is None, language)
        if term:
            groups[-1].append(term)
    alternatives = tuple(tuple(g) for g in groups if g)
    return Query(alternatives) if alternatives else None


def _term(text: str, bare: bool, language: str) -> Term | None:
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        return None
    if bare and len(words) == 1 and text.endswith("*"):
        return Term((words[0],), (words[0],), prefix=True)
    return Term(tuple(words), tuple(lemma(w, language) for w in words))
