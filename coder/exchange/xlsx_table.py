"""Write plain tables as an .xlsx workbook: one sheet per table, inline strings, the header
row bold and frozen, columns as wide as their text (within reason).

openpyxl spends ~40 µs per cell, over a second for a 5,000-code codebook; a table
needs none of its machinery, so the five XML parts of a minimal workbook are written
directly. openpyxl, Excel and LibreOffice read the result.

Text that a spreadsheet would take for a formula if typed in (a leading "=", "-", …) is
kept as it is but given the quote-prefix style: Excel shows it as text and keeps it text
when the cell is edited, and a reader gets the text back unchanged.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from coder.exchange.safe_text import starts_like_formula, xml_text

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '{sheets}<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    '</Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '{sheets}<Relationship Id="rIdStyles" Target="styles.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
    '</Relationships>')
_SHEET_REL = ('<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets>{sheets}</sheets></workbook>')
_SHEET = '<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
# The least a stylesheet needs for Excel; cell style 1 is the quote prefix, 2 the bold header.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def _column(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value, bold: bool = False) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = xml_text(str(value))
    if not text:
        return ""
    style = ' s="2"' if bold else ' s="1"' if starts_like_formula(text) else ""
    text = escape(text, {"\r": "&#13;"})     # a bare CR would be read back as LF
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


_MAX_WIDTH = 60          # characters: longer text wraps in the reader's eye, not off the screen


def _widths(header: list[str], rows: list[list]) -> list[float]:
    """Each column as wide as its longest line (the header's a little wider: bold)."""
    widest = [len(str(h)) * 1.2 for h in header]
    for row in rows:
        for i, value in enumerate(row[:len(header)]):
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widest[i] = max(widest[i], longest)
    return [min(_MAX_WIDTH, w + 2) for w in widest]


def xlsx_bytes(sheet_name: str, header: list[str], rows: list[list]) -> bytes:
    return xlsx_sheets_bytes([(sheet_name, header, rows)])


def xlsx_sheets_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook of one sheet per (name, header, rows), in that order."""
    numbers = range(1, len(sheets) + 1)
    names = [escape(xml_text(name), {'"': "&quot;"}) for name, _h, _r in sheets]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        types = "".join(_SHEET_TYPE.format(n=n) for n in numbers)
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(
            sheets="".join(_SHEET.format(name=name, n=n) for name, n in zip(names, numbers))))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(
            sheets="".join(_SHEET_REL.format(n=n) for n in numbers)))
        z.writestr("xl/styles.xml", _STYLES)
        for n, (_name, header, rows) in zip(numbers, sheets):
            z.writestr(f"xl/worksheets/sheet{n}.xml", _sheet(header, rows))
    return buf.getvalue()


def _sheet(header: list[str], rows: list[list]) -> str:
    cols = [_column(i) for i in range(len(header))]
    widths = "".join(f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
                     for i, w in enumerate(_widths(header, rows), start=1))
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
             'state="frozen"/></sheetView></sheetViews>'
             f'{"<cols>" + widths + "</cols>" if widths else ""}<sheetData>']
    for r, row in enumerate([header, *rows], start=1):
        cells = "".join(_cell(f"{c}{r}", v, bold=r == 1) for c, v in zip(cols, row))
        parts.append(f'<row r="{r}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts)
