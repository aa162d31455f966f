"""The `coder` command line. Each module here holds one family of commands and lists
them in COMMANDS; heavy libraries are imported inside the commands, not here."""

from __future__ import annotations

import importlib
import sys

import click

from coder import __version__

# Modules holding commands; each has a COMMANDS list.
COMMAND_MODULES = [
    "coder.cli.project_cmds",
    "coder.cli.import_cmds",
    "coder.cli.codebook_cmds",
    "coder.cli.export_cmds",
    "coder.cli.sdi_cmds",
    "coder.cli.team_cmds",
    "coder.cli.qdpx_cmds",
    "coder.cli.code_cmds",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coder")
def cli() -> None:
    """coder — qualitative coding by Tjora's SDI method.

    Run `coder` alone to open the demo project, or `coder PROJECT` to open (or create)
    a project in the app.
    """


for _module in COMMAND_MODULES:
    for _command in importlib.import_module(_module).COMMANDS:
        cli.add_command(_command)


def _open_app(path: str | None) -> None:
    from coder.tui.launch import launch  # Textual loads only when the app is wanted
    launch(path)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        _open_app(None)
        return
    first = args[0]
    if not first.startswith("-") and first not in cli.commands and len(args) == 1:
        _open_app(first)
        return
    cli.main(args=args, prog_name="coder")
