"""Search: words (with their inflections), "phrases", prefix* and regular expressions.

Both run on what the project keeps between searches, per document: its text (never
changed after import), and, until segments change, its indexed segments (the smallest:
sentences, responses; see schema m002) and a WordIndex of their words
(coder/text/word_index.py), laid out at the first word search, or ahead of it by
prepare_search (the app does that in a thread as it opens a project). A word search
locates every hit in arrays at once, with the segment as a hit's context; a regular
expression runs on the text, trying matches only near a literal that every match must
hold where the pattern has one (coder/text/regex_literal.py), or, where it can only
match inside a word, once over the distinct words (coder/text/regex_words.py). Hits are
made when read (SearchHits). A regular expression search stops after REGEX_TIME_LIMIT_S
(see time_limit).
"""

from __future__ import annotations

import bisect
import contextlib
import re
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, islice
from typing import TYPE_CHECKING, Iterator, overload

from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.core.base import Service
from coder.text.regex_literal import fold, prefiltered_finditer, required_literal

if TYPE_CHECKING:       # numpy is imported at the first search: `coder` starts 0.15 s sooner
    from coder.core.project import Project
    import numpy as np

    from coder.text.regex_words import Vocabulary, Words
    from coder.text.word_index import Segments, WordIndex

# Characters of context either side of a hit in the keyword-in-context line.
KWIC_WIDTH = 40
_SPACE = re.compile(r"\s")
# Seconds a regular expression search may take: one like (\w+\s?)+$ backtracks for
# hours over ordinary text.
REGEX_TIME_LIMIT_S = 5.0


class _TooLong(BaseException):
    """Raised by time_limit's alarm; a BaseException, as KeyboardInterrupt is, so that
    no `except Exception` on the way swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop what runs inside after `seconds` by raising _TooLong. sre has no timeout,
    but it checks for signals as it matches, so an alarm (SIGALRM) stops it. Python
    runs signal handlers in the main thread only, where every regular expression
    search runs (the app's too); elsewhere, without setitimer (Windows), or when
    another alarm is due sooner, nothing is bounded. Another alarm due later
    (pytest-timeout's) is set again after."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGALRM) if usable else None
    pending, interval = signal.getitimer(signal.ITIMER_REAL) if usable else (0.0, 0.0)
    if previous is None or 0 < pending <= seconds:
        yield
        return
    live = True

    def expire(_signum, _frame):
        if live:            # not after the search (a signal handled late)
            raise _TooLong

    signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            live = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if pending:
            signal.setitimer(signal.ITIMER_REAL, max(pending - (time.monotonic() - started), 0.001), interval)


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


@dataclass
class _KeptDocument:
    """A document's text, and what searches work out from it, kept between searches."""
    text: str
    segments: Segments | None = None      # its indexed segments, while they stay as they are
    words: WordIndex | None = None
    runs: Words | None = None             # its runs of word characters (regex_words.py)

    @cached_property
    def folded(self) -> str | None:
        """The text folded for the literal prefilter, made at the first search that has one."""
        return fold(self.text)


@dataclass
class _Found:
    """The hits in one document, as arrays: offsets, and the number of the indexed
    segment holding each (-1: none), whose bounds also bound a word hit's context.
    It holds the text and segments searched: hits read later stay as they were found."""
    document_id: int
    name: str
    text: str
    segments: Segments
    starts: np.ndarray
    ends: np.ndarray
    segment: np.ndarray
    in_segment: bool = False          # context from the segment only (word hits)
    _lists: tuple = field(default=(), repr=False)

    def __len__(self) -> int:
        return len(self.starts)

    def hit(self, i: int) -> SearchHit:
        if not self._lists:           # plain ints read faster than numpy scalars
            self._lists = (self.starts.tolist(), self.ends.tolist(), self.segment.tolist())
        starts, ends, segment = self._lists
        start, end, k = starts[i], ends[i], segment[i]
        segments = self.segments
        if self.in_segment:
            line, at = kwic(self.text, start, end, segments.start_list[k], segments.end_list[k])
        else:
            line, at = kwic(self.text, start, end)
        return SearchHit(self.document_id, self.name, start, end, line,
                         segments.id_list[k] if k >= 0 else None, at)


