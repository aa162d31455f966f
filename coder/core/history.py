"""Row-level change recording: the one mechanism behind the audit trail, undo and redo.

A mutation writes through a `Changes` recorder, which notes every row it inserts,
updates or deletes as (table, id, before, after), and rows inserted in bulk as one
(table, columns, first id, rows) item. Undo replays the list backwards
with before/after swapped; redo replays it forwards. Because it works on rows, a new
kind of action is undoable as soon as it writes through the recorder. A history row may
come from someone else's file: decode and replay refuse (DamagedHistory) an entry whose
shapes, tables or columns are not ours before any of it reaches SQL.
"""

from __future__ import annotations

from coder.i18n import _
import json
import queue
import sqlite3
import threading
import zlib
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from coder.core.errors import Damaged
from coder.core.schema import CONTENT_TABLES, INDEXED_TABLES

if TYPE_CHECKING:
    from typing_extensions import TypeIs

Row = dict[str, Any]
Change = tuple[str, int, Row | None, Row | None]
# Many rows inserted at once, kept compactly: (table, columns, first id, rows of values);
# the rows' ids are consecutive.
Bulk = tuple[str, list[str], int, list[tuple]]
Item = Change | Bulk


def quoted(name: str) -> str:
    """An SQL identifier, quoted: names come from our schema, and are quoted anyway."""
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: sqlite3.Connection, table: str, cache: dict[str, list[str]]) -> list[str]:
    if table not in cache:
        cache[table] = [r[1] for r in conn.execute(f"PRAGMA table_info({quoted(table)})")]
    return cache[table]


_COLUMN_CACHE: dict[str, list[str]] = {}


class Changes:
    """Collects the row changes of one action; every write goes through here."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.items: list[Item] = []
        self._encoder: Encoder | None = None

    def encode_ahead(self) -> None:
        """Write the changes so far into the history entry now rather than all at the
        end (an import does, while its worker segments); they must not change after."""
        if self._encoder is None:
            self._encoder = Encoder()
        self._encoder.add(self.items[self._encoder.count:])

    def encoded(self) -> bytes:
        """The history entry of all the changes (see `encode`)."""
        encoder, self._encoder = self._encoder or Encoder(), None
        encoder.add(self.items[encoder.count:])
        return encoder.finish()

    def abandon(self) -> None:
        """An action that failed: let a thread that compressed its changes end."""
        if self._encoder is not None:
            self._encoder.abandon()
            self._encoder = None

    def _row(self, table: str, row_id: int) -> Row | None:
        cols = _columns(self.conn, table, _COLUMN_CACHE)
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        values = cur.fetchone()
        return None if values is None else dict(zip(cols, values))

    def insert(self, table: str, values: Row) -> int:
        cols = list(values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols])
        row_id = cur.lastrowid
        assert row_id is not None           # set by every successful INSERT
        # The given values are enough to redo the insert: the columns left out take
        # the same constant defaults again. (No read-back: imports insert many rows.)
        self.items.append((table, row_id, None, {"id": row_id, **values}))
        return row_id

    def insert_many(self, table: str, rows: list[Row]) -> list[int]:
        """Insert rows that share their columns in one statement (an import writes
        tens of thousands) and record them as one compact Bulk item, leaving out the
        columns replay can derive (DERIVED)."""
        if not rows:
            return []
        cols = list(rows[0])
        return self.insert_values(table, cols, list(map(_getter(cols), rows)))

    def insert_values(self, table: str, columns: list[str], rows: list[tuple]) -> list[int]:
        """`insert_many` for rows given as tuples of the columns' values (no dict per row:
        an import's segments are 66,000 of them)."""
        if not rows:
            return []
        insert_rows(self.conn, table, columns, rows)
        # In one write transaction the new rows get consecutive ids above all others.
        last = self.conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
        first = last - len(rows) + 1
        derived = DERIVED[table][0] if table in DERIVED else None
        if derived in columns:
            kept = [c for c in columns if c != derived]
            rows = list(map(_getter([columns.index(c) for c in kept]), rows))
        else:
            kept = columns
        self.items.append((table, kept, first, rows))
        return list(range(first, last + 1))

    def inserted(self) -> dict[str, int]:
        """Rows inserted so far, by table."""
        counts: dict[str, int] = {}
        for item in self.items:
            if is_bulk(item):
                counts[item[0]] = counts.get(item[0], 0) + len(item[3])
            elif item[2] is None:
                counts[item[0]] = counts.get(item[0], 0) + 1
        return counts

    def update(self, table: str, row_id: int, values: Row) -> None:
        before = self._row(table, row_id)
        if before is None:
            raise KeyError(f"{table} {row_id}")
        after = {**before, **values}
        if after == before:
            return
        sets = ", ".join(f"{c} = ?" for c in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])
        self.items.append((table, row_id, before, after))

    def delete(self, table: str, row_id: int) -> None:
        before = self._row(table, row_id)
        if before is None:
            return
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        self.items.append((table, row_id, before, None))

    def delete_where(self, table: str, where: str, params: Iterable[Any]) -> int:
        ids = [r[0] for r in self.conn.execute(f"SELECT id FROM {table} WHERE {where}", list(params))]
        for row_id in ids:
            self.delete(table, row_id)
        return len(ids)


