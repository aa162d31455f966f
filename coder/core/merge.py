"""Merging other coders' project files into this one (several coders on one study).

A merge is ONE history action, so one undo takes it all back; a dry run performs the
same merge inside the transaction and rolls it back, so what it reports is exactly what
a real merge would do. How each kind of row is matched:

- documents: by the sha256 of their text. A new document whose name is taken here is
  renamed «name (source file)». Attributes the document lacks here are added; a
  different value for an attribute it has is reported and this project's value kept.
  Segments come along for new documents, and for matched ones only of a kind the
  document has none of here (segmenters differ; never mix two sentence splits).
- codes: by their exact text. Near-identical texts (the near-duplicate rule of
  coder/core/similar.py, at the project's threshold) are reported and brought over as
  separate codes, never merged silently: the team decides with `merge_codes`.
- codings: kept per coder; a coding that exists here identically (code, document, span,
  coder) is skipped. The coders table gains the names that are new.
- groups and themes: the restgruppe matches the restgruppe; otherwise by name. A new one
  keeps its number when that is free here, else it takes the next free number (reported).
  A code (group) already placed here stays where it is; a different placement in the
  source is reported.
- concepts by name; kodetest/konsepttest verdicts where this project has none.
- memos: a source memo this project lacks is added; a different one is appended under
  the source's file name, so nothing written by anyone is lost.
- REFI-QDA GUIDs another tool gave to codes, groups and themes (the `refi.guids` setting)
  go with the rows this merge adds, unless this project uses that GUID already (reported),
  so an export of the merged project names them as the tool that made them did.
Not brought over: other settings (the project memo aside), coding proposals (unreviewed
machine suggestions) and the source's own history (the merge entry names the sources).
A source is someone else's file: only this project's tables and columns are read from it
(`our_columns`), and one that lacks any, or whose rows refer to rows it lacks, is refused.
"""

from __future__ import annotations

from coder.i18n import N_, _
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from coder.core import similar, store
from coder.core.base import Action, Service
from coder.core.codebook import GUID_SETTING
from coder.core.errors import CoderError
from coder.core.history import quoted
from coder.core import wording as words
from coder.core.wording import Wording

@dataclass
class MergeReport:
    """What a merge did (or, with dry_run, would do)."""
    sources: list[str]
    dry_run: bool
    added: dict[str, int] = field(default_factory=dict)       # table → rows inserted
    matched: dict[str, int] = field(default_factory=dict)     # kind → rows found here already
    codings_by_coder: dict[str, int] = field(default_factory=dict)
    identical_codings: int = 0                                 # skipped: already here
    near_identical: list[tuple[str, str, float]] = field(default_factory=list)  # (incoming, existing, score)
    notes: list[str] = field(default_factory=list)             # renames, renumbers, kept conflicts

    def summary(self) -> Wording:
        """What the history says the merge added."""
        return words.merged(self.added.get("documents", 0), self.added.get("codes", 0),
                            sum(self.codings_by_coder.values()), self.added.get("code_groups", 0),
                            self.added.get("themes", 0), len(self.near_identical))


# kind → (membership table, member column, parent column, parent table, member table,
#         member label column, the parent's name in notes)
_PLACEMENT = {
    "code": ("group_members", "code_id", "group_id", "code_groups", "codes", "text", "Gruppe"),
    "group": ("theme_members", "group_id", "theme_id", "themes", "code_groups", "name", "Tema"),
}


class _DryRun(Exception):
    """Raised inside the merge action to roll it back."""


# The tables a merge reads from a source.
_READ = ("settings", "coders", "check_questions", "documents", "document_attributes", "segments",
         "codes", "codings", "code_groups", "group_members", "themes", "theme_members",
         "concepts", "concept_groups", "checks")


def _table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({quoted(table)})")]


def our_columns(path: Path, src: sqlite3.Connection, target: sqlite3.Connection) -> dict[str, list[str]]:
    """The columns of every table a merge reads, as this project has them: a source
    file is someone else's, and only these names go into SQL. A source that lacks one
    is refused; columns it has beyond them are not read."""
    columns = {}
    for table in _READ:
        ours, theirs = _table_columns(target, table), set(_table_columns(src, table))
        if not theirs:
            raise CoderError(_("{path}: cannot be merged: it has no table {table}").format(path=path, table=table))
        missing = [c for c in ours if c not in theirs]
        if missing:
            raise CoderError(_("{path}: cannot be merged: its table {table} has no column {column}")
                             .format(path=path, table=table, column=missing[0]))
        columns[table] = ours
    return columns


