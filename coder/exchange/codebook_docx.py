"""The codebook as a Word document: a heading per theme and group, and a table of the
group's codes (with descriptions and quote counts when asked).

python-docx looks styles up anew for every heading and builds tables cell by cell,
which takes seconds for thousands of codes. So each kind of block (title, heading
levels, paragraph, table, table row) is made once with python-docx as a template and
then copied as XML with its text filled in: the same document, well under a second.
Text goes in without the characters Word's XML cannot hold (safe_text.xml_text).
"""

from __future__ import annotations

import copy
import io

from coder.exchange.codebook_view import CodebookView, group_title, theme_title
from coder.exchange.outline import TITLE
from coder.exchange.safe_text import xml_text


class _Builder:
    def __init__(self, header: list[str]):
        import docx
        self.doc = docx.Document()
        self.body = self.doc.element.body
        d = self.doc
        self.blocks = {"title": d.add_heading("x", level=0)._p, 1: d.add_heading("x", level=1)._p,
                       2: d.add_heading("x", level=2)._p, "para": d.add_paragraph("x")._p}
        table = d.add_table(rows=2, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for cell in table.rows[1].cells:
            cell.text = "x"
        self.row = table.rows[1]._tr
        self.row.getparent().remove(self.row)
        self.blocks["table"] = table._tbl
        for el in self.blocks.values():
            self.body.remove(el)

    def _add(self, kind, text: str | None = None):
        el = copy.deepcopy(self.blocks[kind])
        if text is not None:
            next(el.iter("{*}t")).text = xml_text(text)
        self.body.sectPr.addprevious(el)
        return el

    def heading(self, level, text: str) -> None:
        self._add(level, text)

    def paragraph(self, text: str) -> None:
        self._add("para", text)

    def table(self, rows: list[list[str]]) -> None:
        tbl = self._add("table")
        for values in rows:
            tr = copy.deepcopy(self.row)
            for tc, value in zip(tr.iterchildren("{*}tc"), values):
                next(tc.iter("{*}t")).text = xml_text(value)
            tbl.append(tr)

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def codebook_docx(view: CodebookView, descriptions: bool = False, counts: bool = False) -> bytes:
    header = ["Code"] + (["Description"] if descriptions else []) + (["Quotes"] if counts else [])
    b = _Builder(header)
    b.heading("title", TITLE)

    def code_table(codes) -> None:
        if codes:
            b.table([[c.text] + ([c.description or ""] if descriptions else [])
                     + ([str(c.codings)] if counts else []) for c in codes])

    def group(gv, level: int) -> None:
        tail = f" ({len(gv.codes)} codes, {gv.quotes} quotes)" if counts else ""
        b.heading(level, group_title(gv.group) + tail)
        if gv.group.memo:
            b.paragraph(gv.group.memo)
        code_table(gv.codes)

    if view.codes:
        b.heading(1, "Ungrouped codes")
        code_table(view.codes)
    for gv in view.groups:
        group(gv, 1)
    for tv in view.themes:
        b.heading(1, theme_title(tv.theme) + (f" ({tv.quotes} quotes)" if counts else ""))
        if tv.theme.memo:
            b.paragraph(tv.theme.memo)
        for gv in tv.groups:
            group(gv, 2)
    return b.save()
