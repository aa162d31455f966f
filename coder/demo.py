"""The demo project: built on first run from the shipped sample material."""

from __future__ import annotations

from pathlib import Path

from coder.core import Project


def ensure_demo(path: Path) -> Path:
    """Create the demo project at `path` unless it exists; return the path."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path)
    return path


def build_demo(path: Path) -> None:
    Project.create(path).close()
