"""The codes pane: code text and number of codings, sorted by recent use, name or
count, filtered as you type. The nine most recently used codes carry their number key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from coder.core.models import Code
from coder.tui import strings as S

ORDERS = ("recent", "name", "count")


class CodeList(Vertical):
    BINDINGS = [Binding("o", "cycle_order", S.KEY_SORT)]

    class Chosen(Message):
        """Enter on a code: show its quotes."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.recent: list[Code] = []   # most recently used first, as the project gives them
        self.order = "recent"

    def compose(self) -> ComposeResult:
        yield Label(S.CODES, classes="pane-title")
        yield Input(placeholder=S.FILTER_CODES, id="code-filter")
        yield Label(S.SORT_LABEL.format(order=S.SORT_ORDERS[self.order]), id="code-order")
        table = DataTable(id="code-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(S.COL_KEY, S.COL_CODE, S.COL_COUNT)
        yield table

    def set_codes(self, recent: list[Code]) -> None:
        self.recent = recent
        self._fill()

    @property
    def highlighted_code_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def _sorted(self) -> list[Code]:
        if self.order == "name":
            return sorted(self.recent, key=lambda c: c.text.casefold())
        if self.order == "count":
            return sorted(self.recent, key=lambda c: (-c.codings, c.text.casefold()))
        return self.recent

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        query = self.query_one(Input).value.strip().casefold()
        keys = {code.id: str(i) for i, code in enumerate(self.recent[:9], 1)}
        row = table.cursor_row
        table.clear()
        for code in self._sorted():
            if not query or query in code.text.casefold():
                table.add_row(keys.get(code.id, ""), code.text, str(code.codings), key=str(code.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def action_cycle_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.query_one("#code-order", Label).update(S.SORT_LABEL.format(order=S.SORT_ORDERS[self.order]))
        self._fill()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))
