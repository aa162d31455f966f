"""Pilot tests: whole coding tasks through the real app, checked in the project."""

from __future__ import annotations

import asyncio

import pytest

from coder.core import Project
from coder.tui.app import make_app
from coder.tui.widgets.reader import Reader

TEXT = ("Intervju med informant A.\n\n"
        "Eh, altså vi er liksom redde for at jobbene forsvinner. Folk tenker at vi "
        "digitaliserer bort arbeidsplassene. Men lederne har et stort ansvar.\n\n"
        "Neste avsnitt handler om noe annet. Det er kort.\n")


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="ann")
    p.documents.add("intervju A", TEXT, kind="interview", attributes={"informant": "A"})
    yield p
    p.close()


def run(coro):
    return asyncio.run(coro)


def reader_of(app) -> Reader:
    return app.screen.query_one(Reader)


def test_select_sentence_new_code_invivo_undo_redo(project):
    doc = project.documents.list()[0]

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            reader.cursor = TEXT.index("redde")
            await pilot.press("s")
            assert reader.selection == (TEXT.index("Eh,"), TEXT.index("forsvinner.") + len("forsvinner."))
            await pilot.press("c")
            await pilot.press(*"Frykt for at jobbene forsvinner")
            await pilot.press("enter")
            await pilot.pause()
            # s again on the next sentence, then in-vivo from its words
            reader.cursor = TEXT.index("Folk")
            await pilot.press("s", "v")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            codes = {c.text: c for c in project.codes.list()}
            assert "Frykt for at jobbene forsvinner" in codes
            assert codes["Folk tenker at vi digitaliserer bort arbeidsplassene"].in_vivo
            codings = project.codes.codings(document_id=doc.id)
            spans = sorted((c.start, c.end) for c in codings)
            assert spans == [(TEXT.index("Eh,"), TEXT.index("Folk") - 1),
                             (TEXT.index("Folk"), TEXT.index(" Men"))]
            assert all(c.coder == "ann" for c in codings)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert len(project.codes.codings()) == 1
            assert project.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene") is None
            assert len(reader._marks) == 1
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(project.codes.codings()) == 2
            assert len(reader._marks) == 2
            await pilot.press("q")
        assert app.return_code == 0 or app.return_code is None
    run(task())


def test_recent_key_remove_resize_and_memos(project):
    code_id = project.codes.add("Redsel for å miste jobben")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            await pilot.pause()
            reader.cursor = TEXT.index("Folk")
            await pilot.press("s", "1")          # the code on key 1 (most recent)
            await pilot.pause()
            [coding] = project.codes.codings()
            assert (coding.code_id, coding.start) == (code_id, TEXT.index("Folk"))
            # jump to it, extend it by one sentence, set it to the selection
            reader.cursor = 0
            await pilot.press("n")
            assert reader.selection == (coding.start, coding.end)
            await pilot.press("s", "e")
            await pilot.pause()
            assert project.codes.coding(coding.id).end == TEXT.index("ansvar.") + len("ansvar.")
            # memo on the coding and on its code
            await pilot.press("m", *"viktig", "ctrl+s")
            await pilot.pause()
            assert project.codes.coding(coding.id).memo == "viktig"
            await pilot.press("M", *"kode-memo", "ctrl+s")
            await pilot.pause()
            assert project.codes.get(code_id).memo == "kode-memo"
            await pilot.press("x")
            await pilot.pause()
            assert project.codes.codings() == []
            assert reader._marks == []
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert [c.id for c in project.codes.codings()] == [coding.id]
    run(task())


def test_palette_warns_before_creating_a_near_duplicate(project):
    project.codes.add("Folk tenker at vi digitaliserer bort arbeidsplassene")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            reader.cursor = TEXT.index("Men")
            await pilot.press("s", "c", *"Folk tenker at vi digitaliserte bort arbeidsplassene")
            await pilot.pause()
            # the note says it is close, the new code comes first: one Enter creates it
            from textual.widgets import OptionList
            options = app.screen.query_one(OptionList)
            assert options.get_option_at_index(options.highlighted).id == "new"
            note = str(app.screen.query_one("#palette-note").render())
            assert "Close to an existing code" in note
            await pilot.press("enter")
            await pilot.pause()
            assert project.codes.by_text("Folk tenker at vi digitaliserte bort arbeidsplassene") is not None
            assert len(project.codes.codings()) == 1
    run(task())


