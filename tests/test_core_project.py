"""The Project facade: each action changes the right rows, writes one history row,
and refuses bad input without changing anything."""

from __future__ import annotations

import sqlite3

import pytest

from coder.core import NewSegment, Project, schema
from coder.core.errors import CoderError, NameCollision, NewerVersion, NotAProject, NothingToUndo, OffsetError

TEXT = "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er ikke sant."


def rows(project: Project, sql: str) -> list[tuple]:
    return project.db.conn.execute(sql).fetchall()


def history_count(project: Project) -> int:
    return rows(project, "SELECT count(*) FROM history")[0][0]


def test_create_sets_up_wal_foreign_keys_and_schema_version(project):
    conn = project.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.counts().schema_version == schema.latest_version()


def test_add_document_stores_immutable_normalized_text_and_segments(project):
    doc = project.documents.add("Intervju A", "Ja\r\nnei\rkanskje e\u0301", kind="interview",
                               attributes={"informant": "A"},
                               segments=[NewSegment(0, 2, "sentence", speaker="A", lemmas="ja")])
    d = project.documents.get(doc)
    assert project.documents.text(doc) == "Ja\nnei\nkanskje \u00e9"
    assert d.kind == "interview" and d.length == 16 and d.attributes == {"informant": "A"}
    assert rows(project, "SELECT start, end, kind, speaker, text FROM segments") == [(0, 2, "sentence", "A", "Ja")]
    assert [(h.start, h.end) for h in project.search.find("ja")] == [(0, 2)]


def test_duplicate_text_and_bad_segment_are_refused_without_writing(project):
    project.documents.add("a", TEXT)
    before = history_count(project)
    with pytest.raises(NameCollision, match="already in the project"):
        project.documents.add("b", TEXT)
    with pytest.raises(OffsetError):
        project.documents.add("c", "kort", segments=[NewSegment(0, 99, "paragraph")])
    with pytest.raises(CoderError, match="no text"):
        project.documents.add("d", "   \n")
    assert project.counts().documents == 1
    assert history_count(project) == before


def test_apply_coding_with_new_code_is_one_action_and_records_coder(project):
    doc = project.documents.add("a", TEXT)
    coding_id = project.codes.apply("Folk tenker at vi digitaliserer bort arbeidsplassene", doc, 0, 52,
                                     in_vivo=True)
    coding = project.codes.coding(coding_id)
    code = project.codes.get(coding.code_id)
    assert (coding.start, coding.end, coding.coder) == (0, 52, "tester")
    assert code.in_vivo and code.creator == "tester" and code.codings == 1
    assert project.history.entries()[-1].action == "apply coding"
    project.history.undo()
    assert project.counts().codes == 0 and project.counts().codings == 0


def test_offsets_are_checked_against_the_document_length(project):
    doc = project.documents.add("a", TEXT)
    code = project.codes.add("Det er ikke sant")
    for start, end in [(-1, 5), (5, 5), (10, 3), (0, len(TEXT) + 1)]:
        with pytest.raises(OffsetError):
            project.codes.apply(code, doc, start, end)
    project.codes.apply(code, doc, 0, len(TEXT))
    assert project.counts().codings == 1


def test_code_names_collide_clearly(project):
    project.codes.add("Folk er redde for jobben")
    with pytest.raises(NameCollision, match="exists already"):
        project.codes.add("  Folk er   redde for jobben ")
    other = project.codes.add("Ledelsen lytter ikke")
    with pytest.raises(NameCollision):
        project.codes.rename(other, "Folk er redde for jobben")


def test_delete_code_removes_codings_and_membership_undoably(project):
    doc = project.documents.add("a", TEXT)
    code = project.codes.add("Folk tenker at vi digitaliserer")
    project.codes.apply(code, doc, 0, 10)
    project.codes.apply(code, doc, 20, 30)
    group = project.grouping.create_group("Frykt for å miste jobben", [code])
    project.codes.delete(code)
    assert project.counts().codings == 0
    assert project.grouping.group(group).code_ids == ()
    project.history.undo()
    assert project.codes.get(code).codings == 2
    assert project.grouping.group(group).code_ids == (code,)


