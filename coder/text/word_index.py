"""Where each word of a document stands, for word searches, in arrays.

A word search has to find every place a query word stands, and a common word stands
in most sentences of 10 MB. Matching segment by segment in Python cost some 20 µs a
hit; here a document's words are laid out once, in order, as arrays: where each word
begins and ends in the text, which segment holds it, and hashes of its lowercased form
and of its lemma (from the segments' lemma columns). A query word is then one
comparison over an array, and phrases, AND and OR are numpy work on word numbers: all
in C, whatever the number of hits. A prefix* looks its words up among the distinct
ones, sorted once, at the first prefix search.

Only the words of indexed segments (those with a lemma column) are laid out. A
segment whose lemma column does not hold one lemma per word, or whose text changes
length when lowercased (İ), has its lemmas worked out again from its words, as the
word-by-word search did (tests/test_search_equivalence.py keeps that as a reference).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property, lru_cache
from itertools import repeat

import numpy as np

from coder.text.lemmas import lemma

# Word characters are [^\W_]: str.isalnum, which is what WORD matches (coder/text/lemmas.py).
_BMP = 0x10000
_SPACE = 32


class Segments:
    """A document's indexed segments (id, start, end, lemma column), in order of start."""

    def __init__(self, rows: list[tuple[int, int, int, str]]):
        ids, starts, ends, self.columns = (list(c) for c in zip(*rows)) if rows else ([], [], [], [])
        self.id_list, self.start_list, self.end_list = ids, starts, ends
        self.starts = np.array(starts, dtype=np.int64)
        self.ends = np.array(ends, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.columns)

    def holding(self, offsets: np.ndarray) -> np.ndarray:
        """The number of the segment holding each offset (the last to begin at or
        before it, if it has not ended); -1 where none does."""
        if not len(self):
            return np.full(len(offsets), -1)
        i = np.searchsorted(self.starts, offsets, side="right") - 1
        inside = (i >= 0) & (offsets < self.ends[np.maximum(i, 0)])
        return np.where(inside, i, -1)


class WordIndex:
    """The words of one document's indexed segments: word i begins at starts[i], ends
    at ends[i], stands in segment number segment[i]; words and lemmas hold hashes of
    each word lowercased and of its lemma."""

    def __init__(self, text: str, segments: Segments, language: str = "nb"):
        self.text, self.segments = text, segments
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        is_word, odd = word_chars(codes)
        starts, ends = runs(is_word)
        # The words of each segment: those that begin inside it (cut at its end).
        first = np.searchsorted(starts, segments.starts)
        counts = np.searchsorted(starts, segments.ends) - first
        self.segment = np.repeat(np.arange(len(segments), dtype=np.int32), counts)
        chosen = ranges(first, counts)
        self.starts = starts[chosen]
        self.ends = np.minimum(ends[chosen], segments.ends[self.segment])
        if odd.any():       # İ lowercases to two characters: lowercase word by word
            self.words = _Tokens(" ".join(self._lowered(0, len(self))))
        else:
            self.words = _Tokens(text.lower(), self.starts, self.ends)
        self.lemmas = _Tokens(self._lemma_column(counts, _odd_segments(odd, segments), language))

    def __len__(self) -> int:
        return len(self.starts)

    def _lowered(self, a: int, b: int) -> list[str]:
        return _slices(self.text, self.starts[a:b], self.ends[a:b], str.lower)

    def _lemma_column(self, counts: np.ndarray, odd: set[int], language: str) -> str:
        """The lemmas of all the words, parted by single spaces: the segments' lemma
        columns joined where each holds one lemma per word (mostly all: then they
        are joined and checked at once), else worked out from the lowercased words."""
        columns = self.segments.columns
        joined = " ".join(columns)
        if not odd and _plain(joined):
            spaces = np.fromiter(map(str.count, columns, repeat(" ")), dtype=np.int64, count=len(columns))
            if np.array_equal(spaces + 1, counts):
                return joined
        lemmas: list[str] = []
        at = 0
        for k, (column, n) in enumerate(zip(columns, counts.tolist())):
            found = column.split()
            if len(found) != n or k in odd:
                found = [lemma(w, language) for w in self._lowered(at, at + n)]
            lemmas.extend(found)
            at += n
        return " ".join(lemmas)

    def find(self, typed: str, lem: str, prefix: bool) -> np.ndarray:
        """Numbers of the words whose lemma is `lem` or that lowercase to `typed` (or
        begin so, for a prefix: then typed is lem), in order."""
        if prefix:
            return np.flatnonzero(self.words.beginning(typed) | self.lemmas.beginning(lem))
        return np.flatnonzero((self.words.hashes == hash_of(typed)) | (self.lemmas.hashes == hash_of(lem)))


