"""The documents pane: name, kind, share of text coded, codings; filtered as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label

from coder.core.models import Document, kind_name
from coder.tui import strings as S
from coder.tui.widgets.filtered import FilteredPane
from coder.tui.widgets.table import Table


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    coded_share: float      # 0..1 of the text covered by at least one coding
    codings: int


def matches(row: DocumentRow, query: str) -> bool:
    """Name or attribute value contains the query; `key=value` matches one attribute."""
    query = query.strip().casefold()
    if not query:
        return True
    attrs = {k.casefold(): (v or "").casefold() for k, v in row.document.attributes.items()}
    if "=" in query:
        key, _, value = (part.strip() for part in query.partition("="))
        return value in attrs.get(key, "\0")
    return (query in row.document.name.casefold() or query in kind_name(row.document.kind).casefold()
            or any(query in v for v in attrs.values()))


class DocumentList(FilteredPane):
    class Chosen(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocumentRow] = []
        self.current: int | None = None
        self._shown: list[str] = []
        self._cells: dict[str, tuple[str, ...]] = {}

    def compose(self) -> ComposeResult:
        yield Label(S.DOCUMENTS, classes="pane-title")
        yield Input(placeholder=S.FILTER_DOCUMENTS, id="document-filter", select_on_focus=False)
        table = Table(id="document-table", cursor_type="row", zebra_stripes=True)
        # Fixed widths: auto-sized columns measure every row, slow with many documents.
        for label, width in ((S.COL_NAME, 14), (S.COL_KIND, 9), (S.COL_CODED, 5), (S.COL_CODINGS, 4)):
            table.add_column(label, width=width)
        yield table

    def set_rows(self, rows: list[DocumentRow], current: int | None) -> None:
        self.rows, self.current = rows, current
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(Table)
        query = self.query_one(Input).value
        rows: dict[str, tuple[str, ...]] = {}
        for row in self.rows:
            if matches(row, query):
                name = ("▸ " if row.document.id == self.current else "  ") + row.document.name
                share = "<1%" if 0 < row.coded_share < 0.005 else f"{row.coded_share:.0%}"
                rows[str(row.document.id)] = (name, kind_name(row.document.kind), share, str(row.codings))
        if list(rows) == self._shown:     # same rows: change only the cells that differ
            columns = list(table.columns)
            for key, cells in rows.items():
                for column, value, before in zip(columns, cells, self._cells[key]):
                    if value != before:
                        table.set_cell(key, column, value)
        else:
            table.clear()
            for key, cells in rows.items():
                table.add_row(*cells, key=key)
        self._shown, self._cells = list(rows), rows