def test_merge_codes_moves_codings_and_keeps_target_group(project):
    doc = project.documents.add("a", TEXT)
    a = project.codes.add("Folk tenker at vi digitaliserer bort jobber")
    b = project.codes.add("Folk tror vi digitaliserer bort jobber")
    project.codes.apply(a, doc, 0, 10)
    project.codes.apply(b, doc, 20, 30)
    g = project.grouping.create_group("Frykt", [a])
    project.codes.merge(a, b)
    assert project.codes.get(b).codings == 2
    assert project.grouping.group(g).code_ids == (b,)
    assert project.history.entries()[-1].action == "merge codes"
    project.history.undo()
    assert project.codes.get(a).codings == 1 and project.codes.get(b).codings == 1
    assert project.grouping.group(g).code_ids == (a,)


def test_group_numbers_are_stable_and_rest_group_is_unique(project):
    codes = [project.codes.add(f"Informanten sier ting nummer {i}") for i in range(4)]
    g1 = project.grouping.create_group("Første", codes[:2])
    g2 = project.grouping.create_group("Andre", codes[2:3])
    project.grouping.rename_group(g1, "Første, omdøpt")
    assert project.grouping.group(g1).number == 1 and project.grouping.group(g2).number == 2
    project.grouping.delete_group(g1)
    g3 = project.grouping.create_group("Tredje")
    assert project.grouping.group(g3).number == 3          # numbers are never reused silently
    project.grouping.set_rest_group(g2)
    project.grouping.set_rest_group(g3)
    assert [g.number for g in project.grouping.groups() if g.is_rest] == [3]
    with pytest.raises(NameCollision):
        project.grouping.renumber_group(g3, 2)
    project.grouping.renumber_group(g3, 1)
    assert project.grouping.group(g3).number == 1
    assert set(project.grouping.ungrouped_code_ids()) == {codes[0], codes[1], codes[3]}


def test_themes_and_concepts(project):
    g1 = project.grouping.create_group("Gruppe om frykt")
    g2 = project.grouping.create_group("Gruppe om ledelse")
    t = project.grouping.create_theme("Endring", [g1])
    project.grouping.move_groups([g2], t)
    assert project.grouping.themes()[0].group_ids == (g1, g2)
    c = project.grouping.create_concept("Digital omstillingsangst", [g1], memo="Fra gruppe 1")
    project.grouping.link_concept(c, g2)
    assert project.grouping.concepts()[0].group_ids == (g1, g2)
    project.grouping.set_check("concept", c, "k1", "passed")
    assert project.grouping.checks("concept") == {c: {"k1": "passed"}}


def test_undo_and_redo_survive_a_restart(tmp_path):
    path = tmp_path / "p.coder"
    with Project.create(path, coder="a") as p:
        doc = p.documents.add("a", TEXT)
        p.codes.apply("Det er ikke sant", doc, 53, 70)
    with Project.open(path) as p:
        p.history.undo()
    with Project.open(path) as p:
        assert p.counts().codings == 0
        p.history.redo()
    with Project.open(path) as p:
        assert p.counts().codings == 1
        assert [e.action for e in p.history.entries()] == ["import document", "apply coding", "undo", "redo"]


def test_new_action_after_undo_drops_the_redo_stack(project):
    project.codes.add("En kode som sier noe")
    project.history.undo()
    project.codes.add("En annen kode som sier noe")
    with pytest.raises(NothingToUndo):
        project.history.redo()
    assert [e.state for e in project.history.entries()] == ["dropped", "meta", "done"]


def test_coder_name_resolution_order(tmp_path, monkeypatch):
    path = tmp_path / "p.coder"
    config = tmp_path / "config.toml"
    monkeypatch.setenv("CODER_CONFIG", str(config))
    monkeypatch.setattr("getpass.getuser", lambda: "login")
    with Project.create(path) as p:
        assert p.coder == "login"
    config.write_text('coder = "Config Name"\n', encoding="utf-8")
    with Project.open(path) as p:
        assert p.coder == "Config Name"
        p.settings.set("coder", "Project Name")
    with Project.open(path) as p:
        assert p.coder == "Project Name"
    with Project.open(path, coder="Explicit") as p:
        assert p.coder == "Explicit"
        p.codes.add("Noe informanten sa")
        assert p.history.entries()[-1].coder == "Explicit"


