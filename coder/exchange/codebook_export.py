"""Write a project's codebook: Markdown outline, CSV, XLSX, JSON, DOCX, REFI-QDA .qdc, or
a CSV that Taguette imports.

    export_codebook(project, path, fmt, descriptions=False, counts=False, alphabetical=False)
        -> number of codes

Every format is built from one `CodebookView` (codebook_view.py) and its details, so all
of them show the same tree in the same order (the researcher's; `alphabetical` sorts
codes by Norwegian collation) and carry the same things: groups with their numbers,
themes, the restgruppe marked, concepts with their groups, kodetest and konsepttest
verdicts, memos on codes, groups and themes (and on codings, in json and xlsx). Headings
and column names are in the current language (coder.i18n.using picks another). The file
is written by safe_write, so a failed export never leaves half a file or harms the one
it was to replace; user text is made safe for each format by safe_text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coder.core.errors import CoderError
from coder.exchange.codebook_view import (
    CodebookDetails,
    CodebookView,
    codebook_details,
    codebook_view,
    group_title,
    theme_title,
)
from coder.exchange.safe_text import csv_cell
from coder.exchange.safe_write import check_target, write_atomically
from coder.i18n import N_, _

FORMATS = ("md", "csv", "xlsx", "json", "docx", "qdc", "taguette")
# Column names (translated where shown); the import reads them in either language.
COLUMNS = [N_("theme"), N_("group"), N_("code"), N_("description"), N_("colour"), N_("quotes"),
           N_("memo"), N_("code test"), N_("concepts"), N_("group memo"), N_("theme memo")]
CONCEPT_COLUMNS = [N_("concept"), N_("groups"), N_("memo"), N_("concept test")]
CODING_MEMO_COLUMNS = [N_("code"), N_("document"), N_("coder"), N_("start"), N_("end"), N_("memo")]
VERDICTS = {"passed": N_("passed"), "failed": N_("failed"), "unchecked": N_("not checked")}


def export_codebook(project, path: Path, fmt: str, descriptions: bool = False, counts: bool = False,
                    alphabetical: bool = False) -> int:
    path = Path(path)
    if fmt not in FORMATS:
        raise CoderError(_("{path}: unknown codebook format «{fmt}» (use {formats})").format(
            path=path, fmt=fmt, formats=", ".join(FORMATS)))
    check_target(path)
    c = project.counts()
    if not (c.codes or c.groups or c.themes):   # checked first: reading GUIDs may write the project uuid
        raise CoderError(_("{path}: the codebook is empty: nothing to export").format(path=project.path))
    view = codebook_view(project, with_guids=fmt in ("qdc", "json"), alphabetical=alphabetical)
    data = _WRITERS[fmt](view, codebook_details(project), descriptions, counts)
    write_atomically(path, data)
    return sum(1 for _row in view.rows())


# ---- what every format says the same way ---------------------------------------------

def verdicts_text(questions: list[dict], verdicts: dict[str, str]) -> str:
    """"empirinær: passed; …" for the questions judged (none: "")."""
    return "; ".join(f"{q['name']}: {_(VERDICTS.get(verdicts[q['key']], verdicts[q['key']]))}"
                     for q in questions if q["key"] in verdicts)


def concepts_of(details: CodebookDetails) -> dict[str, list[str]]:
    """group title → the names of the concepts it belongs to."""
    out: dict[str, list[str]] = {}
    for concept in details.concepts:
        for title in concept.groups:
            out.setdefault(title, []).append(concept.name)
    return out


def table_rows(view: CodebookView, details: CodebookDetails) -> list[list]:
    """One row per code (COLUMNS); an empty group or theme still gets a row (with no code)."""
    concepts = concepts_of(details)
    rows = []

    def row(theme, gv, code) -> list:
        group = group_title(gv.group) if gv else ""
        code_cells = ([code.text, code.description or "", code.colour or "", code.codings, code.memo or "",
                       verdicts_text(details.code_questions, details.code_verdicts.get(code.id, {}))]
                      if code else ["", "", "", 0, "", ""])
        return [theme_title(theme.theme) if theme else "", group, *code_cells,
                ", ".join(concepts.get(group, [])), (gv.group.memo or "") if gv else "",
                (theme.theme.memo or "") if theme else ""]

    for code in view.codes:
        rows.append(row(None, None, code))
    themed = [(None, gv) for gv in view.groups] + [(tv, gv) for tv in view.themes for gv in tv.groups]
    for tv, gv in themed:
        rows += [row(tv, gv, code) for code in gv.codes] or [row(tv, gv, None)]
    for tv in view.themes:
        if not tv.groups:
            rows.append(row(tv, None, None))
    return rows


def concept_rows(details: CodebookDetails) -> list[list]:
    return [[c.name, ", ".join(c.groups), c.memo or "",
             verdicts_text(details.concept_questions, details.concept_verdicts.get(c.id, {}))]
            for c in details.concepts]


def coding_memo_rows(view: CodebookView, details: CodebookDetails) -> list[list]:
    return [[code.text, m["document"], m["coder"], m["start"], m["end"], m["memo"]]
            for _t, _g, code in view.rows() for m in details.coding_memos.get(code.id, [])]


# ---- the writers -----------------------------------------------------------------------

def _md(view, details, descriptions, counts) -> bytes:
    from coder.exchange.outline import write_outline
    return write_outline(view, markdown=True, descriptions=descriptions, counts=counts,
                         details=details).encode("utf-8")


def _csv(view, details, descriptions, counts) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([_(c) for c in COLUMNS])
    writer.writerows([csv_cell(v) for v in row] for row in table_rows(view, details))
    return buf.getvalue().encode("utf-8-sig")     # the BOM makes Excel read UTF-8


def _taguette(view, details, descriptions, counts) -> bytes:
    """Taguette's own codebook CSV: `tag,description` (its import looks for a `tag`,
    `name` or `path` column), UTF-8 without a BOM, every code once. Taguette has no
    groups: the group's title goes at the end of the description."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["tag", "description"])
    for _theme, gv, code in view.rows():
        where = group_title(gv.group) if gv else ""
        description = " — ".join(x for x in (code.description or "", where) if x)
        writer.writerow([csv_cell(code.text), csv_cell(description)])
    return buf.getvalue().encode("utf-8")


def _xlsx(view, details, descriptions, counts) -> bytes:
    from coder.exchange.xlsx_table import xlsx_sheets_bytes
    sheets = [(_("Codebook"), [_(c) for c in COLUMNS], table_rows(view, details))]
    if details.concepts:
        sheets.append((_("Concepts"), [_(c) for c in CONCEPT_COLUMNS], concept_rows(details)))
    memos = coding_memo_rows(view, details)
    if memos:
        sheets.append((_("Coding memos"), [_(c) for c in CODING_MEMO_COLUMNS], memos))
    return xlsx_sheets_bytes(sheets)


def _json(view, details, descriptions, counts) -> bytes:
    from coder.exchange.codebook_json import codebook_json
    return codebook_json(view, details)


def _qdc(view, details, descriptions, counts) -> bytes:
    from coder.exchange.refi_codes import qdc_bytes
    return qdc_bytes(view)


def _docx(view, details, descriptions, counts) -> bytes:
    from coder.exchange.codebook_docx import codebook_docx
    return codebook_docx(view, details, descriptions, counts)


_WRITERS = {"md": _md, "csv": _csv, "xlsx": _xlsx, "json": _json, "docx": _docx, "qdc": _qdc, "taguette": _taguette}
