"""The coding-comparison table: one row per item (and per item and document, if asked)
and one overall row, each with the counts behind its figures. Written as .csv, .xlsx (with a
second sheet saying what was compared and why) or .json through write_atomically (whole
or not at all).

Columns: item, document ("all compared" for an item's own row), units, units each coder
coded, then the counts: for two coders "both", "only A", "only B", "neither"; for more
"all", "only A", "only B", …, "some (not one, not all)", "none" (agreement_figures.py
defines them), then agreement in %, kappa (Cohen's or Fleiss'), alpha.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

from coder.analysis.agreement import Agreement, AgreementReport
from coder.analysis.agreement_figures import tidy
from coder.core.errors import CoderError
from coder.exchange.safe_text import csv_cell
from coder.exchange.safe_write import check_target, write_atomically
from coder.i18n import N_, _

FORMATS = ("csv", "xlsx", "json")
ALL_DOCUMENTS = N_("all compared")
LEVEL_NAMES = {"code": N_("code"), "group": N_("kodegruppe"), "theme": N_("tema")}   # _() where shown


def fmt_figure(value: float | None) -> str:
    """Three decimals, never "-0.000"; "–" for an undefined figure."""
    if value is None:
        return "–"
    text = f"{value:.3f}"
    return "0.000" if text == "-0.000" else text


def fmt_percent(value: float) -> str:
    return f"{value * 100:.1f} %"


_BOTH, _NEITHER, _ALL, _NONE = N_("both"), N_("neither"), N_("all"), N_("none")
_SOME, _ONLY = N_("some (not one, not all)"), N_("only {coder}")


def count_columns(coders: tuple[str, ...], translated: bool = True) -> list[str]:
    """The count columns' names, in the reader's language (`translated=False`: the
    English names a JSON file keys its counts by)."""
    t = _ if translated else str

    def only(coder: str) -> str:
        return t(_ONLY).format(coder=coder)
    if len(coders) == 2:
        return [t(_BOTH), only(coders[0]), only(coders[1]), t(_NEITHER)]
    return [t(_ALL), *[only(c) for c in coders], t(_SOME), t(_NONE)]


def count_values(row: Agreement, coders: tuple[str, ...]) -> list[int]:
    t = row.tally
    if len(coders) == 2:
        return [t.all, t.only[coders[0]], t.only[coders[1]], t.none]
    return [t.all, *[t.only[c] for c in coders], t.other, t.none]


def header(report: AgreementReport) -> list[str]:
    return [_(LEVEL_NAMES[report.level]), _("document"), _("units"),
            *[_("coded by {coder}").format(coder=c) for c in report.coders],
            *count_columns(report.coders), _("agreement %"), report.kappa_name, "Krippendorff's alpha"]


def ordered_rows(report: AgreementReport) -> list[Agreement]:
    """Each item's row, followed by its rows per document; the overall row last."""
    per_doc: dict[object, list[Agreement]] = {}
    for r in report.by_document:
        per_doc.setdefault(r.item_id, []).append(r)
    out = []
    for r in report.items:
        out += [r, *per_doc.get(r.item_id, [])]
    return out + [report.overall]


def _round(value: float | None, places: int):
    return "" if value is None else (tidy(round(value, places)) or 0.0) + 0.0


def table_rows(report: AgreementReport) -> list[list]:
    return [[r.item, r.document or _(ALL_DOCUMENTS), r.units, *[r.coded[c] for c in report.coders],
             *count_values(r, report.coders), round(r.agreement * 100, 1),
             _round(r.kappa, 3), _round(r.alpha, 3)] for r in ordered_rows(report)]


def about_rows(report: AgreementReport) -> list[list[str]]:
    """What the table compares, and why: the workbook's second sheet."""
    rows = [[_("coders"), ", ".join(report.coders)],
            [_("unit"), f"{report.unit}: {report.unit_definition}"],
            [_("level"), _(LEVEL_NAMES[report.level])],
            ["kappa", report.kappa_name],
            ["alpha", _("Krippendorff's alpha (nominal)")],
            [_("documents compared"), f"{len(report.documents)}, {report.documents_rule}"]]
    rows += [[_("compared"), name] for name in report.documents]
    rows += [[_("not compared"), f"{name} ({why})"] for name, why in report.left_out]
    return rows + [[_("note"), note] for note in report.notes]


def row_json(row: Agreement, coders: tuple[str, ...]) -> dict:
    """A row with its counts twice: as the Tally fields, and under the table's column names."""
    return {"item_id": row.item_id, "item": row.item, "document": row.document,
            **dataclasses.asdict(row.tally),
            "counts": dict(zip(count_columns(coders, translated=False), count_values(row, coders))),
            "agreement": row.agreement, "kappa": row.kappa, "alpha": row.alpha}


def report_json(report: AgreementReport) -> dict:
    out = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)
           if f.name not in ("items", "by_document", "overall", "left_out")}
    out["left_out"] = [{"document": d, "why": why} for d, why in report.left_out]
    for name in ("items", "by_document"):
        out[name] = [row_json(r, report.coders) for r in getattr(report, name)]
    out["overall"] = row_json(report.overall, report.coders)
    return out


def write_table(report: AgreementReport, path: str | Path, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise CoderError(_("{path}: the table is written as {formats}, not «{fmt}»").format(
            path=path, formats=", ".join(FORMATS), fmt=fmt))
    check_target(Path(path))
    if fmt == "json":
        data = json.dumps(report_json(report), ensure_ascii=False, indent=2).encode("utf-8")
    elif fmt == "xlsx":
        from coder.exchange.xlsx_table import xlsx_sheets_bytes
        data = xlsx_sheets_bytes([(_("Agreement"), header(report), table_rows(report)),
                                  (_("About"), [_("about"), _("value")], about_rows(report))])
    else:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header(report))
        writer.writerows([csv_cell(v) for v in row] for row in table_rows(report))
        data = buf.getvalue().encode("utf-8-sig")   # Excel reads UTF-8 with the mark
    return write_atomically(path, data)


def format_for(path: str | Path, formats: tuple[str, ...] = FORMATS) -> str:
    """The table format a file name asks for (its suffix), or a CoderError."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in formats:
        raise CoderError(_("{path}: name a {suffixes} file").format(
            path=path, suffixes=_(" or ").join("." + f for f in formats)))
    return suffix
