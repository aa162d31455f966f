"""What a search gives back (SearchHits: every hit located, each made when read, the
total and its documents), and the search index in the file: it must follow the
segments when an action, undo, redo or another connection changes them."""

from __future__ import annotations

from coder.core import NewDocument, Project
from coder.ingest import import_files
from coder.ingest.segments import to_segments
from coder.text.prepare import prepare_text
from tests.conftest import REPO


def add(project, name, text):
    prepared = prepare_text(text, kind="report", language="nb")
    project.documents.add_many([NewDocument(name, prepared.text, segments=to_segments(prepared, "nb"))])


def spans(hits):
    return [(h.document, h.start, h.end) for h in hits]


def test_hits_know_their_total_and_documents_beyond_the_limit(project):
    add(project, "a", "Kommunen svarte. " * 30)
    add(project, "b", "Ingen her. Men kommunene ja.")
    add(project, "c", "Ingenting å finne.")
    every = project.search.find("kommune")
    assert (len(every), every.total, every.documents) == (31, 31, 2)
    first = project.search.find("kommune", limit=5)
    assert (len(first), first.total, first.documents) == (5, 31, 2)
    assert spans(first) == spans(every)[:5] == spans(every[:5])
    assert spans([every[-1]]) == [("b", 15, 24)]
    assert every[30] == every[-1] and list(every) == every[:]
    text = project.documents.text(every[30].document_id)
    assert text[every[30].start:every[30].end] == "kommunene"


def test_a_regex_search_stopped_by_its_limit_does_not_know_its_total(project):
    add(project, "a", "Kommunen svarte. " * 30)
    stopped = project.search.find(r"svar\w+", regex=True, limit=10)
    assert (len(stopped), stopped.total, stopped.documents) == (10, None, None)
    exact = project.search.find(r"svar\w+", regex=True, limit=30)
    assert (len(exact), exact.total, exact.documents) == (30, 30, 1)
    assert spans(stopped) == spans(exact)[:10]


def test_the_index_follows_segments_added_undone_and_redone(project):
    add(project, "a", "Kommunen svarte.")
    [doc] = project.documents.list()
    assert project.search.find("nettbrett") == []
    text = project.documents.text(doc.id)
    # A segment over words the index has not seen: as a merge adds a kind of segment.
    with project.store.action("add segment", "a") as act:
        act.insert("segments", {"document_id": doc.id, "start": 0, "end": len(text), "kind": "note",
                                "text": text, "lemmas": "nettbrett svare"})
    assert spans(project.search.find("nettbrett")) == [("a", 0, 8)]
    project.history.undo()
    assert project.search.find("nettbrett") == []
    project.history.redo()
    assert spans(project.search.find("nettbrett")) == [("a", 0, 8)]


def test_the_index_follows_another_connection(project):
    add(project, "a", "Kommunen svarte.")
    assert project.search.find("nettbrett") == []
    other = Project.open(project.path)
    [doc] = other.documents.list()
    with other.store.action("add segment", "a") as act:
        act.insert("segments", {"document_id": doc.id, "start": 0, "end": 8, "kind": "note",
                                "text": "Kommunen", "lemmas": "nettbrett"})
    other.close()
    assert spans(project.search.find("nettbrett")) == [("a", 0, 8)]


def test_words_beyond_latin_1_and_a_dotted_capital_i_are_found(project):
    add(project, "t", "«Kommunene» — “kommunen” i İzmir.\n\nİstanbul og kommunen. Velferdsteknologi™ i Trondheim.")
    text = project.documents.text(project.documents.list()[0].id)
    found = [text[h.start:h.end] for h in project.search.find("kommune")]
    assert found == ["Kommunene", "kommunen", "kommunen"]
    assert [text[h.start:h.end] for h in project.search.find("velferds*")] == ["Velferdsteknologi"]
    assert [text[h.start:h.end] for h in project.search.find('"og kommunen"')] == ["og kommunen"]


def test_a_project_from_corpus_finds_the_same_before_and_after_reopening(tmp_path):
    """The index is built from what the file holds, not from what the import left in memory."""
    path = tmp_path / "c.coder"
    project = Project.create(path, coder="t")
    import_files(project, [REPO / "corpus" / "interviews"], kind="interview")
    before = [(h.document_id, h.start, h.end, h.text, h.segment_id) for h in project.search.find("digital* OR kommune")]
    project.close()
    again = Project.open(path)
    after = [(h.document_id, h.start, h.end, h.text, h.segment_id) for h in again.search.find("digital* OR kommune")]
    again.close()
    assert before == after and len(before) > 20


def test_undo_and_redo_of_an_import_leave_the_index_whole(tmp_path):
    """The triggers keep the FTS5 index right through replayed rows (segments come
    back without their text in the history: it is the document's)."""
    project = Project.create(tmp_path / "c.coder", coder="t")
    import_files(project, [REPO / "corpus" / "interviews"], kind="interview")
    before = spans(project.search.find("digital* OR kommune"))
    steps = 0
    while project.counts().documents:           # each file was one action
        project.history.undo()
        steps += 1
    assert project.search.find("kommune") == []
    for _ in range(steps):
        project.history.redo()
    assert spans(project.search.find("digital* OR kommune")) == before and len(before) > 20
    project.db.conn.execute("INSERT INTO segments_fts(segments_fts) VALUES ('integrity-check')")
    project.close()


def test_the_query_follows_the_main_language_as_documents_come_and_go(project):
    """Kept between searches (reading it walks past every text), and worked out again
    when documents change: "houses" finds "house" only while most documents are English."""
    add(project, "nb", "Kommunen svarte.")
    assert project.search.find("houses") == []
    for name in ("en1", "en2"):
        prepared = prepare_text(f"The house stood ({name}).", kind="report", language="en")
        project.documents.add_many([NewDocument(name, prepared.text, language="en",
                                           segments=to_segments(prepared, "en"))])
    assert [h.document for h in project.search.find("houses")] == ["en1", "en2"]
    project.history.undo()
    project.history.undo()
    assert project.search.find("houses") == []


def test_a_segment_found_by_lemmas_its_text_has_no_words_for_is_the_hit(project):
    """A segment made by hand (or damaged) may hold lemmas for words its text lacks: the
    hit is then the whole segment, never an error."""
    from coder.core.models import NewSegment
    text = "Først. -- . Sist."
    project.documents.add("d", text, segments=[NewSegment(7, 11, "sentence", lemmas="folk")])
    assert spans(project.search.find("folk")) == [("d", 7, 11)]
