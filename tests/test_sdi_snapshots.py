"""SVG snapshots of the codebook and review screens (update with --snapshot-update)."""

from __future__ import annotations

from coder.tui.screens.codebook import CodebookScreen
from coder.tui.screens.review import ReviewScreen
from tests.sdi_fixtures import build
from tests.sdi_host import Host


def test_codebook_screen_wraps_long_codes(snap_compare, tmp_path):
    project, ids, ref = build(tmp_path / "p.coder")
    project.grouping.set_check("code", ids["plan"], "q1", "passed")

    async def open_group(pilot):
        screen = pilot.app.screen
        screen.right.focus()
        screen.right.select_key(f"group:{ref['frykt']}")
        await pilot.press("enter")

    assert snap_compare(Host(project, CodebookScreen), terminal_size=(100, 32), run_before=open_group)


def test_review_tree_with_quotes(snap_compare, tmp_path):
    project, ids, ref = build(tmp_path / "p.coder")

    async def open_first_code(pilot):
        await pilot.press("down", "space", "down", "space", "down", "space")

    assert snap_compare(Host(project, ReviewScreen), terminal_size=(120, 24), run_before=open_first_code)
