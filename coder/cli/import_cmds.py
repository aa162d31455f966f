"""Getting text in and finding it again: `coder import`, `coder search`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coder.cli.common import coder_option, echo_json, open_project, project_argument, user_errors
from coder.cli.translated import command
from coder.core.models import DOCUMENT_KINDS, kind_name
from coder.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

# Show a progress bar from this many files or bytes on: below it the work is a moment.
_BAR_FILES, _BAR_BYTES = 4, 2_000_000


@command(name="import", help=N_(
    "Import FILES (files, folders, globs) into the project at PATH.\n\n"
    "Reads .txt, .md, .docx, .odt, .pdf and survey files .csv, .xlsx. An attributes.csv in a folder "
    "(columns: file, then one per attribute) puts attributes on that folder's documents. Each file is "
    "one undoable action."))
@project_argument
@click.argument("files", nargs=-1, required=True)
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS),
              help=N_("Kind of document (default: survey for .csv/.xlsx, interview when the text has speaker "
                      "turns, else report)."))
@click.option("--text-column", "text_columns", multiple=True, metavar="C",
              help=N_("Survey column holding answers (repeat for several; default: detected)."))
@click.option("--id-column", metavar="C", help=N_("Survey column with the respondent id."))
@click.option("--language", help=N_("Language code (nb, nn, en, …); default: the project's `language` "
                                    "setting, else nb."))
@coder_option
@user_errors
def import_(path: Path, files: tuple[str, ...], kind: str | None, text_columns: tuple[str, ...],
            id_column: str | None, language: str | None, coder_name: str | None) -> None:
    from coder.ingest import Ingest
    with open_project(path, coder_name) as project, Ingest() as ingest:
        with _progress(files) as progress:
            report = ingest.files(project, files, kind=kind, text_columns=text_columns,
                                  id_column=id_column, language=language, progress=progress)
    for f in report.files:
        extra = ""
        if f.empty_answers or f.empty_respondents:
            extra = ", " + _("{answers} skipped, {respondents}").format(
                answers=ngettext("{n} empty answer", "{n} empty answers", f.empty_answers).format(n=f.empty_answers),
                respondents=ngettext("{n} respondent without answers", "{n} respondents without answers",
                                     f.empty_respondents).format(n=f.empty_respondents))
        click.echo(_("imported {path}: {documents} ({kind}), {segments}{extra}")
                   .format(path=f.path, documents=_documents(len(f.document_ids)), kind=kind_name(f.kind),
                           segments=_segments(f.segments), extra=extra))
    skipped = len(report.problems)
    click.echo(_("{documents}, {segments} imported; {files} skipped")
               .format(documents=_documents(report.documents), segments=_segments(report.segments),
                       files=ngettext("{n} file", "{n} files", skipped).format(n=skipped)))
    for problem in report.problems:
        click.echo(f"coder: {problem}", err=True)
    if report.problems:
        sys.exit(1)


def _documents(n: int) -> str:
    return ngettext("{n} document", "{n} documents", n).format(n=n)


def _segments(n: int) -> str:
    return ngettext("{n} segment", "{n} segments", n).format(n=n)


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
            self.bar = click.progressbar(length=total, label=_("importing"), file=sys.stderr)
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


@command(help=N_(
    "Find QUERY in the project's documents.\n\n"
    "A word finds its inflections (kommunene finds kommune), \"quoted words\" a phrase, prefix* every word "
    "that begins so; words are all required, OR gives alternatives. Each hit: document, start-end (character "
    "offsets), context."))
@project_argument
@click.argument("query")
@click.option("--regex", is_flag=True, help=N_("QUERY is a regular expression (case-insensitive; "
                                               "(?-i:…) makes a part case-sensitive)."))
@click.option("--json", "as_json", is_flag=True,
              help=N_("Print a JSON list of {document, start, end, text}."))
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help=N_("At most N hits."))
@user_errors
def search(path: Path, query: str, regex: bool, as_json: bool, limit: int | None) -> None:
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
    if hits.total in (None, n):
        click.echo(ngettext("{n} hit", "{n} hits", n).format(n=n), err=True)
    else:
        click.echo(ngettext("{n} of {total} hit", "{n} of {total} hits", hits.total).format(n=n, total=hits.total),
                   err=True)

COMMANDS = [import_, search]
