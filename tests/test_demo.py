"""The demo project: built once from corpus/ and the thesis codebook, then opened in the
app for the whole daily loop (select a sentence → new code → in-vivo → undo → redo → quit)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from coder import paths
from coder.core import Project
from coder.demo import build_demo, ensure_demo
from coder.tui.app import make_app
from coder.tui.launch import demo_path
from coder.tui.widgets.reader import Reader

INTERVIEW = ("Intervjuer: Hvordan har digitaliseringen gått?\n\n"
             "Informant C: Eh, altså vi har liksom ikke kommet dit ennå at vi har en plan for "
             "digital transformasjon. Vi etablerer prosjekter for gjennomføring av strategien. "
             "Men folk er positive.\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "interviews").mkdir(parents=True)
    (folder / "README.md").write_text("# corpus\n", encoding="utf-8")
    (folder / "interviews" / "intervju_c.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "interviews" / "attributes.csv").write_text("file,informant\nintervju_c.txt,C\n", encoding="utf-8")
    return folder


def test_demo_holds_the_corpus_the_codebook_and_anchored_codings(tmp_path, corpus):
    path = tmp_path / "demo.coder"
    build_demo(path, corpus=corpus)
    assert not Path(f"{path}.building").exists()
    with Project.open(path) as p:
        [doc] = p.documents.list()
        assert doc.name == "intervju_c" and doc.attributes.get("informant") == "C"
        assert doc.kind == "interview"
        assert len(p.codes.list()) == 240                        # the thesis codebook
        assert len(p.grouping.themes()) == 4
        text = p.documents.text(doc.id)
        coded = {text[c.start:c.end] for c in p.codes.codings()}
        assert "Vi etablerer prosjekter for gjennomføring av strategien" in coded


def test_the_shipped_demo_anchors_the_codebook_in_the_informants_interviews(tmp_path):
    path = tmp_path / "demo.coder"
    build_demo(path)
    with Project.open(path) as p:
        docs = {d.id: d for d in p.documents.list()}
        interviews = {i for i, d in docs.items() if d.kind == "interview"}
        assert sorted(docs[i].attributes["informant"] for i in interviews) == [
            f"Informant {x}" for x in "ABCDEF"]
        assert any(d.kind == "survey" for d in docs.values())
        assert any(d.kind == "report" for d in docs.values())
        assert [t.number for t in p.grouping.themes()] == [1, 2, 3, 4]
        codings = p.codes.codings()
        assert len(codings) >= 30                           # real themes on first start
        assert p.proposals.list()                                # the rest wait for review
        assert {c.document_id for c in codings} <= interviews
        for c in codings[:10]:                              # each lands on its code's words
            code = p.codes.get(c.code_id).text.lower().split()
            quote = p.documents.text(c.document_id)[c.start:c.end].lower()
            assert sum(w in quote for w in code) >= len(code) // 2


def test_ensure_demo_builds_once_in_the_user_data_folder(corpus, monkeypatch):
    real = paths.material_dir
    monkeypatch.setattr(paths, "material_dir", lambda name: corpus if name == "corpus" else real(name))
    path = demo_path()
    assert path.parent == paths.user_data_dir()
    ensure_demo(path)
    stamp = path.stat().st_mtime_ns
    ensure_demo(path)
    assert path.stat().st_mtime_ns == stamp


def test_open_the_demo_and_do_the_daily_loop(tmp_path, corpus):
    path = tmp_path / "demo.coder"
    build_demo(path, corpus=corpus)
    project = Project.open(path, coder="ann")
    codes_before = len(project.codes.list())

    async def task():
        app = make_app(project)
        async with app.run_test(size=(150, 40)) as pilot:
            reader = app.screen.query_one(Reader)
            reader.cursor = INTERVIEW.index("altså")
            await pilot.press("s", "c", *"Planen for digital omstilling mangler", "enter")
            await pilot.pause()
            reader.cursor = INTERVIEW.index("folk er")
            await pilot.press("s", "v")
            await pilot.pause()
            assert app.screen.query_one("#prompt-input").value == "Men folk er positive"
            await pilot.press("enter")
            await pilot.pause()
            assert project.codes.by_text("Men folk er positive").in_vivo
            assert len(project.codes.list()) == codes_before + 2
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert len(project.codes.list()) == codes_before + 1
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(project.codes.list()) == codes_before + 2
            await pilot.press("q")
    asyncio.run(task())
    mine = [c for c in project.codes.codings() if c.coder == "ann"]
    assert len(mine) == 2
    project.close()


def test_launch_opens_the_demo_or_creates_the_named_project(tmp_path, corpus, monkeypatch):
    from coder.tui import app as app_module, launch as launch_module
    opened = []
    monkeypatch.setattr(app_module.CoderApp, "run", lambda self: opened.append(self.project.path))
    real = paths.material_dir
    monkeypatch.setattr(paths, "material_dir", lambda name: corpus if name == "corpus" else real(name))
    launch_module.launch(None)
    assert opened == [demo_path()] and demo_path().exists()
    new = tmp_path / "ny.coder"
    launch_module.launch(str(new))
    assert opened[-1] == new
    with Project.open(new) as p:
        assert p.counts().documents == 0


def test_launch_reports_a_bad_file_in_one_line(tmp_path, capsys):
    from coder.tui.launch import launch
    bad = tmp_path / "notes.coder"
    bad.write_text("not a project", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        launch(str(bad))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("coder: ") and str(bad) in err and len(err.splitlines()) == 1


def test_no_sample_material_is_a_clear_error_not_an_empty_demo(tmp_path):
    from coder.core import CoderError
    empty = tmp_path / "corpus"
    empty.mkdir()
    with pytest.raises(CoderError, match="no sample material"):
        build_demo(tmp_path / "demo.coder", corpus=empty)
    assert not (tmp_path / "demo.coder").exists()
