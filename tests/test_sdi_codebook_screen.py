"""Drive the codebook screen with Pilot and check the project after every step."""

import asyncio

from coder.tui.screens.codebook import CodebookScreen
from coder.tui.widgets.codebook_list import CodebookList
from tests.sdi_fixtures import CODES, build
from tests.sdi_host import Host


def progress(app) -> str:
    return str(app.screen.query_one("#sdi-progress").render())


def keys(lst: CodebookList) -> list[str]:
    return [r.key for r in lst.rows]


def run(tmp_path, script):
    p, ids, ref = build(tmp_path / "p.coder")
    app = Host(p, CodebookScreen)

    async def go():
        async with app.run_test(size=(140, 44)) as pilot:
            await pilot.pause()
            await script(pilot, app.screen, p, ids, ref)
    asyncio.run(go())
    return p


async def at(pilot, lst: CodebookList, key: str) -> None:
    lst.focus()
    lst.select_key(key)
    await pilot.pause()


def test_opens_with_grupperingstest_and_ungrouped_codes(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        assert progress(pilot.app).startswith("Grouping test: 5 of 8 codes grouped (62 %)")
        assert "2 flagged" in progress(pilot.app)
        assert keys(screen.left) == [f"code:{ids[k]}" for k in ("courage", "guide_echo", "plan")]
        assert [k for k in keys(screen.right) if not k.startswith("code:")] == [
            f"theme:{ref['theme']}", f"group:{ref['frykt']}", f"group:{ref['presset']}",
            "head:no-theme", f"group:{ref['rest']}"]
        # the whole sentence is on screen, wrapped rather than cut
        assert screen.left.rows[0].text == CODES["courage"]
    run(tmp_path, script)


def test_mark_two_codes_and_move_them_through_the_palette(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.left, f"code:{ids['courage']}")
        await pilot.press("space", "down", "space")          # courage and plan (guide_echo skipped)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"presset", "enter")
        await pilot.pause()
        assert set(p.grouping.group(ref["presset"]).code_ids) == {ids["pressed"], ids["courage"], ids["plan"]}
        assert p.history.entries()[-1].action == "move codes" and p.history.entries()[-1].details == "2 codes"
        assert keys(screen.left) == [f"code:{ids['guide_echo']}"]
        assert progress(pilot.app).startswith("Grouping test: 7 of 8 codes grouped")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert p.grouping.group(ref["presset"]).code_ids == (ids["pressed"],)
        assert len(screen.left.rows) == 3
    run(tmp_path, script)


def test_new_group_starts_with_the_code_text_and_can_be_edited(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.left, f"code:{ids['plan']}")
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*" (mangler plan)", "enter")
        await pilot.pause()
        g = p.grouping.groups()[-1]
        assert (g.number, g.name, g.code_ids) == (4, CODES["plan"] + " (mangler plan)", (ids["plan"],))
        assert progress(pilot.app).startswith("Grouping test: 6 of 8")
        # rename and renumber it from the right-hand list
        await at(pilot, screen.right, f"group:{g.id}")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Mangler plan", "enter")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u", *"12", "enter")
        await pilot.pause()
        g = p.grouping.group(g.id)
        assert (g.number, g.name) == (12, "Mangler plan")
        assert [h.action for h in p.history.entries()[-3:]] == ["create group", "rename group", "renumber group"]
    run(tmp_path, script)