def test_opening_something_else_fails_clearly_and_writes_nothing(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    other_bytes = other.read_bytes()
    with pytest.raises(NotAProject, match="notes.txt: not a coder project"):
        Project.open(text_file)
    with pytest.raises(NotAProject, match="other.db: not a coder project"):
        Project.open(other)
    with pytest.raises(NotAProject, match="no such project"):
        Project.open(tmp_path / "missing.coder")
    assert text_file.read_text() == "hello" and other.read_bytes() == other_bytes
    assert not (tmp_path / "other.db-wal").exists()


def test_a_project_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "p.coder"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('coder', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersion, match="newer version of coder"):
        Project.open(path)


def test_migration_backs_up_the_file_first(tmp_path, monkeypatch):
    path = tmp_path / "p.coder"
    with Project.create(path) as p:
        p.codes.add("Dette fantes før oppgraderingen")
    extra = schema.Migrations(schema.MIGRATION_SET)
    for m in schema.migrations._migrations:
        extra._migrations.append(m)

    @extra()
    def m999_add_column(db):
        db.execute("ALTER TABLE codes ADD COLUMN extra TEXT")

    monkeypatch.setattr(schema, "migrations", extra)
    with Project.open(path) as p:
        assert p.counts().schema_version == len(extra._migrations)
        assert "extra" in [r[1] for r in p.db.conn.execute("PRAGMA table_info(codes)")]
    backup = tmp_path / f"p.coder.v{len(extra._migrations) - 1}.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT text FROM codes").fetchall() == [("Dette fantes før oppgraderingen",)]
    assert "extra" not in [r[1] for r in old.execute("PRAGMA table_info(codes)")]


def test_an_import_is_recorded_compactly_and_undone_and_redone_whole(project):
    """The history of an import holds its segments once, without their text (a slice of
    the document's text), and redo gives every segment its text back."""
    from coder.core.history import decode

    text = "Første setning her. Andre setning der.\n\nEt nytt avsnitt."
    spans = [(0, 19, "sentence"), (20, 38, "sentence"), (0, 38, "paragraph"), (40, 56, "paragraph")]
    doc_id = project.documents.add("notat", text, segments=[NewSegment(s, e, k, lemmas="x") for s, e, k in spans])
    conn = project.db.conn
    blob = conn.execute("SELECT changes FROM history WHERE action = 'import document'").fetchone()[0]
    bulk = [item for item in decode(blob) if item[0] == "segments"]
    assert len(bulk) == 1 and "text" not in bulk[0][1] and len(bulk[0][3]) == 4
    before = conn.execute("SELECT * FROM segments ORDER BY id").fetchall()
    project.history.undo()
    assert conn.execute("SELECT count(*) FROM segments").fetchone()[0] == 0
    project.history.redo()
    assert conn.execute("SELECT * FROM segments ORDER BY id").fetchall() == before
    assert [r[0] for r in conn.execute("SELECT text FROM segments WHERE document_id = ? ORDER BY id", [doc_id])] \
        == ["Første setning her.", "Andre setning der.", text[:38], "Et nytt avsnitt."]
    # ids are never reused after an undo: a new import gets fresh ones
    project.history.undo()
    project.documents.add("notat 2", text + " Mer.", segments=[NewSegment(0, 5, "sentence")])
    assert conn.execute("SELECT min(id) FROM segments").fetchone()[0] > max(r[0] for r in before)


def test_a_large_history_item_is_encoded_in_pieces_as_one_json_list(monkeypatch):
    """encode() writes a bulk item's rows in pieces (compressed as they come); what it
    writes is the same JSON as one call would give, and decodes back."""
    import json
    import zlib

    from coder.core import history

    monkeypatch.setattr(history, "_ROWS_PER_CALL", 3)
    rows = [(i, f"«æ{i}»\n\"", None) for i in range(10)]
    items = [("segments", ["document_id", "kind", "speaker"], 7, rows),
             ("codes", 3, None, {"id": 3, "text": "Kode"}),
             ("codings", ["code_id"], 1, [(3,)]), ("themes", ["name"], 1, [])]
    whole = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    assert zlib.decompress(history.encode(items)).decode() == whole
    assert history.decode(history.encode(items)) == [tuple(json.loads(json.dumps(i))) for i in items]


def test_the_history_names_a_coding_by_its_code_not_its_id(project):
    """What an undo says ("Undone: apply coding «…»") is the code's text, never "code 11"."""
    doc = project.documents.add("a", TEXT)
    code_id = project.codes.add("Lav digital modenhet")
    coding_id = project.codes.apply(code_id, doc, 0, 10)
    project.codes.set_coding_memo(coding_id, "sjekk")
    project.codes.remove_coding(coding_id)
    assert [(e.action, e.object) for e in project.history.entries()[-3:]] == [
        ("apply coding", "Lav digital modenhet"), ("memo coding", "Lav digital modenhet"),
        ("remove coding", "Lav digital modenhet")]
