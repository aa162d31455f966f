"""Getting text in and finding it again: `coder import`, `coder search`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coder.cli.common import coder_option, echo_json, open_project, project_argument, user_errors
from coder.core.models import DOCUMENT_KINDS

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

# Show a progress bar from this many files or bytes on: below it the work is a moment.
_BAR_FILES, _BAR_BYTES = 4, 2_000_000


@click.command(name="import")
@project_argument
@click.argument("files", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS),
              help="Kind of document (default: survey for .csv/.xlsx, interview when the "
                   "text has speaker turns, else report).")
@click.option("--text-column", "text_columns", multiple=True, metavar="C",
              help="Survey column holding answers (repeat for several; default: detected).")
@click.option("--id-column", metavar="C", help="Survey column with the respondent id.")
@click.option("--language", help="Language code (nb, nn, en, …); default: the project's "
                                 "`language` setting, else nb.")
@coder_option
@user_errors
def import_(path: Path, files: tuple[str, ...], kind: str | None, text_columns: tuple[str, ...],
            id_column: str | None, language: str | None, coder_name: str | None) -> None:
    """Import FILES (files, folders, globs) into the project at PATH.

    Reads .txt, .md, .docx, .odt, .pdf and survey files .csv, .xlsx. An
    attributes.csv in a folder (columns: file, then one per attribute) puts
    attributes on that folder's documents. Each file is one undoable action.
    """
    from coder.ingest import Ingest
    with open_project(path, coder_name) as project, Ingest() as ingest:
        with _progress(files) as progress:
            report = ingest.files(project, files, kind=kind, text_columns=text_columns,
                                  id_column=id_column, language=language, progress=progress)
    for f in report.files:
        extra = ""
        if f.empty_answers or f.empty_respondents:
            extra = (f", {f.empty_answers} empty answers skipped, "
                     f"{f.empty_respondents} respondents without answers")
        click.echo(f"imported {f.path}: {_count(len(f.document_ids), 'document')} ({f.kind}), "
                   f"{_count(f.segments, 'segment')}{extra}")
    click.echo(f"{_count(report.documents, 'document')}, {_count(report.segments, 'segment')} "
               f"imported; {_count(len(report.problems), 'file')} skipped")
    for problem in report.problems:
        click.echo(f"coder: {problem}", err=True)
    if report.problems:
        sys.exit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


class _progress:
    """A click progress bar on stderr when the import is more than a moment's work
    (and stderr is a terminal: in a log, the file lines say enough)."""

    def __init__(self, files: tuple[str, ...]):
        sizes = [_size(Path(f)) for f in files]
        self.wanted = sys.stderr.isatty() and (len(files) >= _BAR_FILES or sum(sizes) >= _BAR_BYTES)
        self.bar: ProgressBar[int] | None = None

    def __enter__(self):
        return self.update if self.wanted else None

    def update(self, done: int, total: int, current: Path | None) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="importing", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        return path.stat().st_size
    except OSError:
        return 0


@click.command()
@project_argument
@click.argument("query")
@click.option("--regex", is_flag=True, help="QUERY is a regular expression (case-insensitive; "
                                            "(?-i:…) makes a part case-sensitive).")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {document, start, end, text}.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N hits.")
@user_errors
def search(path: Path, query: str, regex: bool, as_json: bool, limit: int | None) -> None:
    """Find QUERY in the project's documents.

    A word finds its inflections (kommunene finds kommune), "quoted words" a
    phrase, prefix* every word that begins so; words are all required, OR gives
    alternatives. Each hit: document, start-end (character offsets), context.
    """
    with open_project(path) as project:         # hits are read from the open project
        hits = project.search.find(query, regex=regex, limit=limit)
        _print_hits(hits, as_json)


def _print_hits(hits, as_json: bool) -> None:
    if as_json:
        echo_json([{"document": h.document, "start": h.start, "end": h.end, "text": h.text}
                   for h in hits])
        return
    for h in hits:
        line = h.text
        match = line[h.match_at:h.match_at + h.end - h.start]
        shown = line[:h.match_at] + click.style(match, bold=True) + line[h.match_at + len(match):]
        click.echo(f"{h.document}:{h.start}-{h.end}  {shown}")
    n = len(hits)
    click.echo(_count(n, "hit") if hits.total in (None, n) else f"{n} of {_count(hits.total, 'hit')}", err=True)

COMMANDS = [import_, search]
