"""The codes pane: code text and number of codings, sorted by recent use, name or
count, filtered as you type. The codes on the number keys 1–9 carry their key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from coder.core.models import Code
from coder.tui import strings as S
from coder.tui.keymap import with_ids
from coder.tui.widgets.filtered import FilteredPane
from coder.tui.widgets.table import Table

ORDERS = ("recent", "name", "count")
SHOWN = 200          # rows drawn; more are reached by typing a filter (keeps the pane instant)
MOVED = 6            # rows in or out of the shown ones that are still moved, not refilled
CODE_WIDTH = 60      # the pane shows what fits; the status line and the palette show it whole


class CodeList(FilteredPane):
    BINDINGS = with_ids("codes", [Binding("o", "cycle_order", S.msgid.KEY_SORT)])
    OWN_KEYS = frozenset({"o"})

    class Chosen(Message):
        """Enter on a code: show its quotes."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.recent: list[Code] = []   # most recently used first, as the project gives them
        self.order = "recent"
        self._shown: list[str] = []    # row keys in the table, in order
        self._cells: dict[str, tuple[str, str, str]] = {}
        self.slots: dict[int, int] = {}    # code id → its number key

    def compose(self) -> ComposeResult:
        yield Label(S.CODES, classes="pane-title")
        yield Input(placeholder=S.FILTER_CODES, id="code-filter", select_on_focus=False)
        yield Label(S.SORT_LABEL.format(order=S.SORT_ORDERS[self.order]), id="code-order")
        table = Table(id="code-table", cursor_type="row", zebra_stripes=True)
        # Fixed widths: auto-sized columns measure every row, slow with thousands of codes.
        table.add_column(S.COL_KEY, width=1)
        self._code_column = table.add_column(S.COL_CODE, width=CODE_WIDTH)
        table.add_column(S.COL_COUNT, width=4)
        yield table

    def set_codes(self, recent: list[Code], slots: dict[int, int]) -> None:
        self.recent, self.slots = recent, slots
        self._fill()

    @property
    def highlighted_code_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return None if key.value is None else int(key.value)

    def _sorted(self) -> list[Code]:
        if self.order == "name":
            return sorted(self.recent, key=lambda c: c.text.casefold())
        if self.order == "count":
            return sorted(self.recent, key=lambda c: (-c.codings, c.text.casefold()))
        return self.recent

    def _fill(self) -> None:
        table = self.query_one(Table)
        query = self.query_one(Input).value.strip().casefold()
        keys = {code_id: str(n) for code_id, n in self.slots.items()}
        matching = [c for c in self._sorted() if not query or query in c.text.casefold()]
        rows = {str(c.id): (keys.get(c.id, ""), c.text, str(c.codings)) for c in matching[:SHOWN]}
        if list(rows) == self._shown:
            self._update_cells(table, rows)      # same rows in the same order: only values changed
        elif self._shown and len(set(rows) ^ set(self._shown)) <= MOVED:
            self._reorder(table, rows)           # after a coding: a code or two moved
        else:
            row = table.cursor_row
            table.clear()
            for key, cells in rows.items():
                table.add_row(*cells, key=key)
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))
        self._shown, self._cells = list(rows), rows
        hidden = len(matching) - SHOWN
        self.query_one("#code-order", Label).update(
            S.SORT_LABEL.format(order=S.SORT_ORDERS[self.order])
            + (S.more_rows(hidden) if hidden > 0 else ""))

    def _reorder(self, table: Table, rows: dict[str, tuple[str, str, str]]) -> None:
        """Drop and add the few rows that changed, then sort: far cheaper than a refill."""
        for key in set(self._shown) - set(rows):
            table.remove_row(key)
            del self._cells[key]
        for key in rows.keys() - self._cells.keys():
            table.add_row(*rows[key], key=key)
            self._cells[key] = rows[key]
        self._update_cells(table, rows)
        place = {cells[1]: i for i, cells in enumerate(rows.values())}     # code texts are unique
        table.sort(self._code_column, key=lambda text: place[text])

    def _update_cells(self, table: Table, rows: dict[str, tuple[str, str, str]]) -> None:
        columns = list(table.columns)
        for key, cells in rows.items():
            old = self._cells.get(key)
            for column, value, before in zip(columns, cells, old or (None,) * len(cells)):
                if value != before:
                    table.set_cell(key, column, value)

    def action_cycle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self._fill()
