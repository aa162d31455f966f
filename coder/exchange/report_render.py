"""A report as a list of blocks (headings, paragraphs, quotes, tables, pictures), written
as Markdown, HTML or Word. The results report (report.py) and the quote bank
(quote_bank.py) build blocks; this module alone knows the formats.

HTML and Word get a table of contents (HTML: links to the headings; Word: a TOC field that
Word fills on opening) and the pictures (HTML: PNG inline as data, Word: in the page
width); Markdown, a text to paste from, leaves the pictures out. Word pages are A4. User
text is escaped for each format (Markdown and HTML show it literally; none keeps the
characters XML cannot hold), and the file is written by safe_write: whole or not at all.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from coder.exchange.safe_text import md_inline, xml_text
from coder.exchange.safe_write import write_atomically
from coder.i18n import _, language

FORMATS = ("md", "html", "docx")


@dataclass(frozen=True)
class Heading:
    level: int                    # 1 = a chapter of the report; the title is the Report's
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class QuoteBlock:
    text: str
    source: str


@dataclass(frozen=True)
class Table:
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Picture:
    png: bytes
    caption: str


Block = Heading | Para | QuoteBlock | Table | Picture


@dataclass
class Report:
    title: str
    blocks: list[Block] = field(default_factory=list)
    contents: bool = True         # a table of contents (HTML, Word)


def write(report: Report, path: Path, fmt: str) -> Path:
    if fmt == "docx":
        return write_atomically(path, docx_bytes(report))
    return write_atomically(path, (markdown(report) if fmt == "md" else to_html(report)).encode("utf-8"))


# ---- Markdown ----------------------------------------------------------------------------
def markdown(r: Report) -> str:
    md = md_inline
    out = [f"# {md(r.title)}", ""]
    for b in r.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * (b.level + 1)} {md(b.text)}", ""]
        elif isinstance(b, Para):
            out += [f"_{md(b.text)}_" if b.italic else md(b.text), ""]
        elif isinstance(b, QuoteBlock):
            out += [f"> «{md(b.text)}»", ">", f"> — {md(b.source)}", ""]
        elif isinstance(b, Table):
            out += ["| " + _("Measure") + " | " + _("Value") + " |", "|---|---|"]
            out += [f"| {md(a)} | {md(v)} |" for a, v in b.rows]
            out.append("")
    return "\n".join(out)


# ---- HTML --------------------------------------------------------------------------------
_CSS = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
        "blockquote{margin:.6em 0 .2em 1.5em;font-style:italic}"
        ".source{margin:0 0 1em 1.5em;color:#555;font-size:.9em}"
        "nav ul{list-style:none;padding-left:0}nav li.l2{padding-left:1.5em}nav li.l3{padding-left:3em}"
        "figure{margin:1em 0}figure img{max-width:100%}figcaption{font-size:.9em;color:#555}"
        "table{border-collapse:collapse}td{border:1px solid #ccc;padding:.2em .6em}")


def _e(text: str) -> str:
    return html.escape(xml_text(text))


def to_html(r: Report) -> str:
    out = ["<!DOCTYPE html>", f'<html lang="{language()}"><head><meta charset="utf-8">',
           f"<title>{_e(r.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{_e(r.title)}</h1>"]
    headings = [(i, b) for i, b in enumerate(r.blocks) if isinstance(b, Heading)]
    if r.contents and headings:
        out.append(f'<nav><h2>{_e(_("Contents"))}</h2><ul>')
        out += [f'<li class="l{b.level}"><a href="#s{i}">{_e(b.text)}</a></li>' for i, b in headings if b.level <= 3]
        out.append("</ul></nav>")
    for i, b in enumerate(r.blocks):
        if isinstance(b, Heading):
            level = min(b.level + 1, 6)
            out.append(f'<h{level} id="s{i}">{_e(b.text)}</h{level}>')
        elif isinstance(b, Para):
            out.append(f"<p><em>{_e(b.text)}</em></p>" if b.italic else f"<p>{_e(b.text)}</p>")
        elif isinstance(b, QuoteBlock):
            out.append(f"<blockquote>«{_e(b.text)}»</blockquote>")
            out.append(f'<p class="source">— {_e(b.source)}</p>')
        elif isinstance(b, Table):
            out.append("<table>")
            out += [f"<tr><td>{_e(a)}</td><td>{_e(v)}</td></tr>" for a, v in b.rows]
            out.append("</table>")
        elif isinstance(b, Picture):
            data = base64.b64encode(b.png).decode("ascii")
            out.append(f'<figure><img src="data:image/png;base64,{data}" alt="{_e(b.caption)}">'
                       f"<figcaption>{_e(b.caption)}</figcaption></figure>")
    out.append("</body></html>")
    return "\n".join(out)


# ---- Word --------------------------------------------------------------------------------
class _DocxWriter:
    """Writes paragraphs as raw WordprocessingML straight before the body's section
    properties. python-docx's add_paragraph searches the body for them every time
    (quadratic), and its objects cost more than the XML itself on a report of
    thousands of quotes."""

    def __init__(self):
        from docx import Document as Docx
        from docx.oxml.ns import qn

        from coder.exchange.docx_layout import a4
        self.doc, self._qn = Docx(), qn
        a4(self.doc)
        self._end = self.doc.element.body.sectPr
        self._styles = {name: self.doc.styles[name].style_id
                        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Quote", "Caption")}

    def add(self, text: str, style: str | None = None, italic: bool = False):
        from lxml import etree
        qn = self._qn
        p = etree.Element(qn("w:p"))
        if style:
            etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), self._styles[style])
        run = etree.SubElement(p, qn("w:r"))
        if italic:
            etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:i"))
        t = etree.SubElement(run, qn("w:t"))
        t.text = xml_text(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self._end.addprevious(p)
        return p


def docx_bytes(r: Report) -> bytes:
    from coder.exchange.docx_layout import TEXT_WIDTH, set_widths, table_of_contents
    w = _DocxWriter()
    title = w.add(r.title, "Title")
    for b in r.blocks:
        if isinstance(b, Heading):
            w.add(b.text, f"Heading {min(b.level, 4)}")
        elif isinstance(b, Para):
            w.add(b.text, italic=b.italic)
        elif isinstance(b, QuoteBlock):
            w.add(f"«{b.text}»", "Quote")
            w.add(f"— {b.source}", italic=True)
        elif isinstance(b, Table):
            table = w.doc.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for a, v in b.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = xml_text(a), xml_text(v)
            set_widths(table, [2, 3])
        elif isinstance(b, Picture):
            w.doc.add_picture(io.BytesIO(b.png), width=TEXT_WIDTH)
            w.add(b.caption, "Caption")
    if r.contents and any(isinstance(b, Heading) for b in r.blocks):
        table_of_contents(w.doc, title.getnext(), _("Contents"))
    # Into memory first: python-docx leaves its zip open (and writing) when a write fails.
    buf = io.BytesIO()
    w.doc.save(buf)
    return buf.getvalue()
