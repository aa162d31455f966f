"""Plain dataclasses that leave the core: the UI and the exchange layer see these, never SQL."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    kind: str
    length: int
    language: str
    sha256: str
    source_path: str | None
    imported_at: str
    memo: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NewSegment:
    """A segment as the ingest layer hands it to `Project.add_document`."""
    start: int
    end: int
    kind: str                     # paragraph, turn, sentence, response, quote, heading
    speaker: str | None = None
    label: str | None = None      # e.g. the survey question a response answers
    lemmas: str = ""              # space-separated lemmas for the search index


@dataclass(frozen=True)
class NewDocument:
    """A document as the ingest and exchange layers hand it to `Project.add_documents`."""
    name: str
    text: str
    kind: str = "report"          # interview, report, survey, guide, note
    language: str = "nb"
    source_path: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    segments: tuple[NewSegment, ...] = ()


@dataclass(frozen=True)
class Segment:
    id: int
    document_id: int
    start: int
    end: int
    kind: str
    speaker: str | None
    label: str | None


@dataclass(frozen=True)
class Code:
    id: int
    text: str
    description: str | None
    colour: str | None
    in_vivo: bool
    creator: str | None
    created_at: str
    memo: str | None
    codings: int = 0


@dataclass(frozen=True)
class Coding:
    id: int
    code_id: int
    document_id: int
    start: int
    end: int
    coder: str
    created_at: str
    memo: str | None


@dataclass(frozen=True)
class Group:
    id: int
    number: int
    name: str
    is_rest: bool
    memo: str | None
    code_ids: tuple[int, ...] = ()
    theme_id: int | None = None


@dataclass(frozen=True)
class Theme:
    id: int
    number: int
    name: str
    memo: str | None
    group_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Concept:
    id: int
    name: str
    memo: str | None
    group_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    coder: str
    action: str
    object: str
    details: str
    state: str


@dataclass(frozen=True)
class Counts:
    documents: int
    segments: int
    codes: int
    codings: int
    groups: int
    themes: int
    concepts: int
    coders: int
    schema_version: int


@dataclass(frozen=True)
class Quote:
    """A coding with the text it covers and where it comes from: what review lists show."""
    coding_id: int
    code_id: int
    document_id: int
    document: str
    start: int
    end: int
    text: str
    informant: str | None = None
