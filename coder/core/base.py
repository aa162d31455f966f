"""The foundation every area of a project stands on: the `Store` (the connection, the
write transaction, the action context that records history) and `Service`, the base
of the area services `Project` is composed of (coder/core/project.py)."""

from __future__ import annotations

from coder.i18n import N_, _
import contextlib
import functools
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from coder.core.sqlite_utils_import import Database

from coder.core import identity, store
from coder.core.errors import CoderError, NotFound
from coder.core.history import Changes
from coder.core.wording import Said, Wording, english

if TYPE_CHECKING:
    from coder.core.project import Project


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# What `Store.require` says of a missing row, per kind (one sentence each: the words differ by kind).
NOT_FOUND = {
    "code": N_("{path}: no code with id {row_id}"), "group": N_("{path}: no group with id {row_id}"),
    "theme": N_("{path}: no theme with id {row_id}"), "concept": N_("{path}: no concept with id {row_id}"),
    "document": N_("{path}: no document with id {row_id}"),
}


class Action(Changes):
    """The row changes of one user action plus its audit-trail description."""

    def __init__(self, conn, action: str, obj: Said, details: Said):
        super().__init__(conn)
        self.action: str = action
        self.object: Said = obj
        self.details: Said = details

    def wording(self) -> str | None:
        """The history row's `wording` column: the JSON of whichever of object and details
        is a Wording (a plain name is kept only as text), None when neither is."""
        parts = {k: v.to_json() for k, v in (("object", self.object), ("details", self.details))
                 if isinstance(v, Wording)}
        return json.dumps(parts, ensure_ascii=False) if parts else None


class Store:
    """One open project file: its connection, who is working, and the one way to write
    (`action`: one transaction, one history row that can undo it)."""

    def __init__(self, db: Database, path: Path, coder: str | None = None):
        self.db = db
        self.path = path
        store.hold(db, path)
        self.coder = identity.resolve(coder, self.setting("coder"))
        # Ids of the history rows this connection wrote (shared with the app's import
        # thread): rows past what was seen that are not these came from another program.
        self.own_history: set[int] = set()

    def close(self) -> None:
        store.release(self.db)

    # ---- reading -------------------------------------------------------------
    def one(self, sql: str, params: list[Any] | tuple = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def require(self, table: str, row_id: int, what: str) -> None:
        if self.one(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]) is None:
            missing = _(NOT_FOUND[what]) if what in NOT_FOUND else _("{path}: no {what} with id {row_id}")
            raise NotFound(missing.format(path=self.path, what=what, row_id=row_id))

    def setting(self, key: str, default: Any = None) -> Any:
        value = self.one("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that must agree with each other (a search over many documents, an
        export) see the project as one moment: another program's commit between two
        of them would otherwise show a document listed and then gone."""
        with store.read_transaction(self.db):
            yield

    # ---- writing -------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One IMMEDIATE write transaction (nested calls join it)."""
        with store.write_transaction(self.db, self.path):
            yield

    @contextlib.contextmanager
    def action(self, action: str, obj: Said = "", details: Said = "") -> Iterator[Action]:
        """One user action: one transaction, one history row that can undo it. `obj` and
        `details`: a name as it is, or a Wording (coder/core/wording.py); the row keeps
        their English text, and the wording to show them in the reader's language."""
        conn = self.db.conn
        with self.write():
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
                "INSERT INTO history (at, coder, action, object, details, wording, changes, state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'done')",
                [now(), self.coder, act.action, english(act.object), english(act.details), act.wording(), blob])
            self.own_history.add(cur.lastrowid)

    def _ensure_coder_row(self, act: Action) -> None:
        row = self.db.conn.execute("SELECT 1 FROM coders WHERE name = ?", [self.coder]).fetchone()
        if row is None:
            act.insert("coders", {"name": self.coder, "created_at": now()})


class Service:
    """An area of a project (documents, codes, grouping, …): reads and user actions on
    the shared `store`, and the other areas through `project`."""

    def __init__(self, project: Project):
        self.project = project
        self.store: Store = project.store


R = TypeVar("R")


def writes(method: Callable[..., R]) -> Callable[..., R]:
    """The whole user action in one write transaction: what it checks and chooses first
    (that a row exists, a free name, the next group number) still holds when it writes,
    whatever other programs do meanwhile. `store.action` inside joins this transaction."""
    @functools.wraps(method)
    def in_transaction(self, *args, **kwargs):
        with self.store.write():
            return method(self, *args, **kwargs)
    return in_transaction


__all__ = ["Store", "Service", "Action", "now", "writes", "CoderError"]
