"""The `coder` command (the console script): the command line in coder.cli.

Kept apart from coder.cli so that `python -m coder` and the installed script start the
same way; the import's helper process is started by the ingest service when an import
needs it (coder/ingest/service.py), not here."""

from __future__ import annotations


def main() -> None:
    from coder.cli import main as command_line
    command_line()
