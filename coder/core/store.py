"""Opening a project file safely: validate before writing, migrate after a backup,
and run every write in one IMMEDIATE transaction with a bounded wait for the lock.

The project file is touched only through SQLite. Opening it any other way in a process
that holds a connection (Python `open()`, a copy, a stat-and-read) and closing that
handle drops every POSIX lock the process holds on it; another process then believes
it is the last one, deletes the WAL on close, and committed work is lost (SQLite, "How
To Corrupt An SQLite Database File", §2.2). `os.stat` opens nothing and is safe."""

from __future__ import annotations

from coder.i18n import _
from coder.i18n.collate import sort_key
import contextlib
import os
import sqlite3
import stat
import time
from collections import Counter
from pathlib import Path
from typing import Iterator, overload

from coder.core.sqlite_utils_import import Database

from coder.core import schema
from coder.core.errors import (CoderError, Damaged, NewerVersion, NotAProject, ProjectBusy,
                               ReadOnly)

# How long a writer waits for another process to finish before giving up.
LOCK_TIMEOUT_S = 10.0

# The project files this process holds through SQLite, by (device, inode), with their
# paths, and how many connections each: a file to import must not be one of them
# (check_input_file).
_HELD: Counter[tuple[int, int]] = Counter()
_HELD_PATHS: dict[tuple[int, int], Path] = {}


def explain(path: Path | str, exc: sqlite3.Error) -> CoderError:
    """One line for the user, naming the file, for an error SQLite raised on it."""
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", "")
    if "locked" in text or "busy" in text or name.startswith("SQLITE_BUSY"):
        return ProjectBusy(_("{path}: another program is busy writing to this project; nothing was changed, try again")
                           .format(path=path))
    if "readonly" in text or name.startswith("SQLITE_READONLY"):
        return ReadOnly(_("{path}: is read-only (no write permission, or on read-only media); it can be read "
                          "but not changed")
                        .format(path=path))
    if "full" in text or name == "SQLITE_FULL":
        return CoderError(_("{path}: the disk is full; nothing was changed").format(path=path))
    if "not a database" in text or name == "SQLITE_NOTADB":
        return NotAProject(_("{path}: not a coder project (not an SQLite file)").format(path=path))
    if "malformed" in text or name.startswith("SQLITE_CORRUPT"):
        return Damaged(_("{path}: the project file is damaged ({text}); open a backup (a .bak beside it) or a copy")
                       .format(path=path, text=text))
    if "unable to open" in text or name.startswith("SQLITE_CANTOPEN"):
        return NotAProject(_("{path}: cannot be opened (no permission, or the folder is gone)").format(path=path))
    if "I/O" in text or name.startswith("SQLITE_IOERR"):
        return CoderError(_("{path}: could not be read or written (disk I/O error); nothing was changed")
                          .format(path=path))
    return CoderError(f"{path}: {text}")


def check_input_file(path: Path | str) -> int:
    """A file from outside, before a reader opens it: a regular file (a FIFO would hang
    the reader), and not a project this process holds, which a plain open() and close
    would unlock behind SQLite's back (see the module docstring). Returns its size."""
    path = Path(path)
    info = regular_file(path, CoderError, missing=_("no such file"), unreadable=_("cannot be read"),
                        folder=_("is a folder, not a file"),
                        other=_("not a regular file (a pipe or a device); nothing was read"))
    if _held((info.st_dev, info.st_ino)):
        raise CoderError(_("{path}: is a coder project open here; a project is merged (coder merge) or "
                           "exchanged as .qdpx, not read as a file")
                         .format(path=path))
    return info.st_size


@overload
def regular_file(path: Path, error: type[CoderError], *, missing: str, unreadable: str,
                 folder: str, other: str) -> os.stat_result: ...
@overload
def regular_file(path: Path, error: type[CoderError], *, missing: None, unreadable: str,
                 folder: str, other: str) -> os.stat_result | None: ...
