"""Project.search and `coder search`: inflections, phrases, prefixes, regular
expressions; every hit's offsets point at the matched words in the document."""

import json
import sqlite3

import pytest

from coder.core import CoderError, NewDocument
from coder.ingest.segments import to_segments
from coder.text.prepare import prepare_text
from coder.text.query import parse
from tests.conftest import run_cli

A = ("Digitaliseringen av kommunal sektor gikk raskt.\n\n"
     "Kommunene kjøpte nettbrett til hjemmetjenesten.\n\nKommunen i nord far ikke vill.\n\n"
     "Psykisk helse blant unge ble verre, sa informanten.")
B = "Informant C: Folk tenker at vi digitaliserer bort arbeidsplassene. Det får vi håpe ikke."


def add(project, name, text):
    prepared = prepare_text(text, kind="report", language="nb")
    project.documents.add_many([NewDocument(name, prepared.text, segments=to_segments(prepared, "nb"))])


@pytest.fixture
def searchable(project):
    add(project, "a", A)
    add(project, "b", B)
    return project


def found(project, query, **kw):
    return [(h.document, project.documents.text(h.document_id)[h.start:h.end])
            for h in project.search.find(query, **kw)]


def test_a_word_finds_its_inflections(searchable):
    assert found(searchable, "digitalisering") == [("a", "Digitaliseringen")]
    assert found(searchable, "kommunene") == [("a", "Kommunene"), ("a", "Kommunen")]
    assert found(searchable, "kommune") == [("a", "Kommunene"), ("a", "Kommunen")]


def test_diacritics_matter(searchable):
    assert found(searchable, "far") == [("a", "far")]
    assert found(searchable, "får") == [("b", "får")]


def test_phrase_prefix_and_or(searchable):
    assert found(searchable, '"psykisk helse"') == [("a", "Psykisk helse")]
    assert found(searchable, '"helse psykisk"') == []
    assert found(searchable, "digitali*") == [("a", "Digitaliseringen"), ("b", "digitaliserer")]
    assert found(searchable, "nettbrett OR arbeidsplass") == [("a", "nettbrett"), ("b", "arbeidsplassene")]
    # words are all required, and each is shown
    assert found(searchable, "kommune nettbrett") == [("a", "Kommunene"), ("a", "nettbrett")]


def test_hits_carry_segment_and_kwic_line(searchable):
    (hit,) = searchable.search.find("arbeidsplass")
    assert hit.text[hit.match_at:hit.match_at + hit.end - hit.start] == "arbeidsplassene"
    assert "\n" not in hit.text and len(hit.text) <= 2 * 40 + len("arbeidsplassene")
    seg = [s for s in searchable.documents.segments(hit.document_id) if s.id == hit.segment_id][0]
    assert seg.start <= hit.start < hit.end <= seg.end


def test_regex_scans_document_text(searchable):
    assert found(searchable, r"kommun\w+", regex=True) == [("a", "kommunal"), ("a", "Kommunene"), ("a", "Kommunen")]
    assert found(searchable, r"(?-i:kommun)\w+", regex=True) == [("a", "kommunal")]
    with pytest.raises(CoderError, match="not a regular expression"):
        searchable.search.find("(unclosed", regex=True)


def test_limit_and_empty_query(searchable):
    assert len(searchable.search.find("kommune", limit=1)) == 1
    with pytest.raises(CoderError, match="nothing to search for"):
        searchable.search.find('"" *')


def test_undo_and_redo_keep_the_index_in_step(searchable):
    searchable.history.undo()                              # takes document b back
    assert found(searchable, "arbeidsplass") == []
    searchable.history.redo()
    assert found(searchable, "arbeidsplass") == [("b", "arbeidsplassene")]


def test_query_spans_fall_back_to_lemmatizing_when_the_lemma_column_does_not_fit():
    query = parse("kommune")
    assert query.spans("Kommunene og kommunen.", "") == [(0, 9), (13, 21)]


def test_cli_search_json_and_plain(searchable):
    path = str(searchable.path)
    searchable.close()
    result = run_cli("search", path, "kommune", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [set(h) for h in hits] == [{"document", "start", "end", "text"}] * 2
    assert A[hits[0]["start"]:hits[0]["end"]] == "Kommunene"
    plain = run_cli("search", path, "kommun*", "--limit", "1")
    assert plain.returncode == 0 and plain.stdout.startswith("a:") and plain.stderr.strip() == "1 of 3 hits"
    bad = run_cli("search", path, "(x", "--regex")
    assert bad.returncode == 1 and bad.stderr.startswith("coder: ") and "not a regular expression" in bad.stderr


@pytest.mark.parametrize("version", [2, 3])
def test_an_old_project_gets_the_search_index_and_finds_the_same(tmp_path, monkeypatch, version):
    """A project made before m004 (at m002 with the old FTS5 index and triggers, or at
    m003 without any) is backed up and migrated: the index is built from its segments,
    and writes after feed it."""
    from coder.core import Project, schema
    from coder.core.models import NewSegment
    old = schema.Migrations(schema.MIGRATION_SET)
    old._migrations.extend(schema.migrations._migrations[:version])
    monkeypatch.setattr(schema, "migrations", old)
    path = tmp_path / "old.coder"
    text = "Kommunene kjøpte nettbrett."
    Project.create(path).close()
    with sqlite3.connect(path) as conn:        # as a coder of that version wrote them
        conn.execute("INSERT INTO documents (name, text, length, sha256, imported_at) "
                     "VALUES ('d', ?, ?, 'x', '2026-01-05T10:00:00+00:00')", [text, len(text)])
        conn.executemany("INSERT INTO segments (document_id, start, \"end\", kind, text, lemmas) "
                         "VALUES (1, 0, ?, ?, ?, ?)", [(len(text), "paragraph", text, ""),
                                                     (len(text), "sentence", text, "kommune kjøpe nettbrett")])
    conn.close()
    monkeypatch.undo()                  # today's migrations
    with Project.open(path) as p:
        assert p.counts().schema_version == schema.latest_version()
        assert p.db.conn.execute("SELECT document_id, first, last FROM segment_runs").fetchall() == [(1, 2, 2)]
        assert p.store.one("SELECT count(*) FROM segments_fts_docsize") == 1       # the sentence only
        assert [(h.start, h.end) for h in p.search.find("kommune")] == [(0, 9)]
        p.documents.add("e", "Nettbrett igjen.", segments=[NewSegment(0, 16, "sentence", lemmas="nettbrett igjen")])
        assert [h.document for h in p.search.find("nettbrett")] == ["d", "e"]
        p.db.conn.execute("INSERT INTO segments_fts(segments_fts) VALUES ('integrity-check')")
    assert (tmp_path / f"old.coder.v{version}.bak").exists()
