"""Pure span arithmetic for the reader: word snapping, sentences, coverage, lanes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

# A cheap sentence splitter for documents without sentence segments: a sentence ends
# at . ! ? … (with closing quotes) before white space, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?…]+[»\"')\]]*(?=\s)|\n\s*\n")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*")


def _word(ch: str) -> bool:
    return ch.isalnum() or ch in "-'’_"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words, then trim white space from its ends."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while 0 < start < len(text) and _word(text[start - 1]) and _word(text[start]):
        start -= 1
    while 0 < end < len(text) and _word(text[end - 1]) and _word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def regex_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (trimmed of white space) by punctuation and blank lines."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def regex_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs (runs of non-blank lines), for documents without segments."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def span_at(spans: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the span holding offset, else of the next one after it."""
    if not spans:
        return None
    i = bisect_right([s for s, _ in spans], offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return i
    return min(i + 1, len(spans) - 1)


def coverage(spans: Iterable[tuple[int, int]]) -> int:
    """Number of code points covered by the union of spans."""
    total, reach = 0, -1
    for s, e in sorted(spans):
        if e <= reach:
            continue
        total += e - max(s, reach)
        reach = e
    return total


def assign_lanes(spans: Sequence[tuple[int, int]]) -> list[int]:
    """Give each span a lane (0, 1, ...) so that overlapping spans never share one:
    the margin draws one bar per lane, which keeps overlaps distinguishable."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    lane_free_at: list[int] = []
    lanes = [0] * len(spans)
    for i in order:
        s, e = spans[i]
        for lane, free in enumerate(lane_free_at):
            if free <= s:
                lane_free_at[lane] = e
                lanes[i] = lane
                break
        else:
            lanes[i] = len(lane_free_at)
            lane_free_at.append(e)
    return lanes


class Covered:
    """One document's coded spans as their union (sorted, disjoint) and their number,
    kept up to date one coding at a time: the documents pane after a coding costs
    O(log n), not a read of every coding."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.total = self.count = 0
        for start, end in sorted(spans):
            self.count += 1
            if self.ends and start <= self.ends[-1]:
                if end > self.ends[-1]:
                    self.total += end - self.ends[-1]
                    self.ends[-1] = end
            else:
                self.starts.append(start)
                self.ends.append(end)
                self.total += end - start

    def add(self, start: int, end: int) -> None:
        self.count += 1
        i = bisect_left(self.ends, start)       # the first interval reaching the new one
        j = bisect_right(self.starts, end)      # past the last interval it reaches
        if i < j:
            self.total -= sum(e - s for s, e in zip(self.starts[i:j], self.ends[i:j]))
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [start], [end]
        self.total += end - start
