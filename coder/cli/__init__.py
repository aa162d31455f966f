"""The `coder` command line. Each module here holds one family of commands and lists
them in COMMANDS; heavy libraries are imported inside the commands, not here."""

from __future__ import annotations

import difflib
import importlib
import os
import sys

import click

from coder import __version__

PROJECT_SUFFIX = ".coder"

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
    "coder.cli.serve_cmds",
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
    if not first.startswith("-") and first not in cli.commands:
        if len(args) == 1 and _is_project_name(first):
            _open_app(first)
            return
        _no_such(first)
    sys.exit(_run(args))


def _run(args: list[str]) -> int:
    """The command's exit status; whatever goes wrong is one line on stderr."""
    try:
        status = cli.main(args=args, prog_name="coder", standalone_mode=False)
    except click.UsageError as exc:         # a bad option or argument, a missing file
        where = exc.ctx.command_path if exc.ctx else "coder"
        click.echo(f"coder: {exc.format_message()} (see «{where} --help»)", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"coder: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo("coder: stopped; nothing more was changed", err=True)
        return 1
    except Exception as exc:        # a defect of ours: still one line, never a traceback
        if os.environ.get("CODER_DEBUG"):
            raise
        click.echo(f"coder: internal error ({type(exc).__name__}: {exc}); please report it "
                   f"(CODER_DEBUG=1 shows where)", err=True)
        return 1
    return status if isinstance(status, int) else 0


def _is_project_name(arg: str) -> bool:
    """An existing file, or a new project's name: a typo (`coder infoo`, `coder help`)
    must neither create a project nor start the app."""
    return os.path.lexists(arg) or arg.lower().endswith(PROJECT_SUFFIX)


def _no_such(word: str) -> None:
    close = difflib.get_close_matches(word, list(cli.commands), n=1, cutoff=0.6)
    if close:
        hint = f"; did you mean «coder {close[0]}»?"
    elif word.lower().endswith(PROJECT_SUFFIX):
        hint = f"; «coder {word}» alone opens it, a command names it after itself («coder info {word}»)"
    else:
        hint = f"; see «coder --help» (a new project's name ends in {PROJECT_SUFFIX})"
    click.echo(f"coder: no such command or project file: {word}{hint}", err=True)
    sys.exit(2)