def _segment_texts(conn: sqlite3.Connection, columns: list[str], rows: list[list[Any]]) -> list[str]:
    """A segment's text is a slice of its document's text, which never changes."""
    doc, start, end = (columns.index(c) for c in ("document_id", "start", "end"))
    texts: dict[int, str] = {}
    for row in rows:
        if row[doc] not in texts:
            found = conn.execute("SELECT text FROM documents WHERE id = ?", [row[doc]]).fetchone()
            if found is None:
                raise DamagedHistory(_("segments of a document not in the project ({document})")
                                     .format(document=_shown(str(row[doc]))))
            texts[row[doc]] = found[0]
    return [texts[row[doc]][row[start]:row[end]] for row in rows]


# Columns a bulk insert keeps out of its history record because replay can work them
# out from rows already in place: an import would otherwise store every word three
# more times (in its sentence, paragraph and turn).
DERIVED = {"segments": ("text", _segment_texts)}


# Rows of a bulk item turned into JSON at a time, and compressed as they come: a large
# import's history is never one JSON string of three times the text's size.
_ROWS_PER_CALL = 2000


def encode(items: list[Item]) -> bytes:
    """The JSON list of `items`, zlib-compressed; written in pieces (see _ROWS_PER_CALL)
    and, for a large action, compressed in a thread meanwhile (see _Compressor)."""
    encoder = Encoder()
    encoder.add(items)
    return encoder.finish()


class Encoder:
    """`encode`, item by item: an action may write its first items early."""

    def __init__(self):
        self.packer = _Compressor()
        self.count = 0                      # items written
        self.packer.write(b"[")

    def add(self, items: Iterable[Item]) -> None:
        for item in items:
            if self.count:
                self.packer.write(b",")
            for piece in _pieces(item):
                self.packer.write(piece.encode())
            self.count += 1

    def finish(self) -> bytes:
        self.packer.write(b"]")
        return self.packer.finish()

    def abandon(self) -> None:
        self.packer.abandon()


# JSON handed to the compressing thread at a time: each hand-over may wait for the GIL
# (up to the 5 ms switch interval), and with a megabyte zlib works ~15 ms without it.
_BYTES_PER_HANDOVER = 1 << 20


class _Compressor:
    """zlib level 1 over the JSON as it is written. Past the first megabyte (an import:
    tens of them) in a thread of its own: zlib lets go of the GIL, so it takes the
    other core while this one writes JSON, instead of the two taking turns."""

    def __init__(self):
        self.packer = zlib.compressobj(1)
        self.batch: list[bytes] = []
        self.size = 0
        self.out: list[bytes] = []
        self.chunks: queue.SimpleQueue | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def write(self, data: bytes) -> None:
        self.batch.append(data)
        self.size += len(data)
        if self.size >= _BYTES_PER_HANDOVER:
            chunk, self.batch, self.size = b"".join(self.batch), [], 0
            if self.thread is None:
                self.chunks = queue.SimpleQueue()
                self.thread = threading.Thread(target=self._compress, daemon=True)
                self.thread.start()
            assert self.chunks is not None  # made with the thread
            self.chunks.put(chunk)

    def _compress(self) -> None:
        chunks = self.chunks
        assert chunks is not None           # made before the thread starts
        try:
            while (chunk := chunks.get()) is not None:
                self.out.append(self.packer.compress(chunk))
        except BaseException as exc:        # handed to finish(): never a cut-short blob
            self.error = exc

    def abandon(self) -> None:
        """Let the thread end (an action that failed)."""
        if self.thread is not None:
            assert self.chunks is not None  # made with the thread
            self.chunks.put(None)
            self.thread = None

    def finish(self) -> bytes:
        if self.thread is not None:
            assert self.chunks is not None  # made with the thread
            self.chunks.put(None)
            self.thread.join()
            if self.error is not None:
                raise self.error
        self.out.append(self.packer.compress(b"".join(self.batch)))
        self.out.append(self.packer.flush())
        return b"".join(self.out)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _pieces(item: Item) -> Iterable[str]:
    if not is_bulk(item) or len(item[3]) <= _ROWS_PER_CALL:
        yield _json(item)
        return
    table, columns, first, rows = item
    yield _json([table, columns, first])[:-1] + ",["
    for at in range(0, len(rows), _ROWS_PER_CALL):
        yield ("," if at else "") + _json(rows[at:at + _ROWS_PER_CALL])[1:-1]
    yield "]]"


