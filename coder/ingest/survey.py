"""Survey files (.csv, .xlsx) → one document per respondent.

A respondent's document reads "Respondent <id>", then each non-empty answer under
its question; each answer is a response segment labelled with the question. Every
other column becomes an attribute. The header line also keeps two respondents with
the same answers ("Nei") apart: a project holds each text only once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coder.core import NewDocument, NewSegment
from coder.i18n import _
from coder.i18n.format import number
from coder.ingest.decode import decode_text
from coder.ingest.errors import UnreadableFile
from coder.ingest.readers import check_zip_package, library_errors, read_bytes
from coder.text.lemmas import lemma_strings
from coder.text.prepare import normalize

# A column is free text when its answers are this long on average and mostly have spaces.
_FREE_TEXT_MEAN = 25
_ID_NAMES = re.compile(r"^(id|respondent|resp|respondent.?id|nr|no|løpenr|case|rid)\b", re.I)
XLSX_MAX_ROWS = 1_048_576          # Excel's own limit: a row number past it is a lie
MAX_CELLS = 20_000_000             # rows × columns once short rows are filled out


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Survey:
    documents: list[NewDocument]   # named by respondent id; the importer adds the file's name
    empty_answers: int             # empty cells in the text columns, skipped
    empty_respondents: int         # respondents with no answer at all: no document


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    table = _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)
    if not table.rows:
        raise UnreadableFile(_("{path}: no rows under the header").format(path=path))
    return table


def _read_csv(path: Path) -> Table:
    text = decode_text(read_bytes(path), path)
    # The header line tells the delimiter: its names rarely hold one, while csv.Sniffer
    # is easily misled by commas in long quoted answers.
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(",;\t|", key=header.count)
    return _table([[c.strip() for c in r] for r in csv_rows(text, path, delimiter)], path)


def csv_rows(text: str, path: Path, delimiter: str = ",") -> list[list[str]]:
    # A long answer is one field: no field can be longer than the whole text.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(_("{path}: not a readable CSV file ({exc})").format(path=path, exc=exc)) from None


def _read_xlsx(path: Path) -> Table:
    check_zip_package(path, ".xlsx").close()
    import openpyxl
    with library_errors(path, ".xlsx"):
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = _sheet_rows(book.worksheets[0], path)
        finally:
            book.close()
    return _table(rows, path)


def _sheet_rows(sheet, path: Path) -> list[list[str]]:
    # read_only trusts the sheet's <dimension>, which other programs write wrong
    # (A1:B5 over twenty rows): read every row there is instead.
    sheet.reset_dimensions()
    rows = []
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if n > XLSX_MAX_ROWS:       # openpyxl fills the gap up to a row number it is given
            raise UnreadableFile(_("{path}: more rows than a spreadsheet can have; a damaged .xlsx").format(path=path))
        cells = [_cell(v) for v in row]
        while cells and not cells[-1]:       # a cell far to the right must not widen every row
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def _table(rows: list[list[str]], path: Path) -> Table:
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise UnreadableFile(_("{path}: the file is empty").format(path=path))
    header, body = rows[0], rows[1:]
    width = max(len(r) for r in rows)
    if width * len(rows) > MAX_CELLS:
        raise UnreadableFile(_("{path}: too large a table ({rows} rows × {columns} columns)")
                             .format(path=path, rows=number(len(rows)), columns=number(width)))
    names: list[str] = []
    for i in range(width):
        name = " ".join(header[i].split()) if i < len(header) and header[i] else f"column {i + 1}"
        names.append(name if name not in names else f"{name} ({i + 1})")
    return Table(names, [r + [""] * (width - len(r)) for r in body])


def _column(table: Table, name: str, path: Path) -> int:
    if name in table.header:
        return table.header.index(name)
    folded = [h.casefold() for h in table.header]
    if name.casefold() in folded:
        return folded.index(name.casefold())
    raise UnreadableFile(_("{path}: no column «{name}» (columns: {header})")
                         .format(path=path, name=name, header=', '.join(table.header)))


def free_text_columns(table: Table) -> list[int]:
    found = []
    for i in range(len(table.header)):
        values = [r[i] for r in table.rows if r[i]]
        if not values:
            continue
        mean = sum(map(len, values)) / len(values)
        spaced = sum(1 for v in values if " " in v) / len(values)
        if mean >= _FREE_TEXT_MEAN and spaced >= 0.5:
            found.append(i)
    return found


def id_column(table: Table, exclude: Sequence[int]) -> int | None:
    """A column with a short, unique value on every row; a column named like an id first."""
    candidates = []
    for i, name in enumerate(table.header):
        if i in exclude:
            continue
        values = [r[i] for r in table.rows]
        if all(values) and len(set(values)) == len(values) and max(map(len, values)) <= 40:
            candidates.append((not _ID_NAMES.match(name), i))
    return min(candidates)[1] if candidates else None


def read_survey(path: Path, *, kind: str, language: str,
                text_columns: Sequence[str] = (), id_name: str | None = None) -> Survey:
    table = read_table(path)
    texts = ([_column(table, c, path) for c in text_columns] if text_columns
             else free_text_columns(table))
    if not texts:
        raise UnreadableFile(_("{path}: found no free-text column; name it with --text-column (columns: {header})")
                             .format(path=path, header=', '.join(table.header)))
    ident = _column(table, id_name, path) if id_name else id_column(table, texts)
    if ident is not None and id_name:
        _check_unique(table, ident, path)
    attributes = [i for i in range(len(table.header)) if i not in texts and i != ident]
    respondents, empty_answers, empty_respondents = [], 0, 0
    for n, row in enumerate(table.rows, start=1):
        answers = [(table.header[i], normalize(row[i]).strip()) for i in texts]
        empty_answers += sum(1 for _, a in answers if not a)
        answers = [(q, a) for q, a in answers if a]
        if not answers:
            empty_respondents += 1
            continue
        respondents.append((row[ident] if ident is not None else str(n), answers,
                            {table.header[i]: row[i] for i in attributes if row[i]}))
    lemmas = iter(lemma_strings([a for _, answers, _ in respondents for _, a in answers], language))
    documents = [_document(respondent, [(q, a, next(lemmas)) for q, a in answers], kind, language, str(path), attrs)
                 for respondent, answers, attrs in respondents]
    return Survey(documents, empty_answers, empty_respondents)


def _check_unique(table: Table, column: int, path: Path) -> None:
    seen = set()
    for row in table.rows:
        value = row[column]
        if not value or value in seen:
            problem = _("{path}: an empty id in column «{column}»") if not value \
                else _("{path}: the repeated value «{value}» as id in column «{column}»")
            raise UnreadableFile(problem.format(path=path, value=" ".join(value.split()), column=table.header[column]))
        seen.add(value)


def _document(respondent: str, answers: list[tuple[str, str, str]], kind: str,
              language: str, source: str, attributes: dict[str, str]) -> NewDocument:
    """answers: (question, answer, the answer's lemmas)."""
    parts, segments = [f"Respondent {respondent}"], []
    at = len(parts[0])
    for question, answer, lemmas in answers:
        block = f"\n\n{question}\n"
        parts += [block, answer]
        start = at + len(block)
        segments.append(NewSegment(start, start + len(answer), "response", label=question, lemmas=lemmas))
        at = start + len(answer)
    return NewDocument(respondent, "".join(parts), kind, language, source, attributes, tuple(segments))
