"""Codebooks as a whole: importing themes > groups > codes in one undoable action, and
the stable GUIDs that REFI-QDA exchange needs.

A GUID is either remembered (a code that came from another tool keeps its own) or
derived: uuid5 over the project's uuid and "kind:id", so every export of the same
project repeats the same GUIDs without storing one per row.
"""

from __future__ import annotations

from coder.i18n import N_, _
import hashlib
import json
import uuid
from typing import Iterable

from coder.core.base import Action, Service, now, writes
from coder.core.codes import clean_code_text
from coder.core.errors import CoderError
from coder.core.grouping import VERDICTS
from coder.core.models import CodebookImport, NewCode, NewCodebook, NewConcept, NewGroup, NewTheme
from coder.core import wording as words

UUID_SETTING = "project.uuid"
GUID_SETTING = "refi.guids"      # {"code": {"12": "GUID"}, "group": {...}, ...}


def _clean(name: str | None) -> str:
    return " ".join((name or "").split())


def _uuid5(namespace: bytes, name: str) -> str:
    """str(uuid.uuid5(...)).upper(), without building UUID objects: thousands per export."""
    h = bytearray(hashlib.sha1(namespace + name.encode("utf-8")).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50
    h[8] = (h[8] & 0x3F) | 0x80
    x = h.hex().upper()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


class _Importer:
    """The state of one codebook import, inside one action."""

    def __init__(self, project, act: Action, book: NewCodebook):
        self.p, self.act = project, act
        groups = [g for t in book.themes for g in t.groups] + list(book.groups)
        # Numbers the codebook asks for: a renumbered row must not take one of them.
        self.wanted = {"code_groups": {g.number for g in groups if g.number is not None},
                       "themes": {t.number for t in book.themes if t.number is not None}}
        self.seen: dict[str, int] = {}
        self.added = self.existing = self.duplicates = self.groups_added = self.themes_added = 0
        self.renumbered: list[str] = []
        self.guids: dict[str, dict[int, str]] = {"code": {}, "group": {}, "theme": {}}
        self.group_ids: dict[tuple[int | None, str], int] = {}      # as the codebook names them

    def code(self, code: NewCode) -> int | None:
        text = clean_code_text(code.text)
        if text in self.seen:
            self.duplicates += 1
            return None
        code_id = self.p.store.one("SELECT id FROM codes WHERE text = ?", [text])
        if code_id is None:
            code_id = self.p.codes.insert_code(self.act, text, code.description, code.colour, code.in_vivo)
            if code.memo:
                self.act.update("codes", code_id, {"memo": code.memo})
            self.added += 1
        else:
            self.existing += 1
            self._fill(code_id, code)
        self.seen[text] = code_id
        self.verdicts("code", code_id, code.checks)
        if code.guid:
            self.guids["code"][code_id] = code.guid
        return code_id

    def _fill(self, code_id: int, code: NewCode) -> None:
        """An existing code keeps what it has; the codebook only fills gaps."""
        old_desc, old_colour, old_memo = self.p.db.conn.execute(
            "SELECT description, colour, memo FROM codes WHERE id = ?", [code_id]).fetchone()
        values = {}
        if code.memo and not old_memo:
            values["memo"] = code.memo
        if code.description and not old_desc:
            values["description"] = code.description
        if code.colour and not old_colour:
            values["colour"] = code.colour
        if values:
            self.act.update("codes", code_id, values)

    def group(self, group: NewGroup) -> int:
        ids = [i for i in (self.code(c) for c in group.codes) if i is not None]
        group_id = self._numbered("code_groups", "Gruppe", group.name, group.number, group.memo,
                                  {"is_rest": int(group.is_rest)})
        if group.is_rest:
            self.p.grouping.clear_rest(self.act, except_id=group_id)
            self.act.update("code_groups", group_id, {"is_rest": 1})
        self.p.grouping.place_codes(self.act, ids, group_id)
        self.group_ids[(group.number, _clean(group.name).casefold())] = group_id
        if group.guid:
            self.guids["group"][group_id] = group.guid
        return group_id

    def theme(self, theme: NewTheme) -> int:
        ids = [self.group(g) for g in theme.groups]
        theme_id = self._numbered("themes", "Tema", theme.name, theme.number, theme.memo, {})
        self.p.grouping.place_groups(self.act, ids, theme_id)
        if theme.guid:
            self.guids["theme"][theme_id] = theme.guid
        return theme_id

    def concept(self, concept: NewConcept) -> None:
        """A concept (reused by name) linked to the codebook's groups it names."""
        name = _clean(concept.name)
        if not name:
            return
        concept_id = self.p.store.one("SELECT id FROM concepts WHERE name = ?", [name])
        if concept_id is None:
            concept_id = self.act.insert("concepts", {"name": name, "memo": concept.memo or None, "created_at": now()})
        for number, group_name in concept.groups:
            group_id = self.group_ids.get((number, _clean(group_name).casefold()))
            if group_id is not None and not self.p.store.one(
                    "SELECT 1 FROM concept_groups WHERE concept_id = ? AND group_id = ?", [concept_id, group_id]):
                self.act.insert("concept_groups", {"concept_id": concept_id, "group_id": group_id})
        self.verdicts("concept", concept_id, concept.checks)

    def verdicts(self, applies_to: str, entity_id: int, checks: tuple[tuple[str, str], ...]) -> None:
        """kodetest/konsepttest verdicts for questions this project asks; others are left out."""
        for key, verdict in checks:
            if verdict not in VERDICTS or not self.p.store.one(
                    "SELECT 1 FROM check_questions WHERE applies_to = ? AND key = ?", [applies_to, key]):
                continue
            row = self.p.store.one("SELECT id FROM checks WHERE applies_to = ? AND entity_id = ? AND question_key = ?",
                                   [applies_to, entity_id, key])
            values = {"verdict": verdict, "coder": self.p.store.coder, "at": now()}
            if row is None:
                self.act.insert("checks", {"applies_to": applies_to, "entity_id": entity_id, "question_key": key,
                                           **values})
            else:
                self.act.update("checks", row, values)

    def _spare(self, table: str) -> int:
        return max(self.p.grouping.next_number(table), max(self.wanted[table], default=0) + 1)

    def _numbered(self, table: str, word: str, name: str, number: int | None,
                  memo: str | None, extra: dict) -> int:
        """Reuse the row with this number and name, else add one: with its own number
        when that is free, the next free number when it is not."""
        name = _clean(name)
        if number is not None:
            row = self.p.db.conn.execute(f"SELECT id, name FROM {table} WHERE number = ?", [number]).fetchone()
            if row is not None and _clean(row[1]).casefold() == name.casefold():
                return row[0]
            if row is not None:
                new = self._spare(table)
                self.renumbered.append(f"{word} {number} → {new}")
                number = new
        else:
            same = self.p.store.one(f"SELECT id FROM {table} WHERE name = ?", [name])
            if same is not None:
                return same
            number = self._spare(table)
        if table == "themes":
            self.themes_added += 1
        else:
            self.groups_added += 1
        return self.act.insert(table, {"number": number, "name": name, "memo": memo or None,
                                       "created_at": now(), **extra})


class Codebook(Service):
    # ---- GUIDs -----------------------------------------------------------------
    def project_uuid(self) -> str:
        """The project's own uuid: stored if it has one, else derived from its first
        history row (when and by whom it was made), the same at every export and in
        every copy, and made without a write (an export only reads)."""
        value = self.project.settings.get(UUID_SETTING)
        if value:
            return value
        first = self.store.one("SELECT at || ' ' || coder FROM history ORDER BY id LIMIT 1") or ""
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"coder-project:{first}"))

    def guids(self, kind: str, ids: Iterable[int]) -> dict[int, str]:
        """GUID for each id of `kind` ("code", "group", "theme", or any kind a REFI-QDA
        writer needs, e.g. "document"): remembered if imported, else derived."""
        stored = self.project.settings.get(GUID_SETTING, {}).get(kind, {})
        base = uuid.UUID(self.project_uuid()).bytes
        return {i: stored.get(str(i)) or _uuid5(base, f"{kind}:{i}") for i in ids}

    @writes
    def remember_guids(self, kind: str, mapping: dict[int, str]) -> None:
        """Keep the GUIDs another tool gave to rows of this project (one action)."""
        with self.store.action(N_("remember guids"), kind, words.counted("GUIDs", len(mapping))) as act:
            self.store_guids(act, {kind: mapping})

    def store_guids(self, act: Action, by_kind: dict[str, dict[int, str]]) -> None:
        """Within `act`: keep the REFI-QDA GUIDs of rows (kind → id → GUID), so that an
        export gives the same GUIDs back."""
        by_kind = {k: m for k, m in by_kind.items() if m}
        if not by_kind:
            return
        row = self.store.db.conn.execute("SELECT id, value FROM settings WHERE key = ?", [GUID_SETTING]).fetchone()
        stored = json.loads(row[1]) if row and row[1] else {}
        for kind, mapping in by_kind.items():
            stored.setdefault(kind, {}).update({str(i): g for i, g in mapping.items()})
        value = json.dumps(stored, ensure_ascii=False)
        if row is None:
            act.insert("settings", {"key": GUID_SETTING, "value": value})
        else:
            act.update("settings", row[0], {"value": value})

    # ---- import ----------------------------------------------------------------
    def write_codebook(self, act: Action, book: NewCodebook) -> _Importer:
        """The writes of a codebook import, inside an action someone else opened (also
        used by the REFI-QDA project import, so both read a code tree the same way)."""
        imp = _Importer(self.project, act, book)
        for theme in book.themes:
            imp.theme(theme)
        for group in book.groups:
            imp.group(group)
        for code in book.codes:
            imp.code(code)
        for concept in book.concepts:
            imp.concept(concept)
        self.store_guids(act, imp.guids)
        return imp

    @writes
    def import_codebook(self, book: NewCodebook, label: str = "codebook") -> CodebookImport:
        """Add a codebook's themes, groups and codes as ONE action (one undo takes it all
        back). Codes already in the project are reused (their group follows the codebook);
        a code text that comes twice keeps its first place."""
        if not (book.themes or book.groups or book.codes):
            raise CoderError(_("{label}: the codebook holds no codes, groups or themes").format(label=label))
        for name in [t.name for t in book.themes] + [g.name for t in book.themes for g in t.groups] + \
                [g.name for g in book.groups]:
            if not _clean(name):
                raise CoderError(_("{label}: a theme or group without a name").format(label=label))
        with self.store.action(N_("import codebook"), label) as act:
            imp = self.write_codebook(act, book)
            act.details = words.codebook_imported(imp.added, imp.existing, imp.groups_added, imp.themes_added)
        return CodebookImport(imp.added, imp.existing, imp.duplicates, imp.groups_added,
                              imp.themes_added, tuple(imp.renumbered), tuple(imp.seen.values()))
