"""What every command shares: opening a project, the --coder option, clean errors."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from coder.core import CoderError, Project

coder_option = click.option("--coder", "coder_name", metavar="NAME",
                            help="Your name on codings and history rows (default: the project's "
                                 "setting, your config, or your login name).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
project_argument = click.argument("path", type=click.Path(dir_okay=False, path_type=Path))


def open_project(path: Path, coder: str | None = None) -> Project:
    return Project.open(path, coder=coder)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"coder: {message}", err=True)
    sys.exit(code)


def user_errors(func):
    """Turn a CoderError into one line on stderr and exit status 1."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CoderError as exc:
            fail(str(exc))
    return wrapper


def echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