def regular_file(path: Path, error: type[CoderError], *, missing: str | None, unreadable: str,
                 folder: str, other: str) -> os.stat_result | None:
    """The stat of `path`, a regular file; else `error` saying so in the words given,
    after the path: `missing`, `unreadable` (with the system's reason), a `folder`, or
    an `other` kind of file (a pipe, a device). A stat opens nothing. None where the
    file does not exist and `missing` is None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if missing is None:
            return None
        raise error(f"{path}: {missing}") from None
    except OSError as exc:
        raise error(f"{path}: {unreadable} ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{path}: {folder}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: {other}")
    return info


def _held(key: tuple[int, int]) -> bool:
    """Whether a project this process holds is that file. A held project whose file was
    deleted meanwhile (a folder cleaned up) has let its inode go to some other file."""
    if not _HELD[key]:
        return False
    try:
        info = _HELD_PATHS[key].stat()
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == key


def hold(db: Database, path: Path) -> None:
    """Note that `db` holds the project file at `path` (see check_input_file)."""
    info = path.stat()
    db.held = (info.st_dev, info.st_ino)
    _HELD[db.held] += 1
    _HELD_PATHS[db.held] = path.absolute()


def release(db: Database) -> None:
    key = getattr(db, "held", None)
    if key is not None:
        _HELD[key] -= 1
        db.held = None
    db.close()


def _check_file(path: Path) -> None:
    """What can be told from the file's metadata (a stat opens nothing)."""
    info = regular_file(path, NotAProject, missing=_("no such project"), unreadable=_("cannot be read"),
                        folder=_("is a folder, not a coder project"), other=_("not a regular file, not a coder project"))
    if info.st_size == 0:
        raise NotAProject(_("{path}: not a coder project (the file is empty)").format(path=path))
    if not os.access(path, os.R_OK):
        raise NotAProject(_("{path}: cannot be read (permission denied)").format(path=path))


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.resolve().as_uri()}?{query}"


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """mode=ro; where not even the -shm file can be made (a read-only folder or medium),
    immutable=1, which reads the file as it is without locks."""
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        conn = sqlite3.connect(_uri(path, **params), uri=True, timeout=LOCK_TIMEOUT_S,
                               check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if "unable to open" not in str(exc) or "immutable" in params:
                raise
    raise AssertionError("unreachable")


def _inspect(path: Path) -> int:
    """Return the schema version of an existing project without writing to it."""
    _check_file(path)
    try:
        conn = _read_only_connection(path)
    except sqlite3.Error as exc:
        raise explain(path, exc) from None
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "_sqlite_migrations" not in names or "history" not in names:
            raise NotAProject(_("{path}: not a coder project (an SQLite file of another program)").format(path=path))
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [schema.MIGRATION_SET])]
    except sqlite3.Error as exc:
        raise explain(path, exc) from None
    finally:
        conn.close()
    known = set(schema.migration_names())
    if any(name not in known for name in applied):
        raise NewerVersion(
            _("{path}: made by a newer version of coder (schema {n_applied}, this coder knows "
              "{latest_version}); please upgrade coder")
            .format(path=path, n_applied=len(applied), latest_version=schema.latest_version()))
    return len(applied)


