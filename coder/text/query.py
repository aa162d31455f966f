"""The search language: words, "phrases", prefix*, OR; turned into an FTS5 expression
over the index's text and lemma columns, and matched back onto a segment's words.

A word finds its inflections because both the query word and the indexed words are
reduced to lemmas (kommunene → kommune finds kommunen, kommuner). Words next to each
other are all required (AND); OR separates alternatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coder.text.lemmas import WORD, lemma

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word, one prefix, or a phrase of words that must stand in this order."""
    words: tuple[str, ...]          # lowercased, as typed
    lemmas: tuple[str, ...]
    prefix: bool = False            # words[0]* (only for a single word)

    def fts(self) -> str:
        if self.prefix:
            return f'({{text lemmas}} : "{self.words[0]}"*)'
        return f'(lemmas : "{" ".join(self.lemmas)}" OR text : "{" ".join(self.words)}")'

    def _matches(self, k: int, words: list[str], lemmas: list[str]) -> list[int]:
        """Indices of the words that match the term's k-th word."""
        pairs = enumerate(zip(words, lemmas))
        if self.prefix:
            p = self.words[0]
            return [i for i, (w, lem) in pairs if w.startswith(p) or lem.startswith(p)]
        word, lem0 = self.words[k], self.lemmas[k]
        return [i for i, (w, lem) in pairs if lem == lem0 or w == word]

    def places(self, words: list[str], lemmas: list[str]) -> list[tuple[int, int]]:
        """(first, last) word index of each place in the segment where this term stands."""
        at = self._matches(0, words, lemmas)
        for k in range(1, len(self.words)):      # a phrase: the next word must follow
            following = set(self._matches(k, words, lemmas))
            at = [i for i in at if i + k in following]
        n = len(self.words) - 1
        return [(i, i + n) for i in at]


@dataclass(frozen=True)
class Query:
    alternatives: tuple[tuple[Term, ...], ...]     # OR of ANDs

    def fts(self) -> str:
        return " OR ".join("(" + " AND ".join(t.fts() for t in group) + ")"
                           for group in self.alternatives)

    def spans(self, text: str, lemma_column: str, language: str = "nb") -> list[tuple[int, int]]:
        """Where the query's words stand in one segment's text (offsets into that text)."""
        words = WORD.findall(text.lower())
        lemmas = lemma_column.split()
        if len(lemmas) != len(words):   # lowercasing split a word, or another tokenizer wrote the index
            words = [m.group().lower() for m in WORD.finditer(text)]
            lemmas = [lemma(w, language) for w in words]
        places: set[tuple[int, int]] = set()
        for group in self.alternatives:
            per_term = [t.places(words, lemmas) for t in group]
            if all(per_term):
                places.update(p for term in per_term for p in term)
        return _offsets(text, sorted(places))


def _offsets(text: str, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word-index places → character offsets, walking the words only as far as needed."""
    if not places:
        return []
    wanted = {i for place in places for i in place}
    last, spans = max(wanted), {}
    for i, m in enumerate(WORD.finditer(text)):
        if i in wanted:
            spans[i] = m.span()
            if i == last:
                break
    return [(spans[a][0], spans[b][1]) for a, b in places]


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
