"""--help in the reader's language.

click reads a command's help when the command is decorated, before the language is chosen;
so help texts are English msgids marked N_() (`help=N_("…")`, never docstrings), and the
classes here put them through the catalogue when the help is shown. click's own words
(Usage, Options, Commands, [default: …]) come from click's gettext domain, not ours; the
formatter here shows them from our catalogue instead."""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Iterator
from typing import Any

import click

from coder.i18n import N_, _, ngettext

# click's own texts, marked so the catalogue holds them (they are looked up by these msgids).
CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."), N_("Usage:"),
               N_("Options"), N_("Commands"), N_("Arguments"), N_("default:"), N_("required"))
# click's error messages a user of coder can meet (plurals: the singular marks the pair).
CLICK_MESSAGES = (
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing {param_type}"),
    N_("Missing command."), N_("No such option {name!r}."), N_("No such command {name!r}."),
    N_("Did you mean {possibility}?"), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("Got unexpected extra argument ({args})"), N_("Option {name!r} does not take a value."),
    N_("Option {name!r} requires an argument."), N_("Argument {name!r} takes {nargs} values."),
    N_("Takes {nargs} values but 1 was given."), N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"), N_("Aborted!"), N_("{value!r} is not {choice}."),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} does not match the format {format}."),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("{name} {filename!r} is not executable."))
# The names click gives its parameter types ("'x' is not a valid integer.", and metavars such
# as INTEGER in --help): class attributes, swapped for the reader's words during a run.
TYPE_NAMES = {"IntParamType": N_("integer"), "FloatParamType": N_("float"), "IntRange": N_("integer range"),
              "FloatRange": N_("float range"), "BoolParamType": N_("boolean"), "Choice": N_("choice"),
              "StringParamType": N_("text")}
# The metavars of coder's commands (PATH, QUERY …, and click's [OPTIONS] and COMMAND [ARGS]...)
# as the help texts name them: in usage lines, option lists and "Missing argument 'PATH'".
METAVARS = {"PATH": N_("PATH"), "QUERY": N_("QUERY"), "FILE": N_("FILE"), "FILES": N_("FILES"),
            "SOURCES": N_("SOURCES"), "TARGET": N_("TARGET"), "IDS": N_("IDS"), "TEXT": N_("TEXT"),
            "NAME": N_("NAME"), "KIND": N_("KIND"), "PERCENT": N_("PERCENT"), "OPTIONS": N_("OPTIONS"),
            "COMMAND": N_("COMMAND"), "ARGS": N_("ARGS")}
_METAVAR_WORD = re.compile(r"\b[A-Z]{2,}\b")
# The click modules that make those messages; each binds gettext's functions at import.
_CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types")
_EXTRAS = re.compile(r"\[(default: |required)")


def metavar(text: str) -> str:
    """A metavar or usage piece with its words in the reader's language."""
    return _METAVAR_WORD.sub(lambda m: _(METAVARS[m.group()]) if m.group() in METAVARS else m.group(), text)


def _metavar_of(make: Any) -> Any:
    def made(self: click.Parameter, *args: Any, **kwargs: Any) -> str:
        return metavar(make(self, *args, **kwargs))
    return made


@contextlib.contextmanager
def _translated_help(*items: Any) -> Iterator[None]:
    """Show the help (and short help) of commands and options translated, for one formatting."""
    saved = [(item, attr, getattr(item, attr)) for item in items for attr in ("help", "short_help")
             if isinstance(getattr(item, attr, None), str)]
    try:
        for item, attr, text in saved:
            setattr(item, attr, _(text))
        yield
    finally:
        for item, attr, text in saved:
            setattr(item, attr, text)


@contextlib.contextmanager
def click_messages() -> Iterator[None]:
    """click's own messages (Missing argument, No such option, …) from our catalogue, for one run.

    click calls the stdlib's gettext with its default domain, bound into its modules at import
    (`from gettext import gettext as _`), so for the block those names point at ours; and the
    names of its parameter types, which it puts into messages untranslated, are ours too, as
    are the metavars it makes for arguments and options (PATH → PROSJEKT)."""
    modules = [importlib.import_module(name) for name in _CLICK_MODULES]
    ours: dict[str, Any] = {"_": _, "ngettext": ngettext}
    saved: list[tuple[Any, str, Any]] = [(module, name, vars(module)[name])
                                         for module in modules for name in ours if name in vars(module)]
    modules_saved = len(saved)
    types = [getattr(click.types, name) for name in TYPE_NAMES]
    saved += [(kind, "name", vars(kind)["name"]) for kind in types]
    makers = [cls for cls in (click.Parameter, click.Argument) if "make_metavar" in vars(cls)]
    saved += [(cls, "make_metavar", vars(cls)["make_metavar"]) for cls in makers]
    try:
        for module, name, _theirs in saved[:modules_saved]:
            setattr(module, name, ours[name])
        for kind in types:
            kind.name = _(TYPE_NAMES[kind.__name__])
        for cls, name, make in saved[len(saved) - len(makers):]:
            setattr(cls, name, _metavar_of(make))
        yield
    finally:
        for item, name, theirs in saved:
            setattr(item, name, theirs)


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else _("Usage:") + " ")

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_(name)):
            yield

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        def extras(match: re.Match) -> str:
            word = match.group(1)
            return "[" + (_("default:") + " " if word.startswith("default") else _("required"))
        super().write_dl([(term, _EXTRAS.sub(extras, text)) for term, text in rows], col_max, col_spacing)


class Context(click.Context):
    formatter_class = HelpFormatter


class _TranslatedHelp(click.Command):
    """Help texts are msgids (N_()); they are translated only while help is shown."""
    context_class = Context

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [metavar(piece) for piece in super().collect_usage_pieces(ctx)]

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


class Command(_TranslatedHelp):
    pass


class Group(_TranslatedHelp, click.Group):
    command_class = Command
    group_class = type


def command(name: str | None = None, **attrs: Any):
    """click.command, with --help in the reader's language."""
    return click.command(name, **{"cls": Command, **attrs})


def group(name: str | None = None, **attrs: Any):
    """click.group, with --help in the reader's language."""
    return click.group(name, cls=Group, **attrs)
