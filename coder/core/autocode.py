"""Autocoding: code every search hit with one code, as one undoable action.

A hit can be coded as the matched words, its sentence, or its segment (the response,
speaker turn or paragraph around it) — the unit a researcher would have selected."""

from __future__ import annotations

from coder.i18n import N_, _
from bisect import bisect_right
from typing import Iterable

from coder.core import store
from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.core.base import Service
from coder.core import wording as words

UNITS = (N_("match"), N_("sentence"), N_("segment"))     # msgids: the history says them
# The segment unit: the first of these kinds a document has (they partition its text).
SEGMENT_KINDS = ("response", "turn", "paragraph")


def _containing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """From the span of a sorted, non-overlapping list that holds `start` to the end of
    the one that holds the hit's last character (a phrase may cross a sentence end)."""
    starts = [s for s, _ in spans]
    i = bisect_right(starts, start) - 1
    if i < 0 or not spans[i][0] <= start < spans[i][1]:
        return None
    j = max(i, bisect_right(starts, end - 1) - 1)
    return spans[i][0], max(spans[i][1], spans[j][1] if spans[j][0] < end else spans[i][1])


class Autocode(Service):
    def unit_spans(self, hits: Iterable[SearchHit], unit: str = "match") -> list[tuple[int, int, int]]:
        """(document_id, start, end) to code for each hit, widened to the unit;
        several hits in one sentence or segment give that span once."""
        if unit not in UNITS:
            raise CoderError(_("{path}: unknown unit «{unit}» (one of {units})")
                             .format(path=self.store.path, unit=unit, units=', '.join(UNITS)))
        spans_of: dict[int, list[tuple[int, int]]] = {}
        out: list[tuple[int, int, int]] = []
        for hit in hits:
            span = (hit.start, hit.end)
            if unit != "match":
                if hit.document_id not in spans_of:
                    spans_of[hit.document_id] = self.unit_segments(hit.document_id, unit)
                span = _containing(spans_of[hit.document_id], hit.start, hit.end) or span
            item = (hit.document_id, *span)
            if item not in out:
                out.append(item)
        return out

    def unit_segments(self, document_id: int, unit: str) -> list[tuple[int, int]]:
        """Sorted spans of a document's sentences, or of its segments (responses, turns
        or paragraphs: the first kind it has), for selecting and coding by unit."""
        segments = self.project.documents.segments(document_id)
        kinds = ("sentence",) if unit == "sentence" else SEGMENT_KINDS
        for kind in kinds:
            spans = sorted((s.start, s.end) for s in segments if s.kind == kind)
            if spans:
                return spans
        return []

    def run(self, query: str, code: int | str, unit: str = "match", regex: bool = False) -> list[int]:
        """Code every hit of `query` with `code` (created if it is new text) as ONE action,
        searched in the same write transaction: no document goes between the two."""
        with store.write_transaction(self.store.db, self.store.path):
            hits = self.project.search.find(query, regex=regex)
            spans = self.unit_spans(hits, unit)
            if not spans:
                raise CoderError(_("{path}: no hits for «{query}»; nothing coded")
                                 .format(path=self.store.path, query=query))
            return self.project.codes.apply_many(code, spans, action=N_("autocode"),
                                      details=words.autocoded(query, unit, len(spans)))
