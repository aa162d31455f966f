r"""Search: words (with their inflections), "phrases", prefix* and regular expressions.

A word search reads the places of the query's words from the search index kept in
the project file (schema m004, coder/core/search_index.py), locates the query among
them (coder/text/query.py) and orders the hits by document and offset; nothing is
laid out in memory first, so a fresh process's first search is as fast as the next.
A regular expression runs on the document texts, trying matches only near a literal
that every match must hold where the pattern has one (coder/text/regex_literal.py),
and stops after REGEX_TIME_LIMIT_S (see time_limit).

Regular expressions over 10 MB (bench_search.py, medians of 3 loaded runs, before →
after 3b148af): covid-?19 156 → 108 ms, \bvelferdsteknolog\w* 193 → 132 ms,
\b\w+ing\b 823 → 655 ms (the first page: 7 ms). The in-memory word index made them
9-20 ms by keeping every text folded and its words listed; without it each search
reads the 10 MB (~15 ms) and folds them (~35 ms) before the literal is found, and a
pattern without a literal (\b\w+ing\b) is a case-insensitive scan of it all. What the
move to FTS5 had also made slow was finding each hit's segment by reading every row
of its document (60 ms for covid-?19): a few hits now look theirs up in the index.
"""

from __future__ import annotations

from coder.i18n import _
import bisect
import contextlib
import re
import signal
import threading
import time
from functools import partial
from itertools import islice
from typing import Iterator

from coder.core.errors import CoderError
from coder.core.search_hits import KWIC_WIDTH, SearchHits, TextHits, WordHits, kwic
from coder.core.base import Service
from coder.text.regex_literal import fold, prefiltered_finditer, required_literal

__all__ = ["KWIC_WIDTH", "REGEX_TIME_LIMIT_S", "SearchHits", "Search", "kwic", "time_limit"]

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


def _lemma_of(conn, word: str, language: str) -> str:
    """A query word's lemma: as an import stored it, else from simplemma."""
    from coder.core.search_index import stored_lemma
    from coder.text.lemmas import lemma
    return stored_lemma(conn, word, language) or lemma(word, language)


class _IndexPlaces:
    """The query's words' places, from the index (coder/text/query.Places)."""

    def __init__(self, conn):
        self.conn = conn

    def word(self, typed: str, lem: str):
        from coder.core.search_index import word_places
        return word_places(self.conn, typed, lem)

    def prefix(self, prefix: str):
        from coder.core.search_index import prefix_places
        return prefix_places(self.conn, prefix)


class Search(Service):
    def find(self, query: str, regex: bool = False, limit: int | None = None) -> SearchHits:
        """Hits in document order, then by offset. With a limit, at most that many; a
        regular expression search then stops as soon as it has them (its total is not
        known), while a word search locates every hit at once and knows its total."""
        with self.store.snapshot():
            if regex:
                return self._regex_search(query, limit)
            return SearchHits(self._word_hits(query), limit, complete=True)

    def _word_hits(self, query: str) -> WordHits:
        import numpy as np

        from coder.core import search_index
        from coder.text.query import SHIFT, distinct, parse
        conn = self.store.db.conn
        parsed = parse(query, search_index.main_language(conn), partial(_lemma_of, conn))
        if parsed is None:
            raise CoderError(_("{path}: nothing to search for in «{query}»").format(path=self.store.path, query=query))
        first, extra = parsed.located(_IndexPlaces(conn))     # in order of place: by segment id, word
        segment = first >> SHIFT
        ids, docs = search_index.segment_order(conn, distinct(segment))
        rank = np.empty(int(ids.max(initial=0)) + 1, dtype=np.int64)
        rank[ids] = np.arange(len(ids))
        where = rank[segment]                                   # each hit's segment's place in document order
        order = np.argsort(where, kind="stable")                # a segment's hits keep their order
        return WordHits(segment[order], first[order] & ((1 << SHIFT) - 1), extra[order],
                        docs[where[order]], self._segment_texts, self._document_names, self.store.path)

    def _segment_texts(self, ids: list[int]) -> dict[int, tuple[int, str]]:
        from coder.core.search_index import segment_texts
        with self.store.snapshot():
            return segment_texts(self.store.db.conn, ids)

    def _document_names(self, ids: list[int]) -> dict[int, str]:
        with self.store.snapshot():
            return {i: self.store.one("SELECT name FROM documents WHERE id = ?", [i]) for i in ids}

    def _regex_search(self, pattern: str, limit: int | None) -> SearchHits:
        """Case-insensitive; (?-i:…) makes a part of the pattern case-sensitive. A pattern
        with a required literal tries matches only near that literal's occurrences
        (regex_literal.py), which gives the same hits as a scan of every text."""
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise CoderError(_("{path}: not a regular expression: «{pattern}» ({exc})")
                             .format(path=self.store.path, pattern=pattern, exc=exc)) from None
        try:
            with time_limit(REGEX_TIME_LIMIT_S):
                found, complete = self._scanned(compiled, required_literal(pattern), limit)
        except _TooLong:
            raise CoderError(_("{path}: the regular expression took too long (over {seconds} s); simplify it")
                             .format(path=self.store.path, seconds=f"{REGEX_TIME_LIMIT_S:g}")) from None
        return SearchHits(TextHits(found), limit, complete)

    def _scanned(self, compiled: re.Pattern, literal, limit: int | None) -> tuple[list, bool]:
        found, wanted = [], None if limit is None else limit + 1     # one more: are there more?
        for doc_id, name, text in self.store.db.conn.execute("SELECT id, name, text FROM documents ORDER BY id"):
            matches = (prefiltered_finditer(compiled, text, folded, literal)
                       if literal and (folded := fold(text)) is not None else compiled.finditer(text))
            spans = [m.span() for m in islice((m for m in matches if m.end() > m.start()), wanted)]
            if spans:
                found.append((doc_id, name, text, self._with_segments(doc_id, spans)))
            if wanted is not None:
                wanted -= len(spans)
                if wanted == 0:
                    return found, False
        return found, True

    def _with_segments(self, doc_id: int, spans: list[tuple[int, int]]) -> list[tuple[int, int, int | None]]:
        """Each span with the indexed segment holding its start (the last to begin at or
        before it, if it has not ended), or None. Reading a row costs ~0.7 µs, looking
        one up ~1.4 µs: few spans are looked up, for many the document's rows are read
        (1,853 hits of covid-?19 in 20 documents: 3 ms against 60 ms)."""
        conn = self.store.db.conn
        if 2 * len(spans) < conn.execute("SELECT count(*) FROM segments WHERE document_id = ?", [doc_id]).fetchone()[0]:
            rows = conn.execute(
                'SELECT s.id, s.start, s."end" FROM json_each(?) j LEFT JOIN segments s ON s.id = '
                "(SELECT id FROM segments WHERE document_id = ? AND start <= j.value AND lemmas != '' "
                "ORDER BY start DESC, id DESC LIMIT 1) ORDER BY j.key",
                ["[" + ",".join(str(start) for start, _ in spans) + "]", doc_id]).fetchall()
            return [(start, end, seg if seg is not None and start < seg_end else None)
                    for (start, end), (seg, _, seg_end) in zip(spans, rows)]
        rows = conn.execute('SELECT id, start, "end" FROM segments WHERE document_id = ? '
                            "AND lemmas != '' ORDER BY start, id", [doc_id]).fetchall()
        starts = [r[1] for r in rows]
        out = []
        for start, end in spans:
            i = bisect.bisect_right(starts, start) - 1
            out.append((start, end, rows[i][0] if i >= 0 and start < rows[i][2] else None))
        return out
