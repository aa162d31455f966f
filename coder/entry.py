"""The `coder` command: what can start early, then the command line (coder.cli).

`coder import` hands sentences to a helper process that takes a second to load
spaCy; started before the command line's own imports (a third of a second), that
second overlaps with them as well. Only when a file to import can have sentences:
surveys (.csv, .xlsx) have none. `coder import-qdpx` of a large project has the
helper segment documents, so it starts it early too."""

from __future__ import annotations

import os
import sys

_VALUED = {"--kind", "--text-column", "--id-column", "--language", "--coder"}
_NO_SENTENCES = (".csv", ".xlsx")
# A .qdpx this large may hold enough text for the helper (qdpx_import.WORKER_FROM
# characters, compressed two to three times).
_LARGE_QDPX = 500_000


def start_helpers(args: list[str]) -> None:
    command, rest = args[:1], args[1:]
    if command == ["import"]:
        language, files = _language_and_files(rest)
        if any(not f.lower().endswith(_NO_SENTENCES) for f in files[1:]):   # files[0]: the project
            from coder.text import worker
            worker.warm_up(language)
    elif command == ["import-qdpx"]:
        files = _language_and_files(rest)[1][1:]
        if files and os.path.isfile(files[0]) and os.path.getsize(files[0]) >= _LARGE_QDPX:
            from coder.text import worker
            worker.start("coder.exchange.qdpx_import")


def _language_and_files(args: list[str]) -> tuple[str, list[str]]:
    """The --language given (or nb) and the arguments that are not options or their values."""
    language, files, rest = "nb", [], iter(args)
    for arg in rest:
        if arg in _VALUED:
            value = next(rest, "")
            language = value if arg == "--language" else language
        elif not arg.startswith("-"):
            files.append(arg)
    return language, files


def main() -> None:
    start_helpers(sys.argv[1:])
    from coder.cli import main as command_line
    command_line()