class _Tokens:
    """The hashes of a run of words, in order; their text, for prefixes, when asked."""

    def __init__(self, text: str, starts: np.ndarray | None = None, ends: np.ndarray | None = None):
        """The words of `text` at starts/ends; without them, `text` is the words
        parted by single spaces."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        self._text, self._places = text, (starts, ends) if starts is not None else None
        self.hashes = span_hashes(codes, *self._spans(codes))

    def _spans(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self._places is not None:
            return self._places
        spaces = np.flatnonzero(codes == _SPACE)      # one between words: they part them
        if not len(codes):
            return spaces, spaces
        return np.concatenate(([0], spaces + 1)), np.concatenate((spaces, [len(codes)]))

    @cached_property
    def _ranked(self) -> tuple[list[str], np.ndarray]:
        """The distinct words in sorted order, and each word's place among them: the
        words beginning with a prefix are then a range of places."""
        _, first, which = np.unique(self.hashes, return_index=True, return_inverse=True)
        starts, ends = self._spans(np.frombuffer(self._text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
        distinct = _slices(self._text, starts[first], ends[first])
        order = sorted(range(len(distinct)), key=distinct.__getitem__)
        place = np.empty(len(order), dtype=np.int32)
        place[order] = np.arange(len(order), dtype=np.int32)
        return [distinct[i] for i in order], place[which]

    def beginning(self, prefix: str) -> np.ndarray:
        """Which words begin with `prefix` (a mask)."""
        words, place = self._ranked
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo)
        return (place >= lo) & (place < hi)


def _slices(text: str, starts: np.ndarray, ends: np.ndarray, change=None) -> list[str]:
    pieces = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist())]
    return pieces if change is None else list(map(change, pieces))


# Words are told apart by a 64-bit polynomial hash of their characters, arithmetic
# wrapping at 2**64: h(c0 c1 … cn) = c0 + c1·M + … + cn·M**n, then mixed with the length.
# For all the words of a text at once it is a difference of running sums over the text,
# scaled back by M**-start (M is odd, so it has an inverse modulo 2**64). Two distinct
# words of a project sharing a hash is about as likely as 1 in 10**9.
_M = 0x9E3779B97F4A7C15
_INVERSE = pow(_M, -1, 1 << 64)
_CHUNK = 1 << 17            # words hashed in one go: bounds the arrays' size


def _powers(n: int, base: int) -> np.ndarray:
    """base**0 … base**(n-1), wrapping at 2**64; made once, as long as needed."""
    powers = _POWERS.get(base)
    if powers is None or len(powers) < n:
        powers = np.full(max(n, 1 << 20), base, dtype=np.uint64)
        powers[0] = 1
        powers = _POWERS[base] = np.cumprod(powers, dtype=np.uint64)
    return powers[:n]


_POWERS: dict[int, np.ndarray] = {}


def span_hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    out = np.empty(len(starts), dtype=np.uint64)
    for a in range(0, len(starts), _CHUNK):       # a chunk of words, and the text they span
        s, e = starts[a:a + _CHUNK], ends[a:a + _CHUNK]
        origin, stop = int(s.min()), int(e.max())
        running = np.zeros(stop - origin + 1, dtype=np.uint64)
        np.cumsum(codes[origin:stop] * _powers(stop - origin, _M), out=running[1:])
        s, e = s - origin, e - origin
        h = (running[e] - running[s]) * _powers(stop - origin, _INVERSE)[s]
        out[a:a + _CHUNK] = h * np.uint64(_M) + (e - s).astype(np.uint64)
    return out


def hash_of(word: str) -> np.uint64:
    codes = np.frombuffer(word.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return span_hashes(codes, np.zeros(1, dtype=np.int64), np.array([len(codes)]))[0]


@lru_cache(maxsize=1)
def _basic_plane() -> tuple[np.ndarray, tuple[int, ...]]:
    """Which of U+0000…U+FFFF are word characters, and which lowercase to two (İ)."""
    chars = [chr(c) for c in range(_BMP)]
    return (np.array([c.isalnum() for c in chars], dtype=bool),
            tuple(i for i, c in enumerate(chars) if len(c.lower()) != 1 and not 0xD800 <= i < 0xE000))


def word_chars(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which characters are word characters, and which lowercase to more than one (İ)."""
    table, doubling = _basic_plane()
    is_word = table.take(codes, mode="clip")
    odd = np.zeros(len(codes), dtype=bool)
    for code in doubling:
        odd |= codes == code
    if len(codes) and int(codes.max()) >= _BMP:     # beyond the basic plane: emoji, old scripts
        high = np.flatnonzero(codes >= _BMP)
        chars = [chr(c) for c in codes[high].tolist()]
        is_word[high] = [c.isalnum() for c in chars]
        odd[high] = [len(c.lower()) != 1 for c in chars]
    return is_word, odd


def runs(is_word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of each run of word characters."""
    padded = np.zeros(len(is_word) + 2, dtype=bool)
    padded[1:-1] = is_word
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2], edges[1::2]


def ranges(first: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """first[0], first[0]+1, … first[0]+counts[0]-1, first[1], …: the numbers of the
    words of each segment in turn."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    begins = np.cumsum(counts) - counts
    return np.arange(total) + np.repeat(first - begins, counts)


def _odd_segments(odd: np.ndarray, segments: Segments) -> set[int]:
    """The segments whose text holds a character that lowercases to two."""
    places = np.flatnonzero(odd)
    return set(segments.holding(places).tolist()) - {-1} if len(places) else set()


def _plain(joined: str) -> bool:
    """Words parted by single spaces: no other white space (every white space but " "
    is unprintable), no two spaces together, none at either end (no empty column)."""
    return joined.isprintable() and "  " not in joined and joined[:1] not in ("", " ") and joined[-1] != " "