class DamagedHistory(Damaged):
    """A history entry that is not as coder writes them (a damaged or crafted project
    file): it is refused before anything of it is replayed."""

    def __init__(self, reason: str):
        super().__init__(_("a history entry is damaged ({reason}); nothing was changed").format(reason=reason))
        self.reason = reason

    def of(self, path: object, entry_id: int) -> Damaged:
        """The same, naming the project and the entry."""
        return Damaged(_("{path}: history entry #{entry_id} is damaged ({reason}); nothing was changed")
                       .format(path=path, entry_id=entry_id, reason=self.reason))


def decode(blob: bytes) -> list[Item]:
    """The items of a history entry; DamagedHistory unless each has a shape `encode`
    writes (the names in them are checked against the project by `replay`)."""
    try:
        items = json.loads(zlib.decompress(blob))
    except (TypeError, ValueError, zlib.error, RecursionError):
        raise DamagedHistory(_("not compressed JSON")) from None
    if not isinstance(items, list):
        raise DamagedHistory(_("not a list of changes"))
    for n, item in enumerate(items, 1):
        problem = _shape_problem(item)
        if problem:
            raise DamagedHistory(_("change {n}: {problem}").format(n=n, problem=problem))
    return [tuple(item) for item in items]


def _is_id(value: Any) -> bool:
    return type(value) is int and abs(value) < 1 << 62


def _shape_problem(item: Any) -> str | None:
    if not (isinstance(item, list) and len(item) == 4 and isinstance(item[0], str)):
        return "not [table, id, before, after]"
    _table, key, a, b = item
    if isinstance(key, list):       # a Bulk item: (table, columns, first id, rows)
        if not (all(isinstance(c, str) for c in key) and _is_id(a) and isinstance(b, list)):
            return "not [table, columns, first id, rows]"
        width = len(key)
        if not all(type(row) is list and len(row) == width for row in b):
            return _("a row without {width} values").format(width=width)
        return None
    if not _is_id(key):
        return _("its id is not a whole number")
    rows = [r for r in (a, b) if r is not None]
    if not rows or not all(isinstance(r, dict) for r in rows):
        return _("its before and after are not rows")
    if any(r.get("id", key) != key for r in rows):
        return _("a row's id is not the change's")
    return None


def _shown(name: str) -> str:
    """A name from the blob, shown on one line and not too long."""
    return repr(name if len(name) <= 40 else name[:40] + "…")


def _check_names(conn: sqlite3.Connection, items: list[Item]) -> None:
    """Every table a table of ours, every column one of its columns: the names go into
    SQL. Checked per item (a bulk item's columns once, not per row)."""
    known: dict[str, list[str]] = {}
    for n, item in enumerate(items, 1):
        table = item[0]
        if table not in CONTENT_TABLES:
            raise DamagedHistory(_("change {n}: no table {table}").format(n=n, table=_shown(table)))
        columns = _columns(conn, table, known)
        if is_bulk(item):
            named = item[1]
            needed = ["document_id", "start", "end"] if table in DERIVED else []
            derived = [DERIVED[table][0]] if table in DERIVED else []
            if (len(set(named)) != len(named) or not set(needed) <= set(named)
                    or {"id", *derived} & set(named)):
                raise DamagedHistory(_("change {n}: not the columns of a bulk insert into {table}")
                                     .format(n=n, table=table))
        else:
            named = [c for row in item[2:] if row for c in row]
        for column in named:
            if column not in columns:
                raise DamagedHistory(_("change {n}: table {table} has no column {column}")
                                     .format(n=n, table=table, column=_shown(column)))