def test_quotes_of_a_code_jump_to_the_passage(project, tmp_path):
    doc = project.documents.list()[0]
    other = project.documents.add("intervju B", "Her sier B noe annet om jobbene som forsvinner.\n",
                                 attributes={"informant": "B"})
    start = TEXT.index("Folk")
    project.codes.apply("Jobbene forsvinner", doc.id, start, start + 10)
    project.codes.apply("Jobbene forsvinner", other, 13, 25)

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("k", "enter")     # codes pane, the first code: its quotes
            await pilot.pause()
            from coder.tui.screens.quotes import QuotesScreen
            assert isinstance(app.screen, QuotesScreen)
            informants = [q.informant for q in app.screen.quotes]
            assert sorted(informants) == ["A", "B"]
            target = next(i for i, q in enumerate(app.screen.quotes) if q.informant == "B")
            await pilot.press(*["down"] * target, "enter")
            await pilot.pause()
            reader = reader_of(app)
            assert app.screen.document_id == other
            assert reader.selection == (13, 25)
    run(task())


def test_document_filter_and_coders_filter(project):
    doc = project.documents.list()[0]
    project.documents.add("survey svar", "Et svar fra en respondent.\n", kind="survey",
                         attributes={"informant": "R1"})
    project.codes.apply("A sin kode", doc.id, 0, 9)
    other = Project.open(project.path, coder="bob")
    other.codes.apply("B sin kode", doc.id, 10, 20)
    other.close()

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            from textual.widgets import DataTable
            screen = app.screen
            table = screen.query_one("#document-table", DataTable)
            assert table.row_count == 2
            screen.query_one("#document-filter").focus()
            await pilot.press(*"informant=r1")
            await pilot.pause()
            assert table.row_count == 1
            reader = reader_of(app)
            screen.open_document(doc.id)
            assert {m.coding.coder for m in reader._marks} == {"ann", "bob"}
            screen.action_mine()
            assert {m.coding.coder for m in reader._marks} == {"ann"}
            screen.set_coders(None, by_coder=True)
            assert len({m.bar for m in reader._marks}) == 2
    run(task())


def test_mouse_drag_selects_whole_words(project):
    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            await pilot.pause()
            from coder.tui.widgets.reader import MARGIN
            line = reader._wrapped.line_of(TEXT.index("altså"))
            column = TEXT.index("altså") - reader._wrapped.starts[line]
            y = line - round(reader.scroll_y)
            # from inside "altså" to inside "liksom"
            await pilot.mouse_down(reader, offset=(MARGIN + column + 2, y))
            await pilot.hover(reader, offset=(MARGIN + column + 14, y))
            await pilot.mouse_up(reader, offset=(MARGIN + column + 14, y))
            await pilot.pause()
            start, end = reader.selection
            assert TEXT[start:end] == "altså vi er liksom"
    run(task())


def test_other_screens_are_reached_and_quotes_open_in_the_reader(project):
    doc = project.documents.list()[0]
    project.codes.apply("Jobbene forsvinner", doc.id, 30, 60)

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            from coder.tui.screens.main import MainScreen
            from coder.tui.screens.review import OpenQuote
            for key, name in (("f3", "CodebookScreen"), ("f4", "ReviewScreen"), ("f2", "MainScreen"),
                              ("D", "DisagreementsScreen")):
                await pilot.press(key)
                await pilot.pause()
                assert type(app.screen).__name__ == name
            app.screen.post_message(OpenQuote(doc.id, 30, 60))
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert reader_of(app).selection == (30, 60)
    run(task())


def test_every_command_and_binding_has_an_action(project):
    from coder.tui import strings as S
    from coder.tui.app import CoderApp
    from coder.tui.screens.main import MainScreen
    for name in S.COMMANDS:
        assert hasattr(MainScreen, f"action_{name}") or hasattr(CoderApp, f"action_{name}"), name
    for binding in MainScreen.BINDINGS:
        action = binding.action.split("(")[0]
        owner = CoderApp if action.startswith("app.") else MainScreen
        assert hasattr(owner, "action_" + action.removeprefix("app.")), binding.action

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            from coder.tui.screens.help import HelpScreen
            assert isinstance(app.screen, HelpScreen)
            titles = [title for title, _ in app.screen.sections]
            assert titles == [S.HELP_SECTIONS[k] for k in ("app", "reader", "codes", "screens")]
    run(task())


def test_keyboard_selection_snaps_and_segments_extend(project):
    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            reader.cursor = TEXT.index("redde") + 2           # inside a word
            await pilot.press("shift+right", "shift+right", "shift+right", "shift+right", "shift+right")
            start, end = reader.selection
            assert TEXT[start:end] == "redde for"            # widened to whole words
            await pilot.press("escape")
            assert reader.selection is None
            await pilot.press("p")                           # the paragraph (no segments: blank lines)
            para = TEXT.index("Eh,"), TEXT.index("ansvar.") + len("ansvar.")
            assert reader.selection == para
            await pilot.press("p")                           # again: the next one joins
            assert reader.selection == (para[0], TEXT.index("kort.") + len("kort."))
            await pilot.press("o")                           # swap ends: the cursor goes to the start
            assert reader.cursor == para[0]
    run(task())