class SearchHits(Sequence[SearchHit]):
    """The hits of a search in document order (the order documents were imported),
    then by offset. Their places are found at once, as arrays; each SearchHit, with its
    context line, is made when it is read: a common word has tens of thousands of hits
    and a screen shows a few dozen."""

    def __init__(self, found: list[_Found], limit: int | None, complete: bool):
        located = sum(map(len, found))
        #: every hit of the search, and the documents holding them; None when the
        #: search stopped at its limit without finding them all
        self.total = located if complete else None
        self.documents = sum(1 for f in found if len(f)) if complete else None
        self._length = located if limit is None else min(limit, located)
        self._found = [f for f in found if len(f)]
        self._ends = list(accumulate(map(len, self._found)))

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
        part = bisect.bisect_right(self._ends, i)
        return self._found[part].hit(i - (self._ends[part - 1] if part else 0))

    def __eq__(self, other) -> bool:          # compares as the list of its hits
        return isinstance(other, (list, SearchHits)) and list(self) == list(other)

    def __iter__(self) -> Iterator[SearchHit]:
        left = self._length
        for found in self._found:
            for i in range(min(left, len(found))):
                yield found.hit(i)
            left -= len(found)
            if left <= 0:
                return


class Search(Service):
    def find(self, query: str, regex: bool = False, limit: int | None = None) -> SearchHits:
        """Hits in document order, then by offset. With a limit, at most that many; a
        regular expression search then stops as soon as it has them (its total is not
        known), while a word search locates every hit at once and knows its total."""
        with self.store.snapshot():
            if regex:
                found, complete = self._regex_found_in_time(query, limit)
            else:
                found, complete = self._word_found(query), True
        return SearchHits(found, limit, complete)

    def _main_language(self) -> str:
        """The language most documents are in, kept while nothing changes: reading the
        column walks past every text (3 ms over 10 MB)."""
        self._forget_segments_if_changed()
        if self.__dict__.get("_kept_language") is None:
            self._kept_language = self.store.one("SELECT language FROM documents GROUP BY language "
                                            "ORDER BY count(*) DESC LIMIT 1") or "nb"
        return self._kept_language

    def _word_found(self, query: str) -> list[_Found]:
        from coder.text.query import parse
        language = self._main_language()
        parsed = parse(query, language)
        if parsed is None:
            raise CoderError(f"{self.store.path}: nothing to search for in «{query}»")
        found = []
        for doc_id, name, kept in self._kept_documents():
            words = self._words_of(doc_id, kept, language)
            first, last = parsed.located(words)
            found.append(_Found(doc_id, name, kept.text, words.segments, words.starts[first],
                                words.ends[last], words.segment[first], in_segment=True))
        return found

    def _regex_found_in_time(self, pattern: str, limit: int | None) -> tuple[list[_Found], bool]:
        try:
            with time_limit(REGEX_TIME_LIMIT_S):
                return self._regex_found(pattern, limit)
        except _TooLong:
            raise CoderError(f"{self.store.path}: the regular expression took too long "
                             f"(over {REGEX_TIME_LIMIT_S:g} s); simplify it") from None

    def _regex_found(self, pattern: str, limit: int | None) -> tuple[list[_Found], bool]:
        """Case-insensitive; (?-i:…) makes a part of the pattern case-sensitive. A pattern
        with a required literal tries matches only near that literal's occurrences
        (regex_literal.py); one without that can only match inside a word runs over the
        distinct words (regex_words.py); either gives the same hits as a scan of every text."""
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise CoderError(f"{self.store.path}: not a regular expression: «{pattern}» ({exc})") from None
        from coder.text.regex_words import word_confined
        literal = required_literal(pattern)
        if literal is None and word_confined(pattern):
            return self._word_confined_found(compiled), True
        return self._scanned_found(compiled, literal, limit)

    def _scanned_found(self, compiled: re.Pattern, literal: str | None,
                       limit: int | None) -> tuple[list[_Found], bool]:
        import numpy as np
        found, wanted = [], None if limit is None else limit + 1     # one more: are there more?
        for doc_id, name, kept in self._kept_documents():
            text = kept.text
            folded = kept.folded if literal else None
            matches = (prefiltered_finditer(compiled, text, folded, literal) if folded is not None
                       else compiled.finditer(text))
            spans = [m.span() for m in islice((m for m in matches if m.end() > m.start()), wanted)]
            starts, ends = np.array(spans, dtype=np.int64).reshape(-1, 2).T
            segments = self._segments_of(doc_id, kept)
            found.append(_Found(doc_id, name, text, segments, starts, ends, segments.holding(starts)))
            if wanted is not None:
                wanted -= len(spans)
                if wanted == 0:
                    return found, False
        return found, True

    def _word_confined_found(self, compiled: re.Pattern) -> list[_Found]:
        documents = list(self._kept_documents())
        for _doc_id, _name, kept in documents:
            self._runs_of(kept)
        vocabulary = self._vocabulary
        matches, size = vocabulary.matches(compiled), len(vocabulary)
        found = []
        for doc_id, name, kept in documents:
            starts, ends = kept.runs.spans(matches, size)
            segments = self._segments_of(doc_id, kept)
            found.append(_Found(doc_id, name, kept.text, segments, starts, ends, segments.holding(starts)))
        return found

    @cached_property
    def _vocabulary(self) -> Vocabulary:
        from coder.text.regex_words import Vocabulary
        return Vocabulary()

    def _runs_of(self, kept: _KeptDocument) -> Words:
        """A document's runs of word characters: kept for good (its text never changes)."""
        from coder.text.regex_words import Words
        if kept.runs is None:
            kept.runs = Words(kept.text, self._vocabulary)
        return kept.runs

    # ---- laid out ahead: the app prepares a search as it opens a project ----------
    def search_version(self) -> tuple[int, int]:
        """Changes whenever what a search keeps may have gone stale: an action, undo or
        redo of this Project touching documents or segments, or a commit by another
        connection."""
        return (self.store.segments_version, self.store.one("PRAGMA data_version"))

    def prepare_search(self) -> None:
        """Read every document and lay out its word index now, so that the first word
        search answers as fast as the next ones. The app runs this in a thread, on the
        project opened a second time, and hands the result over with adopt_search."""
        language = self._main_language()
        for doc_id, _name, kept in self._kept_documents():
            self._words_of(doc_id, kept, language)
            self._runs_of(kept)

    def adopt_search(self, project: "Project", version: tuple[int, int]) -> bool:
        """Keep what `other` (this project, opened elsewhere) prepared, if nothing has
        changed here since `version` (search_version before `other` read anything),
        so that it read what this connection sees."""
        other = project.search
        if self.search_version() != version:
            return False
        self._forget_segments_if_changed()
        # runs are numbered in their project's vocabulary: taken with it while this one is empty
        take_runs = not len(self._vocabulary)
        if take_runs:
            self._vocabulary = other._vocabulary
        for doc_id, prepared in other._kept.items():
            mine = self._kept.get(doc_id)
            if not take_runs:
                prepared.runs = None if mine is None else mine.runs
            if mine is None or mine.words is None:
                self._kept[doc_id] = prepared
        return True

    @cached_property
    def _kept(self) -> dict[int, _KeptDocument]:
        return {}

    def _kept_documents(self) -> Iterator[tuple[int, str, _KeptDocument]]:
        """Each document's id, name and kept text. Reading 10 MB of text from the file
        costs more than the search itself. The text stays right: a text never changes
        after import, and a document id is never reused (AUTOINCREMENT; undo restores
        a document with its own id and text). Asking for any column after the text
        would cost 3 ms: SQLite walks the text's overflow pages to reach it."""
        kept = self._kept
        self._forget_segments_if_changed()
        rows = self.store.db.conn.execute("SELECT id, name FROM documents ORDER BY id").fetchall()
        for gone in kept.keys() - {doc_id for doc_id, _ in rows}:
            del kept[gone]
        for doc_id, name in rows:
            if doc_id not in kept:
                kept[doc_id] = _KeptDocument(self.store.one("SELECT text FROM documents WHERE id = ?", [doc_id]))
            yield doc_id, name, kept[doc_id]

    def _forget_segments_if_changed(self) -> None:
        """Segments can change after import (a merge adds kinds; undo and redo); this
        process counts its actions that touch them, and SQLite's data_version tells
        whether another connection committed anything."""
        version = self.search_version()
        if self.__dict__.get("_kept_version") != version:
            for kept in self._kept.values():
                kept.segments = kept.words = None
            self._kept_version, self._kept_language = version, None

    def _words_of(self, doc_id: int, kept: _KeptDocument, language: str) -> WordIndex:
        from coder.text.word_index import WordIndex
        if kept.words is None:
            kept.words = WordIndex(kept.text, self._segments_of(doc_id, kept), language)
        return kept.words

    def _segments_of(self, doc_id: int, kept: _KeptDocument) -> Segments:
        from coder.text.word_index import Segments
        if kept.segments is None:
            kept.segments = Segments(self.store.db.conn.execute(
                'SELECT id, start, "end", lemmas FROM segments WHERE document_id = ? AND lemmas != \'\' '
                "ORDER BY start, id", [doc_id]).fetchall())
        return kept.segments