def _put(conn: sqlite3.Connection, table: str, row: Row) -> None:
    cols = list(row)
    conn.execute(
        f"INSERT INTO {quoted(table)} ({', '.join(map(quoted, cols))}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols])


def _set(conn: sqlite3.Connection, table: str, row_id: int, row: Row) -> None:
    cols = [c for c in row if c != "id"]
    if cols:
        conn.execute(f"UPDATE {quoted(table)} SET {', '.join(f'{quoted(c)} = ?' for c in cols)} WHERE id = ?",
                     [*(row[c] for c in cols), row_id])


# What replaying values that are not what they should be raises: a value SQLite cannot
# store, a constraint the rows break, a segment of a missing document.
_MISFITS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError,
            OverflowError, TypeError)


def replay(conn: sqlite3.Connection, items: list[Item], backwards: bool) -> None:
    """Undo (backwards=True) or redo a recorded action, one change at a time.

    Undo walks the same intermediate states as the action did, in reverse, so every
    constraint that held then holds now. Names are checked first; an entry that does
    not fit raises DamagedHistory, and the caller's transaction undoes what was done.
    """
    _check_names(conn, items)
    try:
        _replay(conn, items, backwards)
    except _MISFITS as exc:
        raise DamagedHistory(_("it does not fit the project: {error}").format(error=exc)) from None


def _replay(conn: sqlite3.Connection, items: list[Item], backwards: bool) -> None:
    steps = reversed(items) if backwards else items
    for item in steps:
        if is_bulk(item):
            _replay_bulk(conn, *item, backwards=backwards)
            continue
        table, row_id, before, after = item
        current, target = (after, before) if backwards else (before, after)
        if target is None:
            conn.execute(f"DELETE FROM {quoted(table)} WHERE id = ?", [row_id])
        elif current is None:
            _put(conn, table, target)
        else:
            _set(conn, table, row_id, target)


def _replay_bulk(conn: sqlite3.Connection, table: str, columns: list[str], first: int,
                 rows: Sequence[Sequence[Any]], backwards: bool) -> None:
    # rows: tuples as recorded, lists as decoded from a history entry
    if backwards:
        conn.execute(f"DELETE FROM {quoted(table)} WHERE id BETWEEN ? AND ?", [first, first + len(rows) - 1])
        return
    full = [[first + n, *row] for n, row in enumerate(rows)]
    columns = ["id", *columns]
    if table in DERIVED:
        name, derive = DERIVED[table]
        full = [[*row, value] for row, value in zip(full, derive(conn, columns, full))]
        columns = [*columns, name]
    insert_rows(conn, table, columns, full)


def insert_rows(conn: sqlite3.Connection, table: str, columns: list[str], rows: list) -> None:
    """Many rows in. Into a table whose triggers feed the FTS5 index, in ONE statement
    from a staging table: FTS5 writes its pending words out at every statement a
    trigger runs in, and row by row an import's 70,000 segments took 5-6 s instead of
    0.7 s (benchmarks/bench_qdpx.py)."""
    names = ", ".join(map(quoted, columns))
    marks = ", ".join("?" * len(columns))
    if table not in INDEXED_TABLES:
        conn.executemany(f"INSERT INTO {quoted(table)} ({names}) VALUES ({marks})", rows)
        return
    staged = quoted(f"staged_{table}")
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staged} AS SELECT * FROM {quoted(table)} WHERE 0")
    try:
        conn.executemany(f"INSERT INTO temp.{staged} ({names}) VALUES ({marks})", rows)
        conn.execute(f"INSERT INTO {quoted(table)} ({names}) SELECT {names} FROM temp.{staged}")
    finally:
        conn.execute(f"DELETE FROM temp.{staged}")


def is_bulk(item: Item) -> TypeIs[Bulk]:
    return isinstance(item[1], list)


def _getter(columns: list[str] | list[int]) -> Callable[[Any], tuple]:
    """row → the values of `columns` (keys of a dict, or places in a tuple), as a tuple, in C."""
    get = itemgetter(*columns)
    return get if len(columns) > 1 else (lambda row: (get(row),))
