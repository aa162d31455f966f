"""What a search gives back: every hit located at once, each SearchHit made when read.

A common word has tens of thousands of hits and a screen shows a few dozen: a word
search knows each hit's segment and word numbers, and finds the hit's characters in
its segment's text (read a page of segments at a time) only when the hit is read.
"""

from __future__ import annotations

from coder.i18n import _
import bisect
import re
from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterator, overload

from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.text.lemmas import WORD

if TYPE_CHECKING:       # numpy is imported by a word search, not by every command
    import numpy as np

# Characters of context either side of a hit in the keyword-in-context line.
KWIC_WIDTH = 40
_SPACE = re.compile(r"\s")
# Hits whose segments are read at a time: the app shows the first 501 (one read).
_PAGE = 512


def kwic(text: str, start: int, end: int, lo: int = 0, hi: int | None = None,
         width: int = KWIC_WIDTH) -> tuple[str, int]:
    """The line around text[start:end], within text[lo:hi], and where the match begins
    in it. White space is replaced one for one, so the match keeps its length."""
    left = max(lo, start - width)
    right = end + width if hi is None else min(hi, end + width)
    line = text[left:right]
    if not line.isprintable():      # every white space but " " is unprintable: mostly nothing to do
        line = _SPACE.sub(" ", line)
    return line, start - left


class WordHits:
    """A word search's hits in order: segment, first word number, words after it, and
    document of each. `read` gives id → (start, text) of segments, `names` id → name,
    when hits are read. The arrays stay numpy's: a hit's numbers become Python's only
    when it is read (the 60,000 hits of "og" as lists cost ~3 ms)."""

    def __init__(self, segment: np.ndarray, first: np.ndarray, extra: np.ndarray, document: np.ndarray,
                 read: Callable[[list[int]], dict[int, tuple[int, str]]],
                 names: Callable[[list[int]], dict[int, str]], path: object):
        self.segment, self.first, self.extra, self.document = segment, first, extra, document
        # in document order: a document's hits follow one another
        self.documents = int((document[1:] != document[:-1]).sum()) + 1 if len(document) else 0
        self._read, self._names, self._path = read, names, path
        self._segments: dict[int, tuple[int, str, list[tuple[int, int]], Iterator[re.Match]]] = {}
        self._known_names: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.segment)

    def hit(self, i: int) -> SearchHit:
        seg = int(self.segment[i])
        if seg not in self._segments:
            self._read_page(i)
        seg_start, text, words, more = self._segments[seg]
        first, last = int(self.first[i]), int(self.first[i] + self.extra[i])
        words.extend(m.span() for m in islice(more, max(0, last + 1 - len(words))))
        if words:
            end = len(words) - 1        # never beyond the words (were SQLite to count otherwise)
            a, b = words[min(first, end)][0], words[min(last, end)][1]
        else:                           # found by a lemma column its text has no words for
            a, b = 0, len(text)
        line, at = kwic(text, a, b)
        doc = int(self.document[i])
        return SearchHit(doc, self._known_names[doc], seg_start + a, seg_start + b, line, seg, at)

    def _read_page(self, i: int) -> None:
        """Reads the segments of this hit and the next ones; their words are found as far
        as a hit needs them."""
        page = self.segment[i:i + _PAGE].tolist()
        ids = list(dict.fromkeys(s for s in page if s not in self._segments))
        found = self._read(ids)
        if len(found) != len(ids):
            raise CoderError(_("{path}: the project changed since this search; search again").format(path=self._path))
        for seg, (start, text) in found.items():
            self._segments[seg] = (start, text, [], WORD.finditer(text))
        docs = [d for d in dict.fromkeys(self.document[i:i + _PAGE].tolist()) if d not in self._known_names]
        self._known_names.update(self._names(docs))


class TextHits:
    """A regular expression's hits: per document its id, name, text, and the spans
    found with the indexed segment holding each (None: none)."""

    def __init__(self, found: list[tuple[int, str, str, list[tuple[int, int, int | None]]]]):
        self._found = [f for f in found if f[3]]
        self._ends = [0]
        for f in self._found:
            self._ends.append(self._ends[-1] + len(f[3]))
        self.documents = len(self._found)

    def __len__(self) -> int:
        return self._ends[-1]

    def hit(self, i: int) -> SearchHit:
        part = bisect.bisect_right(self._ends, i) - 1
        doc, name, text, spans = self._found[part]
        start, end, seg = spans[i - self._ends[part]]
        line, at = kwic(text, start, end)
        return SearchHit(doc, name, start, end, line, seg, at)


class SearchHits(Sequence[SearchHit]):
    """The hits of a search in document order (the order documents were imported),
    then by offset; each SearchHit, with its context line, is made when it is read,
    from the project, which must still be open."""

    def __init__(self, located: WordHits | TextHits, limit: int | None, complete: bool):
        #: every hit of the search, and the documents holding them; None when the
        #: search stopped at its limit without finding them all
        self.total = len(located) if complete else None
        self.documents = located.documents if complete else None
        self._length = len(located) if limit is None else min(limit, len(located))
        self._located = located

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> SearchHit: ...
    @overload
    def __getitem__(self, i: slice) -> list[SearchHit]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(i)
        return self._located.hit(i)

    def __eq__(self, other) -> bool:          # compares as the list of its hits
        return isinstance(other, (list, SearchHits)) and list(self) == list(other)

    def __iter__(self) -> Iterator[SearchHit]:
        for i in range(self._length):
            yield self._located.hit(i)