def test_restgruppe_theme_concept_and_memo(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.right, f"group:{ref['presset']}")
        await pilot.press("x")
        await pilot.pause()
        assert [g.id for g in p.grouping.groups() if g.is_rest] == [ref["presset"]]
        await at(pilot, screen.right, f"group:{ref['rest']}")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Irrelevant", "enter")
        await pilot.pause()
        theme = p.grouping.themes()[-1]
        assert (theme.number, theme.name, theme.group_ids) == (2, "Irrelevant", (ref["rest"],))
        await at(pilot, screen.right, f"group:{ref['presset']}")
        await pilot.press("T")
        await pilot.pause()
        await pilot.press(*"Irrelevant", "enter")
        await pilot.pause()
        assert p.grouping.themes()[-1].group_ids == (ref["rest"], ref["presset"])     # in the order placed (#14)
        await at(pilot, screen.right, f"group:{ref['frykt']}")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Teknologiangst", "enter")
        await pilot.pause()
        (concept,) = p.grouping.concepts()
        assert (concept.name, concept.group_ids) == ("Teknologiangst", (ref["frykt"],))
        await at(pilot, screen.right, f"concept:{concept.id}")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"Abstrakt nok?", "ctrl+s")
        await pilot.pause()
        assert p.grouping.concepts()[0].memo == "Abstrakt nok?"
        await pilot.press("1")                               # konsepttest
        await pilot.pause()
        assert p.grouping.checks("concept") == {concept.id: {"k1": "passed"}}
    run(tmp_path, script)


def test_kodetest_verdicts_cycle_and_show_in_the_row(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.left, f"code:{ids['plan']}")
        await pilot.press("1", "2", "2")
        await pilot.pause()
        assert p.grouping.checks("code") == {ids["plan"]: {"q1": "passed", "q2": "failed"}}
        assert screen.left.row.note.endswith("[✓✗]")
        assert "1 failed" in progress(pilot.app)
        detail = str(screen.query_one("#sdi-detail").render())
        assert "Kodetest Q1: passed" in detail and "Kodetest Q2: failed" in detail
        await at(pilot, screen.left, f"code:{ids['guide_echo']}")
        detail = str(screen.query_one("#sdi-detail").render())
        assert "interview guide's question «Hvordan jobber kommunen med digitalisering?»" in detail
        assert "could have been written before reading the data" in detail
    run(tmp_path, script)


def test_the_screen_says_when_no_guide_is_imported_and_shows_the_restgruppe(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        lines = progress(pilot.app).split("\n")
        assert "rest group 1 of 8 (12 %) ⚠ over 10 %" in lines[0]
        assert "no interview guide" not in lines[1]                  # the fixture has one
        p.documents.delete(p.documents.by_name("Intervjuguide").id)
        screen.reload()
        await pilot.pause()
        assert "no interview guide: no guide check" in progress(pilot.app)
        screen.right.focus()
        screen.right.select_key(f"group:{ref['presset']}")
        await pilot.pause()
        assert screen.right.row.note == "⚑ bare topic"
        assert "the group name is a bare topic («Presset arbeidshverdag»)" in str(screen.query_one("#sdi-detail").render())
    run(tmp_path, script)


def test_merge_two_codes_moves_codings(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.left, f"code:{ids['courage']}")
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"vi har ikke kommet dit", "enter")
        await pilot.pause()
        assert p.codes.by_text(CODES["courage"]) is None
        assert p.codes.get(ids["plan"]).codings == 2
        assert p.history.entries()[-1].action == "merge codes"
        assert f"code:{ids['courage']}" not in keys(screen.left)
    run(tmp_path, script)


