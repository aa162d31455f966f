"""The demo project: built on first run from the shipped sample material — every file
in corpus/, then the thesis codebook from codebooks/ anchored to the informants' interviews
(proposals scoring 95 or more accepted as codings), so the app opens on real SDI work."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from coder import paths
from coder.core import CoderError, Project
from coder.i18n import _

Progress = Callable[[str], None]

CODEBOOK = "thesis_codebook.qdc"
ACCEPT_ABOVE = 95
DEMO_CODER = "demo"


def demo_path() -> Path:
    """Where `coder` (and `coder serve --demo`) keep the demo project."""
    return paths.user_data_dir() / "demo.coder"


def ensure_demo(path: Path, progress: Progress | None = None) -> Path:
    """Create the demo project at `path` unless it exists; return the path.
    `progress` is told each step of a build (a first run takes seconds)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path, progress=progress)
    return path


def corpus_files(corpus: Path) -> list[Path]:
    from coder.ingest.sources import SIDECAR
    return [f for f in sorted(corpus.rglob("*"))
            if f.is_file() and f.name not in ("README.md", SIDECAR) and not f.name.startswith(".")]


def build_demo(path: Path, corpus: Path | None = None, codebooks: Path | None = None,
               progress: Progress | None = None) -> None:
    """Build beside the target and rename at the end: an interrupted first run leaves
    no half-built demo behind to be opened next time."""
    say = progress or (lambda _message: None)
    from coder.exchange.anchoring import anchor
    from coder.exchange.codebook_import import import_codebook
    from coder.ingest import import_files
    corpus = corpus or paths.material_dir("corpus")
    codebooks = codebooks or paths.material_dir("codebooks")
    files = corpus_files(corpus) if corpus.is_dir() else []
    if not files:
        raise CoderError(_("{corpus}: no sample material to build the demo from").format(corpus=corpus))
    # Named for this process: two first runs at once each build their own.
    partial = path.with_name(f"{path.name}.building-{os.getpid()}")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    with Project.create(partial, coder=DEMO_CODER) as project:
        interviews = [f for f in files if f.parent.name == "interviews"]
        say(_("Reading {n} interviews …").format(n=len(interviews)))
        import_files(project, interviews, kind="interview")
        say(_("Reading {n} other documents …").format(n=len(files) - len(interviews)))
        import_files(project, [f for f in files if f not in interviews])
        codebook = codebooks / CODEBOOK
        if codebook.exists():
            say(_("Adding the thesis codebook …"))
            import_codebook(project, codebook)
            if interviews:
                # the codes were said by the informants: anchor them in the interviews
                say(_("Finding its codes in the interviews …"))
                anchor(project, accept_above=ACCEPT_ABOVE, kinds=["interview"])
    _publish(partial, path)


def _publish(partial: Path, path: Path) -> None:
    """Put the closed, finished file in place without ever replacing a demo another
    process built meanwhile and may have open (a link fails where a name exists)."""
    try:
        os.link(partial, path)
    except FileExistsError:
        pass
    except OSError:                 # a file system without hard links
        if not path.exists():
            os.replace(partial, path)
    partial.unlink(missing_ok=True)
