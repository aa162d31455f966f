"""Project-level commands: new, info, log, undo, redo."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import click

from coder.cli.common import coder_option, echo_json, json_option, open_project, project_argument, user_errors
from coder.cli.export_cmds import refuse_project_files
from coder.core import Project
from coder.exchange.safe_text import csv_cell
from coder.exchange.safe_write import write_atomically


@click.command()
@project_argument
@coder_option
@user_errors
def new(path: Path, coder_name: str | None) -> None:
    """Create an empty project file at PATH."""
    with Project.create(path, coder=coder_name):
        pass
    click.echo(f"created {path}")


@click.command()
@project_argument
@json_option
@user_errors
def info(path: Path, as_json: bool) -> None:
    """Counts of what the project holds, and its schema version."""
    with open_project(path) as project:
        counts = dataclasses.asdict(project.counts())
    if as_json:
        echo_json(counts)
        return
    click.echo(str(path))
    for key, value in counts.items():
        click.echo(f"  {key.replace('_', ' '):<15}{value:>10,}")


@click.command()
@project_argument
@click.option("--csv", "csv_path", type=click.Path(path_type=Path),
              help="Write the audit trail to this CSV file instead of printing it.")
@click.option("--limit", type=int, help="Only the last N entries.")
@user_errors
def log(path: Path, csv_path: Path | None, limit: int | None) -> None:
    """The history of every action: time, coder, action, object, details."""
    if csv_path:
        refuse_project_files(csv_path, path)
    with open_project(path) as project:
        entries = project.history.entries(limit)
    if csv_path:
        _write_log_csv(csv_path, entries)
        click.echo(f"wrote {len(entries)} history entries to {csv_path}")
        return
    for e in entries:
        mark = "" if e.state in ("done", "meta") else f" [{e.state}]"
        click.echo(f"{e.at[:19].replace('T', ' ')}  {e.coder:<12} {e.action:<16} {e.object}"
                   f"{'  — ' + e.details if e.details else ''}{mark}")


def _write_log_csv(csv_path: Path, entries) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["time", "coder", "action", "object", "details", "state"])
    writer.writerows([csv_cell(v) for v in (e.at, e.coder, e.action, e.object, e.details, e.state)]
                     for e in entries)
    write_atomically(csv_path, buf.getvalue().encode("utf-8"))


def _step(path: Path, coder_name: str | None, verb: str) -> None:
    with open_project(path, coder_name) as project:
        entry = getattr(project.history, verb)()
    click.echo(f"{verb}: {entry.action} {entry.object}".rstrip())


@click.command()
@project_argument
@coder_option
@user_errors
def undo(path: Path, coder_name: str | None) -> None:
    """Undo the last action."""
    _step(path, coder_name, "undo")


@click.command()
@project_argument
@coder_option
@user_errors
def redo(path: Path, coder_name: str | None) -> None:
    """Redo the last undone action."""
    _step(path, coder_name, "redo")


COMMANDS = [new, info, log, undo, redo]
