"""`coder` and `coder PATH`: open a project in the app (the demo project when no path)."""

from __future__ import annotations

import sys
from pathlib import Path

from coder.core import CoderError, Project


def demo_path() -> Path:
    from coder import paths
    return paths.user_data_dir() / "demo.coder"


def launch(path: str | None) -> None:
    try:
        if path is None:
            from coder.demo import ensure_demo
            project = Project.open(ensure_demo(demo_path()))
        else:
            project = Project.open(path, create=True)
    except CoderError as exc:
        print(f"coder: {exc}", file=sys.stderr)
        sys.exit(1)
    from coder.tui.app import make_app
    with project:
        make_app(project).run()
