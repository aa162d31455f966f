"""The review after grouping: the tree theme → group → code with quote counts at every
level, matrices of themes (or groups) × documents (or a document attribute), code
co-occurrence within a group or theme, and the figures for a bar chart.

A quote is one coding. A group's count is the sum over its codes, a theme's over its groups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from coder.i18n.collate import sort_key

NO_VALUE = "(none)"        # column label for documents that lack the chosen attribute


@dataclass(frozen=True)
class CodeNode:
    id: int
    text: str
    quotes: int


@dataclass(frozen=True)
class GroupNode:
    id: int
    number: int
    name: str
    rest: bool
    codes: tuple[CodeNode, ...]

    @property
    def quotes(self) -> int:
        return sum(c.quotes for c in self.codes)

    @property
    def label(self) -> str:
        return f"Gruppe {self.number} {self.name}"


@dataclass(frozen=True)
class ThemeNode:
    id: int
    number: int
    name: str
    groups: tuple[GroupNode, ...]

    @property
    def quotes(self) -> int:
        return sum(g.quotes for g in self.groups)

    @property
    def codes(self) -> int:
        return sum(len(g.codes) for g in self.groups)

    @property
    def label(self) -> str:
        return f"Tema {self.number} {self.name}"


@dataclass(frozen=True)
class ReviewTree:
    themes: tuple[ThemeNode, ...]
    groups_without_theme: tuple[GroupNode, ...]
    ungrouped_codes: tuple[CodeNode, ...]

    def all_groups(self) -> list[GroupNode]:
        return [g for t in self.themes for g in t.groups] + list(self.groups_without_theme)

    def to_json(self) -> dict:
        def code(c: CodeNode) -> dict:
            return {"text": c.text, "quotes": c.quotes}

        def group(g: GroupNode) -> dict:
            return {"number": g.number, "name": g.name, "rest": g.rest, "quotes": g.quotes,
                    "codes": [code(c) for c in g.codes]}

        return {
            "themes": [{"number": t.number, "name": t.name, "quotes": t.quotes,
                        "groups": [group(g) for g in t.groups]} for t in self.themes],
            "groups_without_theme": [group(g) for g in self.groups_without_theme],
            "ungrouped_codes": [code(c) for c in self.ungrouped_codes],
        }


def review_tree(project) -> ReviewTree:
    codes = {c.id: CodeNode(c.id, c.text, c.codings) for c in project.codes.list()}

    def by_text(ids):
        return tuple(sorted((codes[i] for i in ids), key=lambda c: sort_key(c.text)))
    groups = {g.id: GroupNode(g.id, g.number, g.name, g.is_rest, by_text(g.code_ids))
              for g in project.grouping.groups()}
    themes = tuple(ThemeNode(t.id, t.number, t.name, tuple(groups[i] for i in t.group_ids))
                   for t in project.grouping.themes())
    in_theme = {g.id for t in themes for g in t.groups}
    grouped = {c.id for g in groups.values() for c in g.codes}
    return ReviewTree(
        themes,
        tuple(g for g in groups.values() if g.id not in in_theme),
        by_text(i for i in codes if i not in grouped),
    )


def bar_data(tree: ReviewTree) -> dict[str, list[tuple[str, int]]]:
    """Quotes per theme and per group, in tree order."""
    return {"themes": [(t.label, t.quotes) for t in tree.themes],
            "groups": [(g.label, g.quotes) for g in tree.all_groups()]}


# ---- matrices --------------------------------------------------------------------------
@dataclass
class Matrix:
    """Rows (themes or groups) × columns (documents or attribute values); every cell holds
    the ids of its codings, so a cell can be opened to read its quotes."""
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def count(self, row: int, column: int) -> int:
        return len(self.cells.get((row, column), ()))

    def row_total(self, row: int) -> int:
        return sum(len(v) for (r, _), v in self.cells.items() if r == row)

    def column_total(self, column: int) -> int:
        return sum(len(v) for (_, c), v in self.cells.items() if c == column)


def attribute_names(project) -> list[str]:
    names = {name for d in project.documents.list() for name in d.attributes}
    return sorted(names, key=sort_key)


def matrix(project, rows: str = "theme", columns: str = "document", tree: ReviewTree | None = None) -> Matrix:
    """`rows` is "theme" or "group"; `columns` is "document" or the name of a document
    attribute (informant, respondent group, ...). Pass `tree` if it is at hand."""
    if rows not in ("theme", "group"):
        raise ValueError(f"rows are theme or group, not {rows!r}")
    tree = tree or review_tree(project)
    row_of_code: dict[int, int] = {}
    if rows == "theme":
        labels = [t.label for t in tree.themes]
        for r, t in enumerate(tree.themes):
            row_of_code.update({c.id: r for g in t.groups for c in g.codes})
    else:
        groups = tree.all_groups()
        labels = [g.label for g in groups]
        for r, g in enumerate(groups):
            row_of_code.update({c.id: r for c in g.codes})
    docs = project.documents.list()
    if columns == "document":
        column_of_doc = {d.id: d.name for d in docs}
    else:
        column_of_doc = {d.id: d.attributes.get(columns) or NO_VALUE for d in docs}
    col_labels = sorted(set(column_of_doc.values()), key=lambda v: (v == NO_VALUE, sort_key(v)))
    col_index = {v: i for i, v in enumerate(col_labels)}
    result = Matrix(labels, col_labels)
    for coding_id, code_id, doc_id, _start, _end in project.sdi.coding_spans():
        row = row_of_code.get(code_id)
        if row is not None:
            result.cells.setdefault((row, col_index[column_of_doc[doc_id]]), []).append(coding_id)
    return result


# ---- co-occurrence ---------------------------------------------------------------------
def cooccurrence(project, code_ids) -> dict[tuple[int, int], int]:
    """How often two of the given codes code overlapping passages of the same document:
    {(code a, code b): count of overlapping coding pairs}, a < b."""
    wanted = set(code_ids)
    by_doc: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for _id, code_id, doc_id, start, end in project.sdi.coding_spans():
        if code_id in wanted:
            by_doc[doc_id].append((start, end, code_id))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for spans in by_doc.values():
        spans.sort()
        active: list[tuple[int, int, int]] = []    # spans that may still overlap what follows
        for start, end, code_id in spans:
            active = [s for s in active if s[1] > start]
            for _s, _e, other in active:
                if other != code_id:
                    counts[(min(code_id, other), max(code_id, other))] += 1
            active.append((start, end, code_id))
    return dict(counts)


def group_code_ids(tree: ReviewTree, group_id: int | None = None, theme_id: int | None = None) -> list[int]:
    if theme_id is not None:
        return [c.id for t in tree.themes if t.id == theme_id for g in t.groups for c in g.codes]
    return [c.id for g in tree.all_groups() if g.id == group_id for c in g.codes]
