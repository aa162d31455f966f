"""Search: words (with their inflections), "phrases", prefix* and regular expressions.

Word searches run on the FTS5 index of the smallest segments (see schema m002) and are
then matched back onto the segment's words to give each hit's exact offsets, with the
segment (a sentence, a response) as context; regular expressions scan the document texts.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from typing import Iterator

from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.text.query import parse

# Characters of context either side of a hit in the keyword-in-context line.
KWIC_WIDTH = 40


_SPACE = re.compile(r"\s")


def kwic(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> tuple[str, int]:
    """The line around text[start:end] and where the match begins in it. White space
    is replaced one for one, so the match keeps its length in the line."""
    left = max(0, start - width)
    line = text[left:end + width]
    if not line.isprintable():      # every white space but " " is unprintable: mostly nothing to do
        line = _SPACE.sub(" ", line)
    return line, start - left


class SearchMixin:
    def search(self, query: str, regex: bool = False, limit: int | None = None) -> list[SearchHit]:
        """Hits in document order (the order documents were imported), then by offset.
        With a limit, the search stops as soon as it has enough."""
        hits = self._regex_hits(query) if regex else self._word_hits(query)
        out = []
        try:
            for hit in hits:
                if limit is not None and len(out) >= limit:
                    break
                out.append(hit)
        finally:
            hits.close()          # ends the index query at once, not when collected
        return out

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
        """Case-insensitive; (?-i:…) makes a part of the pattern case-sensitive."""
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise CoderError(f"{self.path}: not a regular expression: «{pattern}» ({exc})") from None
        docs = self.db.conn.execute("SELECT id, name FROM documents ORDER BY id").fetchall()
        for doc_id, name in docs:
            text = self.document_text(doc_id)
            segments = None
            for m in compiled.finditer(text):
                if m.end() == m.start():
                    continue
                if segments is None:
                    segments = self.db.conn.execute(
                        "SELECT id, start, end FROM segments WHERE document_id = ? "
                        "AND lemmas != '' ORDER BY start", [doc_id]).fetchall()
                line, at = kwic(text, m.start(), m.end())
                yield SearchHit(doc_id, name, m.start(), m.end(), line,
                                _segment_at(segments, m.start()), at)


def _segment_at(segments: list[tuple[int, int, int]], offset: int) -> int | None:
    i = bisect.bisect_right(segments, offset, key=lambda s: s[1]) - 1
    if i >= 0 and segments[i][1] <= offset < segments[i][2]:
        return segments[i][0]
    return None
