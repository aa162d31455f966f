"""Segment runs (schema m008): for each document, the ids from its first segment to
its last, written where its indexed segments' ids rise with their place in the text.

A word search puts its hits in document order from these few rows rather than from
every segment's place (coder/core/search_index.py says what that saves). Ids are never
reused (AUTOINCREMENT), so every id in a run was given to that document's segments by
one import; a segment added later (a merge) lies outside every run, and a search that
meets one orders the old way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter

from coder.core.models import SegmentRow


def runs_of_import(documents: Iterable[tuple[int, Sequence[SegmentRow]]], first_id: int) -> list[tuple[int, int, int]]:
    """(document id, first id, last id) of documents whose segments were just given
    consecutive ids from `first_id`, in this order, where their indexed segments
    (those with lemmas) follow one another in the text."""
    runs, next_id = [], first_id
    for doc_id, segments in documents:
        starts = [start for start, _, _, _, _, lemmas in segments if lemmas]
        if starts and all(a < b for a, b in zip(starts, starts[1:])):
            runs.append((doc_id, next_id, next_id + len(segments) - 1))
        next_id += len(segments)
    return runs


def runs_of_existing(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """The runs of the documents a project holds already (migration m008): each
    document's indexed segments, where their ids rise with their start and no other
    document's indexed segment lies among them."""
    rows = conn.execute("SELECT document_id, id FROM segments INDEXED BY segments_document "
                        "WHERE lemmas != '' ORDER BY document_id, start, id")
    runs = sorted(_rising(rows), key=lambda run: run[1])
    apart = [a[2] < b[1] for a, b in zip(runs, runs[1:])]       # a run ends before the next begins
    return [run for i, run in enumerate(runs) if (i == 0 or apart[i - 1]) and (i == len(runs) - 1 or apart[i])]


def _rising(rows: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
    """(document id, first id, last id) of each document whose ids rise (rows in
    document order, then by start)."""
    for doc_id, group in groupby(rows, key=itemgetter(0)):
        ids = [seg_id for _, seg_id in group]
        if all(a < b for a, b in zip(ids, ids[1:])):
            yield doc_id, ids[0], ids[-1]
