"""Pilot tests: search and code a hit where it stands, autocode from the app, import a
file in a worker — each checked in the project afterwards."""

from __future__ import annotations

import asyncio

import pytest

from coder.core import Project
from coder.ingest import import_files
from coder.tui.app import make_app

TEXT = ("Intervjuer: Hva tenker du om digitaliseringen?\n\n"
        "Informant A: Vi digitaliserer bort arbeidsplassene. Det er folk redde for.\n\n"
        "Intervjuer: Og lederne?\n\n"
        "Informant A: Lederne snakker om digitalisering hele tiden. De liker det.\n")


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "intervju_a.txt"
    source.write_text(TEXT, encoding="utf-8")
    p = Project.create(tmp_path / "p.coder", coder="ann")
    import_files(p, [source])
    yield p
    p.close()


async def wait_for(pilot, condition, tries: int = 200):
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


def test_code_a_search_hit_where_it_stands(project):
    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("slash", *"lederne", "enter")
            await pilot.pause()
            assert len(app.screen.hits) == 2
            await pilot.press("down", "c")      # the second hit: "Lederne snakker"
            await pilot.pause()
            await pilot.press(*"Lederne snakker om det", "enter")
            await pilot.pause()
            [coding] = project.codes.codings()
            start = TEXT.index("Lederne snakker")
            assert (coding.start, coding.end) == (start, start + len("Lederne"))
            assert project.codes.get(coding.code_id).text == "Lederne snakker om det"
    asyncio.run(task())


def test_autocode_all_hits_by_sentence_from_the_app(project):
    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("slash", *"digitalisering", "enter")
            await pilot.pause()
            await pilot.press("u", "a")          # unit: sentence; autocode
            await pilot.pause()
            await pilot.press(*"Digitalisering som tema", "enter")
            await pilot.pause()
            text = project.documents.text(project.documents.list()[0].id)
            coded = [text[c.start:c.end] for c in project.codes.codings()]    # in text order
            # whole sentences (the segmenter keeps a turn's speaker label on its first one)
            assert len(coded) == 2
            assert coded[0].endswith("Hva tenker du om digitaliseringen?")
            assert coded[1].endswith("Lederne snakker om digitalisering hele tiden.")
            assert project.history.entries()[-1].action == "autocode"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert project.codes.codings() == []
    asyncio.run(task())


def test_import_a_file_in_a_worker(project, tmp_path):
    new = tmp_path / "notat.txt"
    new.write_text("Et feltnotat om møtet i kommunen.\n\nLederne var til stede.\n", encoding="utf-8")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("i")
            await pilot.pause()
            field = app.screen.query_one("#import-path")
            field.value = str(new)
            field.focus()
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(project.documents.list()) == 2
                           and not app.screen.query_one("#import-bar").display)
            names = sorted(d.name for d in project.documents.list())
            assert names == ["intervju_a", "notat"]
            doc = project.documents.by_name("notat")
            assert project.documents.text(doc.id).startswith("Et feltnotat")
            table = app.screen.query_one("#document-table")
            assert table.row_count == 2
    asyncio.run(task())


def test_each_search_hit_takes_one_line_in_a_narrow_terminal(project):
    async def task():
        app = make_app(project)
        async with app.run_test(size=(70, 30)) as pilot:
            await pilot.press("slash", *"digitalisering", "enter")
            await pilot.pause()
            hits = app.screen.query_one("#search-hits")
            assert hits.option_count == 2
            assert hits.virtual_size.height == 2       # long context ends in … rather than wrapping
    asyncio.run(task())


def test_the_count_says_every_hit_of_a_word_and_500_plus_for_a_long_regex_search(tmp_path):
    """The list shows the first 500; a word search still says how many hits there are
    in all, and in how many documents. A regular expression search stops at 501."""
    p = Project.create(tmp_path / "many.coder", coder="ann")
    for name in ("a", "b"):
        source = tmp_path / f"{name}.txt"
        body = "\n\n".join(f"Kommunen svarte {i} ganger." for i in range(400))
        source.write_text(f"Notat {name}.\n\n" + body, encoding="utf-8")
        import_files(p, [source])

    async def task():
        app = make_app(p)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("slash", *"kommune", "enter")
            await pilot.pause()
            count = str(app.screen.query_one("#search-count").render())
            assert count.startswith("800 hits in 2 documents"), count
            assert app.screen.query_one("#search-hits").option_count == 500
            await pilot.press("slash", "ctrl+u", *"svarte \\d+", "tab", "space", "shift+tab", "enter")
            await pilot.pause()
            assert app.screen.query_one("#search-regex").value
            count = str(app.screen.query_one("#search-count").render())
            assert count.startswith("500+ hits"), count
    asyncio.run(task())
    p.close()
