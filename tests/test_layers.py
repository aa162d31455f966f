"""The layering rules of DESIGN.md, checked on the source: nothing outside coder/tui
imports Textual, and only coder/core talks SQL to the project."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coder"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_outside(*excluded: str):
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] not in excluded:
            yield path


def test_nothing_outside_the_ui_imports_textual():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules_outside("tui")
                 if any(m == "textual" or m.startswith("textual.") for m in imported_modules(p))]
    assert offenders == []


# sqlite3 outside core, for files that are not projects.
NOT_PROJECT_SQLITE: set[str] = set()      # none: text/ keeps no storage


def test_only_core_opens_sqlite():
    offenders = [str(p.relative_to(PACKAGE)) for p in modules_outside("core")
                 if any(m.split(".")[0] in ("sqlite3", "sqlite_utils") for m in imported_modules(p))]
    assert sorted(set(offenders) - NOT_PROJECT_SQLITE) == []


def test_lower_layers_do_not_import_upper_ones():
    upper = {"core": ("coder.ingest", "coder.exchange", "coder.analysis", "coder.tui", "coder.cli"),
             "text": ("coder.core", "coder.ingest", "coder.exchange", "coder.analysis", "coder.tui", "coder.cli")}
    offenders = []
    for layer, forbidden in upper.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            bad = [m for m in imported_modules(path) if m.startswith(forbidden)]
            if bad:
                offenders.append((str(path.relative_to(PACKAGE)), bad))
    assert offenders == []
