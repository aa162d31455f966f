"""The codebook as every writer sees it: themes > groups > codes, with quote counts and
GUIDs, read from a Project in a handful of queries. Also the one place that spells
the titles "Tema N name" and "Gruppe N name", and reads them back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coder.core.models import Code, Group, Theme

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
    return code.text.casefold(), code.text


def codebook_view(project, with_guids: bool = True) -> CodebookView:
    """The tree; `with_guids=False` skips the GUIDs (and so never writes the project uuid)."""
    codes = {c.id: c for c in project.codes.list(order="id")}
    groups, themes = project.grouping.groups(), project.grouping.themes()
    def guids(kind: str, ids) -> dict:
        return project.codebook.guids(kind, ids) if with_guids else dict.fromkeys(ids)

    code_guids = project.codebook.guids("code", codes) if with_guids else {}
    group_guids = guids("group", [g.id for g in groups])
    theme_guids = guids("theme", [t.id for t in themes])
    views = {g.id: GroupView(g, tuple(sorted((codes[i] for i in g.code_ids), key=_by_text)), group_guids[g.id])
             for g in groups}
    grouped = {i for g in groups for i in g.code_ids}
    loose_groups = sorted((v for v in views.values() if v.group.theme_id is None),
                          key=lambda v: (not v.group.is_rest, v.group.number))
    return CodebookView(
        themes=tuple(ThemeView(t, tuple(views[g] for g in t.group_ids), theme_guids[t.id]) for t in themes),
        groups=tuple(loose_groups),
        codes=tuple(sorted((c for i, c in codes.items() if i not in grouped), key=_by_text)),
        code_guids=code_guids)


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