def test_near_duplicates_are_offered_for_merging(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        dup = p.codes.add("folk er redde for at vi skal digitalisere alt")
        screen.reload()
        await pilot.press("d")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert p.codes.by_text("folk er redde for at vi skal digitalisere alt") is None
        assert p.history.entries()[-1].details.startswith("«folk er redde for at vi skal digitalisere alt»")
        assert dup not in {c.id for c in p.codes.list()}
    run(tmp_path, script)


def test_split_a_group_from_its_opened_codes(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.right, f"group:{ref['frykt']}")
        await pilot.press("enter")                           # open the group: its codes appear
        await pilot.pause()
        assert f"code:{ids['techfear']}" in keys(screen.right)
        screen.right.select_key(f"code:{ids['techfear']}")
        await pilot.press("space", "s")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Teknologifrykt", "enter")
        await pilot.pause()
        new = p.grouping.groups()[-1]
        assert (new.number, new.name, new.code_ids, new.theme_id) == \
            (4, "Teknologifrykt", (ids["techfear"],), ref["theme"])
        assert ids["techfear"] not in p.grouping.group(ref["frykt"]).code_ids
    run(tmp_path, script)


def test_quotes_on_demand_and_errors_change_nothing(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await at(pilot, screen.left, f"code:{ids['plan']}")
        assert "Vi har ikke kommet dit ennå»" not in str(screen.query_one("#sdi-detail").render())
        await pilot.press("v")
        await pilot.pause()
        detail = str(screen.query_one("#sdi-detail").render())
        assert "«Vi har ikke kommet dit ennå» — Intervju B, Informant B" in detail
        before = len(p.history.entries())
        await at(pilot, screen.right, f"group:{ref['presset']}")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u", "1", "enter")              # number 1 is taken
        await pilot.pause()
        assert len(p.history.entries()) == before and p.grouping.group(ref["presset"]).number == 2
    run(tmp_path, script)


def test_test_questions_are_reworded_from_the_screen(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await pilot.press("Q")
        await pilot.pause()
        await pilot.press(*"Q2", "enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Sier koden hva som ble sagt?", "enter")
        await pilot.pause()
        assert p.grouping.check_questions("code")[1]["prompt"] == "Sier koden hva som ble sagt?"
        await at(pilot, screen.left, f"code:{ids['plan']}")
        assert "Kodetest Q2: unchecked — Sier koden hva som ble sagt?" in str(screen.query_one("#sdi-detail").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert p.grouping.check_questions("code")[1]["prompt"].startswith("Does the code say what was said")
    run(tmp_path, script)


def test_long_codes_wrap_instead_of_being_cut(tmp_path):
    from coder.tui.widgets.codebook_list import wrap
    text = "Man er så presset i hverdagen at man ikke ser at digitalisering er endel av løsningen"
    lines = wrap(text, 30)
    assert " ".join(lines) == text and all(len(line) <= 30 for line in lines) and len(lines) == 4

    async def script(pilot, screen, p, ids, ref):
        lst = screen.left
        row = lst.rows[lst.index_of(f"code:{ids['plan']}")]
        wrapped = lst._lines[lst.index_of(row.key)]
        assert len(wrapped) >= 1 and " ".join(wrapped).startswith(row.text)
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        wrapped = lst._lines[lst.index_of(row.key)]
        assert len(wrapped) >= 3 and " ".join(wrapped).startswith(row.text)
        assert lst.virtual_size.height == sum(len(x) for x in lst._lines)
    run(tmp_path, script)


def test_go_to_a_flagged_code_inside_its_group_and_judge_it(tmp_path):
    async def script(pilot, screen, p, ids, ref):
        await pilot.press("F")                               # the picker of flagged codes (f jumps)
        await pilot.pause()
        await pilot.press(*"teknologi", "enter")           # flagged: a bare topic word; sits in Gruppe 1
        await pilot.pause()
        assert screen.focused is screen.right
        assert screen.right.row.key == f"code:{ids['techfear']}"
        await pilot.press("2", "2")                          # Q2: passed → failed
        await pilot.pause()
        assert p.grouping.checks("code") == {ids["techfear"]: {"q2": "failed"}}
        assert screen.right.row.note == "⚑ topic [·✗]"
    run(tmp_path, script)


def test_an_empty_project_takes_every_key_without_harm(tmp_path):
    from coder.core import Project
    p = Project.create(tmp_path / "empty.coder", coder="t")
    app = Host(p, CodebookScreen)

    async def go():
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            assert progress(app).startswith("Grouping test: 0 of 0 codes grouped (0 %)")
            for key in ("g", "m", "x", "r", "n", "M", "s", "t", "T", "c", "l", "e", "1", "v", "delete",
                        "ctrl+z", "ctrl+y", "tab", "space", "enter", "down", "pagedown", "end"):
                await pilot.press(key)
                await pilot.pause()
                while len(app.screen_stack) > 2:             # a dialog opened: cancel it
                    await pilot.press("escape")
                    await pilot.pause()
            await pilot.press("d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, CodebookScreen)
    asyncio.run(go())
    assert p.history.entries() == []


def test_the_duplicate_threshold_is_a_setting_set_from_the_screen(tmp_path):
    from coder.core import similar

    async def script(pilot, screen, p, ids, ref):
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("ctrl+u", *"70", "enter")
        await pilot.pause()
        assert similar.threshold(p) == 70
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("ctrl+u", *"lots", "enter")
        await pilot.pause()
        assert similar.threshold(p) == 70 and p.history.entries()[-1].action == "set setting"
    run(tmp_path, script)


def test_codes_and_groups_are_put_in_the_researchers_order_and_undone(tmp_path):
    """#14: alt+up moves a code up in its group, ] a group down in its theme; the export
    writes that order; ctrl+z takes each back."""
    import csv

    from coder.exchange.codebook_export import export_codebook

    def exported(p) -> list[tuple[str, str]]:
        out = tmp_path / "codebook.csv"
        export_codebook(p, out, "csv")
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        return [(r["group"], r["code"]) for r in rows if r["theme"]]   # the codes of the theme

    async def script(pilot, screen, p, ids, ref):
        frykt, presset = ref["frykt"], ref["presset"]
        before = exported(p)
        await at(pilot, screen.right, f"group:{frykt}")
        await pilot.press("enter")                                # open the group: its codes in order
        await pilot.pause()
        assert p.grouping.group(frykt).code_ids == (ids["fear_jobs"], ids["fear"], ids["techfear"])
        await at(pilot, screen.right, f"code:{ids['techfear']}")
        await pilot.press("alt+up")
        await pilot.pause()
        assert p.grouping.group(frykt).code_ids == (ids["fear_jobs"], ids["techfear"], ids["fear"])
        assert screen.right.row.key == f"code:{ids['techfear']}"     # the cursor went with it
        codes = [k for k in keys(screen.right) if k.startswith("code:")]
        assert codes == [f"code:{ids[k]}" for k in ("fear_jobs", "techfear", "fear")]
        assert [c for _, c in exported(p)][:3] == [CODES["fear_jobs"], CODES["techfear"], CODES["fear"]]

        await at(pilot, screen.right, f"group:{frykt}")
        await pilot.press("]")
        await pilot.pause()
        assert p.grouping.themes()[0].group_ids == (presset, frykt)
        assert screen.right.row.key == f"group:{frykt}"
        assert [k for k in keys(screen.right) if k.startswith("group:")][:2] == [f"group:{presset}", f"group:{frykt}"]
        assert exported(p)[0][1] == CODES["pressed"]
        await pilot.press("]")                                    # already last in its theme: nothing happens
        await pilot.pause()
        assert p.history.entries()[-1].action == "reorder"
        assert p.grouping.themes()[0].group_ids == (presset, frykt)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert p.grouping.themes()[0].group_ids == (frykt, presset)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert p.grouping.group(frykt).code_ids == (ids["fear_jobs"], ids["fear"], ids["techfear"])
        assert exported(p) == before

        # a code in no group has no order to change: a notice, nothing written
        entries = len(p.history.entries())
        await at(pilot, screen.left, f"code:{ids['plan']}")
        await pilot.press("alt+down")
        await pilot.pause()
        assert len(p.history.entries()) == entries

        # A: the group's codes back in Norwegian alphabetical order
        await at(pilot, screen.right, f"group:{frykt}")
        await pilot.press("A")
        await pilot.pause()
        assert p.grouping.group(frykt).code_ids == (ids["fear"], ids["fear_jobs"], ids["techfear"])
    run(tmp_path, script)
