"""The ingest service: the one way material comes into a project — files and folders
(coder/ingest/pipeline.py) and REFI-QDA projects (coder/exchange/qdpx_import.py use
`segments_elsewhere`) — and the one owner of the helper process that splits sentences
and segments on the second core (coder/text/worker.py). The CLI holds one for a
command, the app one for its whole run (it imports file after file).

The language of the text is the project's (the `language` setting, else bokmål) unless
an import names another."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coder.ingest.pipeline import ImportReport, Progress, run_import
from coder.ingest.segments import document_segments, draft_segments
from coder.text.prepare import draft_text
from coder.text.worker import Helper, Pending

if TYPE_CHECKING:
    from coder.core import Project

LANGUAGE_SETTING = "language"
DEFAULT_LANGUAGE = "nb"


def project_language(project: Project) -> str:
    return project.settings.get(LANGUAGE_SETTING) or DEFAULT_LANGUAGE


class Ingest:
    def __init__(self) -> None:
        self.helper = Helper()

    def files(self, project: Project, paths: Iterable[str | Path], *, kind: str | None = None,
              text_columns: Sequence[str] = (), id_column: str | None = None,
              language: str | None = None, progress: Progress | None = None) -> ImportReport:
        """Import files, folders and globs, one undoable action per file."""
        return run_import(project, paths, helper=self.helper, kind=kind, text_columns=text_columns,
                            id_column=id_column, language=language or project_language(project),
                            progress=progress)

    def start(self, module: str) -> None:
        """Start the helper now, importing `module` there (a large project is coming)."""
        self.helper.start(module)

    def segments_elsewhere(self, text: str, kind: str, language: str,
                           spans: Sequence[tuple] | None = None) -> Pending:
        """`document_segments` of a text that comes in whole (a REFI-QDA import), worked
        out by the helper. Its draft (paragraphs, turns, quotes) is made here: this
        process reads the project while the helper loads spaCy and simplemma, and the
        helper is the slower of the two after (benchmarks/bench_qdpx.py, 10 MB, median
        of 3, load ~1.3: the helper's CPU 2.8 → 2.5 s, this process's 3.7 → 4.1 s
        before the first document comes back; rich vocabulary 4.84 → 4.65 s, the
        plain bench 3.88 → 3.90 s)."""
        if spans is None:
            draft = draft_text(text, kind=kind)
            if draft.text == text:
                return self.helper.run(draft_segments, draft, language)
        return self.helper.run(document_segments, text, kind, language, spans)

    def close(self) -> None:
        self.helper.shutdown()

    def __enter__(self) -> Ingest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def import_files(project: Project, paths: Iterable[str | Path], **options) -> ImportReport:
    """`Ingest.files` once, for a caller that imports one batch (a script, the demo)."""
    with Ingest() as ingest:
        return ingest.files(project, paths, **options)
