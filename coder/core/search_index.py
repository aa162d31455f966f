"""Reading the word search index (schema m004): where words stand, and segments' order.

FTS5 keeps the index in the project file and triggers keep it right through every
write, undo and redo. It has no offsets() function, but its vocabulary table lists
every place a word stands: (segment, column, word number), where the n-th word of a
segment's text is its n-th run of letters and digits (as coder/text/lemmas.WORD splits
it) and the n-th lemma of its lemma column belongs to it. A place is one integer here,
segment id << SHIFT | word number, so that numpy finds phrases and ANDs over tens of
thousands of them at once (coder/text/query.py); a hit's characters are found in its
segment's text only when the hit is read (coder/core/search_hits.py).

Measured over 10 MB on 2 cores (benchmarks/bench_search.py, medians of 3 runs, the
machine shared and loaded; before the changes of 3b148af → after): a fresh process's
first search with its first 501 hits made, "og" (60,373 hits, both columns' 120,746
places read) 208 → 52 ms (a quiet run before: 80 ms), "kommunene" (21,444 hits) 60 →
36 ms, "digital*" 73 → 38 ms; a warm "og" 67 → 45 ms. Of a warm "og" (~38 ms quiet):
reading the places through fts5vocab ~17 ms (~0.14 µs a place; a filter on the column
costs more than it saves), every segment's order from the segments_document index
~10 ms, numpy ~5 ms, the first page ~6 ms. np.unique cost 8 ms more and imported
numpy.ma (~15 ms) in a fresh process: `distinct` sorts instead. The old in-memory word
index took ~0.2 µs a hit after a ~1 s build per process.

Putting hits in document order read every segment's (document, start) from the
segments_document index: 17–24 ms of CPU in a fresh process whatever the query, the
largest part of a first search. The documents' segment runs (m008,
coder/core/segment_runs.py) make it ~1–2 ms. A fresh process's first search, first
501 hits made, on a quiet host (load ~1), before → after: "og" 74–81 → 43–45 ms,
"kommunene" 58 → 24 ms, "digitalisering" 56 → 17 ms, "digital*" 74 → 30 ms,
"kommune OR fylkeskommune" 96 → 21 ms (that one also no longer imports numpy.ma:
coder/text/query.among).
"""

from __future__ import annotations

import sqlite3

import numpy as np

from coder.text.lemmas import WORD
from coder.text.query import SHIFT, distinct

_PLACES = f"SELECT group_concat(doc << {SHIFT} | offset) FROM segments_fts_terms WHERE term {{}}"
# Filtering on the column costs more than reading the place (~0.08 µs a place).
_IN_COLUMN = " AND col = ?"


def _parsed(found: str | None) -> np.ndarray:
    return distinct(_numbers(found))


def word_places(conn: sqlite3.Connection, typed: str, lemma: str) -> np.ndarray:
    """Where a word stands that lowercases to `typed` or has the lemma `lemma`, sorted."""
    if typed == lemma:
        return _parsed(conn.execute(_PLACES.format("= ?"), [typed]).fetchone()[0])
    as_typed = conn.execute(_PLACES.format("= ?") + _IN_COLUMN, [typed, "text"]).fetchone()[0]
    as_lemma = conn.execute(_PLACES.format("= ?") + _IN_COLUMN, [lemma, "lemmas"]).fetchone()[0]
    return _parsed(",".join(filter(None, (as_typed, as_lemma))))


def prefix_places(conn: sqlite3.Connection, prefix: str) -> np.ndarray:
    """Where a word stands that begins with `prefix`, or whose lemma does, sorted."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return _parsed(conn.execute(_PLACES.format(">= ? AND term < ?"), [prefix, after]).fetchone()[0])


def segment_order(conn: sqlite3.Connection, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ids and document ids of segments, at least of `wanted` (sorted ids), in
    document order, then by start (then id): from the documents' segment runs where
    every wanted segment lies in one, else from the segments themselves."""
    return _by_runs(conn, wanted) or _by_segments(conn, wanted)


def _by_runs(conn: sqlite3.Connection, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """`wanted` in document order with their documents, placed among the segment runs
    (coder/core/segment_runs.py); None where one lies in no run."""
    found = conn.execute("SELECT group_concat(first), group_concat(last), group_concat(document_id) "
                         "FROM segment_runs").fetchone()
    first, last, doc = map(_numbers, found)
    by_first = np.argsort(first, kind="stable")
    first, last, doc = first[by_first], last[by_first], doc[by_first]
    if (first[1:] <= last[:-1]).any():                  # no write makes runs overlap
        return None
    run = np.searchsorted(first, wanted, side="right") - 1
    if (run < 0).any() or (wanted > last[np.maximum(run, 0)]).any():
        return None
    docs = doc[run]
    order = np.lexsort((wanted, docs))                  # by document, then id: in a run, by start
    return wanted[order], docs[order]


def _by_segments(conn: sqlite3.Connection, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Few are looked up one by one; for many, every segment's are read from the
    segments_document index, not the rows."""
    if len(wanted) <= _LOOKED_UP:
        keys = conn.execute(
            "SELECT group_concat(document_id << 32 | id) FROM (SELECT id, document_id FROM segments "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY document_id, start, id)",
            ["[" + ",".join(map(str, wanted.tolist())) + "]"]).fetchone()[0]
    else:
        keys = conn.execute("SELECT group_concat(document_id << 32 | id) FROM (SELECT id, document_id FROM "
                            "segments INDEXED BY segments_document ORDER BY document_id, start, id)").fetchone()[0]
    found = _numbers(keys)
    return found & 0xFFFFFFFF, found >> 32


# Above this many segments, reading every segment's place beats looking each one up.
_LOOKED_UP = 5000


def _numbers(found: str | None) -> np.ndarray:
    """Integers from a group_concat: parsed in C (a split and int() each cost 10 times more)."""
    return np.fromstring(found or "", dtype=np.int64, sep=",")


def segment_texts(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[int, str]]:
    """id → (start, text) of these segments."""
    rows = conn.execute("SELECT id, start, text FROM segments WHERE id IN (SELECT value FROM json_each(?))",
                        ["[" + ",".join(map(str, ids)) + "]"])
    return {i: (start, text) for i, start, text in rows}


def stored_lemma(conn: sqlite3.Connection, word: str, language: str) -> str | None:
    """The lemma an import stored for `word` (lowercase) where a text of `language` has
    it exactly so: lemma(word, language) without loading simplemma's dictionary, which
    costs ~0.5 s once per process (benchmarks/bench_search.py). None if none has."""
    rows = conn.execute(
        "SELECT s.text, s.lemmas, v.offset FROM segments_fts_terms v JOIN segments s ON s.id = v.doc "
        "WHERE v.term = ? AND v.col = 'text' AND s.document_id IN "
        "(SELECT id FROM documents INDEXED BY documents_language WHERE language = ?) LIMIT 20", [word, language])
    for text, column, offset in rows:
        words, lemmas = WORD.findall(text), column.split()
        if len(words) == len(lemmas) and offset < len(words) and words[offset] == word:
            return lemmas[offset]
    return None


def main_language(conn: sqlite3.Connection) -> str:
    """The language most documents are in (from the documents_language index)."""
    row = conn.execute("SELECT language FROM documents INDEXED BY documents_language "
                       "GROUP BY language ORDER BY count(*) DESC LIMIT 1").fetchone()
    return row[0] if row else "nb"
