"""Page and table layout shared by the Word documents coder writes: A4 with 2.5 cm
margins (what a Norwegian thesis and its supervisor print on), table columns of set
widths that Word keeps (fixed layout, tcW on every cell, the grid to match), and a table
of contents as a TOC field that Word fills when the document opens."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(25)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def a4(doc) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def set_widths(table, shares: list[float]) -> None:
    """Give the table's columns these shares of the text width (fixed layout, so Word
    neither squeezes a column to nothing nor breaks words to fit a default grid)."""
    total = sum(shares)
    widths = [int(TEXT_WIDTH * s / total) for s in shares]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, width in zip(table.columns, widths):
        col.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def table_of_contents(doc, before, title: str) -> None:
    """A heading `title` and a TOC field (headings 1–3) put before the element `before`;
    Word fills it when the document opens (updateFields), LibreOffice on Update."""
    heading = doc.add_paragraph(title, style="TOC Heading" if _has(doc, "TOC Heading") else "Heading 1")._p
    p = OxmlElement("w:p")
    run = OxmlElement("w:r")
    for kind, text in (("begin", None), (None, 'TOC \\o "1-3" \\h \\z \\u'), ("separate", None), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
    p.append(run)
    before.addprevious(heading)            # moved from the end, where add_paragraph put it
    before.addprevious(p)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _has(doc, style: str) -> bool:
    return any(s.name == style for s in doc.styles)
