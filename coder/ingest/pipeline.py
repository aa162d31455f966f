"""The import pipeline: files → prepared, segmented, lemmatized documents in a project.

One action per input file, so one undo takes a whole file (a whole survey) back, and a
file that cannot be read leaves nothing behind while the others still import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from coder.core import CoderError, NewDocument, Project
from coder.core.models import DOCUMENT_KINDS
from coder.gcpause import paused_gc
from coder.i18n import _
from coder.ingest.readers import READERS
from coder.ingest.segments import has_speaker_turns, to_segments
from coder.ingest.sources import SURVEY_SUFFIXES, Sidecars, check_suffix, expand
from coder.ingest.survey import read_survey
from coder.text.lemmas import learn
from coder.text.prepare import Draft, draft_text, finish
from coder.text.segment import PipelineNotFound
from coder.text.worker import Helper, Pending

KINDS = DOCUMENT_KINDS

Progress = Callable[[int, int, Path | None], None]


@dataclass(frozen=True)
class ImportedFile:
    path: Path
    kind: str
    document_ids: list[int]
    segments: int
    empty_answers: int = 0
    empty_respondents: int = 0


@dataclass
class ImportReport:
    files: list[ImportedFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)    # one line per file not imported

    @property
    def documents(self) -> int:
        return sum(len(f.document_ids) for f in self.files)

    @property
    def segments(self) -> int:
        return sum(f.segments for f in self.files)

    @property
    def empty_answers(self) -> int:
        return sum(f.empty_answers for f in self.files)

    @property
    def empty_respondents(self) -> int:
        return sum(f.empty_respondents for f in self.files)


@paused_gc()
def run_import(project: Project, paths: Iterable[str | Path], *, helper: Helper, language: str,
                 kind: str | None = None, text_columns: Sequence[str] = (), id_column: str | None = None,
                 progress: Progress | None = None) -> ImportReport:
    """Import files, folders and globs (through coder.ingest.service.Ingest, which owns
    the helper). progress(done, total, current_path) is called before each file and
    once at the end (with current_path None)."""
    if kind is not None and kind not in KINDS:
        raise CoderError(_("{path}: unknown kind «{kind}» (one of {kinds})")
                         .format(path=project.path, kind=kind, kinds=', '.join(KINDS)))
    files, problems = expand(paths)
    report = ImportReport(problems=problems)
    sidecars = Sidecars()
    drafts = _Drafts([(n, p) for n, (p, _) in enumerate(files) if p.suffix.lower() not in SURVEY_SUFFIXES],
                     kind, language, helper)
    for done, (path, name) in enumerate(files):
        if progress:
            progress(done, len(files), path)
        try:
            check_suffix(path)
            attributes = sidecars.attributes(path)
            if path.suffix.lower() in SURVEY_SUFFIXES:
                imported = _import_survey(project, path, name, kind or "survey",
                                          language, text_columns, id_column, attributes)
            else:
                imported = _import_document(project, path, name, drafts.take(done),
                                            language, attributes)
            report.files.append(imported)
        except CoderError as exc:
            report.problems.append(str(exc))
    if progress:
        progress(len(files), len(files), None)
    return report


def _import_document(project: Project, path: Path, name: str, drafted: _Drafted,
                     language: str, attributes: dict[str, str]) -> ImportedFile:
    try:
        prepared = finish(drafted.draft, drafted.sentences.result())
    except PipelineNotFound as exc:
        raise CoderError(f"{path}: {exc}") from None
    segments = to_segments(prepared, language)
    doc = NewDocument(name, prepared.text, drafted.kind, language, str(path), attributes, segments)
    ids = project.documents.add_many([doc], label=str(path), name_stem=name)
    return ImportedFile(path, drafted.kind, ids, len(segments))


@dataclass
class _Drafted:
    kind: str
    draft: Draft
    sentences: Pending


class _Drafts:
    """Files read and drafted ahead of the one being stored, their sentences split in
    the worker meanwhile: while spaCy loads there, the next files are read, cleaned and
    lemmatized here. At most AHEAD characters wait at a time."""

    AHEAD = 20_000_000

    def __init__(self, files: list[tuple[int, Path]], kind: str | None, language: str, helper: Helper):
        self.waiting, self.kind, self.language, self.helper = list(files), kind, language, helper
        self.ready: dict[int, _Drafted | CoderError] = {}
        if self.waiting:
            helper.warm_up(language)

    def take(self, number: int) -> _Drafted:
        """The draft of the number-th file of the import."""
        while self.waiting and (number not in self.ready or self._held() < self.AHEAD):
            n, path = self.waiting.pop(0)
            try:
                self.ready[n] = self._draft(path)
            except CoderError as exc:
                self.ready[n] = exc
        found = self.ready.pop(number)
        if isinstance(found, CoderError):
            raise found
        return found

    def _held(self) -> int:
        return sum(len(d.draft.text) for d in self.ready.values() if isinstance(d, _Drafted))

    def _draft(self, path: Path) -> _Drafted:
        check_suffix(path)
        raw = READERS[path.suffix.lower()](path)
        kind = self.kind or ("interview" if has_speaker_turns(raw.text) else "report")
        draft = draft_text(raw.text, kind=kind, pdf=raw.pdf)
        sentences = self.helper.split(draft.text, draft.paragraphs, self.language)
        if sentences.elsewhere:     # idle time here: work the lemmas out now
            learn(draft.text, self.language)
        return _Drafted(kind, draft, sentences)


def _import_survey(project: Project, path: Path, name: str, kind: str,
                   language: str, text_columns: Sequence[str], id_column: str | None,
                   attributes: dict[str, str]) -> ImportedFile:
    survey = read_survey(path, kind=kind, language=language,
                         text_columns=text_columns, id_name=id_column)
    if not survey.documents:
        raise CoderError(_("{path}: no respondent answered any of the text columns").format(path=path))
    docs = [replace(d, name=f"{name} {d.name}", attributes={**attributes, **d.attributes})
            for d in survey.documents]
    ids = project.documents.add_many(docs, label=str(path), name_stem=name)
    return ImportedFile(path, kind, ids, sum(len(d.segments) for d in docs),
                        survey.empty_answers, survey.empty_respondents)

