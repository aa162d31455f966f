"""Prepared spans → the segments a document is stored with, and the kind of a text.

Only the smallest segments get lemmas, and only segments with lemmas are indexed
(schema m002): a word is found once, in its sentence (or response, or turn), not again
in the paragraph and turn around it. Quotes overlay sentences and are never indexed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coder.text.lemmas import lemma_strings
from coder.text.prepare import Draft, PreparedText, Span, draft_text, finish
from coder.text.segment import sentence_spans

if TYPE_CHECKING:
    from coder.core.models import SegmentRow

# Kinds that lie over the text rather than partition it.
OVERLAY_KINDS = {"quote"}

# "Informant A: …", "I: …", "[00:12:31] Intervjuer: …" at the start of a line.
_TURN = re.compile(r"[ \t]*(?:\[[\d:.]+\][ \t]*)?"
                   r"([A-ZÆØÅ][\wæøåÆØÅ.]*(?:[ \t][A-ZÆØÅ0-9][\wæøåÆØÅ.]*){0,2}):[ \t]+\S")

# Labels that start captions and notes in reports, not speakers ("Figur 4: Andel …").
_CAPTION_WORDS = {"figur", "figure", "fig", "tabell", "table", "kilde", "kilder", "source",
                  "merk", "note", "noter", "vedlegg", "appendix", "boks", "eksempel", "kapittel"}


def has_speaker_turns(text: str) -> bool:
    """Two or more speakers with two or more turns each, together taking most of the
    labelled lines: a transcript (a focus group too). A report's "Kilde:" lines (one
    label) or "Figur 3:" captions (each once) are not."""
    # line by line: not a ^ tried at every offset; a label needs a colon
    found = (_TURN.match(line) for line in text.split("\n") if ":" in line)
    labels = Counter(m.group(1) for m in found if m and m.group(1).split()[0].casefold() not in _CAPTION_WORDS)
    repeated = [n for n in labels.values() if n >= 2]
    return len(repeated) >= 2 and sum(repeated) >= 0.6 * sum(labels.values())


def indexed_spans(spans: list[Span]) -> set[int]:
    """Indices of the spans that hold no other (non-overlay) span: the search index.
    Of spans with the same extent, the last one is kept."""
    order = sorted((s.start, -s.end, i) for i, s in enumerate(spans) if s.kind not in OVERLAY_KINDS)
    leaves = {i for (_, minus_end, i), (start, _, _) in zip(order, order[1:]) if start >= -minus_end}
    if order:
        leaves.add(order[-1][2])
    return leaves


def to_segments(prepared: PreparedText, language: str) -> tuple[SegmentRow, ...]:
    """The segments as plain tuples in NewSegment's order (see SegmentRow)."""
    leaves = list(indexed_spans(prepared.spans))
    text, spans = prepared.text, prepared.spans
    lemmas = dict(zip(leaves, lemma_strings((text[spans[i].start:spans[i].end] for i in leaves), language)))
    return tuple([(s.start, s.end, s.kind, s.speaker, s.label, lemmas.get(i, ""))
                  for i, s in enumerate(spans)])


def document_segments(text: str, kind: str, language: str,
                      spans: Sequence[tuple] | None = None) -> tuple[SegmentRow, ...]:
    """The segments of a text of this kind as a direct import makes them: paragraphs,
    speaker turns and sentences, with their lemmas. `spans` — (start, end, kind,
    speaker, label) as coder wrote them beside its own .qdpx — are taken as they are
    (a survey's responses cannot be told from its text), given their lemmas."""
    if spans is not None:
        prepared = PreparedText(text, [Span(*s) for s in spans])
        return to_segments(prepared, language) if prepared.text == text else ()
    draft = draft_text(text, kind=kind)
    return draft_segments(draft, language) if draft.text == text else ()


def draft_segments(draft: Draft, language: str) -> tuple[SegmentRow, ...]:
    """`document_segments` of a drafted text: its sentences and lemmas added. The ingest
    service has the helper process run it (Ingest.segments_elsewhere)."""
    return to_segments(finish(draft, sentence_spans(draft.text, draft.paragraphs, language)), language)
