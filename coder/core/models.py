"""Plain dataclasses that leave the core: the UI and the exchange layer see these, never SQL."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from coder.core.wording import Wording
from coder.i18n import language, pgettext, using

# What a document can be; NewDocument.kind is one of these.
DOCUMENT_KINDS = ("interview", "report", "survey", "guide", "note")


def kind_name(kind: str) -> str:
    """A document kind as the reader's language names it; a kind coder does not know
    (another tool's) as it is. (The documents pane asks once per row.)"""
    return _kind_names(language()).get(kind, kind)


@cache
def _kind_names(lang: str) -> dict[str, str]:
    with using(lang):
        return {"interview": pgettext("document kind", "interview"), "report": pgettext("document kind", "report"),
                "survey": pgettext("document kind", "survey"),
                "guide": pgettext("document kind", "interview guide"), "note": pgettext("document kind", "note")}


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


class NewSegment(NamedTuple):
    """A segment as the ingest layer hands it to `Project.documents.add`. A tuple, so
    that a plain `SegmentRow` in the same order is one too: see there."""
    start: int
    end: int
    kind: str                     # paragraph, turn, sentence, response, quote, heading
    speaker: str | None = None
    label: str | None = None      # e.g. the survey question a response answers
    lemmas: str = ""              # space-separated lemmas for the search index


# A new segment as a plain tuple in NewSegment's order (a NewSegment is one): an import
# makes hundreds of thousands and sends them between processes, and a plain tuple costs
# a tenth of a frozen dataclass to make, pickle and unpickle (1.9 → 0.24 s CPU for the
# 223,000 segments of benchmarks/bench_qdpx.py; a NamedTuple costs 1.3 s).
SegmentRow = tuple[int, int, str, str | None, str | None, str]


@dataclass(frozen=True)
class NewDocument:
    """A document as the ingest and exchange layers hand it to `Project.documents.add_many`."""
    name: str
    text: str
    kind: str = "report"          # interview, report, survey, guide, note
    language: str = "nb"
    source_path: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    segments: tuple[SegmentRow, ...] = ()


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
    """One row of the history. `object` and `details` are its English text (as a csv of the
    log gives them); `shown_object()` and `shown_details()` say them in the reader's language."""
    id: int
    at: str
    coder: str
    action: str
    object: str
    details: str
    state: str
    wording: str | None = None          # JSON: {"object": …, "details": …} (coder/core/wording.py)

    def shown_object(self) -> str:
        return self._shown("object", self.object)

    def shown_details(self) -> str:
        return self._shown("details", self.details)

    def _shown(self, part: str, text: str) -> str:
        """The wording of `part` in the current language; the stored text where there is none
        or it is not one this coder can say (a damaged row, another version's message)."""
        if not self.wording:
            return text
        try:
            found = json.loads(self.wording)
            return Wording.from_json(found[part]).text() if isinstance(found, dict) and part in found else text
        except (ValueError, RecursionError):
            return text


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
class SearchHit:
    """One place a search matched: code-point offsets into the document, end exclusive."""
    document_id: int
    document: str                 # the document's name
    start: int
    end: int
    text: str                     # keyword-in-context line, one line
    segment_id: int | None        # the indexed segment holding the match
    match_at: int = 0             # where the matched words begin within `text`


# ---- codebooks and proposed codings (coder/core/codebook.py, proposals.py) ----------

@dataclass(frozen=True)
class NewCode:
    """A code as a codebook reader hands it to `Project.import_codebook`."""
    text: str
    description: str | None = None
    colour: str | None = None
    guid: str | None = None       # kept when the code comes from another tool
    memo: str | None = None
    in_vivo: bool = False
    checks: tuple[tuple[str, str], ...] = ()      # kodetest: (question key, verdict)


@dataclass(frozen=True)
class NewGroup:
    name: str
    codes: tuple[NewCode, ...] = ()
    number: int | None = None     # kept if free, else the next free number
    is_rest: bool = False
    memo: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class NewTheme:
    name: str
    groups: tuple[NewGroup, ...] = ()
    number: int | None = None
    memo: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class NewConcept:
    name: str
    memo: str | None = None
    groups: tuple[tuple[int | None, str], ...] = ()   # (number, name) of groups in the same codebook
    checks: tuple[tuple[str, str], ...] = ()          # konsepttest: (question key, verdict)


@dataclass(frozen=True)
class NewCodebook:
    """Themes > groups > codes, plus groups under no theme and codes in no group, and
    the concepts over the groups."""
    themes: tuple[NewTheme, ...] = ()
    groups: tuple[NewGroup, ...] = ()
    codes: tuple[NewCode, ...] = ()
    origin: str | None = None
    concepts: tuple[NewConcept, ...] = ()


@dataclass(frozen=True)
class CodebookImport:
    """What `Project.import_codebook` did."""
    codes_added: int
    codes_existing: int
    duplicates: int               # code texts that came more than once (first place kept)
    groups_added: int
    themes_added: int
    renumbered: tuple[str, ...] = ()   # "Gruppe 3 → 21" when a number was taken
    code_ids: tuple[int, ...] = field(default=(), repr=False)   # every code of the codebook, in order


@dataclass(frozen=True)
class NewProposal:
    code_id: int
    document_id: int
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Proposal:
    id: int
    code_id: int
    document_id: int
    start: int
    end: int
    score: float
    source: str | None
    created_at: str


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
