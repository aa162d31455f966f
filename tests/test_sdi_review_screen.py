"""Drive the review screen with Pilot: the tree, the matrix, co-occurrence and the bars."""

import asyncio

from textual.widgets import DataTable, OptionList, Tree

from coder.tui.screens.review import ReviewScreen, bars
from tests.sdi_fixtures import INTERVIEW_A, INTERVIEW_B, build
from tests.sdi_host import Host


def run(tmp_path, script):
    p, ids, ref = build(tmp_path / "p.coder")
    app = Host(p, ReviewScreen)

    async def go():
        async with app.run_test(size=(140, 44)) as pilot:
            await pilot.pause()
            await script(pilot, app.screen, p, ids, ref)
    asyncio.run(go())
    return app


def labels(node) -> list[str]:
    return [str(child.label) for child in node.children]


def test_tree_counts_and_enter_on_a_quote_opens_it(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        tree = screen.query_one(Tree)
        assert labels(tree.root) == [
            "Theme 1 Lav digital modenhet og teknologifrykt — 2 groups, 4 codes, 5 quotes",
            "Groups without a theme (1)", "Ungrouped codes (3)"]
        theme = tree.root.children[0]
        assert labels(theme)[0] == "Group 1 Ansatte sin frykt for digitale løsninger — 3 codes, 4 quotes"
        assert labels(tree.root.children[1]) == ["Group 3 Restgruppe (rest group) — 1 code, 1 quote"]
        # open theme → group → the code with two quotes, then Enter on its second quote
        await pilot.press("down", "space", "down", "space", "down", "space")
        await pilot.pause()
        code = theme.children[0].children[0]
        long_quote = INTERVIEW_A[:INTERVIEW_A.index('Kommunen')].strip()
        first, second = labels(code)          # a long quote is cut to keep its informant in view (#16)
        assert first.startswith(f"«{long_quote[:60]}") and first.endswith("…» — Intervju A, Informant A")
        assert second == "«Folk er redde for at vi skal digitalisere.» — Intervju A, Informant A"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        start = INTERVIEW_A.index("Folk er redde")
        assert pilot.app.opened == [(ref["A"], start, start + len("Folk er redde for at vi skal digitalisere."))]
    run(tmp_path, script)


def test_matrix_switches_rows_and_columns_and_opens_a_cell(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        screen.query_one("#review-tabs").active = "tab-matrix"
        await pilot.pause()
        table = screen.query_one("#matrix", DataTable)
        assert [str(c.label) for c in table.columns.values()] == \
            ["theme", "Intervju A", "Intervju B", "Intervjuguide", "Σ"]
        assert table.get_row_at(0)[1:] == [4, 1, "", 5]
        await pilot.press("r")                        # rows: groups
        await pilot.press("c")                        # columns: informant
        await pilot.pause()
        assert [str(c.label) for c in table.columns.values()] == ["group", "Informant A", "Informant B", "(none)", "Σ"]
        assert [table.get_row_at(r)[1:] for r in range(3)] == [[3, 1, "", 4], [1, "", "", 1], [1, "", "", 1]]
        table.focus()
        table.move_cursor(row=0, column=2)
        await pilot.press("enter")
        await pilot.pause()
        quotes = screen.query_one("#matrix-quotes", OptionList)
        assert quotes.option_count == 1
        assert str(quotes.get_option_at_index(0).prompt) == \
            "[Teknologifrykt] «Det handler om teknologifrykt.» — Intervju B, Informant B"     # with its code
        await pilot.press("enter")
        await pilot.pause()
        start = INTERVIEW_B.index("Det handler")
        assert pilot.app.opened == [(ref["B"], start, start + len("Det handler om teknologifrykt."))]
    run(tmp_path, script)


def test_cooccurrence_per_scope_and_bars(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        screen.query_one("#review-tabs").active = "tab-cooc"
        await pilot.pause()
        table = screen.query_one("#cooc-table", DataTable)
        assert table.row_count == 1 and table.get_row_at(0)[0] == 1
        scopes = screen.query_one("#cooc-scopes", OptionList)
        scopes.highlighted = 2                         # Gruppe 2: one code, nothing overlaps
        await pilot.pause()
        assert table.row_count == 0
        assert "No overlapping codings" in str(screen.query_one("#cooc-help").render())
        chart = str(screen.query_one("#bars").render())
        assert "Theme 1 Lav digital modenhet og teknologifrykt" in chart and chart.count("█") == 40 * 2 + 10 * 2
    run(tmp_path, script)


def test_bars_scale_to_the_largest():
    assert bars([("a", 4), ("b", 2), ("c", 0)], width=8, label_width=2).splitlines() == [
        "a  ████████ 4", "b  ████ 2", "c  ▏ 0"]


def test_an_empty_project_opens_and_switches_tabs(tmp_path):
    from coder.core import Project
    p = Project.create(tmp_path / "empty.coder", coder="t")
    app = Host(p, ReviewScreen)

    async def go():
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            assert len(app.screen.query_one(Tree).root.children) == 0
            for tab in ("tab-matrix", "tab-cooc", "tab-bars", "tab-tree"):
                app.screen.query_one("#review-tabs").active = tab
                await pilot.press("r", "c", "enter", "ctrl+r")
                await pilot.pause()
            assert app.screen.query_one("#matrix", DataTable).row_count == 0
    asyncio.run(go())
