"""The side panes' table: a DataTable whose cell updates redraw only their own row.

DataTable.update_cell bumps the table-wide update count, which every render cache keys
on, so one changed count after a coding re-rendered every visible row of both panes
(40–100 ms at 100,000 codings). Here the changed row's cache entries are dropped instead."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey


class Table(DataTable[str]):
    def set_cell(self, row_key: str, column_key: ColumnKey, value: str) -> None:
        """update_cell for a value that keeps its column width, redrawing only its row."""
        key = RowKey(row_key)
        self._data[key][column_key] = value
        row = self._row_locations.get(key)
        for row_entry in [k for k in self._row_render_cache.keys() if k[0] == key]:
            self._row_render_cache.discard(row_entry)
        for cell_entry in [k for k in self._cell_render_cache.keys() if k[0] == key]:
            self._cell_render_cache.discard(cell_entry)
        for stale in [k for k in self._row_renderable_cache.keys() if k[1] == row]:
            self._row_renderable_cache.discard(stale)
        self._line_cache.clear()        # lines are cheap to join again from the row cache
        if row is not None:
            self.refresh_row(row)
