"""The documents pane: name, kind, share of text coded, codings; filtered as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from coder.core.models import Document
from coder.tui import strings as S


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
    return (query in row.document.name.casefold() or query in row.document.kind.casefold()
            or any(query in v for v in attrs.values()))


class DocumentList(Vertical):
    class Chosen(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocumentRow] = []
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield Label(S.DOCUMENTS, classes="pane-title")
        yield Input(placeholder=S.FILTER_DOCUMENTS, id="document-filter")
        table = DataTable(id="document-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(S.COL_NAME, S.COL_KIND, S.COL_CODED, S.COL_CODINGS)
        yield table

    def set_rows(self, rows: list[DocumentRow], current: int | None) -> None:
        self.rows, self.current = rows, current
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        query = self.query_one(Input).value
        table.clear()
        for row in self.rows:
            if matches(row, query):
                name = ("▸ " if row.document.id == self.current else "  ") + row.document.name
                table.add_row(name, row.document.kind, f"{row.coded_share:.0%}", str(row.codings),
                              key=str(row.document.id))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(int(event.row_key.value)))
