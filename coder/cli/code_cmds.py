"""Coding from the command line: `coder autocode`."""

from __future__ import annotations

from pathlib import Path

import click

from coder.cli.common import coder_option, open_project, project_argument, user_errors
from coder.core.autocode import UNITS


@click.command()
@project_argument
@click.argument("query")
@click.option("--code", "code_text", required=True, metavar="TEXT",
              help="The code to apply (created if no code has this text).")
@click.option("--unit", type=click.Choice(UNITS), default="match", show_default=True,
              help="Code the matched words, their sentence, or their segment (response, turn, paragraph).")
@click.option("--regex", is_flag=True, help="QUERY is a regular expression.")
@coder_option
@user_errors
def autocode(path: Path, query: str, code_text: str, unit: str, regex: bool, coder_name: str | None) -> None:
    """Code every search hit of QUERY with one code, as one undoable action.

    QUERY is searched as in `coder search` (words match their inflections).
    """
    with open_project(path, coder_name) as project:
        ids = project.autocode.run(query, code_text, unit=unit, regex=regex)
    click.echo(f"coded {len(ids)} passages with «{' '.join(code_text.split())}»"
               + ("" if ids else " (every hit was coded with it already)"))


COMMANDS = [autocode]
