"""The SDI screens inside the real app: F3 and F4 open them, Enter on a quote in the
review opens the reader at that quote."""

import asyncio

from coder.tui.app import make_app
from coder.tui.screens.codebook import CodebookScreen
from coder.tui.screens.review import ReviewScreen
from tests.sdi_fixtures import INTERVIEW_A, build


def test_codebook_and_review_in_the_app_and_a_quote_opens_in_the_reader(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    app = make_app(p)

    async def go():
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, CodebookScreen)
            app.screen.left.select_key(f"code:{ids['plan']}")
            await pilot.press("g", "enter")               # a group named after the code
            await pilot.pause()
            assert p.grouping.groups()[-1].code_ids == (ids["plan"],)
            await pilot.press("f4")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("down", "space", "down", "space", "down", "space", "down", "down", "enter")
            await pilot.pause()
            reader = app.main_screen.reader
            start = INTERVIEW_A.index("Folk er redde")
            assert app.screen is app.main_screen
            assert reader.selection == (start, start + len("Folk er redde for at vi skal digitalisere."))
    asyncio.run(go())


def test_the_command_palette_opens_the_review(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    app = make_app(p)

    async def go():
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Review: theme tree")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
    asyncio.run(go())
