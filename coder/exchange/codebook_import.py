"""Read a codebook file of any supported kind and add it to a project as one action.

    import_codebook(project, path) -> CodebookImport

Kinds, by file suffix: .qdc (REFI-QDA, from any tool), .csv / .xlsx (one row per code:
theme, group, code, description, colour — as `coder export --codebook csv` writes; a
Taguette codebook's `tag`, `name` or `path` column is the code), .json (as `coder export
--codebook json` writes), .md / .txt (the "Tema / Kodegruppe / Kode" appendix outline).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coder.core import check_input_file
from coder.core.errors import CoderError
from coder.core.models import CodebookImport, NewCode, NewCodebook, NewGroup, NewTheme
from coder.exchange.codebook_view import parse_title
from coder.exchange.safe_text import csv_cell_read
from coder.i18n import _

SUFFIXES = (".qdc", ".csv", ".xlsx", ".json", ".md", ".txt")

# Column names a spreadsheet may use (English as we write them, Norwegian as people do).
_COLUMNS = {
    "theme": ("theme", "tema"),
    "group": ("group", "gruppe", "kodegruppe", "code group"),
    "code": ("code", "kode", "tag", "name", "path"),      # tag, name, path: Taguette's
    "description": ("description", "beskrivelse"),
    "colour": ("colour", "color", "farge"),
    "memo": ("memo",),
}


def read_codebook_file(path: Path) -> NewCodebook:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CoderError(_("{path}: unknown codebook kind (use {kinds})").format(path=path, kinds=", ".join(SUFFIXES)))
    check_input_file(path)
    if suffix == ".qdc":
        from coder.exchange.refi_codes import read_qdc
        return read_qdc(path)
    if suffix == ".json":
        from coder.exchange.codebook_json import read_codebook_json
        return read_codebook_json(path.read_bytes(), str(path))
    if suffix in (".md", ".txt"):
        from coder.exchange.outline import parse_outline
        return parse_outline(_read_text(path), str(path))
    rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    return book_from_rows(rows, str(path))


def import_codebook(project, path: Path) -> CodebookImport:
    """Read `path` and add its themes, groups and codes to `project` (one undoable action)."""
    path = Path(path)
    return project.codebook.import_codebook(read_codebook_file(path), label=path.name)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
        if best is None:
            raise CoderError(_("{path}: not a text file").format(path=path)) from None
        return str(best)


def _csv_rows(path: Path) -> list[list[str]]:
    text = _read_text(path)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        dialect.doublequote = True      # a header line has no quotes to guess this from
    except csv.Error:
        dialect = csv.excel
    # csv_cell_read: the quote our csv export puts before a cell that starts like a formula
    return [[csv_cell_read(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CoderError(_("{path}: not a readable .xlsx file ({why})").format(
            path=path, why=exc.__class__.__name__)) from None
    try:
        sheet = wb.worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()


def _header(row: list[str], where: str) -> dict[str, int]:
    names = [" ".join(str(c).split()).lower() for c in row]
    cols = {}
    for key, aliases in _COLUMNS.items():
        hit = next((i for i, n in enumerate(names) if n in aliases), None)
        if hit is not None:
            cols[key] = hit
    if "code" not in cols:
        raise CoderError(_("{file}: no «code» column (nor «tag», «name» or «path») in the first row").format(
            file=where))
    return cols


def book_from_rows(rows: list[list[str]], where: str) -> NewCodebook:
    """One row per code; a row with a group (or theme) but no code keeps an empty group."""
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        raise CoderError(_("{file}: the file is empty").format(file=where))
    cols = _header(rows[0], where)

    def cell(row, key) -> str:
        i = cols.get(key)
        return " ".join(str(row[i]).split()) if i is not None and i < len(row) else ""

    themes: dict[str, list[str]] = {}          # theme title -> group titles
    groups: dict[str, list[NewCode]] = {}      # group title -> codes
    group_theme: dict[str, str] = {}
    loose: list[NewCode] = []
    for row in rows[1:]:
        theme, group, text = cell(row, "theme"), cell(row, "group"), cell(row, "code")
        if theme:
            themes.setdefault(theme, [])
        if group:
            groups.setdefault(group, [])
            if theme and group not in group_theme:
                group_theme[group] = theme
                themes[theme].append(group)
        if text:
            code = NewCode(text, cell(row, "description") or None, cell(row, "colour") or None,
                           memo=cell(row, "memo") or None)
            (groups[group] if group else loose).append(code)
    if not (themes or groups or loose):
        raise CoderError(_("{file}: no codes in the file").format(file=where))

    def new_group(title: str) -> NewGroup:
        t = parse_title(title)
        if t is None or t.kind != "group":
            return NewGroup(title, tuple(groups[title]), is_rest="restgruppe" in title.lower())
        return NewGroup(t.name, tuple(groups[title]), t.number, t.is_rest)

    def new_theme(title: str) -> NewTheme:
        t = parse_title(title)
        name, number = (t.name, t.number) if t and t.kind == "theme" else (title, None)
        return NewTheme(name, tuple(new_group(g) for g in themes[title]), number)

    return NewCodebook(themes=tuple(new_theme(t) for t in themes),
                       groups=tuple(new_group(g) for g in groups if g not in group_theme),
                       codes=tuple(loose))
