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
from collections.abc import Iterable
from dataclasses import dataclass

from coder.core.documents import normalize_text

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    damaged: int = 0          # characters that could not be read, now U+FFFD


def decode_bytes(data: bytes) -> Decoded:
    """Bytes of a plain-text source → str without BOM (UTF-8 as the standard says), and
    how many characters were damaged: a file cut off in the middle of a character, or
    bytes its encoding has no character for, is read with U+FFFD in their place (the
    rest of the text, and positions before the damage, hold)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decoded(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16")
    utf16 = _bomless_utf16(data)
    if utf16:
        return _decoded(data, utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        # Guessing detectors mistake Norwegian for Central European; Windows tools that
        # ignore the standard write cp1252 here.
        return _decoded(data, "cp1252")


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text then has a NUL in every other byte, on one side."""
    head = data[:4096]
    if b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > len(head) // 6 and even <= odd // 10:
        return "utf-16-le"
    if even > len(head) // 6 and odd <= even // 10:
        return "utf-16-be"
    return None


def _decoded(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return Decoded(text, encoding, text.count("\ufffd"))


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

    def length(self, utf16: bool) -> int:
        """The raw text's length in the tool's units: positions run from 0 to it."""
        return len(self.raw) + (len(self._astral_u16) if utf16 else 0)

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
        """(start, end) in the tool's units → (start, end) in coder's text. Positions past
        the text are clamped; callers leave them out first (see length)."""
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
