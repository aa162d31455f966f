"""The span type every text module returns (re-exported by coder.text.prepare)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str                    # paragraph, heading, turn, sentence, response, quote
    speaker: str | None = None
    label: str | None = None
