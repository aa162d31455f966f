"""The foundation of `Project`: opening, the action context that records history,
undo/redo, settings and counts. The mixins beside this file add one method per
user action on top of `_action`."""

from __future__ import annotations

import contextlib
import functools
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from coder.core.sqlite_utils_import import Database

from coder.core import identity, store
from coder.core.errors import CoderError, NothingToUndo, NotFound
from coder.core.history import Changes, DamagedHistory, decode, replay
from coder.core.models import Counts, HistoryEntry


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def writes(method):
    """The whole user action in one write transaction: what it checks and chooses first
    (that a row exists, a free name, the next group number) still holds when it writes,
    whatever other programs do meanwhile. `_action` inside joins this transaction."""
    @functools.wraps(method)
    def in_transaction(self, *args, **kwargs):
        with store.write_transaction(self.db, self.path):
            return method(self, *args, **kwargs)
    return in_transaction


class Action(Changes):
    """The row changes of one user action plus its audit-trail description."""

    def __init__(self, conn, action: str, obj: str, details: str):
        super().__init__(conn)
        self.action, self.object, self.details = action, obj, details


class ProjectBase:
    def __init__(self, db: Database, path: Path, coder: str | None = None):
        self.db = db
        self.path = path
        store.hold(db, path)
        self.coder = identity.resolve(coder, self.get_setting("coder"))
        # What of the history this Project has seen: rows past it, not its own, were
        # written by another program (or another connection of this one).
        self._seen_version = store.data_version(db)
        self._seen_history = self._one("SELECT max(id) FROM history") or 0
        self._own_history: set[int] = set()

    # ---- opening -------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, coder: str | None = None):
        path = Path(path)
        return cls(store.create(path), path, coder)

    @classmethod
    def open(cls, path: str | Path, coder: str | None = None, create: bool = False):
        path = Path(path)
        if create and not path.exists():
            return cls.create(path, coder)
        return cls(store.open_existing(path), path, coder)

    def close(self) -> None:
        store.release(self.db)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- the action context --------------------------------------------------
    @contextlib.contextmanager
    def _action(self, action: str, obj: str = "", details: str = "") -> Iterator[Action]:
        """One user action: one transaction, one history row that can undo it."""
        conn = self.db.conn
        with store.write_transaction(self.db, self.path):
            act = Action(conn, action, obj, details)
            try:
                yield act
                if not act.items:
                    return
                self._ensure_coder_row(act)
                blob = act.encoded()
            finally:
                act.abandon()
            conn.execute("UPDATE history SET state = 'dropped' WHERE state = 'undone'")
            cur = conn.execute(
                "INSERT INTO history (at, coder, action, object, details, changes, state) "
                "VALUES (?, ?, ?, ?, ?, ?, 'done')",
                [now(), self.coder, act.action, act.object, act.details, blob])
            self._own_history.add(cur.lastrowid)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that must agree with each other (a search over many documents, an
        export) see the project as one moment: another program's commit between two
        of them would otherwise show a document listed and then gone."""
        with store.read_transaction(self.db):
            yield

    def _ensure_coder_row(self, act: Action) -> None:
        row = self.db.conn.execute("SELECT 1 FROM coders WHERE name = ?", [self.coder]).fetchone()
        if row is None:
            act.insert("coders", {"name": self.coder, "created_at": now()})

    def _one(self, sql: str, params: list[Any] | tuple = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _require(self, table: str, row_id: int, what: str) -> None:
        if self._one(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]) is None:
            raise NotFound(f"{self.path}: no {what} with id {row_id}")

    # ---- undo / redo ---------------------------------------------------------
    def undo(self) -> HistoryEntry:
        return self._step("undo", "done", "DESC", backwards=True, new_state="undone")

    def redo(self) -> HistoryEntry:
        return self._step("redo", "undone", "ASC", backwards=False, new_state="done")

    def _step(self, verb: str, state: str, order: str, backwards: bool, new_state: str) -> HistoryEntry:
        conn = self.db.conn
        with store.write_transaction(self.db, self.path):
            row = conn.execute(
                f"SELECT id, action, object, changes FROM history WHERE state = ? "
                f"AND changes IS NOT NULL ORDER BY id {order} LIMIT 1", [state]).fetchone()
            if row is None:
                raise NothingToUndo(f"{self.path}: nothing to {verb}")
            entry_id, action, obj, blob = row
            try:
                items = decode(blob)
                replay(conn, items, backwards=backwards)
            except DamagedHistory as exc:
                raise exc.of(self.path, entry_id) from None
            conn.execute("UPDATE history SET state = ? WHERE id = ?", [new_state, entry_id])
            cur = conn.execute(
                "INSERT INTO history (at, coder, action, object, details, state, ref) "
                "VALUES (?, ?, ?, ?, ?, 'meta', ?)",
                [now(), self.coder, verb, obj, f"{verb} of #{entry_id} {action}", entry_id])
            self._own_history.add(cur.lastrowid)
        return self._history_entry(entry_id)

    def next_step(self, state: str) -> HistoryEntry | None:
        """The entry undo ('done') or redo ('undone') would take next, if any."""
        order = "DESC" if state == "done" else "ASC"
        entry_id = self._one(f"SELECT id FROM history WHERE state = ? AND changes IS NOT NULL "
                             f"ORDER BY id {order} LIMIT 1", [state])
        return None if entry_id is None else self._history_entry(entry_id)

    def can_undo(self) -> bool:
        return self._one("SELECT 1 FROM history WHERE state = 'done' AND changes IS NOT NULL LIMIT 1") is not None

    def can_redo(self) -> bool:
        return self._one("SELECT 1 FROM history WHERE state = 'undone' LIMIT 1") is not None

    # ---- other programs' changes ---------------------------------------------
    @property
    def read_only(self) -> bool:
        return bool(getattr(self.db, "read_only", False))

    def outside_changes(self) -> list[HistoryEntry]:
        """History rows that other programs wrote since the last call, oldest first
        (cheap when nothing changed: one PRAGMA). Marks them seen."""
        version = store.data_version(self.db)
        if version == self._seen_version:
            return []
        self._seen_version = version
        rows = [HistoryEntry(*r) for r in self.db.conn.execute(
            f"SELECT {self._HISTORY_COLS} FROM history WHERE id > ? ORDER BY id",
            [self._seen_history])]
        if rows:
            self._seen_history = rows[-1].id
        return [r for r in rows if r.id not in self._own_history]

    @property
    def own_actions(self) -> frozenset[int]:
        """Ids of the history rows this Project (and those sharing with it) wrote."""
        return frozenset(self._own_history)

    def share_history(self, other: "ProjectBase") -> None:
        """Count this connection's actions as `other`'s own, and the reverse (the app's
        import runs on a connection of its own in a thread): one set, filled inside
        each write transaction, before another connection can see the row."""
        self._own_history = other._own_history

    # ---- history (the audit trail) -------------------------------------------
    _HISTORY_COLS = "id, at, coder, action, object, details, state"

    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        sql = f"SELECT {self._HISTORY_COLS} FROM history ORDER BY id"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} DESC LIMIT {int(limit)}) ORDER BY id"
        return [HistoryEntry(*r) for r in self.db.conn.execute(sql)]

    def _history_entry(self, entry_id: int) -> HistoryEntry:
        row = self.db.conn.execute(
            f"SELECT {self._HISTORY_COLS} FROM history WHERE id = ?", [entry_id]).fetchone()
        return HistoryEntry(*row)

    # ---- settings ------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    @writes
    def set_setting(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, ensure_ascii=False)
        with self._action("set setting", key, f"{key} = {encoded}") as act:
            row_id = self._one("SELECT id FROM settings WHERE key = ?", [key])
            if row_id is None:
                act.insert("settings", {"key": key, "value": encoded})
            else:
                act.update("settings", row_id, {"value": encoded})
        if key == "coder" and isinstance(value, str) and value.strip():
            self.coder = identity.resolve(None, value)

    def set_project_memo(self, memo: str | None) -> None:
        self.set_setting("memo", memo)

    # ---- counts --------------------------------------------------------------
    def counts(self) -> Counts:
        q = self._one
        with self.snapshot():
            return self._counts(q)

    def _counts(self, q) -> Counts:
        return Counts(
            documents=q("SELECT count(*) FROM documents"),
            segments=q("SELECT count(*) FROM segments"),
            codes=q("SELECT count(*) FROM codes"),
            codings=q("SELECT count(*) FROM codings"),
            groups=q("SELECT count(*) FROM code_groups"),
            themes=q("SELECT count(*) FROM themes"),
            concepts=q("SELECT count(*) FROM concepts"),
            coders=q("SELECT count(*) FROM coders"),
            schema_version=store.schema_version(self.db),
        )


__all__ = ["ProjectBase", "Action", "now", "CoderError"]
