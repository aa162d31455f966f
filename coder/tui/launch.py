"""`coder` and `coder PATH`: open a project in the app (the demo project when no path)."""

from __future__ import annotations

import sys
from pathlib import Path

from coder.core import CoderError, Project, store
from coder.core.errors import StorageError


def demo_path() -> Path:
    from coder import paths
    return paths.user_data_dir() / "demo.coder"


def launch(path: str | None, language: str | None = None) -> None:
    """`language`: --lang if given (else CODER_LANG, the config file, the locale)."""
    try:
        if path is None:
            from coder.demo import ensure_demo
            project = Project.open(ensure_demo(demo_path()))
        else:
            project = Project.open(path, create=True)
    except CoderError as exc:
        _fail(str(exc))
    except StorageError as exc:
        _fail(str(store.explain(path or demo_path(), exc)))
    except OSError as exc:
        _fail(f"{exc.filename or path}: {exc.strerror or exc}")
    from coder.tui.app import make_app
    with project:
        make_app(project, language).run()


def _fail(message: str) -> None:
    print(f"coder: {message}", file=sys.stderr)
    sys.exit(1)
