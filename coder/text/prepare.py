"""Turn raw extracted text into the immutable document text and its segments.

This is the contract between text/ and ingest/: `prepare_text` returns the final
text (NFC, \\n line ends) and spans as code-point offsets into it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str                    # paragraph, heading, turn, sentence, response, quote
    speaker: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class PreparedText:
    text: str
    spans: list[Span]


def normalize(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))


def prepare_text(raw: str, *, kind: str = "report", language: str = "nb", pdf: bool = False) -> PreparedText:
    """First cut: paragraphs split on blank lines (text/ grows repair, turns, sentences, quotes)."""
    text = normalize(raw)
    spans = [Span(m.start(), m.end(), "paragraph") for m in re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text)]
    return PreparedText(text, spans)
