"""Soft-wrapping a document into visual lines, as (start, end) code-point offsets.

The reader renders only visible lines, so all it needs is where each visual line
starts and ends; computing that is one pass over the text and no string copies."""

from __future__ import annotations

from bisect import bisect_right


class Wrapped:
    """Visual lines of `text` at `width` cells. starts[i]..ends[i] is line i (the
    break character, a newline or the space wrapped at, is not part of either line)."""

    def __init__(self, text: str, width: int):
        self.width = width = max(8, width)
        starts: list[int] = []
        ends: list[int] = []
        add_start, add_end = starts.append, ends.append
        find, rfind = text.find, text.rfind
        pos, length = 0, len(text)
        while pos <= length:
            nl = find("\n", pos)
            line_end = length if nl < 0 else nl
            while line_end - pos > width:
                brk = rfind(" ", pos + 1, pos + width + 1)
                if brk <= pos:                   # one long word: cut it
                    add_start(pos), add_end(pos + width)
                    pos += width
                else:
                    add_start(pos), add_end(brk)
                    pos = brk + 1
            add_start(pos), add_end(line_end)
            if nl < 0:
                break
            pos = nl + 1
        self.starts, self.ends = starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)
