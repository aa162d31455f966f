"""SDI structure above the codes: kodegrupper (with a restgruppe), temaer and konsepter,
and the verdicts of the kodetest/konsepttest. Group and theme numbers are stable:
they change only when the user renumbers."""

from __future__ import annotations

from typing import Iterable, Sequence

from coder.i18n import N_, _

from coder.core.base import Action, Service, now, writes
from coder.core.errors import CoderError, NameCollision, NotFound
from coder.core.models import Concept, Group, Theme
from coder.core import wording as words

VERDICTS = ("passed", "failed", "unchecked")


def _clean_name(name: str) -> str:
    return " ".join((name or "").split())


# Codes in their group: in the order the researcher set (codes.position), else as placed.
_CODE_ORDER = "JOIN codes c ON c.id = m.code_id ORDER BY c.position IS NULL, c.position, m.id"


class Grouping(Service):
    # ---- reading ---------------------------------------------------------------
    def groups(self) -> list[Group]:
        conn = self.store.db.conn
        members: dict[int, list[int]] = {}
        for group_id, code_id in conn.execute(f"SELECT m.group_id, m.code_id FROM group_members m {_CODE_ORDER}"):
            members.setdefault(group_id, []).append(code_id)
        themes = dict(conn.execute("SELECT group_id, theme_id FROM theme_members"))
        return [Group(r[0], r[1], r[2], bool(r[3]), r[4], tuple(members.get(r[0], ())), themes.get(r[0]))
                for r in conn.execute("SELECT id, number, name, is_rest, memo FROM code_groups ORDER BY number")]

    def group(self, group_id: int) -> Group:
        conn = self.store.db.conn
        row = conn.execute("SELECT id, number, name, is_rest, memo FROM code_groups WHERE id = ?", [group_id]).fetchone()
        if row is None:
            raise NotFound(_("{path}: no group with id {group_id}").format(path=self.store.path, group_id=group_id))
        members = tuple(r[0] for r in conn.execute(
            f"SELECT m.code_id FROM group_members m {_CODE_ORDER.replace('ORDER', 'WHERE m.group_id = ? ORDER')}",
            [group_id]))
        theme = self.store.one("SELECT theme_id FROM theme_members WHERE group_id = ?", [group_id])
        return Group(row[0], row[1], row[2], bool(row[3]), row[4], members, theme)

    def group_by_number(self, number: int) -> Group | None:
        return next((g for g in self.groups() if g.number == number), None)

    def group_of_code(self, code_id: int) -> int | None:
        return self.store.one("SELECT group_id FROM group_members WHERE code_id = ?", [code_id])

    def ungrouped_code_ids(self) -> list[int]:
        return [r[0] for r in self.store.db.conn.execute(
            "SELECT id FROM codes WHERE id NOT IN (SELECT code_id FROM group_members) ORDER BY text COLLATE NORWEGIAN")]

    def themes(self) -> list[Theme]:
        conn = self.store.db.conn
        members: dict[int, list[int]] = {}
        for theme_id, group_id in conn.execute(
                "SELECT m.theme_id, m.group_id FROM theme_members m JOIN code_groups g ON g.id = m.group_id "
                "ORDER BY g.position IS NULL, g.position, m.id"):
            members.setdefault(theme_id, []).append(group_id)
        return [Theme(r[0], r[1], r[2], r[3], tuple(members.get(r[0], ())))
                for r in conn.execute("SELECT id, number, name, memo FROM themes ORDER BY number")]

    def concepts(self) -> list[Concept]:
        conn = self.store.db.conn
        links: dict[int, list[int]] = {}
        for concept_id, group_id in conn.execute("SELECT concept_id, group_id FROM concept_groups ORDER BY id"):
            links.setdefault(concept_id, []).append(group_id)
        return [Concept(r[0], r[1], r[2], tuple(links.get(r[0], ())))
                for r in conn.execute("SELECT id, name, memo FROM concepts ORDER BY name COLLATE NORWEGIAN")]

    # ---- groups ----------------------------------------------------------------
    def next_number(self, table: str) -> int:
        """The number after the highest in `table` (code_groups or themes)."""
        return (self.store.one(f"SELECT max(number) FROM {table}") or 0) + 1

    @writes
    def create_group(self, name: str, code_ids: Iterable[int] = (), number: int | None = None,
                     is_rest: bool = False) -> int:
        name = _clean_name(name)
        if not name:
            raise CoderError(_("{path}: a group needs a name").format(path=self.store.path))
        number = self._free_number("code_groups", number, "group")
        code_ids = list(code_ids)
        for code_id in code_ids:
            self.store.require("codes", code_id, "code")
        with self.store.action(N_("create group"), words.numbered_group(number, name),
                               words.counted("codes", len(code_ids))) as act:
            group_id = act.insert("code_groups", {"number": number, "name": name, "is_rest": int(is_rest),
                                                  "memo": None, "created_at": now()})
            if is_rest:
                self.clear_rest(act, except_id=group_id)
            self.place_codes(act, code_ids, group_id)
        return group_id

    def _free_number(self, table: str, number: int | None, what: str, except_id: int | None = None) -> int:
        if number is None:
            return self.next_number(table)
        other = self.store.one(f"SELECT id FROM {table} WHERE number = ?", [number])
        if other is not None and other != except_id:
            raise NameCollision(_("{path}: {what} number {number} is taken")
                                .format(path=self.store.path, what=what, number=number))
        if number < 0:
            raise CoderError(_("{path}: {what} numbers are 0 or more").format(path=self.store.path, what=what))
        return number

    def place_codes(self, act: Action, code_ids: Iterable[int], group_id: int | None) -> None:
        """Within `act` (an action another write opened): these codes into a group (None: none)."""
        for code_id in code_ids:
            row = self.store.db.conn.execute("SELECT id, group_id FROM group_members WHERE code_id = ?", [code_id]).fetchone()
            if row is not None and row[1] == group_id:
                continue
            if row is not None:
                act.delete("group_members", row[0])
            if group_id is not None:
                act.insert("group_members", {"group_id": group_id, "code_id": code_id})

    @writes
    def move_codes(self, code_ids: Iterable[int], group_id: int | None) -> None:
        """Move codes into a group (None: back to ungrouped)."""
        code_ids = list(code_ids)
        for code_id in code_ids:
            self.store.require("codes", code_id, "code")
        target = words.said(N_("ungrouped"))
        if group_id is not None:
            g = self.group(group_id)
            target = words.numbered_group(g.number, g.name)
        with self.store.action(N_("move codes"), target, words.counted("codes", len(code_ids))) as act:
            self.place_codes(act, code_ids, group_id)

    @writes
    def rename_group(self, group_id: int, name: str) -> None:
        name = _clean_name(name)
        if not name:
            raise CoderError(_("{path}: a group needs a name").format(path=self.store.path))
        g = self.group(group_id)
        with self.store.action(N_("rename group"), words.numbered_group(g.number), f"«{g.name}» → «{name}»") as act:
            act.update("code_groups", group_id, {"name": name})

    @writes
    def renumber_group(self, group_id: int, number: int) -> None:
        g = self.group(group_id)
        number = self._free_number("code_groups", number, "group", except_id=group_id)
        with self.store.action(N_("renumber group"), g.name, f"{g.number} → {number}") as act:
            act.update("code_groups", group_id, {"number": number})

    @writes
    def set_rest_group(self, group_id: int, is_rest: bool = True) -> None:
        """Mark (or unmark) the restgruppe: codes judged irrelevant. There is at most one."""
        g = self.group(group_id)
        with self.store.action(N_("mark restgruppe") if is_rest else N_("unmark restgruppe"),
                               words.numbered_group(g.number, g.name)) as act:
            if is_rest:
                self.clear_rest(act, except_id=group_id)
            act.update("code_groups", group_id, {"is_rest": int(is_rest)})

    def clear_rest(self, act: Action, except_id: int) -> None:
        """Within `act`: no group but `except_id` stays the rest group (there is one)."""
        for (other,) in self.store.db.conn.execute("SELECT id FROM code_groups WHERE is_rest = 1 AND id != ?",
                                             [except_id]).fetchall():
            act.update("code_groups", other, {"is_rest": 0})

    @writes
    def set_group_memo(self, group_id: int, memo: str | None) -> None:
        g = self.group(group_id)
        with self.store.action(N_("memo group"), words.numbered_group(g.number)) as act:
            act.update("code_groups", group_id, {"memo": memo})

    @writes
    def split_group(self, group_id: int, code_ids: Iterable[int], name: str) -> int:
        """Move some of a group's codes into a new group (next free number)."""
        g = self.group(group_id)
        code_ids = list(code_ids)
        strangers = [c for c in code_ids if c not in g.code_ids]
        if strangers or not code_ids:
            raise CoderError(_("{path}: choose some codes of Gruppe {number} to split off")
                             .format(path=self.store.path, number=g.number))
        name = _clean_name(name)
        number = self.next_number("code_groups")
        with self.store.action(N_("split group"), words.numbered_group(g.number),
                               words.codes_split_off(len(code_ids), number, name)) as act:
            new_id = act.insert("code_groups", {"number": number, "name": name, "is_rest": 0,
                                                "memo": None, "created_at": now()})
            self.place_codes(act, code_ids, new_id)
            theme = self.store.one("SELECT theme_id FROM theme_members WHERE group_id = ?", [group_id])
            if theme is not None:
                act.insert("theme_members", {"theme_id": theme, "group_id": new_id})
        return new_id

    @writes
    def delete_group(self, group_id: int) -> None:
        """Delete a group; its codes become ungrouped."""
        g = self.group(group_id)
        with self.store.action(N_("delete group"), words.numbered_group(g.number, g.name),
                               words.codes_ungrouped(len(g.code_ids))) as act:
            act.delete_where("group_members", "group_id = ?", [group_id])
            act.delete_where("theme_members", "group_id = ?", [group_id])
            act.delete_where("concept_groups", "group_id = ?", [group_id])
            act.delete("code_groups", group_id)

    # ---- themes ----------------------------------------------------------------
    @writes
    def create_theme(self, name: str, group_ids: Iterable[int] = (), number: int | None = None) -> int:
        name = _clean_name(name)
        if not name:
            raise CoderError(_("{path}: a theme needs a name").format(path=self.store.path))
        number = self._free_number("themes", number, "theme")
        group_ids = list(group_ids)
        for gid in group_ids:
            self.store.require("code_groups", gid, "group")
        with self.store.action(N_("create theme"), words.numbered_theme(number, name),
                               words.counted("groups", len(group_ids))) as act:
            theme_id = act.insert("themes", {"number": number, "name": name, "memo": None, "created_at": now()})
            self.place_groups(act, group_ids, theme_id)
        return theme_id

    def place_groups(self, act: Action, group_ids: Iterable[int], theme_id: int | None) -> None:
        """Within `act`: these groups into a theme (None: none)."""
        for gid in group_ids:
            row = self.store.db.conn.execute("SELECT id, theme_id FROM theme_members WHERE group_id = ?", [gid]).fetchone()
            if row is not None and row[1] == theme_id:
                continue
            if row is not None:
                act.delete("theme_members", row[0])
            if theme_id is not None:
                act.insert("theme_members", {"theme_id": theme_id, "group_id": gid})

    @writes
    def move_groups(self, group_ids: Iterable[int], theme_id: int | None) -> None:
        group_ids = list(group_ids)
        for gid in group_ids:
            self.store.require("code_groups", gid, "group")
        if theme_id is not None:
            self.store.require("themes", theme_id, "theme")
        with self.store.action(N_("move groups"),
                               words.theme(theme_id) if theme_id else words.said(N_("no theme")),
                               words.counted("groups", len(group_ids))) as act:
            self.place_groups(act, group_ids, theme_id)

    @writes
    def rename_theme(self, theme_id: int, name: str) -> None:
        name = _clean_name(name)
        if not name:
            raise CoderError(_("{path}: a theme needs a name").format(path=self.store.path))
        self.store.require("themes", theme_id, "theme")
        with self.store.action(N_("rename theme"), name) as act:
            act.update("themes", theme_id, {"name": name})

    @writes
    def renumber_theme(self, theme_id: int, number: int) -> None:
        self.store.require("themes", theme_id, "theme")
        number = self._free_number("themes", number, "theme", except_id=theme_id)
        with self.store.action(N_("renumber theme"), words.theme(theme_id), f"→ {number}") as act:
            act.update("themes", theme_id, {"number": number})

    @writes
    def set_theme_memo(self, theme_id: int, memo: str | None) -> None:
        self.store.require("themes", theme_id, "theme")
        with self.store.action(N_("memo theme"), words.theme(theme_id)) as act:
            act.update("themes", theme_id, {"memo": memo})

    @writes
    def delete_theme(self, theme_id: int) -> None:
        self.store.require("themes", theme_id, "theme")
        with self.store.action(N_("delete theme"), words.theme(theme_id)) as act:
            act.delete_where("theme_members", "theme_id = ?", [theme_id])
            act.delete("themes", theme_id)

    # ---- concepts --------------------------------------------------------------
    @writes
    def create_concept(self, name: str, group_ids: Iterable[int] = (), memo: str | None = None) -> int:
        name = _clean_name(name)
        if not name:
            raise CoderError(_("{path}: a concept needs a name").format(path=self.store.path))
        if self.store.one("SELECT 1 FROM concepts WHERE name = ?", [name]):
            raise NameCollision(_("{path}: a concept «{name}» exists already").format(path=self.store.path, name=name))
        group_ids = list(group_ids)
        for gid in group_ids:
            self.store.require("code_groups", gid, "group")
        with self.store.action(N_("create concept"), name, words.counted("groups", len(group_ids))) as act:
            concept_id = act.insert("concepts", {"name": name, "memo": memo, "created_at": now()})
            for gid in group_ids:
                act.insert("concept_groups", {"concept_id": concept_id, "group_id": gid})
        return concept_id

    @writes
    def link_concept(self, concept_id: int, group_id: int, linked: bool = True) -> None:
        self.store.require("concepts", concept_id, "concept")
        self.store.require("code_groups", group_id, "group")
        row = self.store.one("SELECT id FROM concept_groups WHERE concept_id = ? AND group_id = ?", [concept_id, group_id])
        with self.store.action(N_("link concept") if linked else N_("unlink concept"),
                               words.concept(concept_id), words.group(group_id)) as act:
            if linked and row is None:
                act.insert("concept_groups", {"concept_id": concept_id, "group_id": group_id})
            elif not linked and row is not None:
                act.delete("concept_groups", row)

    @writes
    def rename_concept(self, concept_id: int, name: str) -> None:
        name = _clean_name(name)
        self.store.require("concepts", concept_id, "concept")
        if not name:
            raise CoderError(_("{path}: a concept needs a name").format(path=self.store.path))
        if self.store.one("SELECT 1 FROM concepts WHERE name = ? AND id != ?", [name, concept_id]):
            raise NameCollision(_("{path}: a concept «{name}» exists already").format(path=self.store.path, name=name))
        with self.store.action(N_("rename concept"), name) as act:
            act.update("concepts", concept_id, {"name": name})

    @writes
    def set_concept_memo(self, concept_id: int, memo: str | None) -> None:
        self.store.require("concepts", concept_id, "concept")
        with self.store.action(N_("memo concept"), words.concept(concept_id)) as act:
            act.update("concepts", concept_id, {"memo": memo})

    @writes
    def delete_concept(self, concept_id: int) -> None:
        self.store.require("concepts", concept_id, "concept")
        with self.store.action(N_("delete concept"), words.concept(concept_id)) as act:
            act.delete_where("concept_groups", "concept_id = ?", [concept_id])
            act.delete_where("checks", "applies_to = 'concept' AND entity_id = ?", [concept_id])
            act.delete("concepts", concept_id)

    # ---- order -----------------------------------------------------------------
    def ungrouped_in_order(self) -> list[int]:
        """The codes in no group, in the order the researcher set, else as made."""
        return [r[0] for r in self.store.db.conn.execute(
            "SELECT id FROM codes WHERE id NOT IN (SELECT code_id FROM group_members) "
            "ORDER BY position IS NULL, position, id")]

    @writes
    def reorder(self, kind: str, ids: Sequence[int]) -> None:
        """Put codes (kind "code": of one group, or the ungrouped ones) or groups ("group":
        of one theme, or of none) in this order, as one undoable action."""
        table, home = {"code": ("codes", "SELECT group_id FROM group_members WHERE code_id = ?"),
                       "group": ("code_groups", "SELECT theme_id FROM theme_members WHERE group_id = ?")}[kind]
        ids = list(dict.fromkeys(ids))
        for i in ids:
            self.store.require(table, i, kind)
        if len({self.store.one(home, [i]) for i in ids}) > 1:
            raise CoderError((_("{path}: codes are put in order within one group") if kind == "code" else
                              _("{path}: groups are put in order within one theme")).format(path=self.store.path))
        with self.store.action(N_("reorder"), words.counted(f"{kind}s", len(ids))) as act:
            for position, i in enumerate(ids, 1):
                act.update(table, i, {"position": position})

    # ---- kodetest / konsepttest ------------------------------------------------
    def check_questions(self, applies_to: str = "code") -> list[dict]:
        """The test questions in order; the prompts a project was created with, as long as
        they are as they came, in the reader's language (a reworded one as written)."""
        return [_shown_question(applies_to, *r) for r in self.store.db.conn.execute(
            "SELECT key, name, prompt FROM check_questions WHERE applies_to = ? ORDER BY position", [applies_to])]

    def checks(self, applies_to: str = "code") -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for entity_id, key, verdict in self.store.db.conn.execute(
                "SELECT entity_id, question_key, verdict FROM checks WHERE applies_to = ?", [applies_to]):
            out.setdefault(entity_id, {})[key] = verdict
        return out

    @writes
    def set_check(self, applies_to: str, entity_id: int, question_key: str, verdict: str) -> None:
        if verdict not in VERDICTS:
            raise CoderError(_("{path}: a verdict is one of {verdicts}")
                             .format(path=self.store.path, verdicts=', '.join(VERDICTS)))
        if not self.store.one("SELECT 1 FROM check_questions WHERE applies_to = ? AND key = ?", [applies_to, question_key]):
            raise NotFound(_("{path}: no {applies_to} test question «{question_key}»")
                           .format(path=self.store.path, applies_to=applies_to, question_key=question_key))
        self.store.require("codes" if applies_to == "code" else "concepts", entity_id, applies_to)
        row = self.store.one("SELECT id FROM checks WHERE applies_to = ? AND entity_id = ? AND question_key = ?",
                        [applies_to, entity_id, question_key])
        with self.store.action(N_("check"), words.entity(applies_to, entity_id),
                               words.verdict(question_key, verdict)) as act:
            values = {"verdict": verdict, "coder": self.store.coder, "at": now()}
            if row is None:
                act.insert("checks", {"applies_to": applies_to, "entity_id": entity_id,
                                      "question_key": question_key, **values})
            else:
                act.update("checks", row, values)


# The prompts schema m001 gives a new project's test questions, as stored. Their names
# (Kodetest Q1, Konsepttest) are the method's own words and stay as they are.
_STARTING_PROMPTS = {
    ("code", "q1"): N_("Could this code have been made before reading the data? (It passes if it could not.)"),
    ("code", "q2"): N_("Does the code say what was said, not only what was talked about?"),
    ("concept", "k1"): N_("Is the concept abstract enough to hold apart from the specific people, places and "
                          "times of the study?"),
}


def _shown_question(applies_to: str, key: str, name: str, prompt: str) -> dict:
    starting = _STARTING_PROMPTS.get((applies_to, key))
    return {"key": key, "name": name, "prompt": _(prompt) if prompt == starting else prompt}
