"""`coder` and `coder PATH`: open a project in the app (the demo project when no path)."""

from __future__ import annotations

import sys

from coder.core import CoderError, Project, store
from coder.core.errors import StorageError
from coder.demo import demo_path, ensure_demo
from coder.i18n import _


def launch(path: str | None, language: str | None = None, coder: str | None = None,
           create: bool = True) -> None:
    """`language`: --lang if given (else CODER_LANG, the config file, the locale)."""
    welcome = False
    try:
        if path is None:
            demo = demo_path()
            if not demo.exists():      # the first run: seconds of work, said on the terminal
                welcome = True
                _say(_("coder: building the demo project (first run only) in {path}").format(path=demo))
            project = Project.open(ensure_demo(demo, progress=lambda step: _say("  " + step)), coder=coder)
        else:
            project = Project.open(path, coder=coder, create=create)
    except CoderError as exc:
        _fail(str(exc))
    except StorageError as exc:
        _fail(str(store.explain(path or demo_path(), exc)))
    except OSError as exc:
        _fail(f"{exc.filename or path}: {exc.strerror or exc}")
    from coder.tui.app import make_app
    with project:
        make_app(project, language, welcome=welcome).run()


def _say(line: str) -> None:
    print(line, flush=True)


def _fail(message: str) -> None:
    print(f"coder: {message}", file=sys.stderr)
    sys.exit(1)
