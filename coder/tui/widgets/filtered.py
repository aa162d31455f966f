"""What the documents and codes panes share: a filter box over a table of rows, each
row keyed by an id; choosing a row posts the pane's own `Chosen` message."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input


class FilteredPane(Vertical):
    """A pane with an Input filter, a DataTable and a `Chosen(id)` message; the pane
    provides `_fill()`, which redraws the rows that match the filter."""

    Chosen: Callable[[int], Message]

    def _fill(self) -> None:
        raise NotImplementedError

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))
