"""The codebook as a Word document: a heading per theme and group, and a table of the
group's codes (with descriptions and quote counts when asked).

python-docx builds a table cell by cell, which is slow for thousands of codes; rows
here are made once as XML and copied, which keeps a 5,000-code export well under a second.
"""

from __future__ import annotations

import copy
import io

from coder.exchange.codebook_view import CodebookView, group_title, theme_title
from coder.exchange.outline import TITLE


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=2, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    template = table.rows[1]._tr
    for cell in table.rows[1].cells:
        cell.text = "x"      # gives every cell of the template a run to fill
    tbl = template.getparent()
    tbl.remove(template)
    for values in rows:
        tr = copy.deepcopy(template)
        for tc, value in zip(tr.iterchildren("{*}tc"), values):
            next(tc.iter("{*}t")).text = value
        tbl.append(tr)


def codebook_docx(view: CodebookView, descriptions: bool = False, counts: bool = False) -> bytes:
    import docx
    doc = docx.Document()
    doc.add_heading(TITLE, level=0)
    header = ["Code"] + (["Description"] if descriptions else []) + (["Quotes"] if counts else [])

    def code_table(codes) -> None:
        if not codes:
            return
        _table(doc, header, [[c.text] + ([c.description or ""] if descriptions else [])
                             + ([str(c.codings)] if counts else []) for c in codes])

    def group(gv, level: int) -> None:
        tail = f" ({len(gv.codes)} codes, {gv.quotes} quotes)" if counts else ""
        doc.add_heading(group_title(gv.group) + tail, level=level)
        if gv.group.memo:
            doc.add_paragraph(gv.group.memo)
        code_table(gv.codes)

    if view.codes:
        doc.add_heading("Ungrouped codes", level=1)
        code_table(view.codes)
    for gv in view.groups:
        group(gv, 1)
    for tv in view.themes:
        doc.add_heading(theme_title(tv.theme) + (f" ({tv.quotes} quotes)" if counts else ""), level=1)
        if tv.theme.memo:
            doc.add_paragraph(tv.theme.memo)
        for gv in tv.groups:
            group(gv, 2)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
