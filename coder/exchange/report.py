"""The results report: quotes by tema → kodegruppe → code, ready for a results chapter,
with an optional short method appendix. One outline is built from the project, then
rendered as Markdown, HTML or DOCX. User text is escaped for each (Markdown and HTML show
it literally; none keeps characters XML cannot hold), and the file is written by
safe_write: whole or not at all."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from coder.core.errors import CoderError
from coder.exchange.safe_text import md_inline, xml_text
from coder.exchange.safe_write import check_target, write_atomically

FORMATS = ("md", "html", "docx")
INFORMANT = "informant"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass
class Quote:
    text: str
    document: str
    informant: str | None
    attributes: dict[str, str]

    def source_line(self) -> str:
        parts = [f"Informant {self.informant}" if self.informant else None, f"«{self.document}»"]
        parts += [f"{k}: {v}" for k, v in self.attributes.items() if k != INFORMANT and v]
        return " · ".join(p for p in parts if p)


@dataclass
class CodeSection:
    text: str
    quotes: list[Quote]


@dataclass
class GroupSection:
    title: str
    codes: list[CodeSection]


@dataclass
class ThemeSection:
    title: str
    groups: list[GroupSection]

    def summary(self) -> str:
        """How much stands behind the theme: quotes and the informants they come from."""
        quotes = [q for g in self.groups for c in g.codes for q in c.quotes]
        if quotes and all(q.informant for q in quotes):
            return f"{_n(len(quotes), 'quote')} from {_n(len({q.informant for q in quotes}), 'informant')}"
        return f"{_n(len(quotes), 'quote')} from {_n(len({q.document for q in quotes}), 'document')}"


@dataclass
class Outline:
    title: str
    themes: list[ThemeSection]
    appendix: list[tuple[str, str]] = field(default_factory=list)    # (label, value)


# ---- building the outline -----------------------------------------------------
def build_outline(project, method_appendix: bool = True) -> Outline:
    documents = {d.id: d for d in project.documents.list()}
    texts: dict[int, str] = {}
    quotes: dict[int, list[Quote]] = {}
    for c in project.codes.codings():
        if c.document_id not in texts:
            texts[c.document_id] = project.documents.text(c.document_id)
        doc = documents[c.document_id]
        quotes.setdefault(c.code_id, []).append(Quote(
            " ".join(texts[c.document_id][c.start:c.end].split()), doc.name,
            doc.attributes.get(INFORMANT), dict(doc.attributes)))
    codes = {c.id: c for c in project.codes.list()}
    groups = project.grouping.groups()

    def group_section(g) -> GroupSection:
        title = "Restgruppe" if g.is_rest else f"Gruppe {g.number}"
        return GroupSection(f"{title}: {g.name}" if g.name != title else title,
                            [CodeSection(codes[cid].text, quotes.get(cid, [])) for cid in g.code_ids])

    themes = [ThemeSection(f"Tema {t.number}: {t.name}",
                           [group_section(g) for g in groups if g.theme_id == t.id and not g.is_rest])
              for t in project.grouping.themes()]
    loose = [group_section(g) for g in groups if g.theme_id is None and not g.is_rest]
    if loose:
        themes.append(ThemeSection("Kodegrupper without a tema", loose))
    ungrouped = [CodeSection(codes[cid].text, quotes.get(cid, [])) for cid in project.grouping.ungrouped_code_ids()]
    if ungrouped:
        themes.append(ThemeSection("Codes not yet grouped", [GroupSection("Ungrouped codes", ungrouped)]))
    rest = [group_section(g) for g in groups if g.is_rest]
    if rest:
        themes.append(ThemeSection("Restgruppe (judged irrelevant)", rest))
    outline = Outline(f"Results: {project.path.stem}", themes)
    if method_appendix:
        outline.appendix = _appendix(project, documents, project.codes.codings())
    return outline


def _appendix(project, documents, codings) -> list[tuple[str, str]]:
    counts = project.counts()
    groups = project.grouping.groups()
    coders = sorted({c.coder for c in codings})
    imported = sorted(d.imported_at[:10] for d in documents.values())
    coded = sorted(c.created_at[:10] for c in codings)
    informants = {d.attributes.get(INFORMANT) for d in documents.values()} - {None}
    rows = [("Documents", str(counts.documents)),
            ("Informants", str(len(informants))),
            ("Codes", str(counts.codes)),
            ("Codings (quotes)", str(counts.codings)),
            ("Kodegrupper", f"{sum(not g.is_rest for g in groups)}"
                            f"{' + restgruppe' if any(g.is_rest for g in groups) else ''}"),
            ("Temaer", str(counts.themes)),
            ("Coders", f"{len(coders)}" + (f" ({', '.join(coders)})" if coders else ""))]
    if imported:
        rows.append(("Documents imported", _span(imported[0], imported[-1])))
    if coded:
        rows.append(("Coding done", _span(coded[0], coded[-1])))
    return rows


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


# ---- rendering ----------------------------------------------------------------
def write_report(project, path: str | Path, fmt: str, method_appendix: bool = True) -> Path:
    if fmt not in FORMATS:
        raise CoderError(f"{path}: unknown report format «{fmt}» (use {', '.join(FORMATS)})")
    path = Path(path)
    check_target(path)
    outline = build_outline(project, method_appendix)
    if fmt == "docx":
        # Into memory first: python-docx leaves its zip open (and writing) when a write fails.
        buf = io.BytesIO()
        _docx(outline).save(buf)
        return write_atomically(path, buf.getvalue())
    return write_atomically(path, (_markdown(outline) if fmt == "md" else _html(outline)).encode("utf-8"))


def _markdown(o: Outline) -> str:
    md = md_inline
    out = [f"# {md(o.title)}", ""]
    for theme in o.themes:
        out += [f"## {md(theme.title)}", "", f"_{theme.summary()}_", ""]
        for group in theme.groups:
            out += [f"### {md(group.title)}", ""]
            for code in group.codes:
                out += [f"#### {md(code.text)}", ""]
                if not code.quotes:
                    out += ["_No quotes yet._", ""]
                for q in code.quotes:
                    out += [f"> «{md(q.text)}»", ">", f"> — {md(q.source_line())}", ""]
    if o.appendix:
        out += ["## Method appendix", "", "| Measure | Value |", "|---|---|"]
        out += [f"| {md(label)} | {md(value)} |" for label, value in o.appendix]
        out.append("")
    return "\n".join(out)


_CSS = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
        "blockquote{margin:.6em 0 .2em 1.5em;font-style:italic}"
        ".source{margin:0 0 1em 1.5em;color:#555;font-size:.9em}"
        "table{border-collapse:collapse}td{border:1px solid #ccc;padding:.2em .6em}")


def _html(o: Outline) -> str:
    def e(text: str) -> str:
        return html.escape(xml_text(text))

    out = ["<!DOCTYPE html>", '<html lang="nb"><head><meta charset="utf-8">',
           f"<title>{e(o.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{e(o.title)}</h1>"]
    for theme in o.themes:
        out.append(f"<h2>{e(theme.title)}</h2><p><em>{e(theme.summary())}</em></p>")
        for group in theme.groups:
            out.append(f"<h3>{e(group.title)}</h3>")
            for code in group.codes:
                out.append(f"<h4>{e(code.text)}</h4>")
                if not code.quotes:
                    out.append("<p><em>No quotes yet.</em></p>")
                for q in code.quotes:
                    out.append(f"<blockquote>«{e(q.text)}»</blockquote>")
                    out.append(f'<p class="source">— {e(q.source_line())}</p>')
    if o.appendix:
        out.append("<h2>Method appendix</h2><table>")
        out += [f"<tr><td>{e(label)}</td><td>{e(value)}</td></tr>" for label, value in o.appendix]
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


class _DocxWriter:
    """Writes paragraphs as raw WordprocessingML straight before the body's section
    properties. python-docx's add_paragraph searches the body for them every time
    (quadratic), and its objects cost more than the XML itself on a report of
    thousands of quotes."""

    def __init__(self):
        from docx import Document as Docx
        from docx.oxml.ns import qn
        self.doc, self._qn = Docx(), qn
        self._end = self.doc.element.body.sectPr
        self._styles = {name: self.doc.styles[name].style_id
                        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Quote")}

    def add(self, text: str, style: str | None = None, italic: bool = False) -> None:
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


def _docx(o: Outline):
    """The report as a python-docx Document."""
    w = _DocxWriter()
    w.add(o.title, "Title")
    for theme in o.themes:
        w.add(theme.title, "Heading 1")
        w.add(theme.summary(), italic=True)
        for group in theme.groups:
            w.add(group.title, "Heading 2")
            for code in group.codes:
                w.add(code.text, "Heading 3")
                if not code.quotes:
                    w.add("No quotes yet.", italic=True)
                for q in code.quotes:
                    w.add(f"«{q.text}»", "Quote")
                    w.add(f"— {q.source_line()}", italic=True)
    if o.appendix:
        w.add("Method appendix", "Heading 1")
        table = w.doc.add_table(rows=0, cols=2)
        for label, value in o.appendix:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = xml_text(label), xml_text(value)
    return w.doc
