"""What the documents and codes panes share: a filter box over a table of rows, each
row keyed by an id; choosing a row posts the pane's own `Chosen` message. Typing in
the table filters it (the keys never reach the screen's own: `r` is a letter here);
Escape clears the filter, then leaves the pane."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input


class FilteredPane(Vertical):
    """A pane with an Input filter, a DataTable and a `Chosen(id)` message; the pane
    provides `_fill()`, which redraws the rows that match the filter."""

    Chosen: Callable[[int], Message]
    OWN_KEYS: frozenset[str] = frozenset()     # printable keys the pane binds itself

    class Leave(Message):
        """Escape with an empty filter: back to the reader."""

    def on_key(self, event: events.Key) -> None:
        field = self.query_one(Input)
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            if field.value:
                field.value = ""
                self.query_one(DataTable).focus()
            else:
                self.post_message(self.Leave())
            return
        if not self.query_one(DataTable).has_focus or not event.is_printable or event.key in self.OWN_KEYS:
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.insert_text_at_cursor(event.character or "")

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