def merged_memo(mine: str | None, theirs: str | None, source: str) -> str | None:
    if not theirs or theirs == mine or (mine and theirs in mine):
        return mine
    if not mine:
        return theirs
    return f"{mine}\n\n[{source}] {theirs}"


class Merge(Service):
    def merge_projects(self, sources: Iterable[str | Path], dry_run: bool = False) -> MergeReport:
        """Bring documents, codes, codings, groups, themes, concepts and memos of the
        `sources` project files into this project as one undoable action."""
        paths = [Path(s) for s in sources]
        if not paths:
            raise CoderError(_("{path}: name at least one project to merge in").format(path=self.store.path))
        for p in paths:
            if p.exists() and p.resolve() == Path(self.store.path).resolve():
                raise CoderError(_("{path}: is the project being merged into").format(path=p))
        dbs = []
        opened: list[tuple[Path, sqlite3.Connection, dict[str, list[str]]]] = []
        try:
            for p in paths:  # every source is checked before anything is written
                dbs.append(store.open_copy(p))
                try:
                    opened.append((p, dbs[-1].conn, our_columns(p, dbs[-1].conn, self.store.db.conn)))
                except sqlite3.Error as exc:
                    raise store.explain(p, exc) from None
            return self._merge_all(opened, dry_run)
        finally:
            for db in dbs:
                db.close()

    def _merge_all(self, sources: list[tuple[Path, sqlite3.Connection, dict[str, list[str]]]],
                   dry_run: bool) -> MergeReport:
        report = MergeReport([str(p) for p, _, _ in sources], dry_run)
        try:
            with self.store.action(N_("merge"), ", ".join(p.name for p, _, _ in sources)) as act:
                for path, conn, columns in sources:
                    _SourceMerge(self.project, act, (path, conn, columns), report).run()
                report.added = act.inserted()
                act.details = report.summary()
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return report


def _guid_map(value: Any) -> bool:
    """{kind: {id: GUID}}, as `refi.guids` holds them."""
    return isinstance(value, dict) and all(
        isinstance(ids, dict) and all(isinstance(g, str) for g in ids.values()) for ids in value.values())


