"""import_files: documents, segments, attributes and lemmas land in the project; a bad
file leaves nothing behind and the others still import; one undo takes a file back."""

import shutil
from pathlib import Path

import pytest

from coder.core import CoderError, Project
from coder.ingest import import_files

DATA = Path(__file__).parent / "data" / "ingest"


def test_plain_file_becomes_one_document_with_indexed_segments(project):
    report = import_files(project, [DATA / "utf8_bom.txt"])
    assert report.problems == [] and report.documents == 1
    (doc,) = project.documents.list()
    assert doc.name == "utf8_bom" and doc.kind == "report" and doc.source_path == str(DATA / "utf8_bom.txt")
    text = project.documents.text(doc.id)
    assert text.startswith("Blåbærsyltetøy") and "\ufeff" not in text
    segments = project.documents.segments(doc.id)
    assert segments and all(text[s.start:s.end].strip() == text[s.start:s.end] for s in segments)


def test_kind_defaults_to_interview_when_the_text_has_speaker_turns(project):
    import_files(project, [DATA / "interview.md", DATA / "report.docx"])
    kinds = {d.name: d.kind for d in project.documents.list()}
    assert kinds == {"interview": "interview", "report": "report"}


def test_kind_given_wins(project):
    import_files(project, [DATA / "interview.md"], kind="note")
    assert project.documents.list()[0].kind == "note"


def test_survey_becomes_one_document_per_answering_respondent(project):
    report = import_files(project, [DATA / "survey.xlsx"])
    (imported,) = report.files
    assert imported.kind == "survey" and imported.empty_answers == 4 and imported.empty_respondents == 1
    docs = {d.name: d for d in project.documents.list()}
    assert set(docs) == {"survey r1", "survey r2", "survey r4"}
    r1 = docs["survey r1"]
    assert r1.kind == "survey" and r1.attributes == {"Gruppe": "Ansatt", "Alder": "34"}
    labels = [(s.kind, s.label) for s in project.documents.segments(r1.id)]
    assert labels == [("response", "Hva fungerte bra?"), ("response", "Hva kan bli bedre?")]
    # the whole survey is one action: one undo removes every respondent
    project.history.undo()
    assert project.counts().documents == 0 and project.counts().segments == 0


def test_folder_import_is_recursive_names_stay_apart_and_sidecar_gives_attributes(project):
    report = import_files(project, [DATA / "interviews"])
    assert report.problems == []
    docs = {d.name: d for d in project.documents.list()}
    assert set(docs) == {"informant_a", "informant_b", "extra/informant_a"}
    assert docs["informant_a"].attributes == {"informant": "A", "role": "sykepleier"}
    assert docs["informant_b"].attributes == {"informant": "B", "role": "leder"}
    assert docs["extra/informant_a"].attributes == {}
    assert docs["informant_a"].kind == "interview"


def test_glob_selects_files(project):
    report = import_files(project, [str(DATA / "utf*.txt")])
    assert sorted(f.path.name for f in report.files) == ["utf16.txt", "utf8.txt", "utf8_bom.txt"]


def test_bad_files_are_reported_and_leave_nothing_while_the_others_import(project, tmp_path):
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    bad = ["empty.txt", "binary.txt", "corrupt.docx", "encrypted.docx", "corrupt.pdf",
           "encrypted.pdf", "scan.pdf", "corrupt.xlsx", "notes.xyz"]
    paths = [DATA / n for n in bad] + [dangling, tmp_path / "missing.txt", DATA / "utf8.txt"]
    report = import_files(project, paths)
    assert [d.name for d in project.documents.list()] == ["utf8"]
    assert len(report.problems) == len(bad) + 2
    named = {p.split(": ")[0] for p in report.problems}
    assert named == {str(p) for p in paths[:-1]}
    assert any("unknown file type «.xyz»" in p for p in report.problems)
    assert any(p == f"{dangling}: no such file" for p in report.problems)      # a dangling link
    assert any(p == f"{tmp_path / 'missing.txt'}: no such file or folder" for p in report.problems)
    assert project.counts().segments == len(project.documents.segments(project.documents.list()[0].id))


def test_same_text_again_is_skipped_and_said(project, tmp_path):
    import_files(project, [DATA / "utf8.txt"])
    copy = tmp_path / "kopi.txt"
    shutil.copy(DATA / "utf8.txt", copy)
    report = import_files(project, [copy])
    assert report.documents == 0
    assert report.problems == [f"{copy}: already in the project as «utf8»"]
    again = import_files(project, [DATA / "survey.csv", DATA / "survey.csv"])
    assert again.documents == 3 and len(again.problems) == 1
    assert "already in the project" in again.problems[0]


