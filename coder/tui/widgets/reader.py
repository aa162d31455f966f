"""The reader: one whole document, soft-wrapped, with coded passages marked in the text
and a margin of bars (one lane per overlapping coding) and code labels.

It renders only the visible lines (Line API over pre-computed visual line offsets) and
keeps the open document's codings in memory, indexed by visual line, so neither
scrolling nor a new coding touches the disk."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coder.core.models import Code, Coding
from coder.tui import strings as S
from coder.tui.colours import blend, code_colour, coder_colour
from coder.tui.keymap import with_ids
from coder.tui.spans import assign_lanes, regex_paragraphs, regex_sentences, snap_to_words, span_at
from coder.tui.wrap import Wrapped

LANES = 3            # margin bars; a fourth overlapping coding shows as "+"
LABEL = 12           # cells for the code label in the margin
MARGIN = LANES + 1 + LABEL + 1
SELECTION_BG = "#2f5f9f"

SpanLoader = Callable[[str], Sequence[tuple[int, int]]]


class Mark:
    """A coding as the reader draws it (a slotted class: thousands are built per document)."""
    __slots__ = ("coding", "lane", "colour", "bar", "label", "length", "first_line")

    def __init__(self, coding: Coding, lane: int, colour: str, bar: str, label: str, first_line: int):
        self.coding, self.lane, self.colour, self.bar, self.label = coding, lane, colour, bar, label
        self.length = coding.end - coding.start
        self.first_line = first_line


class Reader(ScrollView, can_focus=True):
    BINDINGS = with_ids("reader", [
        Binding("left", "move(-1)", S.msgid.KEY_LEFT, show=False),
        Binding("right", "move(1)", S.msgid.KEY_RIGHT, show=False),
        Binding("up", "move_line(-1)", S.msgid.KEY_UP, show=False),
        Binding("down", "move_line(1)", S.msgid.KEY_DOWN, show=False),
        Binding("shift+left", "move(-1, True)", S.msgid.KEY_EXTEND, show=False),
        Binding("shift+right", "move(1, True)", S.msgid.KEY_EXTEND, show=False),
        Binding("shift+up", "move_line(-1, True)", S.msgid.KEY_EXTEND, show=False),
        Binding("shift+down", "move_line(1, True)", S.msgid.KEY_EXTEND, show=False),
        Binding("ctrl+left", "move_word(-1)", S.msgid.KEY_WORD, show=False),
        Binding("ctrl+right", "move_word(1)", S.msgid.KEY_WORD, show=False),
        Binding("ctrl+shift+left", "move_word(-1, True)", S.msgid.KEY_EXTEND_WORD, show=False),
        Binding("ctrl+shift+right", "move_word(1, True)", S.msgid.KEY_EXTEND_WORD, show=False),
        Binding("home", "line_edge(0)", S.msgid.KEY_HOME, show=False),
        Binding("end", "line_edge(1)", S.msgid.KEY_END, show=False),
        Binding("pageup", "move_page(-1)", S.msgid.KEY_PAGE, show=False),
        Binding("pagedown", "move_page(1)", S.msgid.KEY_PAGE, show=False),
        Binding("ctrl+home", "doc_edge(0)", S.msgid.KEY_DOC_EDGE, show=False),
        Binding("ctrl+end", "doc_edge(1)", S.msgid.KEY_DOC_EDGE, show=False),
        Binding("s", "select_sentence", S.msgid.KEY_SENTENCE),
        Binding("p", "select_segment", S.msgid.KEY_SEGMENT, show=False),
        Binding("o", "swap_ends", S.msgid.KEY_SWAP, show=False),
        Binding("escape", "clear_selection", S.msgid.KEY_CLEAR, show=False),
        Binding("n", "jump_coding(1)", S.msgid.KEY_NEXT_CODING, show=False),
        Binding("N", "jump_coding(-1)", S.msgid.KEY_PREV_CODING, show=False),
    ])

    class SelectionChanged(Message):
        """The cursor or the selection moved (the app updates its status line)."""

        def __init__(self, reader: Reader) -> None:
            super().__init__()
            self.reader = reader

    colour_by_coder = var(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document_id: int | None = None
        self.text = ""
        self.cursor = 0
        self.selection_anchor: int | None = None
        self.focused_coding: Coding | None = None
        self._goal_column: int | None = None
        self._wrapped = Wrapped("", 80)
        self._marks: list[Mark] = []
        self._by_line: dict[int, list[Mark]] = {}
        self._codings: list[Coding] = []
        self._codes: dict[int, Code] = {}
        self._load_spans: SpanLoader | None = None
        self._span_cache: dict[str, list[tuple[int, int]]] = {}
        self._styles: dict[tuple, Style] = {}
        self._dragging = False
        self._by_coder = False
        self._base = Style()          # the widget's own style, read once per screen update
        self._sel: tuple[int, int] | None = None
        self._exact: tuple[int, int] | None = None   # a span selected as given, not snapped

    # ---- attributes down --------------------------------------------------------
    def show_document(self, document_id: int | None, text: str, codings: Sequence[Coding],
                      codes: dict[int, Code], load_spans: SpanLoader | None = None) -> None:
        """Open a document. `load_spans(kind)` gives sentence or segment spans on demand."""
        self.document_id, self.text = document_id, text
        self.cursor, self.selection_anchor, self.focused_coding = 0, None, None
        self._load_spans, self._span_cache = load_spans, {}
        self._codings, self._codes = list(codings), codes
        self._rewrap(force=True)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.post_message(self.SelectionChanged(self))

    def set_codings(self, codings: Sequence[Coding], codes: dict[int, Code]) -> None:
        """Replace the codings drawn (after a coding, an undo, a filter change)."""
        self._codings, self._codes = list(codings), codes
        if self.focused_coding is not None:
            self.focused_coding = next((c for c in self._codings if c.id == self.focused_coding.id), None)
        self._index_marks()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def watch_colour_by_coder(self, value: bool) -> None:
        self._by_coder = value
        self._index_marks()
        self.refresh()

    # ---- layout -----------------------------------------------------------------
    def _text_width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return max(8, (width or 100) - MARGIN - 1)

    def _rewrap(self, force: bool = False) -> None:
        width = self._text_width()
        if not force and width == self._wrapped.width:
            return
        self._wrapped = Wrapped(self.text, width)
        self.virtual_size = Size(MARGIN + width, len(self._wrapped))  # fits: no sideways scroll
        self._index_marks()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()
        self._scroll_to_cursor()

    def _index_marks(self) -> None:
        codings = sorted(self._codings, key=lambda c: (c.start, -c.end, c.id))
        lanes = assign_lanes([(c.start, c.end) for c in codings])
        self._marks, self._by_line = [], {}
        for coding, lane in zip(codings, lanes):
            self._add_mark(coding, lane)

    def _add_mark(self, coding: Coding, lane: int) -> Mark:
        code = self._codes.get(coding.code_id)
        colour = code_colour(coding.code_id, code.colour if code else None)
        bar = coder_colour(coding.coder) if self._by_coder else colour
        line_of = self._wrapped.line_of
        first, last = line_of(coding.start), line_of(max(coding.start, coding.end - 1))
        mark = Mark(coding, lane, colour, bar, code.text if code else "?", first)
        self._marks.append(mark)
        by_line = self._by_line
        for line in range(first, last + 1):
            if line in by_line:
                by_line[line].append(mark)
            else:
                by_line[line] = [mark]
        return mark

    def add_coding(self, coding: Coding, codes: dict[int, Code]) -> None:
        """Draw one new coding without re-indexing the others (the coding loop's path)."""
        self._codes = codes
        self._codings.append(coding)
        line_of = self._wrapped.line_of
        taken = {m.lane for line in range(line_of(coding.start), line_of(max(coding.start, coding.end - 1)) + 1)
                 for m in self._by_line.get(line, ())
                 if m.coding.start < coding.end and coding.start < m.coding.end}
        lane = next(i for i in range(len(taken) + 1) if i not in taken)
        mark = self._add_mark(coding, lane)
        self._marks.pop()
        insort(self._marks, mark, key=lambda m: (m.coding.start, -m.coding.end, m.coding.id))
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    # ---- reading state ----------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self._wrapped)

    @property
    def cursor_line(self) -> int:
        return self._wrapped.line_of(self.cursor)

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected span, snapped to whole words; None when nothing is selected."""
        if self.selection_anchor is None or self.selection_anchor == self.cursor:
            return None
        raw = (min(self.selection_anchor, self.cursor), max(self.selection_anchor, self.cursor))
        if raw == self._exact:
            return raw
        start, end = snap_to_words(self.text, *raw)
        return (start, end) if start < end else None

    def codings_at(self, offset: int) -> list[Coding]:
        """Codings covering offset, shortest (innermost) first."""
        line = self._wrapped.line_of(offset)
        marks = [m for m in self._by_line.get(line, ()) if m.coding.start <= offset < m.coding.end]
        return [m.coding for m in sorted(marks, key=lambda m: m.length)]

    def spans(self, kind: str) -> list[tuple[int, int]]:
        if kind not in self._span_cache:
            spans = list(self._load_spans(kind)) if self._load_spans else []
            if not spans and kind == "sentence":
                spans = regex_sentences(self.text)
            self._span_cache[kind] = sorted(spans)
        return self._span_cache[kind]

    # ---- changing the cursor ----------------------------------------------------
    def select(self, start: int, end: int) -> None:
        """Select a span exactly as given (a jump to a coding, a quote or a search hit)."""
        self.selection_anchor, self._goal_column, self._exact = start, None, (start, end)
        self._set_cursor(end, keep=True, scroll=False)
        self._scroll_to_line(self._wrapped.line_of(start), center=True)

    def _set_cursor(self, offset: int, extend: bool = False, keep: bool = False, scroll: bool = True) -> None:
        offset = max(0, min(len(self.text), offset))
        if not keep:
            if extend and self.selection_anchor is None:
                self.selection_anchor = self.cursor
            elif not extend:
                self.selection_anchor = None
        self.cursor = offset
        if self.selection_anchor is None:
            inner = self.codings_at(offset)
            self.focused_coding = inner[0] if inner else None
        if scroll:
            self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def _scroll_to_cursor(self) -> None:
        self._scroll_to_line(self._wrapped.line_of(self.cursor))

    def _scroll_to_line(self, line: int, center: bool = False) -> None:
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_y)
        if center and not top + 2 <= line < top + height - 4:     # a jump lands a third down
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        elif line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    def action_move(self, delta: int, extend: bool = False) -> None:
        self._goal_column = None
        if not extend and self.selection_anchor is not None and self.selection:
            start, end = self.selection
            self._set_cursor(start if delta < 0 else end)
            return
        self._set_cursor(self.cursor + delta, extend)

    def action_move_line(self, delta: int, extend: bool = False) -> None:
        w = self._wrapped
        line = w.line_of(self.cursor)
        if self._goal_column is None:
            self._goal_column = self.cursor - w.starts[line]
        target = max(0, min(len(w) - 1, line + delta))
        column = self._goal_column
        self._set_cursor(min(w.starts[target] + column, w.ends[target]), extend)
        self._goal_column = column

    def action_move_page(self, delta: int) -> None:
        self.action_move_line(delta * max(1, self.scrollable_content_region.height - 1))

    def action_move_word(self, delta: int, extend: bool = False) -> None:
        text, pos = self.text, self.cursor
        if delta > 0:
            while pos < len(text) and not text[pos].isalnum():
                pos += 1
            while pos < len(text) and text[pos].isalnum():
                pos += 1
        else:
            while pos > 0 and not text[pos - 1].isalnum():
                pos -= 1
            while pos > 0 and text[pos - 1].isalnum():
                pos -= 1
        self._goal_column = None
        self._set_cursor(pos, extend)

    def action_line_edge(self, end: int) -> None:
        line = self._wrapped.line_of(self.cursor)
        self._set_cursor(self._wrapped.ends[line] if end else self._wrapped.starts[line])

    def action_doc_edge(self, end: int) -> None:
        self._set_cursor(len(self.text) if end else 0)

    def action_swap_ends(self) -> None:
        if self.selection_anchor is not None:
            self.selection_anchor, self.cursor = self.cursor, self.selection_anchor
            self._set_cursor(self.cursor, keep=True)

    def action_clear_selection(self) -> None:
        self._set_cursor(self.cursor)

    def action_select_sentence(self) -> None:
        self._select_or_extend(self.spans("sentence"))

    def action_select_segment(self) -> None:
        spans = self.spans("segment") or regex_paragraphs(self.text)
        self._select_or_extend(spans)

    def _select_or_extend(self, spans: Sequence[tuple[int, int]]) -> None:
        """Select the span at the cursor; pressed again, extend to the next span."""
        if not spans:
            return
        sel = self.selection
        if sel is not None:
            ends = [e for _, e in spans]
            i = bisect_left(ends, sel[1])
            if i < len(spans) and ends[i] == sel[1] and i + 1 < len(spans):
                anchor = self.cursor if self.selection_anchor is None else self.selection_anchor
                self.selection_anchor = min(anchor, self.cursor, sel[0])
                self._set_cursor(spans[i + 1][1], keep=True)
                return
        at = span_at(spans, self.cursor)
        if at is None:
            return
        start, end = spans[at]
        self.selection_anchor = start
        self._set_cursor(end, keep=True)

    def action_jump_coding(self, direction: int) -> None:
        """Select the next (or previous) coding after the cursor."""
        if not self._marks:
            return
        starts = [m.coding.start for m in self._marks]
        if direction > 0:
            here = self.cursor if self.selection_anchor is None else min(self.selection_anchor, self.cursor)
            i = bisect_right(starts, here)
            if self.focused_coding is not None and i < len(starts) and starts[i] == self.focused_coding.start:
                i += 1
            i = i % len(self._marks)
        else:
            here = min(self.cursor, self.selection_anchor if self.selection_anchor is not None else self.cursor)
            i = (bisect_left(starts, here) - 1) % len(self._marks)
        coding = self._marks[i].coding
        self.focused_coding = coding
        self.select(coding.start, coding.end)

    # ---- mouse ------------------------------------------------------------------
    def _offset_at(self, event: events.MouseEvent) -> int:
        where = event.get_content_offset_capture(self)
        w = self._wrapped
        line = max(0, min(len(w) - 1, where.y + round(self.scroll_y)))
        column = max(0, where.x - MARGIN)
        return min(w.starts[line] + column, w.ends[line])

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self.focus()
        self._dragging = True
        self.capture_mouse()
        self._goal_column = None
        self._set_cursor(self._offset_at(event))
        self.selection_anchor = self.cursor

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self._set_cursor(self._offset_at(event), keep=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.selection_anchor == self.cursor:
                self._set_cursor(self.cursor)

    # ---- drawing ----------------------------------------------------------------
    def _style(self, key: tuple) -> Style:
        style = self._styles.get(key)
        if style is None:
            colour, depth, selected, cursor = key
            base = self.background_colors[1].hex if self.background_colors else "#000000"
            bgcolor = None
            if selected:
                bgcolor = SELECTION_BG
            elif colour:
                bgcolor = blend(colour, base[:7], 0.30 if depth == 1 else 0.45)
            style = Style(bgcolor=bgcolor, underline=depth > 1, bold=depth > 1, reverse=cursor)
            self._styles[key] = style
        return style

    def render_lines(self, crop):
        # Computing the widget's style walks the DOM: once per update, not once per line.
        self._base, self._sel = self.rich_style, self.selection
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = y + round(self.scroll_y)
        width = self.size.width
        base = self._base
        w = self._wrapped
        if line >= len(w):
            return Strip([Segment(" " * width, base)], width)
        marks = self._by_line.get(line, ())
        segments = self._margin(line, marks, base)
        segments.extend(self._text_segments(w.starts[line], w.ends[line], marks, base))
        return Strip(segments).adjust_cell_length(width, base)

    def _margin(self, line: int, marks: Sequence[Mark], base: Style) -> list[Segment]:
        bars = [Segment(" ", base)] * LANES
        for mark in marks:
            if mark.lane < LANES:
                bars[mark.lane] = Segment("┃", base + Style(color=mark.bar))
            else:
                bars[LANES - 1] = Segment("+", base + Style(color=mark.bar, bold=True))
        starts_here = [m for m in marks if m.first_line == line]
        label = Segment(" " * (LABEL + 2), base)
        if starts_here:
            first = min(starts_here, key=lambda m: m.lane)
            text = first.label if len(first.label) <= LABEL else first.label[:LABEL - 1] + "…"
            label = Segment(" " + text.ljust(LABEL) + " ", base + Style(color=first.colour, italic=True))
        return bars + [label]

    def _text_segments(self, start: int, end: int, marks: Sequence[Mark], base: Style) -> list[Segment]:
        sel = self._sel
        cursor = self.cursor if self.has_focus or self.selection_anchor is None else -1
        cuts = {start, end}
        for m in marks:
            cuts.update((max(start, m.coding.start), min(end, m.coding.end)))
        if sel:
            cuts.update((max(start, min(end, sel[0])), max(start, min(end, sel[1]))))
        if start <= cursor < end:
            cuts.update((cursor, cursor + 1))
        points = sorted(cuts)
        text = self.text
        out = []
        for a, b in zip(points, points[1:]):
            covering = [m for m in marks if m.coding.start <= a < m.coding.end]
            top = min(covering, key=lambda m: m.length) if covering else None
            key = (top.colour if top else None, len(covering),
                   bool(sel and sel[0] <= a < sel[1]), a == cursor)
            chunk = text[a:b].replace("\t", " ")
            out.append(Segment(chunk, base + self._style(key)))
        if cursor == end and (end == len(text) or text[end:end + 1] in ("\n", " ", "")):
            out.append(Segment(" ", base + self._style((None, 0, False, True))))
        return out

