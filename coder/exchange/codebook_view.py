"""The codebook as every writer sees it: themes > groups > codes, with quote counts and
GUIDs, read from a Project in a handful of queries. Also the one place that spells
the titles "Tema N name" and "Gruppe N name", and reads them back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coder.core.models import Code, Group, Theme
from coder.i18n.collate import sort_key

_REST = re.compile(r"\brestgruppe\b", re.IGNORECASE)
_REST_MARK = " (restgruppe)"
_TITLE = re.compile(r"^(?P<word>tema|theme|kodegruppe|gruppe|group)\s+(?P<number>\d{1,4})\b\s*[:.–—-]?\s*(?P<name>.*)$",
                    re.IGNORECASE)


@dataclass(frozen=True)
class GroupView:
    group: Group
    codes: tuple[Code, ...]
    guid: str | None

    @property
    def quotes(self) -> int:
        return sum(c.codings for c in self.codes)


@dataclass(frozen=True)
class ThemeView:
    theme: Theme
    groups: tuple[GroupView, ...]
    guid: str | None

    @property
    def quotes(self) -> int:
        return sum(g.quotes for g in self.groups)


@dataclass(frozen=True)
class CodebookView:
    themes: tuple[ThemeView, ...]
    groups: tuple[GroupView, ...]        # groups under no theme, the restgruppe first
    codes: tuple[Code, ...]              # codes in no group
    code_guids: dict[int, str]           # empty unless asked for

    @property
    def is_empty(self) -> bool:
        return not (self.themes or self.groups or self.codes)

    def rows(self):
        """(theme or None, group or None, code) for every code, in outline order."""
        for code in self.codes:
            yield None, None, code
        for gv in self.groups:
            for code in gv.codes:
                yield None, gv, code
        for tv in self.themes:
            for gv in tv.groups:
                for code in gv.codes:
                    yield tv, gv, code


def _by_text(code: Code) -> tuple[str, str]:
    return sort_key(code.text)


def codebook_view(project, with_guids: bool = True, alphabetical: bool = False) -> CodebookView:
    """The tree in the order the researcher made it (codebook positions, else the order
    codes and groups were placed in: an import keeps its source's); `alphabetical` sorts
    codes by Norwegian collation instead. `with_guids=False` skips the GUIDs (and so
    never writes the project uuid)."""
    codes = {c.id: c for c in project.codes.list(order="id")}
    groups, themes = project.grouping.groups(), project.grouping.themes()
    def guids(kind: str, ids) -> dict:
        return project.codebook.guids(kind, ids) if with_guids else dict.fromkeys(ids)

    def ordered(ids) -> tuple[Code, ...]:
        chosen = [codes[i] for i in ids]
        return tuple(sorted(chosen, key=_by_text) if alphabetical else chosen)

    code_guids = project.codebook.guids("code", codes) if with_guids else {}
    group_guids = guids("group", [g.id for g in groups])
    theme_guids = guids("theme", [t.id for t in themes])
    views = {g.id: GroupView(g, ordered(g.code_ids), group_guids[g.id]) for g in groups}
    loose_groups = sorted((v for v in views.values() if v.group.theme_id is None),
                          key=lambda v: (not v.group.is_rest, v.group.number))
    return CodebookView(
        themes=tuple(ThemeView(t, tuple(views[g] for g in t.group_ids), theme_guids[t.id]) for t in themes),
        groups=tuple(loose_groups),
        codes=ordered(project.grouping.ungrouped_in_order()),
        code_guids=code_guids)


@dataclass(frozen=True)
class ConceptView:
    id: int
    name: str
    memo: str | None
    groups: tuple[str, ...]              # group titles, "Gruppe N name"


@dataclass(frozen=True)
class CodebookDetails:
    """What the codebook exports show beside the tree: concepts, kodetest and konsepttest
    (questions and verdicts), and the memos written on codings."""
    concepts: tuple[ConceptView, ...]
    code_questions: list[dict]           # {"key", "name", "prompt"}
    concept_questions: list[dict]
    code_verdicts: dict[int, dict[str, str]]
    concept_verdicts: dict[int, dict[str, str]]
    coding_memos: dict[int, list[dict]]  # code id -> {"document", "start", "end", "coder", "memo"}


def codebook_details(project) -> CodebookDetails:
    grouping = project.grouping
    titles = {g.id: group_title(g) for g in grouping.groups()}
    docs = {d.id: d.name for d in project.documents.list()}
    memos: dict[int, list[dict]] = {}
    for c in project.codes.codings():
        if c.memo:
            memos.setdefault(c.code_id, []).append({"document": docs.get(c.document_id, ""), "start": c.start,
                                                    "end": c.end, "coder": c.coder, "memo": c.memo})
    concepts = sorted(grouping.concepts(), key=lambda c: sort_key(c.name))
    return CodebookDetails(
        tuple(ConceptView(c.id, c.name, c.memo, tuple(titles[g] for g in c.group_ids if g in titles))
              for c in concepts),
        grouping.check_questions("code"), grouping.check_questions("concept"),
        grouping.checks("code"), grouping.checks("concept"), memos)


# ---- titles ------------------------------------------------------------------------

def theme_title(theme: Theme) -> str:
    return f"Tema {theme.number} {theme.name}"


def group_title(group: Group) -> str:
    mark = _REST_MARK if group.is_rest and not _REST.search(group.name) else ""
    return f"Gruppe {group.number} {group.name}{mark}"


@dataclass(frozen=True)
class Title:
    kind: str            # "theme" or "group"
    number: int
    name: str
    is_rest: bool


def parse_title(line: str) -> Title | None:
    """"Tema 2 Name" / "Gruppe 12 Restgruppe" / "Theme 1: Name" → Title; else None."""
    m = _TITLE.match(" ".join(line.split()))
    if not m or not m["name"].strip():
        return None
    kind = "theme" if m["word"].lower() in ("tema", "theme") else "group"
    name = m["name"].strip()
    is_rest = kind == "group" and bool(_REST.search(name))
    if name.lower().endswith(_REST_MARK.strip()) and name.strip().lower() != "restgruppe":
        name = name[: -len(_REST_MARK.strip())].strip()
    return Title(kind, int(m["number"]), name, is_rest)
