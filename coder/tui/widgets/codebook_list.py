"""A scrolling list of rows whose long texts wrap (a code is a sentence: the median code
in the thesis is 11 words). Only the visible lines are rendered and wrapped heights are
cached per row, so a list of 5,000 codes opens fast and a row can be removed or
replaced without re-measuring the others. Space marks rows for one move of several."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coder.tui import strings as S
from coder.tui.keymap import with_ids


@dataclass(frozen=True)
class Row:
    key: str                 # "code:12", "group:3", "theme:1", "concept:2", "quote:55", "head:…"
    text: str
    badge: str = ""          # shown before the text, e.g. the number of quotes
    note: str = ""           # shown after the text, dimmed: flags, verdicts
    indent: int = 0
    kind: str = "code"       # code, group, rest, theme, concept, quote, heading
    markable: bool = False

    @property
    def id(self) -> int:
        return int(self.key.split(":", 1)[1])


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by characters (Norwegian text is single-width); long words are cut."""
    width = max(width, 8)
    lines, line = [], ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


class CodebookList(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    CodebookList { height: 1fr; border: round $panel; scrollbar-gutter: stable; }
    CodebookList:focus { border: round $accent; }
    CodebookList > .codebook-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    CodebookList > .codebook-list--cursor-blurred { background: $block-cursor-blurred-background; }
    CodebookList > .codebook-list--marked { color: $text-success; text-style: bold; }
    CodebookList > .codebook-list--theme { color: $text-accent; text-style: bold; }
    CodebookList > .codebook-list--group { text-style: bold; }
    CodebookList > .codebook-list--rest { color: $text-muted; text-style: bold italic; }
    CodebookList > .codebook-list--heading { color: $text-primary; text-style: bold underline; }
    CodebookList > .codebook-list--note { color: $text-warning; }
    CodebookList > .codebook-list--quote { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "codebook-list--cursor", "codebook-list--cursor-blurred", "codebook-list--marked",
        "codebook-list--theme", "codebook-list--group", "codebook-list--rest", "codebook-list--heading",
        "codebook-list--note", "codebook-list--quote",
    }
    BINDINGS = with_ids("list", [
        Binding("up", "cursor(-1)", S.msgid.LIST_UP, show=False),
        Binding("down", "cursor(1)", S.msgid.LIST_DOWN, show=False),
        Binding("pageup", "page(-1)", S.msgid.LIST_PAGE_UP, show=False),
        Binding("pagedown", "page(1)", S.msgid.LIST_PAGE_DOWN, show=False),
        Binding("home", "jump(0)", S.msgid.LIST_FIRST, show=False),
        Binding("end", "jump(-1)", S.msgid.LIST_LAST, show=False),
        Binding("space", "mark", S.msgid.LIST_MARK, show=False),
        Binding("enter", "activate", S.msgid.LIST_OPEN, show=False),
    ])

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class _RowMessage(Message):
        def __init__(self, source: CodebookList, row: Row | None) -> None:
            super().__init__()
            self.source, self.row = source, row

        @property
        def control(self) -> CodebookList:
            return self.source

    class Highlighted(_RowMessage):
        """The cursor moved to a row."""

    class Activated(_RowMessage):
        """Enter on a row."""

    def __init__(self, rows: list[Row] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.marked: set[str] = set()
        self._index: dict[str, int] = {}
        self._wrapped: dict[tuple[Row, int], list[str]] = {}   # wrap cache across set_rows
        self._lines: list[list[str]] = []                     # wrapped lines, aligned with rows
        self._starts: list[int] = []
        self._width = 0
        if rows:
            self.set_rows(rows)

    # ---- content ---------------------------------------------------------------
    @property
    def row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the content; the cursor stays on `keep` (or the current key) if present."""
        current = keep or (self.row.key if self.row else None)
        self.rows = list(rows)
        self._index = {r.key: i for i, r in enumerate(self.rows)}
        self.marked &= self._index.keys()
        self._relayout()
        self._place_cursor(current)

    def remove_keys(self, keys) -> None:
        """Drop rows without re-measuring the others (the path of every move)."""
        keys = set(keys)
        old = self.cursor
        kept = [i for i, r in enumerate(self.rows) if r.key not in keys]
        self.rows = [self.rows[i] for i in kept]
        self._lines = [self._lines[i] for i in kept]
        self._index = {r.key: i for i, r in enumerate(self.rows)}
        self.marked -= keys
        self._restack()
        self.cursor = min(old, max(len(self.rows) - 1, 0))

    def replace_row(self, row: Row) -> None:
        i = self._index.get(row.key)
        if i is not None:
            self.rows[i] = row
            self._lines[i] = self._lines_of(row)
            self._restack()

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    def select_key(self, key: str) -> None:
        self._place_cursor(key)

    def marked_rows(self) -> list[Row]:
        return [r for r in self.rows if r.key in self.marked]

    def _place_cursor(self, key: str | None) -> None:
        i = self._index.get(key) if key else None
        self.cursor = i if i is not None else min(self.cursor, max(len(self.rows) - 1, 0))

    # ---- layout ----------------------------------------------------------------
    def _text_width(self, row: Row) -> int:
        # indent, mark (two columns on markable rows), badge and a space come first
        return self._width - row.indent - len(row.badge) - 1 - (2 if row.markable else 0)

    def _lines_of(self, row: Row) -> list[str]:
        key = (row, self._width)
        lines = self._wrapped.get(key)
        if lines is None:
            body = row.text + (f" — {row.note}" if row.note else "")
            lines = self._wrapped[key] = wrap(body, self._text_width(row))
        return lines

    def _relayout(self) -> None:
        """Wrap every row for the current width (cached), then stack them."""
        width = self.scrollable_content_region.width if self.is_mounted else 0
        if width <= 0:
            # not laid out yet: one line a row until on_resize wraps them for the real width
            self._lines = [[row.text] for row in self.rows]
            self._restack()
            return
        if width != self._width:
            self._width = width
            self._wrapped.clear()
        self._lines = [self._lines_of(row) for row in self.rows]
        # keep the cache to the rows shown, so reloads do not grow it
        self._wrapped = {(row, width): lines for row, lines in zip(self.rows, self._lines)}
        self._restack()

    def _restack(self) -> None:
        heights = [len(lines) for lines in self._lines]
        self._starts = [0, *accumulate(heights)][:-1] if heights else []
        self.virtual_size = Size(self._width, sum(heights))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_cursor()

    def on_mount(self) -> None:
        self._relayout()

    # ---- rendering -------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        line_no = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._starts or line_no >= self.virtual_size.height:
            return Strip.blank(width, base)
        i = bisect_right(self._starts, line_no) - 1
        row, sub = self.rows[i], line_no - self._starts[i]
        text = self._lines[i][sub]
        style = base + self._row_style(row)
        if i == self.cursor:
            name = "codebook-list--cursor" if self.has_focus else "codebook-list--cursor-blurred"
            style += self.get_component_rich_style(name)
        mark = "● " if row.key in self.marked else ("  " if row.markable else "")
        lead = " " * row.indent + (mark if sub == 0 else " " * len(mark))
        badge = row.badge if sub == 0 else " " * len(row.badge)
        segments = [Segment(lead + badge + (" " if badge else ""), style)]
        note_at = text.rfind(row.note) if row.note and sub == len(self._lines[i]) - 1 else -1
        if note_at > 0 and text.endswith(row.note):
            note_style = style + self.get_component_rich_style("codebook-list--note")
            segments += [Segment(text[:note_at], style), Segment(text[note_at:], note_style)]
        else:
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(width, style if i == self.cursor else base)

    def _row_style(self, row: Row) -> Style:
        if row.key in self.marked:
            return self.get_component_rich_style("codebook-list--marked")
        if row.kind in ("theme", "group", "rest", "heading", "quote"):
            return self.get_component_rich_style(f"codebook-list--{row.kind}")
        return Style()

    # ---- cursor and keys -------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.row))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def _scroll_to_cursor(self) -> None:
        if not self.rows or not self._starts or not self.is_mounted:
            return
        top = self._starts[self.cursor]
        self.scroll_to_region(Region(0, top, 1, len(self._lines[self.cursor])),
                              animate=False, force=True, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        if not self.rows:
            return
        target = self._starts[self.cursor] + direction * max(self.scrollable_content_region.height - 1, 1)
        self.cursor = bisect_right(self._starts, max(target, 0)) - 1

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_mark(self) -> None:
        row = self.row
        if row is None or not row.markable:
            return
        self.marked ^= {row.key}
        self.refresh()
        self.cursor += 1

    def action_activate(self) -> None:
        if self.row is not None:
            self.post_message(self.Activated(self, self.row))

    def on_click(self, event: events.Click) -> None:
        line_no = self.scroll_offset.y + event.y
        if self._starts and 0 <= line_no < self.virtual_size.height:
            self.cursor = bisect_right(self._starts, line_no) - 1

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
