"""Reading the word search index (schema m004): where words stand, and segments' order.

FTS5 keeps the index in the project file and triggers keep it right through every
write, undo and redo. It has no offsets() function, but its vocabulary table lists
every place a word stands: (segment, column, word number), where the n-th word of a
segment's text is its n-th run of letters and digits (as coder/text/lemmas.WORD splits
it) and the n-th lemma of its lemma column belongs to it. A place is one integer here,
segment id << SHIFT | word number, so that numpy finds phrases and ANDs over tens of
thousands of them at once (coder/text/query.py); a hit's characters are found in its
segment's text only when the hit is read (coder/core/search_hits.py).

Measured over 10 MB (benchmarks/bench_search.py): the 21,000 places of "kommune" come
back in ~5 ms; the order of all segments in ~6 ms.
"""

from __future__ import annotations

import sqlite3

import numpy as np

# Word numbers within a segment fit below this (16 million words).
SHIFT = 24
_PLACES = ("SELECT group_concat(doc << 24 | offset) FROM segments_fts_terms "
           "WHERE term {} AND col IN ({})")


def _parsed(found: str | None) -> np.ndarray:
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.array(found.split(","), dtype=np.int64))


def word_places(conn: sqlite3.Connection, typed: str, lemma: str) -> np.ndarray:
    """Where a word stands that lowercases to `typed` or has the lemma `lemma`, sorted."""
    if typed == lemma:
        return _parsed(conn.execute(_PLACES.format("= ?", "'text', 'lemmas'"), [typed]).fetchone()[0])
    as_typed = conn.execute(_PLACES.format("= ?", "'text'"), [typed]).fetchone()[0]
    as_lemma = conn.execute(_PLACES.format("= ?", "'lemmas'"), [lemma]).fetchone()[0]
    return _parsed(",".join(filter(None, (as_typed, as_lemma))))


def prefix_places(conn: sqlite3.Connection, prefix: str) -> np.ndarray:
    """Where a word stands that begins with `prefix`, or whose lemma does, sorted."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return _parsed(conn.execute(_PLACES.format(">= ? AND term < ?", "'text', 'lemmas'"),
                                [prefix, after]).fetchone()[0])


def segment_order(conn: sqlite3.Connection) -> tuple[np.ndarray, np.ndarray]:
    """Every segment's id and document id, in document order, then by start (then id),
    read from the segments_document index alone, not the rows with their text."""
    ids, docs = conn.execute(
        "SELECT group_concat(id), group_concat(document_id) FROM "
        "(SELECT id, document_id FROM segments INDEXED BY segments_document ORDER BY document_id, start, id)"
    ).fetchone()
    return _numbers(ids), _numbers(docs)


def _numbers(found: str | None) -> np.ndarray:
    return np.array(found.split(","), dtype=np.int64) if found else np.zeros(0, dtype=np.int64)


def segment_texts(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[int, str]]:
    """id → (start, text) of these segments."""
    out: dict[int, tuple[int, str]] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        out.update((i, (s, t)) for i, s, t in conn.execute(
            f"SELECT id, start, text FROM segments WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out


def main_language(conn: sqlite3.Connection) -> str:
    """The language most documents are in (from the documents_language index)."""
    row = conn.execute("SELECT language FROM documents INDEXED BY documents_language "
                       "GROUP BY language ORDER BY count(*) DESC LIMIT 1").fetchone()
    return row[0] if row else "nb"
