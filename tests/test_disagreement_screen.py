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


def _options(screen, name, headings=False):
    """The lines of a list; of the code list, the code lines (not the group headings)."""
    ol = screen.query_one(f"#{name}", OptionList)
    options = [ol.get_option_at_index(i) for i in range(ol.option_count)]
    return [str(o.prompt).strip() for o in options if headings or not o.disabled]


def test_lists_codes_and_passages_and_keeps_a_side(project):
    async def go():
        async with Host(project).run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            assert _options(screen, "dis-codes", headings=True)[0].startswith("Not in a code group")
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


def test_codes_stand_under_their_kodegruppe_with_its_figures_and_the_table_exports(project, tmp_path):
    # Gruppe 1 holds «Jobber hjemme» and «Kollegene savnes». Per character (72): Anna
    # 0–19 and 21–38, Bjørn 3–19 → both 16, only Anna 20, only Bjørn 0, neither 36;
    # agreement 52/72 = 72.2 %; pA = .5, pB = 16/72, pe = .5 → κ = (52/72 − .5)/.5 = 0.444;
    # α = 1 − 143·20 / (52·92) = 0.402.
    group = project.grouping.create_group("Hjemmekontor", [project.codes.by_text("Jobber hjemme").id,
                                                  project.codes.by_text("Kollegene savnes").id])
    out = tmp_path / "tabell.xlsx"

    async def go():
        async with Host(project, coders=["Anna", "Bjørn"]).run_test(size=(200, 40)) as pilot:
            await pilot.pause()
            screen = pilot.app.screen
            lines = _options(screen, "dis-codes", headings=True)
            assert lines[0] == ("Group 1: Hjemmekontor — 72.2 % agree · κ 0.444 · α 0.402 · "
                                "both 16 · only Anna 20 · only Bjørn 0 · neither 36")
            assert lines[1:] == ["Jobber hjemme  (1)", "Kollegene savnes  (1)",
                                 "Not in a code group (not in the group figures)", "Ledelsen lytter ikke  (1)"]
            assert "unit character" in str(screen.query_one("#dis-figures").render())
            await pilot.press("u")            # sentences: the document has none, so no figures
            await pilot.pause()
            assert "no figures" in str(screen.query_one("#dis-figures").render())
            for _ in range(4):                # back round to characters
                await pilot.press("u")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            field = pilot.app.screen.query_one("#prompt-input")
            assert field.value.endswith("p-agreement-character.xlsx")
            field.value = str(out)
            await pilot.press("enter")
            await pilot.pause()
    run(go())
    import openpyxl
    rows = list(openpyxl.load_workbook(out).active.values)
    assert rows[0][:3] == ("kodegruppe", "document", "units")
    assert rows[1] == ("Group 1: Hjemmekontor", "all compared", 72, 36, 16, 16, 20, 0, 36, 72.2, 0.444, 0.402)
    assert rows[2][:2] == ("Group 1: Hjemmekontor", "D") and rows[-1][0] == "overall"
    assert group in {g.id for g in project.grouping.groups()}


def test_export_refuses_what_it_cannot_write(project, tmp_path):
    project.grouping.create_group("Hjemmekontor", [project.codes.by_text("Jobber hjemme").id])

    async def go():
        async with Host(project, coders=["Anna", "Bjørn"]).run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            pilot.app.screen.query_one("#prompt-input").value = str(tmp_path / "tabell.docx")
            await pilot.press("enter")
            await pilot.pause()
            messages = [n.message for n in pilot.app._notifications]
            assert any("name a .csv or .xlsx file" in m for m in messages)
    run(go())
    assert not (tmp_path / "tabell.docx").exists()
