"""The `coder` command line. Each module here holds one family of commands and lists
them in COMMANDS; heavy libraries are imported inside the commands, not here."""

from __future__ import annotations

import difflib
import importlib
import os
import sys

import click

from coder import __version__, i18n
from coder.cli.translated import click_messages, group
from coder.core.identity import configured_language
from coder.i18n import N_, _

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


def choose_language(explicit: str | None = None) -> str:
    """--lang, else CODER_LANG, else the config file's `language`, else the locale, else English."""
    language = i18n.resolve(explicit, configured_language())
    i18n.set_language(language)
    return language


def _lang_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        choose_language(value)


@group(context_settings={"help_option_names": ["-h", "--help"]},
       help=N_("coder — qualitative coding by Tjora's SDI method.\n\n"
               "Run `coder` alone to open the demo project, or `coder PROJECT` to open (or create) "
               "a project in the app."))
@click.version_option(__version__, prog_name="coder")
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), is_eager=True, expose_value=False,
              callback=_lang_option,
              help=N_("The language of messages and help: nb (bokmål) or en (default: CODER_LANG, "
                      "the config file's language, else the system's)."))
def cli() -> None:
    pass


for _module in COMMAND_MODULES:
    for _command in importlib.import_module(_module).COMMANDS:
        cli.add_command(_command)


def _open_app(path: str | None) -> None:
    from coder.tui.launch import launch  # Textual loads only when the app is wanted
    launch(path, i18n.language())  # as chosen by main(): --lang, CODER_LANG, config, locale


def main(argv: list[str] | None = None) -> None:
    args = _leading_language(sys.argv[1:] if argv is None else argv)
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


def _leading_language(args: list[str]) -> list[str]:
    """Choose the language before anything is shown; `--lang X` among the options before the
    command is taken off here, so that `coder --lang nb study.coder` opens the app in bokmål
    (click would take the project for a command) and `coder --help --lang nb` is in bokmål."""
    explicit, args, i = None, list(args), 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] == "--lang" and i + 1 < len(args):
            explicit = args[i + 1]
            del args[i:i + 2]
        elif args[i].startswith("--lang="):
            explicit = args[i].partition("=")[2]
            del args[i]
        else:
            i += 1
    if explicit is not None and i18n.normalise(explicit) is None:
        click.echo(_("coder: unknown language «{language}»; choose one of {languages}")
                   .format(language=explicit, languages=", ".join(i18n.LANGUAGES)), err=True)
        sys.exit(2)
    choose_language(explicit)
    return args


def _run(args: list[str]) -> int:
    """The command's exit status; whatever goes wrong is one line on stderr."""
    with click_messages():
        return _run_command(args)


def _run_command(args: list[str]) -> int:
    try:
        status = cli.main(args=args, prog_name="coder", standalone_mode=False)
    except click.UsageError as exc:         # a bad option or argument, a missing file
        where = exc.ctx.command_path if exc.ctx else "coder"
        click.echo(_("coder: {message} (see «{where} --help»)")
                   .format(message=exc.format_message(), where=where), err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"coder: {exc.format_message()}", err=True)
        return exc.exit_code
    except click.Abort:
        click.echo(_("coder: stopped; nothing more was changed"), err=True)
        return 1
    except Exception as exc:        # a defect of ours: still one line, never a traceback
        if os.environ.get("CODER_DEBUG"):
            raise
        click.echo(_("coder: internal error ({error}: {exc}); please report it (CODER_DEBUG=1 shows where)")
                   .format(error=type(exc).__name__, exc=exc), err=True)
        return 1
    return status if isinstance(status, int) else 0


def _is_project_name(arg: str) -> bool:
    """An existing file, or a new project's name: a typo (`coder infoo`, `coder help`)
    must neither create a project nor start the app."""
    return os.path.lexists(arg) or arg.lower().endswith(PROJECT_SUFFIX)


def _no_such(word: str) -> None:
    close = difflib.get_close_matches(word, list(cli.commands), n=1, cutoff=0.6)
    if close:
        hint = _("did you mean «coder {command}»?").format(command=close[0])
    elif word.lower().endswith(PROJECT_SUFFIX):
        hint = _("«coder {word}» alone opens it, a command names it after itself («coder info {word}»)")
        hint = hint.format(word=word)
    else:
        hint = _("see «coder --help» (a new project's name ends in {suffix})").format(suffix=PROJECT_SUFFIX)
    click.echo(_("coder: no such command or project file: {word}; {hint}").format(word=word, hint=hint), err=True)
    sys.exit(2)
