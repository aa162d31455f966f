"""The units agreement is counted over, and how a coder's codings give each unit its value.

For an item (a code, or a kodegruppe or tema: the codings of all its codes together) a
coder gives a unit 1 if one of their codings with the item covers or overlaps it, else 0.

    character  each character of each compared document; 1 if a coding covers it.
               Extent matters: coding 0–100 against 0–90 disagrees on ten units.
    sentence   each sentence segment; 1 if a coding overlaps it by a character or more.
    paragraph  each paragraph segment, likewise.
    turn       each speaker turn (segments of kind "turn"), likewise.
    segment    each smallest segment, of whatever kind (one that holds no other segment).
    document   each compared document is one unit; 1 if the coder coded the item anywhere
               in it (MAXQDA's code presence).
Text between segments is not a unit. A document without segments of the unit's kind is
left out of the comparison and named as such.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

from coder.analysis.agreement_figures import Pattern
from coder.i18n import N_, _

UNITS = ("character", "sentence", "paragraph", "turn", "document", "segment")
UNIT_DEFINITIONS = {          # msgids: translate where shown
    "character": N_("each character of each compared document; 1 if a coding with the item covers it"),
    "sentence": N_("each sentence of each compared document; 1 if a coding with the item overlaps it"),
    "paragraph": N_("each paragraph of each compared document; 1 if a coding with the item overlaps it"),
    "turn": N_("each speaker turn of each compared document; 1 if a coding with the item overlaps it"),
    "document": N_("each compared document; 1 if the coder coded the item anywhere in it"),
    "segment": N_("each smallest segment (sentence) of each compared document; "
                  "1 if a coding with the item overlaps it"),
}
# the segment kind each segment unit counts (None: the smallest of any kind)
SEGMENT_KIND = {"sentence": "sentence", "paragraph": "paragraph", "turn": "turn", "segment": None}
# Why a document is left out when it has no units of the kind compared (msgids).
NO_UNITS = {"sentence": N_("has no sentences"), "paragraph": N_("has no paragraphs"),
            "turn": N_("has no speaker turns"), "segment": N_("has no segments")}


def character_patterns(length: int, spans: Sequence[Sequence[tuple[int, int]]]) -> Counter[Pattern]:
    """Count the characters of a text by which coders cover them (`spans` per coder)."""
    events = sorted((pos, i, step) for i, coder_spans in enumerate(spans)
                    for s, e in coder_spans for pos, step in ((s, 1), (e, -1)))
    depth = [0] * len(spans)
    counts: Counter[Pattern] = Counter()
    pos = 0
    for at, i, step in events:
        if at > pos:
            counts[tuple(d > 0 for d in depth)] += at - pos
            pos = at
        depth[i] += step
    if length > pos:
        counts[tuple(False for _ in spans)] += length - pos
    return counts


def document_patterns(spans: Sequence[Sequence[tuple[int, int]]]) -> Counter[Pattern]:
    return Counter({tuple(bool(s) for s in spans): 1})


def smallest_segments(segments: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that contain no other span (duplicates counted once), by start."""
    spans = sorted(set(segments), key=lambda s: (s[0], -s[1]))
    leaves = []
    for i, (start, end) in enumerate(spans):
        j = i + 1
        while j < len(spans) and spans[j][0] < end and spans[j][1] > end:
            j += 1  # starts inside but reaches past the end: not held by this span
        if j == len(spans) or spans[j][0] >= end:
            leaves.append((start, end))
    return leaves


class SegmentUnits:
    """One document's unit segments, ready to count codings against."""

    def __init__(self, segments: Iterable[tuple[int, int]]):
        # segments of one kind do not nest; if some did, the innermost are the units
        self.units = smallest_segments(segments)
        # no unit holds another, so ordered by start they are ordered by end too
        self.ends = [e for _s, e in self.units]

    def patterns(self, spans: Sequence[Sequence[tuple[int, int]]]) -> Counter[Pattern]:
        """Count segments by which coders' spans overlap them. Only touched segments are
        visited: the rest are counted at once as coded by nobody."""
        units, marks = self.units, {}  # type: ignore[var-annotated]  # segment index → coders' marks
        for i, coder_spans in enumerate(spans):
            for s, e in coder_spans:
                k = bisect.bisect_right(self.ends, s)
                while k < len(units) and units[k][0] < e:
                    if units[k][1] > s:
                        marks.setdefault(k, [False] * len(spans))[i] = True
                    k += 1
        counts = Counter(tuple(m) for m in marks.values())
        if len(units) > len(marks):
            counts[tuple(False for _ in spans)] += len(units) - len(marks)
        return counts


def unit_counter(project, docs, unit: str):
    """(count, left_out): count(doc, spans per coder) → Counter of patterns, and the
    documents that have no units of this kind, with the reason."""
    if unit == "character":
        return (lambda doc, spans: character_patterns(doc.length, spans)), []
    if unit == "document":
        return (lambda doc, spans: document_patterns(spans)), []
    kind = SEGMENT_KIND[unit]
    units, left_out = {}, []
    for d in docs:
        units[d.id] = SegmentUnits((s.start, s.end) for s in project.documents.segments(d.id, kind=kind))
        if not units[d.id].units:
            left_out.append((d, _(NO_UNITS[unit])))
    return (lambda doc, spans: units[doc.id].patterns(spans)), left_out
