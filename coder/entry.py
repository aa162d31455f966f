"""The `coder` command: what can start early, then the command line (coder.cli).

`coder import` hands sentences to a helper process that takes a second to load
spaCy; started before the command line's own imports (a third of a second), that
second overlaps with them as well. Only when a file to import can have sentences:
surveys (.csv, .xlsx) have none."""

from __future__ import annotations

import sys

_VALUED = {"--kind", "--text-column", "--id-column", "--language", "--coder"}
_NO_SENTENCES = (".csv", ".xlsx")


def start_helpers(args: list[str]) -> None:
    if args[:1] != ["import"]:
        return
    language, files, rest = "nb", [], iter(args[2:])      # args[1]: the project
    for arg in rest:
        if arg in _VALUED:
            value = next(rest, "")
            language = value if arg == "--language" else language
        elif not arg.startswith("-"):
            files.append(arg)
    if any(not f.lower().endswith(_NO_SENTENCES) for f in files):
        from coder.text import worker
        worker.warm_up(language)


def main() -> None:
    start_helpers(sys.argv[1:])
    from coder.cli import main as command_line
    command_line()
