"""The history as the user meets it (`project.history`): undo and redo of any action,
the audit trail, and what other programs did to the project meanwhile."""

from __future__ import annotations

from coder.i18n import N_, _
import json
from typing import TYPE_CHECKING

from coder.core import store
from coder.core.base import Service, now
from coder.core.errors import NothingToUndo
from coder.core.history import DamagedHistory, decode, replay
from coder.core.models import HistoryEntry
from coder.core.wording import Wording, english, step_of

if TYPE_CHECKING:
    from coder.core.project import Project

_COLUMNS = "id, at, coder, action, object, details, state, wording"


def _step_wording(undone: str | None, details: Wording) -> str:
    """An undo's (or redo's) wording: the undone entry's object, and what it did to it."""
    try:
        found = json.loads(undone) if undone else {}
    except ValueError:
        found = {}
    obj = found.get("object") if isinstance(found, dict) else None
    return json.dumps({**({"object": obj} if obj is not None else {}), "details": details.to_json()},
                      ensure_ascii=False)


class History(Service):
    def __init__(self, project):
        super().__init__(project)
        # What of the history has been seen: rows past it, not this connection's own,
        # were written by another program (or another connection of this one).
        self._seen_version = store.data_version(self.store.db)
        self._seen_history = self.store.one("SELECT max(id) FROM history") or 0

    # ---- undo / redo ---------------------------------------------------------
    def undo(self) -> HistoryEntry:
        return self._step(N_("undo"), "done", "DESC", backwards=True, new_state="undone")

    def redo(self) -> HistoryEntry:
        return self._step(N_("redo"), "undone", "ASC", backwards=False, new_state="done")

    def _step(self, verb: str, state: str, order: str, backwards: bool, new_state: str) -> HistoryEntry:
        s = self.store
        conn = s.db.conn
        with s.write():
            row = conn.execute(
                f"SELECT id, action, object, wording, changes FROM history WHERE state = ? "
                f"AND changes IS NOT NULL ORDER BY id {order} LIMIT 1", [state]).fetchone()
            if row is None:
                nothing = _("{path}: nothing to undo") if verb == "undo" else _("{path}: nothing to redo")
                raise NothingToUndo(nothing.format(path=s.path))
            entry_id, action, obj, wording, blob = row
            try:
                items = decode(blob)
                replay(conn, items, backwards=backwards)
            except DamagedHistory as exc:
                raise exc.of(s.path, entry_id) from None
            conn.execute("UPDATE history SET state = ? WHERE id = ?", [new_state, entry_id])
            details = step_of(verb, entry_id, action)
            cur = conn.execute(
                "INSERT INTO history (at, coder, action, object, details, wording, state, ref) "
                "VALUES (?, ?, ?, ?, ?, ?, 'meta', ?)",
                [now(), s.coder, verb, obj, english(details), _step_wording(wording, details), entry_id])
            s.own_history.add(cur.lastrowid)
        return self._entry(entry_id)

    def next_step(self, state: str) -> HistoryEntry | None:
        """The entry undo ('done') or redo ('undone') would take next, if any."""
        order = "DESC" if state == "done" else "ASC"
        entry_id = self.store.one(f"SELECT id FROM history WHERE state = ? AND changes IS NOT NULL "
                                  f"ORDER BY id {order} LIMIT 1", [state])
        return None if entry_id is None else self._entry(entry_id)

    def can_undo(self) -> bool:
        return self.store.one("SELECT 1 FROM history WHERE state = 'done' AND changes IS NOT NULL "
                              "LIMIT 1") is not None

    # ---- the audit trail -------------------------------------------------------
    def entries(self, limit: int | None = None) -> list[HistoryEntry]:
        sql = f"SELECT {_COLUMNS} FROM history ORDER BY id"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY id"
        return [HistoryEntry(*r) for r in self.store.db.conn.execute(sql)]

    def _entry(self, entry_id: int) -> HistoryEntry:
        row = self.store.db.conn.execute(f"SELECT {_COLUMNS} FROM history WHERE id = ?",
                                         [entry_id]).fetchone()
        return HistoryEntry(*row)

    # ---- other programs' changes -------------------------------------------------
    def outside_changes(self) -> list[HistoryEntry]:
        """History rows that other programs wrote since the last call, oldest first
        (cheap when nothing changed: one PRAGMA). Marks them seen."""
        version = store.data_version(self.store.db)
        if version == self._seen_version:
            return []
        self._seen_version = version
        rows = [HistoryEntry(*r) for r in self.store.db.conn.execute(
            f"SELECT {_COLUMNS} FROM history WHERE id > ? ORDER BY id", [self._seen_history])]
        if rows:
            self._seen_history = rows[-1].id
        return [r for r in rows if r.id not in self.store.own_history]

    @property
    def own_actions(self) -> frozenset[int]:
        """Ids of the history rows this project (and those sharing with it) wrote."""
        return frozenset(self.store.own_history)

    def share_with(self, other: Project) -> None:
        """Count this connection's actions as `other`'s own, and the reverse (the app's
        import runs on a connection of its own in a thread): one set, filled inside
        each write transaction, before another connection can see the row."""
        self.store.own_history = other.store.own_history
