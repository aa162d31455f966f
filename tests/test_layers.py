"""The layers of DESIGN.md, as import-linter contracts in pyproject.toml
([tool.importlinter]): tui and cli over analysis, exchange and ingest, over core, over
text; text imports nothing of coder but itself; nothing outside coder.tui imports
Textual; only coder.core talks SQL. This runs `lint-imports` and fails with its report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LINT_IMPORTS = ("import sys; from importlinter.cli import lint_imports; "
                "sys.exit(lint_imports(no_cache=True, no_logo=True))")


def test_import_linter_contracts_are_kept():
    run = subprocess.run([sys.executable, "-c", LINT_IMPORTS], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8")
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "0 broken" in report, report
