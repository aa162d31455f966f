"""Opening a project file safely: validate before writing, migrate after a backup,
and run every write in one IMMEDIATE transaction with a bounded wait for the lock."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Iterator

from coder.core.sqlite_utils_import import Database

from coder.core import schema
from coder.core.errors import NewerVersion, NotAProject, ProjectBusy

# How long a writer waits for another process to finish before giving up.
LOCK_TIMEOUT_S = 10.0


def _inspect(path: Path) -> int:
    """Return the schema version of an existing project without writing to it."""
    if path.is_dir():
        raise NotAProject(f"{path}: is a folder, not a coder project")
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise NotAProject(f"{path}: cannot be read ({exc.strerror})") from None
    if header != b"SQLite format 3\x00":
        raise NotAProject(f"{path}: not a coder project (not an SQLite file)")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=LOCK_TIMEOUT_S)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "_sqlite_migrations" not in names or "history" not in names:
            raise NotAProject(f"{path}: not a coder project (an SQLite file of another program)")
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [schema.MIGRATION_SET])]
    except sqlite3.DatabaseError as exc:
        raise NotAProject(f"{path}: not a coder project ({exc})") from None
    finally:
        conn.close()
    known = {m.name for m in schema.migrations._migrations}
    if any(name not in known for name in applied):
        raise NewerVersion(
            f"{path}: made by a newer version of coder (schema {len(applied)}, "
            f"this coder knows {schema.latest_version()}); please upgrade coder")
    return len(applied)


def connect(path: Path | str) -> Database:
    conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_S, check_same_thread=False)
    db = Database(conn, execute_plugins=False)
    with db.ensure_autocommit_on():
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    return db


def create(path: Path) -> Database:
    if path.exists():
        raise NotAProject(f"{path}: already exists; open it instead of creating it")
    if not path.parent.exists():
        raise NotAProject(f"{path}: folder {path.parent} does not exist")
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise NotAProject(f"{path}: cannot be created ({exc})") from None
    schema.migrations.apply(db)
    return db


def open_existing(path: Path) -> Database:
    if not path.exists():
        raise NotAProject(f"{path}: no such project")
    version = _inspect(path)
    db = connect(path)
    if version < schema.latest_version():
        backup = path.with_name(f"{path.name}.v{version}.bak")
        _backup(db, backup)
        schema.migrations.apply(db)
    return db


def _backup(db: Database, target: Path) -> None:
    """A consistent copy (WAL included) through SQLite's backup API."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()


def schema_version(db: Database) -> int:
    return len(schema.migrations.applied(db))


@contextlib.contextmanager
def write_transaction(db: Database, path: Path | str) -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front, so two writers queue rather
    than deadlock; sqlite's busy timeout does the waiting. Nested calls join."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise ProjectBusy(
                    f"{path}: another program has been writing to this project for "
                    f"{LOCK_TIMEOUT_S:.0f} s; nothing was changed, try again") from None
            time.sleep(0.05)
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        raise ProjectBusy(f"{path}: could not save ({exc}); nothing was changed") from None
