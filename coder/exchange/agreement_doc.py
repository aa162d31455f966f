"""The coding-comparison report, for the method chapter of a thesis: how the coders'
agreement was measured (who, which documents and why, the unit, the level, the figures)
and the table behind it. One outline, rendered as Markdown, HTML or DOCX (A4) with user
text escaped as coder/exchange/report.py does, written whole or not at all."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

from coder.analysis.agreement import AgreementReport
from coder.core.errors import CoderError
from coder.exchange.agreement_table import (
    ALL_DOCUMENTS,
    LEVEL_NAMES,
    count_columns,
    count_values,
    fmt_figure,
    fmt_percent,
    ordered_rows,
)
from coder.exchange.report import FORMATS
from coder.exchange.safe_text import md_inline, xml_text
from coder.exchange.safe_write import check_target, write_atomically
from coder.i18n import N_, _, language

COUNTS_EXPLAINED = {
    2: N_("both: units both coders coded with the item; only A / only B: units one coder coded and the "
          "other did not; neither: units neither coded with it."),
    3: N_("all: units every coder coded with the item; only X: units that coder alone coded; some: "
          "units more than one but not every coder coded; none: units no coder coded with it."),
}


@dataclass
class Comparison:
    title: str
    paragraphs: list[str]
    header: list[str]
    rows: list[list[str]]
    notes: list[str]


def _and(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]


def build(project, report: AgreementReport) -> Comparison:
    coders, level = report.coders, _(LEVEL_NAMES[report.level])
    codings = project.codes.codings(coders=coders)
    per_coder = ", ".join(f"{c} {sum(k.coder == c for k in codings)}" for c in coders)
    not_compared = (" " + _("Not compared: {n}.").format(n=len(report.left_out))) if report.left_out else ""
    paragraphs = [
        _("The codings of {n} coders ({names}) were compared per {level}. Codings in the project per coder: "
          "{per_coder}.").format(n=len(coders), names=_and(coders), level=level, per_coder=per_coder),
        _("Documents compared: {n}, {rule}.").format(n=len(report.documents), rule=report.documents_rule)
        + not_compared,
        _("Unit: {unit} — {definition}. Each coder gives each unit the value 1 (coded with the item) or 0.").format(
            unit=report.unit, definition=report.unit_definition),
        _("Figures: percentage agreement (units on which all coders give the same value), {kappa} and "
          "Krippendorff's alpha (nominal). A dash marks a figure that is undefined because the values do "
          "not vary.").format(kappa=report.kappa_name),
        _("Counts: {explained}").format(explained=_(COUNTS_EXPLAINED[min(len(coders), 3)])),
    ]
    if report.level != "code":
        paragraphs.append(_("At the {level} level a coder's codings count for the {level} their code belongs "
                            "to, so two coders who used different codes of one {level} agree on it.").format(
                                level=level))
    header = [level, _("document"), _("units"), *count_columns(coders), _("agreement"), report.kappa_name, "alpha"]
    rows = [[r.item, r.document or _(ALL_DOCUMENTS), f"{r.units:,}", *[f"{v:,}" for v in count_values(r, coders)],
             fmt_percent(r.agreement), fmt_figure(r.kappa), fmt_figure(r.alpha)] for r in ordered_rows(report)]
    if not report.by_document:
        header.pop(1)
        for row in rows:
            row.pop(1)
    notes = [_("Not compared: {name} ({why}).").format(name=name, why=why) for name, why in report.left_out]
    notes += [f"{n}." for n in report.notes]
    return Comparison(_("Coding comparison: {project}").format(project=project.path.stem), paragraphs, header,
                      rows, notes)


def write_comparison(project, report: AgreementReport, path: str | Path, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise CoderError(_("{path}: unknown report format «{fmt}» (use {formats})").format(
            path=path, fmt=fmt, formats=", ".join(FORMATS)))
    check_target(Path(path))
    c = build(project, report)
    if fmt == "docx":
        buf = io.BytesIO()          # into memory first: python-docx leaves a failed zip open
        _docx(c).save(buf)
        return write_atomically(path, buf.getvalue())
    return write_atomically(path, (_markdown(c) if fmt == "md" else _html(c)).encode("utf-8"))


def _markdown(c: Comparison) -> str:
    md = md_inline
    out = [f"# {md(c.title)}", "", *[line for p in c.paragraphs for line in (md(p), "")]]
    out += ["| " + " | ".join(md(h) for h in c.header) + " |", "|" + "---|" * len(c.header)]
    out += ["| " + " | ".join(md(v) for v in row) + " |" for row in c.rows]
    out.append("")
    out += [line for n in c.notes for line in (md(n), "")]
    return "\n".join(out)


_CSS = ("body{font-family:Georgia,serif;max-width:60em;margin:2em auto;line-height:1.45}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
        "td.n{text-align:right}")


def _html(c: Comparison) -> str:
    def e(text: str) -> str:
        return html.escape(xml_text(text))

    out = ["<!DOCTYPE html>", f'<html lang="{language()}"><head><meta charset="utf-8">',
           f"<title>{e(c.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{e(c.title)}</h1>"]
    out += [f"<p>{e(p)}</p>" for p in c.paragraphs]
    out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in c.header) + "</tr>")
    lead = 2 if c.header[1] == _("document") else 1     # then the figures, right-aligned
    for row in c.rows:
        cells = [f"<td>{e(v)}</td>" for v in row[:lead]] + [f'<td class="n">{e(v)}</td>' for v in row[lead:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    out += [f"<p>{e(n)}</p>" for n in c.notes]
    out.append("</body></html>")
    return "\n".join(out)


def _docx(c: Comparison):
    from docx import Document as Docx
    from docx.shared import Mm, Pt
    doc = Docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)          # A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(25)
    doc.add_heading(xml_text(c.title), level=1)
    for p in c.paragraphs:
        doc.add_paragraph(xml_text(p))
    table = doc.add_table(rows=2, cols=len(c.header))
    table.style = "Table Grid"
    for row, bold in ((table.rows[0], True), (table.rows[1], False)):
        for cell in row.cells:
            run = cell.paragraphs[0].add_run("-")     # every cell gets its w:t, even for ""
            run.bold, run.font.size = bold, Pt(8)
    _set_texts(table.rows[0]._tr, c.header)
    _set_texts(table.rows[1]._tr, c.rows[0])
    _add_rows(table, c.rows[1:])
    for n in c.notes:
        doc.add_paragraph(xml_text(n))
    return doc


def _add_rows(table, rows: list[list[str]]) -> None:
    """Copies of the table's last row with new texts: python-docx's add_row and cell.text
    take seconds for the thousands of rows a per-document comparison has."""
    import copy
    template = table.rows[-1]._tr
    body = template.getparent()
    for row in rows:
        tr = copy.deepcopy(template)
        _set_texts(tr, row)
        body.append(tr)


def _set_texts(tr, texts: list[str]) -> None:
    from docx.oxml.ns import qn
    for t, text in zip(tr.iter(qn("w:t")), texts):
        t.text = xml_text(text)