class _SourceMerge:
    """Merges one source connection into the project inside an open action."""

    def __init__(self, project, act: Action, source: tuple[Path, sqlite3.Connection, dict[str, list[str]]],
                 report: MergeReport):
        self.p, self.act, self.report = project, act, report
        self.path, self.src, self.columns = source      # columns: our_columns
        self.name = self.path.name
        self.one = project.store.one
        self.docs: dict[int, int] = {}
        self.codes: dict[int, int] = {}
        self.groups: dict[int, int] = {}
        self.themes: dict[int, int] = {}
        self.concepts: dict[int, int] = {}

    def rows(self, sql: str, params=()) -> list[dict]:
        """Rows read from the source, by our column names (the SQL names them)."""
        cols, rows = self.read(sql, params)
        return [dict(zip(cols, r)) for r in rows]

    def table(self, table: str, order: str = "id") -> list[dict]:
        """The rows of a source table in this project's columns (SELECT * would take
        the source's own, and its names into our SQL)."""
        cols = ", ".join(map(quoted, self.columns[table]))
        return self.rows(f"SELECT {cols} FROM {quoted(table)} ORDER BY {order}")

    def read(self, sql: str, params=()) -> tuple[list[str], list[tuple]]:
        """Column names and rows from the source. What SQLite says about it is said of
        the source file; no value of ours is binary (a crafted file's may be)."""
        try:
            cur = self.src.execute(sql, params)
            rows = cur.fetchall()
        except sqlite3.Error as exc:
            raise store.explain(self.path, exc) from None
        if any(type(v) is bytes for row in rows for v in row):
            raise CoderError(_("{path}: cannot be merged: it holds binary data where text belongs")
                             .format(path=self.path))
        return [d[0] for d in cur.description], rows

    def mapped(self, ids: dict[int, int], src_id, what: str) -> int:
        """The id here of the source's row `src_id`, which a row of it refers to."""
        if src_id not in ids:
            raise CoderError(_("{path}: cannot be merged: it refers to a {what} it does not hold")
                             .format(path=self.path, what=what))
        return ids[src_id]

    def match(self, kind: str) -> None:
        self.report.matched[kind] = self.report.matched.get(kind, 0) + 1

    def note(self, text: str) -> None:
        self.report.notes.append(f"{self.name}: {text}")

    def merge_memo(self, table: str, target_id: int, theirs: str | None) -> None:
        mine = self.one(f"SELECT memo FROM {quoted(table)} WHERE id = ?", [target_id])
        merged = merged_memo(mine, theirs, self.name)
        if merged != mine:
            self.act.update(table, target_id, {"memo": merged})

    def run(self) -> None:
        self.added: dict[str, dict[int, int]] = {"code": {}, "group": {}, "theme": {}}  # source id → new id
        for step in (self.coders, self.check_questions, self.documents, self.code_rows,
                     self.codings, self.group_rows, self.theme_rows, self.concept_rows,
                     self.checks, self.project_memo, self.guids):
            step()

    # ---- people and test questions -------------------------------------------
    def coders(self) -> None:
        for row in self.rows("SELECT name, created_at FROM coders ORDER BY id"):
            if self.one("SELECT 1 FROM coders WHERE name = ?", [row["name"]]) is None:
                self.act.insert("coders", row)

    def check_questions(self) -> None:
        for row in self.rows("SELECT applies_to, key, name, prompt, position FROM check_questions"):
            if self.one("SELECT 1 FROM check_questions WHERE applies_to = ? AND key = ?",
                        [row["applies_to"], row["key"]]) is None:
                self.act.insert("check_questions", row)

    # ---- documents ---------------------------------------------------------------
    def documents(self) -> None:
        for row in self.table("documents"):
            src_id = row.pop("id")
            target = self.one("SELECT id FROM documents WHERE sha256 = ?", [row["sha256"]])
            if target is None:
                row["name"] = self.free_document_name(row["name"])
                target = self.act.insert("documents", row)
            else:
                self.match("documents")
                self.merge_memo("documents", target, row["memo"])
            self.docs[src_id] = target
            self.attributes(src_id, target)
            self.segments(src_id, target)

    def free_document_name(self, name: str) -> str:
        candidate, n = name, 1
        while self.one("SELECT 1 FROM documents WHERE name = ?", [candidate]) is not None:
            n += 1
            candidate = f"{name} ({self.name})" if n == 2 else f"{name} ({self.name} {n})"
        if candidate != name:
            self.note(_("document «{name}» has other text than the one here of that name; added as «{new}»")
                      .format(name=name, new=candidate))
        return candidate

    def attributes(self, src_id: int, target: int) -> None:
        for row in self.rows("SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY id", [src_id]):
            here = self.p.db.conn.execute("SELECT value FROM document_attributes WHERE document_id = ? AND name = ?",
                                          [target, row["name"]]).fetchone()
            if here is None:
                self.act.insert("document_attributes", {"document_id": target, **row})
            elif here[0] != row["value"]:
                doc = self.one("SELECT name FROM documents WHERE id = ?", [target])
                self.note(_("document «{document}» attribute {name} is «{there}» there, «{here}» here; kept «{here}»")
                          .format(document=doc, name=row["name"], there=row["value"], here=here[0]))

    def segments(self, src_id: int, target: int) -> None:
        kinds_here = {r[0] for r in self.p.db.conn.execute(
            "SELECT DISTINCT kind FROM segments WHERE document_id = ?", [target])}
        for row in self.rows("SELECT start, \"end\", kind, speaker, label, text, lemmas FROM segments "
                             "WHERE document_id = ? ORDER BY id", [src_id]):
            if row["kind"] not in kinds_here:
                self.act.insert("segments", {"document_id": target, **row})

    # ---- codes and codings ---------------------------------------------------------
    def code_rows(self) -> None:
        # compared with the codes here before this source: its own near-twins are not news
        existing = similar.NearDuplicates(self.p.codes.list(), similar.threshold(self.p))
        for row in self.table("codes"):
            src_id = row.pop("id")
            target = self.one("SELECT id FROM codes WHERE text = ?", [row["text"]])
            if target is not None:
                self.match("codes")
                self.fill_code(target, row)
                self.codes[src_id] = target
                continue
            near = existing.closest(row["text"])
            if near is not None:
                self.report.near_identical.append((row["text"], near[0].text, round(near[1], 1)))
            self.codes[src_id] = self.added["code"][src_id] = self.act.insert("codes", row)

    def fill_code(self, target: int, row: dict) -> None:
        here = dict(zip(("description", "colour"), self.p.db.conn.execute(
            "SELECT description, colour FROM codes WHERE id = ?", [target]).fetchone()))
        fill = {k: row[k] for k in here if not here[k] and row[k]}
        if fill:
            self.act.update("codes", target, fill)
        if here["description"] and row["description"] and here["description"] != row["description"]:
            self.note(_("code «{code}» has another description there; kept the one here").format(code=row["text"]))
        self.merge_memo("codes", target, row["memo"])

    def codings(self) -> None:
        have = set(self.p.db.conn.execute("SELECT code_id, document_id, start, \"end\", coder FROM codings"))
        for row in self.rows("SELECT code_id, document_id, start, \"end\", coder, created_at, memo "
                             "FROM codings ORDER BY id"):
            row["code_id"] = self.mapped(self.codes, row["code_id"], "code")
            row["document_id"] = self.mapped(self.docs, row["document_id"], "document")
            key = (row["code_id"], row["document_id"], row["start"], row["end"], row["coder"])
            if key in have:
                self.report.identical_codings += 1
                continue
            have.add(key)
            self.act.insert("codings", row)
            by_coder = self.report.codings_by_coder
            by_coder[row["coder"]] = by_coder.get(row["coder"], 0) + 1

    # ---- groups, themes, concepts --------------------------------------------------
    def numbered(self, table: str, row: dict, what: str) -> int:
        """Insert a group or theme, keeping its number if it is free here."""
        number = row["number"]
        if self.one(f"SELECT 1 FROM {quoted(table)} WHERE number = ?", [number]) is not None:
            row["number"] = (self.one(f"SELECT max(number) FROM {quoted(table)}") or 0) + 1
            self.note(_("{what} {number} «{name}»: number {number} is taken here; added as {what} {new}")
                      .format(what=what, number=number, name=row["name"], new=row["number"]))
        return self.act.insert(table, row)

    def group_rows(self) -> None:
        for row in self.table("code_groups", order="number"):
            src_id = row.pop("id")
            target = None
            if row["is_rest"]:
                target = self.one("SELECT id FROM code_groups WHERE is_rest = 1")
            if target is None:
                target = self.one("SELECT id FROM code_groups WHERE name = ? ORDER BY number LIMIT 1", [row["name"]])
            if target is None:
                if row["is_rest"] and self.one("SELECT 1 FROM code_groups WHERE is_rest = 1"):
                    row["is_rest"] = 0
                target = self.added["group"][src_id] = self.numbered("code_groups", row, "Gruppe")
            else:
                self.match("groups")
                self.merge_memo("code_groups", target, row["memo"])
            self.groups[src_id] = target
        for group_id, code_id in self.read("SELECT group_id, code_id FROM group_members ORDER BY id")[1]:
            self.place("code", self.mapped(self.codes, code_id, "code"), self.mapped(self.groups, group_id, "group"))

    def theme_rows(self) -> None:
        for row in self.table("themes", order="number"):
            src_id = row.pop("id")
            target = self.one("SELECT id FROM themes WHERE name = ? ORDER BY number LIMIT 1", [row["name"]])
            if target is None:
                target = self.added["theme"][src_id] = self.numbered("themes", row, "Tema")
            else:
                self.match("themes")
                self.merge_memo("themes", target, row["memo"])
            self.themes[src_id] = target
        for theme_id, group_id in self.read("SELECT theme_id, group_id FROM theme_members ORDER BY id")[1]:
            self.place("group", self.mapped(self.groups, group_id, "group"), self.mapped(self.themes, theme_id, "theme"))

    def place(self, kind: str, member: int, parent: int) -> None:
        """Put a code in a group (or a group in a theme) unless it has one here already."""
        table, member_col, parent_col, parent_table, member_table, label_col, word = _PLACEMENT[kind]
        here = self.one(f"SELECT {quoted(parent_col)} FROM {quoted(table)} WHERE {quoted(member_col)} = ?", [member])
        if here is None:
            self.act.insert(table, {parent_col: parent, member_col: member})
        elif here != parent:
            label = self.one(f"SELECT {quoted(label_col)} FROM {quoted(member_table)} WHERE id = ?", [member])
            mine, theirs = (self.one(f"SELECT number FROM {quoted(parent_table)} WHERE id = ?", [i]) for i in (here, parent))
            self.note(_("«{label}» is in {word} {mine} here and in {word} {theirs} there; kept {word} {mine}")
                      .format(label=label, word=word, mine=mine, theirs=theirs))

    def concept_rows(self) -> None:
        for row in self.table("concepts"):
            src_id = row.pop("id")
            target = self.one("SELECT id FROM concepts WHERE name = ?", [row["name"]])
            if target is None:
                target = self.act.insert("concepts", row)
            else:
                self.match("concepts")
                self.merge_memo("concepts", target, row["memo"])
            self.concepts[src_id] = target
        for concept_id, group_id in self.read("SELECT concept_id, group_id FROM concept_groups")[1]:
            pair = [self.mapped(self.concepts, concept_id, "concept"), self.mapped(self.groups, group_id, "group")]
            if self.one("SELECT 1 FROM concept_groups WHERE concept_id = ? AND group_id = ?", pair) is None:
                self.act.insert("concept_groups", dict(zip(("concept_id", "group_id"), pair)))

    def checks(self) -> None:
        maps = {"code": self.codes, "concept": self.concepts}
        for row in self.rows("SELECT applies_to, entity_id, question_key, verdict, coder, at FROM checks"):
            entity = maps.get(row["applies_to"], {}).get(row["entity_id"])
            if entity is None:
                continue
            row["entity_id"] = entity
            here = self.one("SELECT verdict FROM checks WHERE applies_to = ? AND entity_id = ? AND question_key = ?",
                            [row["applies_to"], entity, row["question_key"]])
            if here is None:
                self.act.insert("checks", row)
            elif here != row["verdict"]:
                self.note(_("{kind} {entity} {question}: «{there}» there, «{here}» here; kept «{here}»")
                          .format(kind=row["applies_to"], entity=entity, question=row["question_key"],
                                  there=row["verdict"], here=here))

    def setting(self, key: str, valid: Callable[[Any], bool]) -> Any:
        """A setting of the source (None if it has none); refused unless `valid`."""
        rows = self.read("SELECT value FROM settings WHERE key = ?", [key])[1]
        if not rows or rows[0][0] is None:
            return None
        damaged = CoderError(_("{path}: cannot be merged: its setting {key} is damaged")
                             .format(path=self.path, key=key))
        try:
            value = json.loads(rows[0][0])
        except (TypeError, ValueError, RecursionError):
            raise damaged from None
        if value is not None and not valid(value):
            raise damaged
        return value

    def project_memo(self) -> None:
        theirs = self.setting("memo", lambda v: isinstance(v, str))
        if theirs is None:
            return
        mine = self.p.settings.get("memo")
        merged = merged_memo(mine, theirs, self.name)
        if merged == mine:
            return
        value = json.dumps(merged, ensure_ascii=False)
        row_id = self.one("SELECT id FROM settings WHERE key = 'memo'")
        if row_id is None:
            self.act.insert("settings", {"key": "memo", "value": value})
        else:
            self.act.update("settings", row_id, {"value": value})

    def guids(self) -> None:
        theirs = self.setting(GUID_SETTING, _guid_map) or {}
        used = {g for mapping in (self.p.settings.get(GUID_SETTING) or {}).values() for g in mapping.values()}
        carried: dict[str, dict[int, str]] = {}
        for kind, ids in self.added.items():
            for src_id, new_id in ids.items():
                guid = theirs.get(kind, {}).get(str(src_id))
                if guid and guid in used:
                    self.note(_("{kind} GUID {guid} is taken here; the added {kind} gets a new one")
                              .format(kind=kind, guid=guid))
                elif guid:
                    carried.setdefault(kind, {})[new_id] = guid
                    used.add(guid)
        self.p.codebook.store_guids(self.act, carried)
