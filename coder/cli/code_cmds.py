"""Coding from the command line: `coder autocode`."""

from __future__ import annotations

from pathlib import Path

import click

from coder.cli.common import coder_option, open_project, project_argument, user_errors
from coder.cli.translated import command
from coder.core.autocode import UNITS
from coder.i18n import N_, _, ngettext


@command(help=N_("Code every search hit of QUERY with one code, as one undoable action.\n\n"
                  "QUERY is searched as in `coder search` (words match their inflections)."))
@project_argument
@click.argument("query")
@click.option("--code", "code_text", required=True, metavar="TEXT",
              help=N_("The code to apply (created if no code has this text)."))
@click.option("--unit", type=click.Choice(UNITS), default="match", show_default=True,
              help=N_("Code the matched words, their sentence, or their segment (response, turn, paragraph)."))
@click.option("--regex", is_flag=True, help=N_("QUERY is a regular expression."))
@coder_option
@user_errors
def autocode(path: Path, query: str, code_text: str, unit: str, regex: bool, coder_name: str | None) -> None:
    with open_project(path, coder_name) as project:
        ids = project.autocode.run(query, code_text, unit=unit, regex=regex)
    code = " ".join(code_text.split())
    if not ids:
        click.echo(_("coded 0 passages with «{code}» (every hit was coded with it already)").format(code=code))
        return
    click.echo(ngettext("coded {n} passage with «{code}»", "coded {n} passages with «{code}»", len(ids))
               .format(n=len(ids), code=code))


COMMANDS = [autocode]
