"""The disagreement view, driven by keys in a minimal host app."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.widgets import OptionList, Static

from coder.core import Project
from coder.tui.screens.disagreements import DisagreementsScreen

TEXT = "Vi jobber hjemme nå. Kollegene savnes. Ledelsen lytter ikke til oss her."


class Host(App):
    def __init__(self, project, coders=None):
        super().__init__()
        self.project, self.coders = project, coders

    def on_mount(self) -> None:
        self.push_screen(DisagreementsScreen(self.project, self.coders))


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="Anna")
    doc = p.documents.add("D", TEXT)
    p.codes.apply_many("Jobber hjemme", [(doc, 0, 19)])
    p.codes.apply_many("Kollegene savnes", [(doc, 21, 38)])
    p.coder = "Bjørn"
    p.codes.apply_many("Jobber hjemme", [(doc, 3, 19)])
    p.codes.apply_many("Ledelsen lytter ikke", [(doc, 39, 71)])
    yield p
    p.close()


def run(coro):
    return asyncio.run(coro)


def _options(screen, name):
    ol = screen.query_one(f"#{name}", OptionList)
    return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]


def test_lists_codes_and_passages_and_keeps_a_side(project):
    async def go():
        async with Host(project).run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            assert _options(screen, "dis-codes") == ["Jobber hjemme  (1)", "Kollegene savnes  (1)",
                                                     "Ledelsen lytter ikke  (1)"]
            assert _options(screen, "dis-items") == ["D 0–19: Anna only 0–3"]
            detail = str(screen.query_one("#dis-text", Static).render())
            assert "1 Anna: 0–19" in detail and "2 Bjørn: 3–19" in detail
            await pilot.press("2")            # keep Bjørn's side of «Jobber hjemme»
            await pilot.pause()
            code = project.codes.by_text("Jobber hjemme").id
            assert [(c.coder, c.start) for c in project.codes.codings(code_id=code)] == [("Bjørn", 3)]
            assert _options(screen, "dis-codes") == ["Kollegene savnes  (1)", "Ledelsen lytter ikke  (1)"]
            await pilot.press("ctrl+z")       # undo brings Anna's coding and the disagreement back
            await pilot.pause()
            assert sorted(c.coder for c in project.codes.codings(code_id=code)) == ["Anna", "Bjørn"]
            assert len(_options(screen, "dis-codes")) == 3
    run(go())


def test_keep_both_and_keep_the_uncoded_side(project):
    async def go():
        async with Host(project, coders=["Anna", "Bjørn"]).run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            await pilot.press("b")            # «Jobber hjemme»: both extents stay
            await pilot.pause()
            assert project.counts().codings == 4
            assert _options(screen, "dis-items") == ["D 21–38: Anna only 21–38"]
            await pilot.press("2")            # «Kollegene savnes»: Bjørn did not code it → removed
            await pilot.pause()
            assert project.codes.codings(code_id=project.codes.by_text("Kollegene savnes").id) == []
            await pilot.press("1")            # «Ledelsen lytter ikke»: Anna did not code it → removed
            await pilot.pause()
            assert project.counts().codings == 2
            assert _options(screen, "dis-codes") == []
            assert "No disagreements left" in str(screen.query_one("#dis-text", Static).render())
    run(go())


def test_one_coder_only_says_so(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="Anna")
    doc = p.documents.add("D", TEXT)
    p.codes.apply_many("Jobber hjemme", [(doc, 0, 19)])

    async def go():
        async with Host(p).run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            title = str(pilot.app.screen.query_one("#dis-title").render())
            assert "two or more coders; this project has 1" in title
            await pilot.press("1")            # nothing to resolve: nothing happens
            assert p.counts().codings == 1
    run(go())
    p.close()


def test_the_app_opens_it_with_D_and_redraws_the_reader_after(project):
    from coder.tui.app import make_app
    from coder.tui.widgets.reader import Reader

    async def go():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            reader = app.screen.query_one(Reader)
            assert [c.coder for c in reader.codings_at(1)] == ["Anna"]
            await pilot.press("D")
            await pilot.pause()
            assert isinstance(app.screen, DisagreementsScreen)
            await pilot.press("2")            # keep Bjørn's side of «Jobber hjemme»
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one(Reader) is reader
            assert reader.codings_at(1) == []
            assert [c.coder for c in reader.codings_at(5)] == ["Bjørn"]
    run(go())


def test_the_command_palette_offers_it(project):
    from coder.tui.app import make_app
    from coder.tui.commands import CoderCommands

    async def go():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            titles = [title for title, _help, _cb in CoderCommands(app.screen)._commands()]
            assert "Disagreements between coders" in titles
    run(go())