def test_same_name_different_text_gets_a_number(project, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "utf8.txt").write_text("Helt annen tekst.", encoding="utf-8")
    import_files(project, [DATA / "utf8.txt", tmp_path / "a" / "utf8.txt"])
    assert sorted(d.name for d in project.documents.list()) == ["utf8", "utf8 (2)"]


def test_progress_is_called_per_file_and_at_the_end(project):
    calls = []
    import_files(project, [DATA / "utf8.txt", DATA / "cp1252.txt"],
                 progress=lambda done, total, path: calls.append((done, total, path)))
    assert calls == [(0, 2, DATA / "utf8.txt"), (1, 2, DATA / "cp1252.txt"), (2, 2, None)]


def test_unknown_kind_is_refused_before_anything_happens(project):
    with pytest.raises(CoderError, match="unknown kind «memo»"):
        import_files(project, [DATA / "utf8.txt"], kind="memo")
    assert project.counts().documents == 0


def test_only_the_smallest_segments_are_indexed(project):
    from coder.core import NewDocument, NewSegment
    from coder.ingest.segments import to_segments
    from coder.text.prepare import PreparedText, Span
    text = "Kommunene kjøpte nettbrett. «Det gikk fint», sa hun."
    spans = [Span(0, len(text), "paragraph"), Span(0, 27, "sentence"), Span(28, len(text), "sentence"),
             Span(28, 44, "quote")]
    segments = [NewSegment(*s) for s in to_segments(PreparedText(text, spans), "nb")]
    assert [bool(s.lemmas) for s in segments] == [False, True, True, False]
    assert segments[1].lemmas == "kommune kjøpe nettbrett"
    project.documents.add_many([NewDocument("d", text, segments=segments)])
    indexed = project.db.conn.execute("SELECT count(*) FROM segments WHERE lemmas != ''").fetchone()[0]
    assert indexed == 2
    assert [(h.start, h.end) for h in project.search.find("kommune")] == [(0, 9)]


def test_a_folder_without_readable_files_is_said(project, tmp_path):
    (tmp_path / "tom").mkdir()
    (tmp_path / "tom" / "bilde.png").write_bytes(b"\x89PNG")
    report = import_files(project, [tmp_path / "tom"])
    assert report.documents == 0
    assert report.problems[0].startswith(f"{tmp_path / 'tom'}: no file coder can read in this folder")


def test_csv_with_commas_in_quoted_answers_keeps_its_columns(project, tmp_path):
    path = tmp_path / "svar.csv"
    path.write_text('id,svar,gruppe\n1,"Ja, det var bra; veldig bra, faktisk.",A\n'
                    '2,"Nei, ikke i det hele tatt, dessverre.",B\n', encoding="utf-8")
    import_files(project, [path], text_columns=["svar"])
    docs = {d.name: d for d in project.documents.list()}
    assert docs["svar 1"].attributes == {"gruppe": "A"}
    seg = project.documents.segments(docs["svar 1"].id)[0]
    assert project.documents.text(docs["svar 1"].id)[seg.start:seg.end] == "Ja, det var bra; veldig bra, faktisk."


def test_an_import_pauses_the_garbage_collector_and_restores_it(tmp_path, project):
    import gc

    from coder.ingest import import_files
    (tmp_path / "a.txt").write_text("Først dette. Så det.", encoding="utf-8")
    seen = []
    from coder.ingest import pipeline
    original = pipeline.to_segments

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)
    pipeline.to_segments = spy
    try:
        import_files(project, [tmp_path / "a.txt"])
    finally:
        pipeline.to_segments = original
    assert seen == [False] and gc.isenabled()
    assert project.counts().documents == 1


def test_the_language_is_the_projects_unless_an_import_names_one(tmp_path):
    """No language is hard-coded: the project's `language` setting decides the lemmas of
    files and of REFI-QDA sources alike; an import may name another."""
    from coder.exchange.qdpx_export import write_qdpx
    from coder.exchange.qdpx_import import import_qdpx
    source = tmp_path / "notes.txt"
    source.write_text("The municipalities were running late.\n", encoding="utf-8")
    with Project.create(tmp_path / "en.coder", coder="ann") as p:
        p.settings.set("language", "en")
        import_files(p, [source])
        assert [d.language for d in p.documents.list()] == ["en"]
        assert len(p.search.find("municipality")) == 1              # by its English lemma
        qdpx = write_qdpx(p, tmp_path / "en.qdpx")
    with Project.create(tmp_path / "again.coder", coder="ann") as q:
        q.settings.set("language", "en")
        import_qdpx(q, qdpx)
        lemmas = q.db.conn.execute("SELECT group_concat(lemmas, ' ') FROM segments").fetchone()[0]
        assert "municipality" in lemmas.split()
    with Project.create(tmp_path / "nb.coder", coder="ann") as r:
        r.settings.set("language", "en")
        import_files(r, [source], language="nb")
        assert [d.language for d in r.documents.list()] == ["nb"]
