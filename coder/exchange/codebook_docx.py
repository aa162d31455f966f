"""The codebook as a Word document (A4): a heading per theme and group with its memo and
concepts, and a table of the group's codes — code, then the columns that have something
to say (description when asked and written, memo, kodetest, quotes when asked), their
widths set so that codes do not break mid-word; the concepts at the end.

python-docx looks styles up anew for every heading and builds tables cell by cell,
which takes seconds for thousands of codes. So each kind of block (heading levels,
paragraph, table row) is made once with python-docx as a template and then copied as XML
with its text filled in. Text goes in without the characters Word's XML cannot hold
(safe_text.xml_text).
"""

from __future__ import annotations

import copy
import io

from coder.exchange.codebook_view import CodebookDetails, CodebookView, group_title, theme_title
from coder.exchange.docx_layout import a4, set_widths
from coder.exchange.outline import TITLE
from coder.exchange.safe_text import xml_text
from coder.i18n import _, ngettext

# Relative widths: the code's words are what the table is for.
_SHARES = {"code": 5.0, "description": 4.0, "memo": 4.0, "test": 3.0, "quotes": 1.2}


class _Builder:
    def __init__(self, header: list[tuple[str, str]]):
        import docx
        self.doc = docx.Document()
        a4(self.doc)
        self.body = self.doc.element.body
        d = self.doc
        self.blocks = {"title": d.add_heading("x", level=0)._p, 1: d.add_heading("x", level=1)._p,
                       2: d.add_heading("x", level=2)._p, "para": d.add_paragraph("x")._p}
        table = d.add_table(rows=2, cols=len(header))
        table.style = "Table Grid"
        for cell, (_key, text) in zip(table.rows[0].cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for cell in table.rows[1].cells:
            cell.text = "x"
        set_widths(table, [_SHARES[key] for key, _text in header])
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


def _columns(view: CodebookView, details: CodebookDetails, descriptions: bool, counts: bool) -> list[tuple[str, str]]:
    """The columns with something in them: no empty Description or Memo column."""
    codes = [code for _t, _g, code in view.rows()]
    cols = [("code", _("Code"))]
    if descriptions and any(c.description for c in codes):
        cols.append(("description", _("Description")))
    if any(c.memo for c in codes):
        cols.append(("memo", _("Memo")))
    if any(details.code_verdicts.get(c.id) for c in codes):
        cols.append(("test", _("Code test")))
    if counts:
        cols.append(("quotes", _("Quotes")))
    return cols


def codebook_docx(view: CodebookView, details: CodebookDetails, descriptions: bool = False,
                  counts: bool = False) -> bytes:
    from coder.exchange.codebook_export import concepts_of, verdicts_text
    cols = _columns(view, details, descriptions, counts)
    b = _Builder(cols)
    b.heading("title", TITLE)
    in_concepts = concepts_of(details)

    def cell(code, key: str) -> str:
        return {"code": code.text, "description": code.description or "", "memo": code.memo or "",
                "test": verdicts_text(details.code_questions, details.code_verdicts.get(code.id, {})),
                "quotes": str(code.codings)}[key]

    def code_table(codes) -> None:
        if codes:
            b.table([[cell(c, key) for key, _label in cols] for c in codes])

    def group(gv, level: int) -> None:
        tail = (" (" + ngettext("{n} code", "{n} codes", len(gv.codes)).format(n=len(gv.codes)) + ", "
                + ngettext("{n} quote", "{n} quotes", gv.quotes).format(n=gv.quotes) + ")") if counts else ""
        b.heading(level, group_title(gv.group) + tail)
        if gv.group.memo:
            b.paragraph(gv.group.memo)
        concepts = in_concepts.get(group_title(gv.group))
        if concepts:
            b.paragraph(_("Concepts") + ": " + ", ".join(concepts))
        code_table(gv.codes)

    if view.codes:
        b.heading(1, _("Ungrouped codes"))
        code_table(view.codes)
    for gv in view.groups:
        group(gv, 1)
    for tv in view.themes:
        tail = " (" + ngettext("{n} quote", "{n} quotes", tv.quotes).format(n=tv.quotes) + ")" if counts else ""
        b.heading(1, theme_title(tv.theme) + tail)
        if tv.theme.memo:
            b.paragraph(tv.theme.memo)
        for gv in tv.groups:
            group(gv, 2)
    if details.concepts:
        b.heading(1, _("Concepts"))
        for c in details.concepts:
            b.heading(2, c.name)
            b.paragraph(_("Groups") + ": " + ", ".join(c.groups))
            if c.memo:
                b.paragraph(c.memo)
            verdicts = verdicts_text(details.concept_questions, details.concept_verdicts.get(c.id, {}))
            if verdicts:
                b.paragraph(_("Concept test") + ": " + verdicts)
    return b.save()
