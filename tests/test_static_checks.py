"""The static checks configured in pyproject.toml, run as tests so the README's one test
command (and so CI) runs them: ruff ([tool.ruff]) on the code, tests and benchmarks, and
mypy ([tool.mypy]) on the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--no-cache", "--output-format", "concise", "coder", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_error():
    result = run("mypy")        # the package and its settings come from [tool.mypy]
    assert result.returncode == 0, result.stdout + result.stderr
