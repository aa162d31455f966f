"""--help in the reader's language.

click reads a command's help when the command is decorated, before the language is chosen;
so help texts are English msgids marked N_() (`help=N_("…")`, never docstrings), and the
classes here put them through the catalogue when the help is shown. click's own words
(Usage, Options, Commands, [default: …]) come from click's gettext domain, not ours; the
formatter here shows them from our catalogue instead."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

import click

from coder.i18n import N_, _

# click's own texts, marked so the catalogue holds them (they are looked up by these msgids).
CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."), N_("Usage:"),
               N_("Options"), N_("Commands"), N_("Arguments"), N_("default:"), N_("required"))
_EXTRAS = re.compile(r"\[(default: |required)")


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


class Command(click.Command):
    context_class = Context

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


class Group(click.Group):
    context_class = Context
    command_class = Command
    group_class = type

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated_help(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated_help(self):
            return super().get_short_help_str(limit)


def command(name: str | None = None, **attrs: Any):
    """click.command, with --help in the reader's language."""
    return click.command(name, **{"cls": Command, **attrs})


def group(name: str | None = None, **attrs: Any):
    """click.group, with --help in the reader's language."""
    return click.group(name, cls=Group, **attrs)
