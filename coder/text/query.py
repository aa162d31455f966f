"""The search language: words, "phrases", prefix*, OR; turned into an FTS5 expression
over the index's text and lemma columns, and matched back onto a segment's words.

A word finds its inflections because both the query word and the indexed words are
reduced to lemmas (kommunene → kommune finds kommunen, kommuner). Words next to each
other are all required (AND); OR separates alternatives.

Matching back is done per segment without splitting it into words (a common word
matches segments holding hundreds of thousands of words in 10 MB): the lemma column
holds one lemma per word of the text, in order (lemma_line over WORD.findall(text)), so
a lemma found in it by str.find gives its word's index; a byte mask of the text (b"a"
for word characters) gives where that word begins, by counting words in C. A word typed
as it stands is found in the lowercased text. Segments whose lemma column does not fit
their words are matched word by word, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from coder.text.lemmas import WORD, lemma

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
# A segment's word mask: b"a" where its text has a word character, b" " elsewhere; one
# byte per character, so the words' places are found by bytes.find and .count, in C.
_LATIN1_MASK = bytes(ord("a") if chr(c).isalnum() else ord(" ") for c in range(256))
_LATIN1_LOWER = bytes(ord(chr(c).lower()) for c in range(256))   # stays in Latin-1
_WORD_CHAR = re.compile(r"[^\W_]")
_NON_WORD = re.compile(r"[\W_]")
_SKIP_MOST = 32


@lru_cache(maxsize=_SKIP_MOST)
def _skip_pattern(n: int) -> re.Pattern:
    return re.compile(rb"(?:a+ +){%d}" % n)


def _skip(mask: bytes, pos: int, n: int) -> int | None:
    """From where a word begins in a mask to where the n-th word after it begins;
    None when fewer follow. Longer skips go in steps, so few patterns are compiled."""
    while n > 0:
        m = _skip_pattern(min(n, _SKIP_MOST)).match(mask, pos)
        if m is None:
            return None
        pos, n = m.end(), n - _SKIP_MOST
    return pos if pos < len(mask) else None


def _plain(lemma_column: str) -> bool:
    """Lemmas parted by single spaces, as lemma_line writes them (and no other white space)."""
    return lemma_column != "" and lemma_column[0] != " " != lemma_column[-1] \
        and "  " not in lemma_column and lemma_column.isprintable()


class _Misfit(Exception):
    """The lemma column does not fit the segment's words: match word by word."""


class _Segment:
    """One segment's text and lemma column, as matching reads them. The column fits
    when it holds one lemma for each word of the text, as lemma_line writes it."""

    def __init__(self, text: str, lemma_column: str):
        try:            # most text is Latin-1: mask and lowercase it through byte tables
            latin1 = text.encode("latin-1")
            self.mask, self.low = latin1.translate(_LATIN1_MASK), latin1.translate(_LATIN1_LOWER)
        except UnicodeEncodeError:
            self.mask = _WORD_CHAR.sub("a", _NON_WORD.sub(" ", text)).encode("ascii")
            self.low = text.lower()
            if len(self.low) != len(text):      # İ lowercases to two characters
                raise _Misfit from None
        if not _plain(lemma_column):
            raise _Misfit
        self.column = f" {lemma_column} "
        if self.column.count(" ") - 1 != self.mask.count(b" a") + self.mask.startswith(b"a"):
            raise _Misfit                       # not one lemma per word

    def _end_of(self, start: int) -> int:
        end = self.mask.find(b" ", start)
        return len(self.mask) if end < 0 else end

    def lemma_words(self, lem: str, prefix: bool) -> dict[int, int]:
        """start → end of the words whose lemma is `lem` (or begins so). A lemma's
        place in the column gives its word's index; the mask is counted up to it."""
        column, mask = self.column, self.mask
        needle = f" {lem}" if prefix else f" {lem} "
        step = 1 if prefix else len(needle) - 1     # the next needle may share this space
        found, index, pos = {}, 0, mask.find(b"a")  # a word, where it begins
        at = column.find(needle)
        while at >= 0:
            i = column.count(" ", 0, at + 1) - 1
            pos, index = _skip(mask, pos, i - index), i
            found[pos] = self._end_of(pos)
            at = column.find(needle, at + step)
        return found

    def typed_words(self, word: str, prefix: bool) -> dict[int, int]:
        """start → end of the words that lowercase to `word` (or begin so)."""
        if not word.isalnum():                  # no word of the text could be it
            return {}
        try:
            needle = word.encode("latin-1") if isinstance(self.low, bytes) else word
        except UnicodeEncodeError:
            return {}                           # not in a Latin-1 text
        mask, found, at = self.mask, {}, self.low.find(needle)
        while at >= 0:
            if at == 0 or mask[at - 1] == 32:   # a word begins here
                end = self._end_of(at)
                if prefix or end == at + len(needle):
                    found[at] = end
            at = self.low.find(needle, at + 1)
        return found

    def following(self, start: int, n: int) -> int | None:
        """Where the n-th word after the one at `start` begins; None past the last."""
        return _skip(self.mask, start, n)


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

    def _found(self, k: int, seg: _Segment) -> dict[int, int]:
        """start → end of the words that match the term's k-th word."""
        found = seg.lemma_words(self.lemmas[k], self.prefix)
        found.update(seg.typed_words(self.words[k], self.prefix))
        return found

    def spans(self, seg: _Segment) -> list[tuple[int, int]]:
        """(start, end) of each place in the segment where this term stands."""
        found = self._found(0, seg)
        if len(self.words) == 1:
            return list(found.items())
        at = list(found)
        for k in range(1, len(self.words)):      # a phrase: the next word must follow
            found = self._found(k, seg)
            at = [a for a in at if seg.following(a, k) in found]
        return [(a, found[seg.following(a, len(self.words) - 1)]) for a in at]

    def _fits(self, k: int, word: str, lem: str) -> bool:
        """Whether a (lowercased) word and its lemma match the term's k-th word."""
        if self.prefix:
            return word.startswith(self.words[0]) or lem.startswith(self.words[0])
        return lem == self.lemmas[k] or word == self.words[k]

    def places(self, words: list[str], lemmas: list[str]) -> list[tuple[int, int]]:
        """(first, last) word index of each place where this term stands, word by word."""
        at = [i for i, (w, lem) in enumerate(zip(words, lemmas)) if self._fits(0, w, lem)]
        for k in range(1, len(self.words)):
            following = {i for i, (w, lem) in enumerate(zip(words, lemmas)) if self._fits(k, w, lem)}
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
        try:
            seg = _Segment(text, lemma_column)
        except _Misfit:
            return self._spans_word_by_word(text, lemma_column, language)
        found: set[tuple[int, int]] = set()
        for group in self.alternatives:
            per_term = [t.spans(seg) for t in group]
            if all(per_term):
                found.update(chain.from_iterable(per_term))
        return sorted(found)

    def _spans_word_by_word(self, text: str, lemma_column: str, language: str) -> list[tuple[int, int]]:
        """Split the segment into words and compare each: for text the mask cannot
        serve (İ) and lemma columns that do not fit, which are then worked out anew."""
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
        spans = [m.span() for m in WORD.finditer(text)]
        return [(spans[a][0], spans[b][1]) for a, b in sorted(places)]


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
