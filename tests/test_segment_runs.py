"""Segment runs (m008): the import writes each document's run of segment ids, undo and
delete take it with the document, and a search meeting a segment outside every run
(or a document without one) still gives its hits in document order."""

from __future__ import annotations

from coder.core import NewDocument
from coder.core.models import NewSegment
from coder.core.segment_runs import runs_of_existing

A = "Kommunen kjøpte nettbrett. Nettbrett ble brukt av kommunen."
B = "Nettbrett i skolen. Kommunen betalte."
NETTBRETT = [("a", A.index("nettbrett")), ("a", A.index("Nettbrett")), ("b", 0)]


def sentences(text: str) -> tuple[NewSegment, ...]:
    cut = text.index(". ") + 1
    return (NewSegment(0, len(text), "paragraph"),
            NewSegment(0, cut, "sentence", lemmas=" ".join(w.lower() for w in text[:cut].strip(".").split())),
            NewSegment(cut + 1, len(text), "sentence",
                       lemmas=" ".join(w.lower() for w in text[cut + 1:].strip(".").split())))


def runs(project) -> list[tuple]:
    return project.db.conn.execute("SELECT document_id, first, last FROM segment_runs ORDER BY id").fetchall()


def places(project, query: str) -> list[tuple[str, int]]:
    return [(h.document, h.start) for h in project.search.find(query)]


def test_an_import_writes_each_documents_run_and_undo_takes_it(project):
    project.documents.add_many([NewDocument("a", A, segments=sentences(A)), NewDocument("b", B, segments=sentences(B))])
    ids = [r[0] for r in project.db.conn.execute("SELECT id FROM segments ORDER BY id")]
    assert runs(project) == [(1, ids[0], ids[2]), (2, ids[3], ids[5])]
    assert places(project, "nettbrett") == NETTBRETT
    project.history.undo()
    assert runs(project) == []
    project.history.redo()
    assert runs(project) == [(1, ids[0], ids[2]), (2, ids[3], ids[5])]


def test_deleting_a_document_deletes_its_run_and_undo_brings_it_back(project):
    project.documents.add_many([NewDocument("a", A, segments=sentences(A)), NewDocument("b", B, segments=sentences(B))])
    before = runs(project)
    project.documents.delete(1)
    assert [r[0] for r in runs(project)] == [2]
    assert places(project, "nettbrett") == [("b", 0)]
    project.history.undo()
    assert sorted(runs(project)) == sorted(before)
    assert places(project, "nettbrett") == NETTBRETT


def test_sentences_given_out_of_order_get_no_run_and_are_found_in_order(project):
    paragraph, first, second = sentences(A)
    project.documents.add_many([NewDocument("a", A, segments=(paragraph, second, first)),
                                NewDocument("b", B, segments=sentences(B))])
    assert [r[0] for r in runs(project)] == [2]
    assert places(project, "nettbrett") == NETTBRETT


def test_a_segment_added_after_the_import_is_placed_by_its_start(project):
    """As a merge adds a kind of segment to a document here: its id lies past every run."""
    project.documents.add_many([NewDocument("a", A, segments=sentences(A)), NewDocument("b", B, segments=sentences(B))])
    with project.store.action("test") as act:
        act.insert("segments", {"document_id": 2, "start": 0, "end": 6, "kind": "turn", "text": B[:6],
                                "lemmas": "nettbrett"})
    assert places(project, "nettbrett") == NETTBRETT + [("b", 0)]
    assert places(project, "kommunen") == [("a", 0), ("a", A.rindex("kommunen")), ("b", B.index("Kommunen"))]


def test_the_migration_finds_the_runs_of_rising_ids_only(project):
    """Documents whose indexed segments' ids fall with their start, or interleave with
    another document's, get no run from m008."""
    conn = project.db.conn
    project.documents.add_many([NewDocument(name, A + name, segments=sentences(A + name)) for name in "abc"])
    conn.execute("DELETE FROM segment_runs")
    conn.execute("UPDATE segments SET start = 40 - start WHERE document_id = 2 AND lemmas != ''")
    assert [r[0] for r in runs_of_existing(conn)] == [1, 3]
    conn.execute("UPDATE segments SET document_id = 1 WHERE id = (SELECT max(id) FROM segments)")
    assert [r[0] for r in runs_of_existing(conn)] == []
