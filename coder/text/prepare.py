"""Turn raw extracted text into the immutable document text and its segments.

This is the contract between text/ and ingest/: `prepare_text` returns the final
text (NFC, \\n line ends; repaired when it came from a PDF) and spans as code-point
offsets into it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from coder.text.quotes import quote_spans
from coder.text.repair import repair_pdf_text
from coder.text.segment import paragraph_spans, sentence_spans, turn_spans
from coder.text.spans import Span

__all__ = ["Span", "PreparedText", "Draft", "normalize", "prepare_text", "draft_text", "finish"]


@dataclass(frozen=True)
class PreparedText:
    text: str
    spans: list[Span]


@dataclass(frozen=True)
class Draft:
    """A cleaned text with all its spans but the sentences, and the paragraphs that
    sentences are looked for in: sentences need spaCy, which may run elsewhere."""
    text: str
    spans: list[Span]
    turns: list[Span]
    paragraphs: list[Span]


def normalize(raw: str) -> str:
    """NFC, \\n line ends, no byte-order mark."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    return unicodedata.normalize("NFC", text)


def prepare_text(raw: str, *, kind: str = "report", language: str = "nb", pdf: bool = False,
                 sentences: bool = True, model: str | None = None) -> PreparedText:
    """Clean `raw` and segment it: paragraphs/headings, speaker turns, sentences
    (spaCy; `model` or $CODER_SPACY_MODEL names a trained pipeline, default blank)
    and «quotes». Spans inside a turn carry its speaker. Sorted by (start, -end)."""
    draft = draft_text(raw, kind=kind, pdf=pdf)
    found = sentence_spans(draft.text, draft.paragraphs, language, model) if sentences else []
    return finish(draft, found)


def draft_text(raw: str, *, kind: str = "report", pdf: bool = False) -> Draft:
    """Everything of `prepare_text` but the sentences."""
    text = normalize(raw)
    if pdf:
        text = repair_pdf_text(text)
    turns = turn_spans(text, interview=kind == "interview")
    blocks = paragraph_spans(text, frozenset(t.start for t in turns))
    return Draft(text, blocks + turns + quote_spans(text), turns, [b for b in blocks if b.kind == "paragraph"])


def finish(draft: Draft, sentences: list[Span]) -> PreparedText:
    """The draft with its sentences: every span in a turn gets the turn's speaker."""
    spans = draft.spans + sentences
    if draft.turns:
        spans = _with_speakers(spans, draft.turns)
    return PreparedText(draft.text, sorted(spans, key=lambda s: (s.start, -s.end, s.kind)))


def _with_speakers(spans: list[Span], turns: list[Span]) -> list[Span]:
    """Give every span that lies inside a turn the turn's speaker (unless a quote
    names its own)."""
    import bisect

    starts = [t.start for t in turns]
    ends = [t.end for t in turns]
    speakers = [t.speaker for t in turns]
    out = []
    for span in spans:
        if span.speaker is None and span.kind != "turn":
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0 and span.end <= ends[i]:
                # a new Span, not dataclasses.replace: that costs 5x more at 50,000 sentences
                span = Span(span.start, span.end, span.kind, speakers[i], span.label)
        out.append(span)
    return out
