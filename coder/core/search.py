"""Search: words (with their inflections), "phrases", prefix* and regular expressions.

Word searches run on the FTS5 index of the smallest segments (see schema m002) and are
then matched back onto the segment's words to give each hit's exact offsets, with the
segment (a sentence, a response) as context; regular expressions run on the document
texts, kept on the project between searches, trying matches only near a literal that
every match must hold where the pattern has one (coder/text/regex_literal.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import Iterator

from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.text.query import parse
from coder.text.regex_literal import fold, prefiltered_finditer, required_literal

# Characters of context either side of a hit in the keyword-in-context line.
KWIC_WIDTH = 40
# Regular expression hits whose segments are looked up in one statement: the first
# batch of a document, and the most.
_FIRST_BATCH, _MAX_BATCH = 16, 256
_SEGMENT_AT = """
    SELECT s.id, s."end" FROM json_each(?) AS hit
    LEFT JOIN segments AS s ON s.id = (
        SELECT id FROM segments WHERE document_id = ? AND lemmas != '' AND start <= hit.value
        ORDER BY start DESC, id DESC LIMIT 1)
    ORDER BY hit.key"""
_SPACE = re.compile(r"\s")


def kwic(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> tuple[str, int]:
    """The line around text[start:end] and where the match begins in it. White space
    is replaced one for one, so the match keeps its length in the line."""
    left = max(0, start - width)
    line = text[left:end + width]
    if not line.isprintable():      # every white space but " " is unprintable: mostly nothing to do
        line = _SPACE.sub(" ", line)
    return line, start - left


@dataclass
class _KeptText:
    """A document's text kept for regular expression searches."""
    text: str

    @cached_property
    def folded(self) -> str | None:
        """The text folded for the literal prefilter, made at the first search that has one."""
        return fold(self.text)


class SearchMixin:
    def search(self, query: str, regex: bool = False, limit: int | None = None) -> list[SearchHit]:
        """Hits in document order (the order documents were imported), then by offset.
        With a limit, the search stops as soon as it has enough."""
        hits = self._regex_hits(query) if regex else self._word_hits(query)
        try:
            return list(islice(hits, limit))
        finally:
            hits.close()          # ends the index query at once, not when collected

    def _main_language(self) -> str:
        return self._one("SELECT language FROM documents GROUP BY language "
                         "ORDER BY count(*) DESC LIMIT 1") or "nb"

    def _word_hits(self, query: str) -> Iterator[SearchHit]:
        language = self._main_language()
        parsed = parse(query, language)
        if parsed is None:
            raise CoderError(f"{self.path}: nothing to search for in «{query}»")
        names = dict(self.db.conn.execute("SELECT id, name FROM documents"))
        sql = ("SELECT s.id, s.document_id, s.start, s.text, s.lemmas "
               "FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid "
               "WHERE segments_fts MATCH ? ORDER BY segments_fts.rowid")
        try:
            rows = self.db.conn.execute(sql, [parsed.fts()])
        except sqlite3.OperationalError as exc:
            raise CoderError(f"{self.path}: cannot search for «{query}» ({exc})") from None
        for seg_id, doc_id, seg_start, seg_text, lemmas in rows:
            for a, b in parsed.spans(seg_text, lemmas, language):
                # Context from the segment itself: loading whole documents for it
                # would cost more than the search (10 MB for a word in every file).
                line, at = kwic(seg_text, a, b)
                yield SearchHit(doc_id, names[doc_id], seg_start + a, seg_start + b, line, seg_id, at)

    def _regex_hits(self, pattern: str) -> Iterator[SearchHit]:
        """Case-insensitive; (?-i:…) makes a part of the pattern case-sensitive. A pattern
        with a required literal tries matches only near that literal's occurrences
        (coder/text/regex_literal.py): the same hits, without a case-insensitive scan."""
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise CoderError(f"{self.path}: not a regular expression: «{pattern}» ({exc})") from None
        literal = required_literal(pattern)
        for doc_id, name, kept in self._kept_texts():
            text = kept.text
            folded = kept.folded if literal else None
            matches = (prefiltered_finditer(compiled, text, folded, literal) if folded is not None
                       else compiled.finditer(text))
            spans = (m.span() for m in matches if m.end() > m.start())
            for start, end, segment in self._with_segments(doc_id, spans):
                line, at = kwic(text, start, end)
                yield SearchHit(doc_id, name, start, end, line, segment, at)

    @cached_property
    def _regex_texts(self) -> dict[int, _KeptText]:
        return {}

    def _kept_texts(self) -> Iterator[tuple[int, str, _KeptText]]:
        """Each document's id, name and text, kept on the project between searches:
        reading 10 MB of text from the file costs more than the search itself. The copy
        stays right: a text never changes after import, and a document id is never reused
        (AUTOINCREMENT; undo restores a document with its own id and text). Asking for
        any column after the text (its length, its sha256) would cost 3 ms: SQLite walks
        the text's overflow pages to reach it."""
        kept = self._regex_texts
        rows = self.db.conn.execute("SELECT id, name FROM documents ORDER BY id").fetchall()
        for gone in kept.keys() - {doc_id for doc_id, _ in rows}:
            del kept[gone]
        for doc_id, name in rows:
            if doc_id not in kept:
                kept[doc_id] = _KeptText(self._one("SELECT text FROM documents WHERE id = ?", [doc_id]))
            yield doc_id, name, kept[doc_id]

    def _with_segments(self, doc_id: int, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int, int | None]]:
        """(start, end, segment) for each span: the indexed segment holding its start (the
        last to begin at or before it), looked up for a batch of spans in one statement;
        a statement per hit costs three times as much. The batches grow, so that a search
        with a small limit does not find many more hits than it shows."""
        size = _FIRST_BATCH
        while batch := list(islice(spans, size)):
            rows = self.db.conn.execute(_SEGMENT_AT, [json.dumps([a for a, _ in batch]), doc_id]).fetchall()
            for (start, end), (seg_id, seg_end) in zip(batch, rows):
                yield start, end, seg_id if seg_id is not None and start < seg_end else None
            size = min(2 * size, _MAX_BATCH)
