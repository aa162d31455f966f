from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coder.core import Project

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user(tmp_path_factory, monkeypatch):
    """No test reads the developer's own config or data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CODER_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch):
    """Tests read English unless they ask for bokmål: the machine's locale is not used, and a
    test that switched the language does not leave it switched for the next."""
    from coder import i18n
    monkeypatch.setenv("CODER_LANG", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def project(tmp_path) -> Project:
    p = Project.create(tmp_path / "study.coder", coder="tester")
    yield p
    p.close()


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m coder ARGS` from the source tree, as a user would run `coder`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "coder", *args], cwd=cwd or REPO, env=env,
                          capture_output=True, text=True, input=input, timeout=300)
