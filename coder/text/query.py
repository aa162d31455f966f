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

    def _word_matches(self, i: int, word: str, lem: str) -> bool:
        if self.prefix:
            return word.startswith(self.words[0]) or lem.startswith(self.words[0])
        return word == self.words[i] or lem == self.lemmas[i]

    def spans(self, words: list[tuple[int, int, str]], lemmas: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each place in the segment where this term stands."""
        n, found = len(self.words), []
        for i in range(len(words) - n + 1):
            if all(self._word_matches(k, words[i + k][2], lemmas[i + k]) for k in range(n)):
                found.append((words[i][0], words[i + n - 1][1]))
        return found


@dataclass(frozen=True)
class Query:
    alternatives: tuple[tuple[Term, ...], ...]     # OR of ANDs

    def fts(self) -> str:
        return " OR ".join("(" + " AND ".join(t.fts() for t in group) + ")"
                           for group in self.alternatives)

    def spans(self, text: str, lemma_column: str, language: str = "nb") -> list[tuple[int, int]]:
        """Where the query's words stand in one segment's text (offsets into that text)."""
        words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
        lemmas = lemma_column.split()
        if len(lemmas) != len(words):           # index written by another tokenizer
            lemmas = [lemma(w, language) for _, _, w in words]
        found: set[tuple[int, int]] = set()
        for group in self.alternatives:
            per_term = [t.spans(words, lemmas) for t in group]
            if all(per_term):
                found.update(s for spans in per_term for s in spans)
        return sorted(found)


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