def _norwegian(a: str, b: str) -> int:
    """SQLite's `COLLATE NORWEGIAN`: names in the order a Norwegian reader looks for them."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def _database(conn: sqlite3.Connection, read_only: bool) -> Database:
    conn.create_collation("NORWEGIAN", _norwegian)
    db = Database(conn, execute_plugins=False)
    db.read_only = read_only            # write_transaction refuses with one clear line
    conn.execute("PRAGMA foreign_keys=ON")
    return db


def connect(path: Path | str) -> Database:
    """A read-write connection in WAL mode; a read-only one where the file or its
    folder cannot be written (a project on a CD, a USB stick locked, a shared folder)."""
    path = Path(path)
    conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_S, check_same_thread=False)
    try:
        with contextlib.closing(conn.execute("PRAGMA journal_mode=WAL")):
            pass
        conn.execute("PRAGMA synchronous=NORMAL")
        return _database(conn, read_only=False)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise explain(path, exc) from None
    try:
        return _database(_read_only_connection(path), read_only=True)
    except sqlite3.Error as exc:
        raise explain(path, exc) from None


def create(path: Path) -> Database:
    if path.exists() or path.is_symlink():
        raise NotAProject(_("{path}: already exists; open it instead of creating it").format(path=path))
    if not path.parent.is_dir():
        raise NotAProject(_("{path}: folder {parent} does not exist").format(path=path, parent=path.parent))
    try:
        db = connect(path)
        if db.read_only:
            raise NotAProject(_("{path}: cannot be created (the folder is read-only)").format(path=path))
        schema.migrations.apply(db)
    except sqlite3.Error as exc:
        raise NotAProject(_("{path}: cannot be created ({exc})").format(path=path, exc=exc)) from None
    return db


def open_existing(path: Path) -> Database:
    version = _inspect(path)
    db = connect(path)
    if version < schema.latest_version():
        if db.read_only:
            db.close()
            raise ReadOnly(_("{path}: made by an older coder and read-only here; copy it to a folder you can "
                             "write to, and open the copy to upgrade it")
                           .format(path=path))
        backup = path.with_name(f"{path.name}.v{version}.bak")
        try:
            _backup(db, backup)
            schema.migrations.apply(db)
        except sqlite3.Error as exc:
            db.close()
            raise explain(path, exc) from None
    return db


def open_copy(path: Path) -> Database:
    """Someone else's project (a merge source), read without ever writing to it: copied
    into memory through SQLite's backup API and brought to this schema there."""
    version = _inspect(path)
    try:
        source = _read_only_connection(path)
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        with contextlib.closing(source):
            source.backup(memory)
    except sqlite3.Error as exc:
        raise explain(path, exc) from None
    db = _database(memory, read_only=False)
    if version < schema.latest_version():
        try:
            schema.migrations.apply(db)
        except sqlite3.Error as exc:
            db.close()
            raise explain(path, exc) from None
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


def data_version(db: Database) -> int:
    """Changes when another connection (another program, or another thread's own
    connection) commits to the file; never for this connection's own commits."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0]


@contextlib.contextmanager
def write_transaction(db: Database, path: Path | str) -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front, so two writers queue rather
    than deadlock; sqlite's busy timeout does the waiting. Nested calls join.
    Ids, names and numbers chosen inside see every other writer's committed rows."""
    conn = db.conn
    if conn.in_transaction:
        if getattr(db, "reading", False):      # its writes would be rolled back with the read
            raise RuntimeError("a write inside a read snapshot")
        yield
        return
    if getattr(db, "read_only", False):
        raise ReadOnly(_("{path}: is read-only (no write permission, or on read-only media); it can be read "
                         "but not changed")
                       .format(path=path))
    _begin(conn, path)
    try:
        yield
    except sqlite3.Error as exc:        # a full disk, a damaged page: one line, nothing kept
        _rollback(conn)
        raise explain(path, exc) from exc
    except BaseException:
        _rollback(conn)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise explain(path, exc) from None


@contextlib.contextmanager
def read_transaction(db: Database) -> Iterator[None]:
    """One snapshot for several reads (WAL readers never block writers). Joins a
    transaction already open."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    db.reading = True
    try:
        yield
    finally:
        db.reading = False
        _rollback(conn)         # nothing was written: ending a read is a rollback


def _begin(conn: sqlite3.Connection, path: Path | str) -> None:
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise explain(path, exc) from None
            if time.monotonic() > deadline:
                raise ProjectBusy(
                    _("{path}: another program has been writing to this project for {seconds} s; nothing was "
                      "changed, try again").format(path=path, seconds=f"{LOCK_TIMEOUT_S:.0f}")) from None
            time.sleep(0.05)


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if SQLite has not already (it does by itself on a full disk): a second
    ROLLBACK's error must not hide the first error."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
