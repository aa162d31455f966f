"""Project-level commands: new, info, log, undo, redo."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import datetime
from pathlib import Path

import click

from coder.cli.common import coder_option, echo_json, json_option, open_project, project_argument, user_errors
from coder.cli.export_cmds import refuse_project_files
from coder.cli.translated import command
from coder.core import Project
from coder.exchange.safe_text import csv_cell
from coder.exchange.safe_write import write_atomically
from coder.i18n import N_, _, format as fmt, ngettext


@command(help=N_("Create an empty project file at PATH."))
@project_argument
@coder_option
@user_errors
def new(path: Path, coder_name: str | None) -> None:
    with Project.create(path, coder=coder_name):
        pass
    click.echo(_("created {path}").format(path=path))


# History states as the log shows them (done and meta rows are shown without a mark).
STATES = {"undone": N_("undone"), "dropped": N_("dropped")}

# The rows of `info`, as people read them (--json keeps the field names).
COUNT_NAMES = {
    "documents": N_("documents"), "segments": N_("segments"), "codes": N_("codes"), "codings": N_("codings"),
    "groups": N_("groups"), "themes": N_("themes"), "concepts": N_("concepts"), "coders": N_("coders"),
    "schema_version": N_("schema version"),
}


@command(help=N_("Counts of what the project holds, and its schema version."))
@project_argument
@json_option
@user_errors
def info(path: Path, as_json: bool) -> None:
    with open_project(path) as project:
        counts = dataclasses.asdict(project.counts())
    if as_json:
        echo_json(counts)
        return
    click.echo(str(path))
    names = {key: _(COUNT_NAMES[key]) if key in COUNT_NAMES else key.replace("_", " ") for key in counts}
    width = max(15, *(len(n) + 2 for n in names.values()))
    for key, value in counts.items():
        click.echo(f"  {names[key]:<{width}}{fmt.number(value):>10}")


@command(help=N_("The history of every action: time, coder, action, object, details."))
@project_argument
@click.option("--csv", "csv_path", type=click.Path(path_type=Path),
              help=N_("Write the audit trail to this CSV file instead of printing it."))
@click.option("--limit", type=int, help=N_("Only the last N entries."))
@user_errors
def log(path: Path, csv_path: Path | None, limit: int | None) -> None:
    if csv_path:
        refuse_project_files(csv_path, path)
    with open_project(path) as project:
        entries = project.history.entries(limit)
    if csv_path:
        _write_log_csv(csv_path, entries)
        click.echo(ngettext("wrote {n} history entry to {file}", "wrote {n} history entries to {file}", len(entries))
                   .format(n=len(entries), file=csv_path))
        return
    times = [local_time(e.at) for e in entries]
    width = max(map(len, times), default=0)
    for e, time in zip(entries, times):
        mark = "" if e.state in ("done", "meta") else f" [{_(STATES.get(e.state, e.state))}]"
        details = e.shown_details()
        click.echo(f"{time:<{width}}  {e.coder:<12} {action_name(e.action):<16} {e.shown_object()}"
                   f"{'  — ' + details if details else ''}{mark}")


def local_time(at: str) -> str:
    """A history row's time (ISO, UTC: kept so in --csv) in the reader's time zone and language."""
    return fmt.moment(datetime.fromisoformat(at).astimezone())


def action_name(action: str) -> str:
    """A history row's action as the reader says it (the row keeps the English name)."""
    return _(action) if action else action


def _write_log_csv(csv_path: Path, entries) -> None:
    """The audit trail as the project keeps it: the English text of every row (the action
    names are the catalogue's ids), whatever the reader's language, so a csv of it reads
    the same for everyone and stays what older versions wrote."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["time", "coder", "action", "object", "details", "state"])
    writer.writerows([csv_cell(v) for v in (e.at, e.coder, e.action, e.object, e.details, e.state)]
                     for e in entries)
    write_atomically(csv_path, buf.getvalue().encode("utf-8"))


def _step(path: Path, coder_name: str | None, verb: str) -> None:
    with open_project(path, coder_name) as project:
        entry = getattr(project.history, verb)()
    done = _("undo: {action} {object}") if verb == "undo" else _("redo: {action} {object}")
    click.echo(done.format(action=action_name(entry.action), object=entry.shown_object()).rstrip())


@command(help=N_("Undo the last action."))
@project_argument
@coder_option
@user_errors
def undo(path: Path, coder_name: str | None) -> None:
    _step(path, coder_name, "undo")


@command(help=N_("Redo the last undone action."))
@project_argument
@coder_option
@user_errors
def redo(path: Path, coder_name: str | None) -> None:
    _step(path, coder_name, "redo")


COMMANDS = [new, info, log, undo, redo]
