"""The span type every text module returns (re-exported by coder.text.prepare)."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A tuple rather than a frozen dataclass: a 10 MB import makes 220,000 of them, and
    a NamedTuple costs less than half as much to make (benchmarks/bench_qdpx.py)."""
    start: int
    end: int
    kind: str                    # paragraph, heading, turn, sentence, response, quote
    speaker: str | None = None
    label: str | None = None
