"""Map other tools' text positions onto coder's normalized text.

A REFI-QDA selection counts positions in the source's plain-text file as the other tool
stored it: after the BOM (never counted), with CRLF counted as two, in code points, or
in UTF-16 units (NVivo for Windows, .NET strings). coder keeps the text as NFC with \\n
line ends, so a position is mapped by normalizing the raw text up to it: chunk by chunk
between sorted positions, which is linear in the text and exact except for positions
that fall inside a combining sequence (snapped to the whole character) or between \\r
and \\n (snapped to the line end).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import Iterable

from coder.core.documents import normalize_text

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def decode_source(data: bytes) -> str:
    """Bytes of a plain-text source → str without BOM (UTF-8 as the standard says)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Guessing detectors mistake Norwegian for Central European; Windows tools that
        # ignore the standard write cp1252 here.
        return data.decode("cp1252", errors="replace")


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True if a span neither begins nor ends inside a word."""
    if not 0 <= start < end <= len(text):
        return False
    starts_clean = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    ends_clean = end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return starts_clean and ends_clean


class SourceText:
    """One source's raw text (BOM stripped) and coder's normalized form of it."""

    def __init__(self, raw: str):
        self.raw = raw
        self.text = normalize_text(raw)
        # UTF-16 position of each astral character (each takes two UTF-16 units).
        self._astral_u16 = [m.start() + i for i, m in enumerate(_ASTRAL.finditer(raw))]
        self._identity = self.text == raw

    @property
    def has_astral(self) -> bool:
        return bool(self._astral_u16)

    def _inside_pair(self, pos: int) -> bool:
        before = bisect_left(self._astral_u16, pos)
        return before > 0 and self._astral_u16[before - 1] == pos - 1

    def _code_point(self, pos: int, utf16: bool, forward: bool) -> int:
        if utf16 and self._astral_u16:
            before = bisect_left(self._astral_u16, pos)
            pos = pos - before + (1 if forward and self._inside_pair(pos) else 0)
        pos = max(0, min(pos, len(self.raw)))
        # Never split a base character from its combining marks.
        while 0 < pos < len(self.raw) and unicodedata.combining(self.raw[pos]):
            pos += 1 if forward else -1
        return pos

    def map_spans(self, spans: Iterable[tuple[int, int]], utf16: bool) -> list[tuple[int, int]]:
        """(start, end) in the tool's units → (start, end) in coder's text, clamped."""
        spans = [(self._code_point(a, utf16, False), self._code_point(b, utf16, True)) for a, b in spans]
        if self._identity:
            return spans
        table = self._normalized_positions({p for span in spans for p in span})
        return [(table[a], table[b]) for a, b in spans]

    def _normalized_positions(self, positions: set[int]) -> dict[int, int]:
        raw, out, prev, acc = self.raw, {}, 0, 0
        for pos in sorted(positions):
            chunk = raw[prev:pos]
            acc += len(normalize_text(chunk))
            if chunk.endswith("\r") and raw[pos:pos + 1] == "\n":
                acc -= 1          # \r|\n is one line end in coder: stand before it
            out[pos] = min(acc, len(self.text))
            prev = pos
        return out

    def best_units(self, spans: list[tuple[int, int]], prefer_utf16: bool) -> bool:
        """Whether to read positions as UTF-16 units: only matters when the text has
        characters outside the BMP (emoji). The reading that puts more selections on
        word boundaries wins; the tool's known habit breaks a tie."""
        if not self.has_astral or not spans:
            return prefer_utf16
        scores = {}
        for utf16 in (False, True):
            mapped = self.map_spans(spans, utf16)
            scores[utf16] = sum(on_word_boundaries(self.text, a, b) for a, b in mapped)
        # A UTF-16 tool never puts a position inside a surrogate pair.
        scores[True] -= len(spans) * sum(self._inside_pair(p) for span in spans for p in span)
        if scores[True] == scores[False]:
            return prefer_utf16
        return scores[True] > scores[False]
