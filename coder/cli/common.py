"""What every command shares: opening a project, the --coder option, clean errors."""

from __future__ import annotations

import csv
import functools
import json
import sys
from pathlib import Path

import click

from coder.core import CoderError, Project, store
from coder.core.errors import StorageError
from coder.i18n import N_, _

coder_option = click.option("--coder", "coder_name", metavar="NAME",
                            help=N_("Your name on codings and history rows (default: the project's "
                                    "setting, your config, or your login name)."))
json_option = click.option("--json", "as_json", is_flag=True, help=N_("Print JSON instead of text."))
project_argument = click.argument("path", type=click.Path(dir_okay=False, path_type=Path))


def open_project(path: Path, coder: str | None = None) -> Project:
    return Project.open(path, coder=coder)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"coder: {message}", err=True)
    sys.exit(code)


def user_errors(func):
    """Turn what a user's files and disks can cause into one line on stderr and exit
    status 1: the project's own errors, and SQLite's, the system's, a CSV's or a text's
    that got past the readers (named after the project, the command's PATH)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CoderError as exc:
            fail(str(exc))
        except StorageError as exc:
            fail(str(store.explain(_named(kwargs, "project"), exc)))
        except BrokenPipeError:
            # The output's reader stopped reading (`coder log | head -1`): click ends the run
            # quietly with status 1 (click.core.BaseCommand.main), as Python's docs advise.
            raise
        except OSError as exc:
            fail(describe_os_error(exc, _named(kwargs, None)))
        except (csv.Error, UnicodeError, MemoryError) as exc:
            fail(_("{path}: cannot be read ({error}: {exc})")
                 .format(path=_named(kwargs, _("input")), error=type(exc).__name__, exc=exc))
    return wrapper


def _named(kwargs: dict, default):
    """The project a command works on: its PATH (or TARGET, for merge)."""
    return kwargs.get("path") or kwargs.get("target") or default


def describe_os_error(exc: OSError, fallback) -> str:
    name = exc.filename or fallback or _("file")
    return f"{name}: {exc.strerror or exc}"


def echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
