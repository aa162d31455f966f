"""No user-facing text bypasses the catalogue: an AST scan of the package for literal text
handed to the places a user reads it (echo, errors, --help), and for command docstrings
(click would show them untranslated)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import coder

PACKAGE = Path(coder.__file__).parent

# ---- command line and core ------------------------------------------------------------------

CLI_CORE_PATHS = ["cli", "core", "analysis", "ingest", "exchange", "demo.py", "entry.py"]

# Calls whose arguments a user reads: click's output and errors, and the project's own errors.
CLI_CORE_SINKS = {
    "echo", "secho", "fail", "ClickException", "UsageError", "BadParameter", "FileError",
    "CoderError", "NotAProject", "NewerVersion", "ProjectBusy", "NameCollision", "OffsetError",
    "NotFound", "NothingToUndo", "ReadOnly", "Damaged", "UnreadableFile", "UnsafeArchive",
    "Abort", "progressbar", "prompt", "confirm", "DamagedHistory", "note", "_skip",
}
# Lists of lines a report shows a user: what is appended to them is read.
CLI_CORE_USER_LISTS = {"problems", "notes", "renumbered", "skipped", "skipped_sources", "outside",
                       "damaged_text", "renewed_guids", "utf16_sources"}
# Keywords whose value a user reads wherever they are passed.
CLI_CORE_KEYWORDS = {"help", "short_help", "label", "epilog"}
# Functions that put text through the catalogue; what they receive is marked, not bypassing.
TRANSLATORS = {"_", "N_", "ngettext", "pgettext", "npgettext"}
# Literal text that is not prose: the program's name, file suffixes, HTML tags and the like.
NOT_WORDS = re.compile(r"\bcoder\b|\.coder\b|CODER_DEBUG|--[a-z-]+|<[^<>]*>")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", NOT_WORDS.sub("", text)))


def bypasses(node: ast.AST | None) -> bool:
    """Does this expression build text a user reads out of literal words?"""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(bypasses(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return bypasses(node.value)             # the format spec (">5", ".1f") is not text
    if isinstance(node, ast.BinOp):
        return bypasses(node.left) or bypasses(node.right)
    if isinstance(node, ast.IfExp):
        return bypasses(node.body) or bypasses(node.orelse)
    if isinstance(node, ast.Call):
        if _name(node.func) in TRANSLATORS:
            return False
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
            return bypasses(node.func.value)
    return False


def _appends_to_user_list(call: ast.Call) -> bool:
    return (isinstance(call.func, ast.Attribute) and call.func.attr in ("append", "extend")
            and _name(call.func.value) in CLI_CORE_USER_LISTS)


def _is_command(func: ast.FunctionDef) -> bool:
    """A click command or group: its docstring would be its --help."""
    for deco in func.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if _name(target) in ("command", "group"):
            return True
    return False


def _files(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = PACKAGE / name
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def cli_core_offenders() -> Iterator[str]:
    for path in _files(CLI_CORE_PATHS):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                if _name(node.func) in CLI_CORE_SINKS or _appends_to_user_list(node):
                    for arg in node.args:
                        if bypasses(arg):
                            yield f"{where}:{node.lineno}: {ast.unparse(arg)[:80]}"
                for kw in node.keywords:
                    if kw.arg in CLI_CORE_KEYWORDS and bypasses(kw.value):
                        yield f"{where}:{node.lineno}: {kw.arg}={ast.unparse(kw.value)[:80]}"
            elif isinstance(node, ast.FunctionDef) and _is_command(node) and ast.get_docstring(node):
                yield f"{where}:{node.lineno}: docstring of command {node.name} (use help=N_(…))"


def test_cli_core_user_text_goes_through_the_catalogue():
    offenders = list(cli_core_offenders())
    assert not offenders, "literal text a user reads, not through coder.i18n:\n" + "\n".join(offenders)


def test_cli_core_scan_catches_literal_text():
    """The scan itself: it must see what it is meant to see, and let marked text pass."""
    caught = [ast.parse(s, mode="eval").body for s in
              ('f"coded {n} passage{\'\' if n == 1 else \'s\'}"', '"no such file"', '"a " + name')]
    passed = [ast.parse(s, mode="eval").body for s in
              ('_("no such file")', 'ngettext("{n} hit", "{n} hits", n).format(n=n)',
               'f"coder: {message}"', 'f"{p.id:>5}  {p.score:5.1f}"', '", ".join(names)')]
    assert all(bypasses(n) for n in caught)
    assert not any(bypasses(n) for n in passed)


def _placeholder_mismatches() -> Iterator[str]:
    """`_("… {name} …").format(…)` calls whose keywords do not name each placeholder."""
    import string
    for path in _files(CLI_CORE_PATHS):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format" and isinstance(node.func.value, ast.Call)
                    and _name(node.func.value.func) in ("_", "ngettext")):
                continue
            if any(kw.arg is None for kw in node.keywords):
                continue            # **mapping: checked where the mapping is made
            given = {kw.arg for kw in node.keywords}
            for arg in node.func.value.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    wanted = {f for _t, f, _s, _c in string.Formatter().parse(arg.value) if f}
                    if wanted != given:
                        yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {sorted(wanted)} ≠ {sorted(given)}"


def test_cli_core_messages_fill_every_placeholder():
    mismatches = list(_placeholder_mismatches())
    assert not mismatches, "placeholders and .format() keywords disagree:\n" + "\n".join(mismatches)
