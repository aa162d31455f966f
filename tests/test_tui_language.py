"""The app in bokmål and English: snapshots in nb, a switch from the command palette that
redraws the screen and is remembered, commands found by words in either language, and a
key remapped through the config file's [keymap]."""

from __future__ import annotations

import asyncio
import os
import tomllib
from pathlib import Path

from textual.command import CommandList
from textual.widgets import Label

from coder import i18n
from coder.core import user_config
from coder.tui.app import make_app
from coder.tui.commands import CoderCommands
from coder.tui.screens.codebook import CodebookScreen
from coder.tui.screens.help import binding_rows
from coder.tui.screens.main import MainScreen
from coder.tui.screens.search import SearchScreen
from tests.sdi_fixtures import build
from tests.sdi_host import Host
from tests.test_tui_snapshots import TEXT, coded_project


def run(coro):
    return asyncio.run(coro)


async def choose_in_palette(pilot, query: str, title: str) -> None:
    """Open the palette, type, wait for the command to be listed first, take it."""
    await pilot.press("ctrl+p", *query)
    for _ in range(100):
        await pilot.pause(0.05)
        listed = pilot.app.screen.query(CommandList)
        if listed and listed.first().option_count and \
                title in str(listed.first().get_option_at_index(0).prompt):
            break
    await pilot.press("enter")
    await pilot.pause()


def footer_text(screen) -> str:
    return " ".join(str(key.description) for key in screen.query("FooterKey"))


def test_main_screen_in_bokmal(snap_compare, tmp_path):
    project = coded_project(tmp_path / "p.coder")
    assert snap_compare(make_app(project, language="nb"), terminal_size=(150, 30))


def test_codebook_screen_in_bokmal(snap_compare, tmp_path):
    project, ids, ref = build(tmp_path / "p.coder")
    project.grouping.set_check("code", ids["plan"], "q1", "passed")
    i18n.set_language("nb")          # the host is not the app: set the language as the app does

    async def open_group(pilot):
        screen = pilot.app.screen
        screen.right.focus()
        screen.right.select_key(f"group:{ref['frykt']}")
        await pilot.press("enter")

    assert snap_compare(Host(project, CodebookScreen), terminal_size=(100, 32), run_before=open_group)


def test_the_language_is_switched_from_the_palette_and_remembered(tmp_path):
    config = Path(os.environ["CODER_CONFIG"])
    config.write_text('coder = "ann"\n\n[keymap]\n"coding.help" = "f1"\n', encoding="utf-8")
    project = coded_project(tmp_path / "p.coder")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(150, 30)) as pilot:
            reader = app.screen.query_one("Reader")
            reader.select(TEXT.index("Lederne"), TEXT.index("Lederne") + len("Lederne tok"))
            assert app.screen.query_one(".pane-title", Label).render().plain == "Documents"
            await choose_in_palette(pilot, "norsk", "Norsk")
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.query_one(".pane-title", Label).render().plain == "Dokumenter"
            assert "Kode" in footer_text(screen) and "Angre" in footer_text(screen)
            assert screen.reader.selection == (TEXT.index("Lederne"), TEXT.index("Lederne") + len("Lederne tok"))
            assert i18n.language() == "nb"
            # and back, found by its Norwegian word in the Norwegian app
            await choose_in_palette(pilot, "engelsk", "English")
            assert app.screen.query_one(".pane-title", Label).render().plain == "Documents"
            assert "Code" in footer_text(app.screen)
    run(task())
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved == {"coder": "ann", "language": "en", "keymap": {"coding.help": "f1"}}


def test_the_codebook_screen_is_redrawn_in_the_new_language(tmp_path):
    project, _ids, _ref = build(tmp_path / "p.coder")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(150, 40)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            assert app.screen.left.border_title.startswith("Ungrouped codes")
            await choose_in_palette(pilot, "norsk", "Norsk")
            assert isinstance(app.screen, CodebookScreen)
            assert app.screen.left.border_title.startswith("Ugrupperte koder")
            assert "Grupper" in footer_text(app.screen)
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert app.screen.query_one(".pane-title", Label).render().plain == "Dokumenter"
    run(task())


def test_the_app_starts_in_the_configured_language(tmp_path, monkeypatch):
    monkeypatch.delenv("CODER_LANG")
    user_config.set_language("nb")
    project = coded_project(tmp_path / "p.coder")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.pause()
            assert app.screen.query_one(".pane-title", Label).render().plain == "Dokumenter"
    run(task())


def test_the_palette_finds_actions_by_words_in_either_language(tmp_path):
    project = coded_project(tmp_path / "p.coder")

    async def search(app, query: str) -> list[str]:
        return [hit.text async for hit in CoderCommands(app.screen).search(query)]

    async def task(language: str):
        app = make_app(project, language=language)
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.pause()
            return {query: await search(app, query)
                    for query in ("kodegruppe", "søk i materialet", "search the corpus", "norsk", "english")}

    en = run(task("en"))
    assert "Codebook: code groups, themes, concepts, code test" in en["kodegruppe"]
    assert "Search the corpus" in en["søk i materialet"] and "Search the corpus" in en["search the corpus"]
    assert "Norsk: the app in Norwegian (bokmål)" in en["norsk"]
    nb = run(task("nb"))
    assert "Kodebok: kodegrupper, temaer, konsepter, kodetest" in nb["kodegruppe"]
    assert "Søk i materialet" in nb["søk i materialet"] and "Søk i materialet" in nb["search the corpus"]
    assert "English: appen på engelsk" in nb["english"]


def test_a_key_is_remapped_through_the_keymap(tmp_path):
    Path(os.environ["CODER_CONFIG"]).write_text('[keymap]\n"coding.search" = "ctrl+f"\n', encoding="utf-8")
    project = coded_project(tmp_path / "p.coder")

    async def task():
        app = make_app(project)
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            assert not isinstance(app.screen, SearchScreen)      # the old key is free
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)
            assert ("ctrl+f", "Search") in binding_rows(MainScreen.BINDINGS, app.keymap)    # as ? shows it
    run(task())


def test_setting_the_language_keeps_the_other_keys_and_comments(tmp_path):
    config = Path(os.environ["CODER_CONFIG"])
    config.write_text('# mine\ncoder = "ann"\nlanguage = "en"\n\n[keymap]\n"coding.code" = "k"\n', encoding="utf-8")
    user_config.set_language("nb")
    assert config.read_text(encoding="utf-8") == '# mine\ncoder = "ann"\nlanguage = "nb"\n\n[keymap]\n"coding.code" = "k"\n'
    assert user_config.language() == "nb" and user_config.keymap() == {"coding.code": "k"}


def test_counts_on_screen_have_real_plurals_in_both_languages():
    from coder.tui import strings as S
    expected = {"en": ["Coded 0 passages with «x».", "Coded 1 passage with «x».", "Coded 2 passages with «x».",
                       "Coded 5 passages with «x».", "Coded 21 passages with «x»."],
                "nb": ["Kodet 0 utdrag med «x».", "Kodet 1 utdrag med «x».", "Kodet 2 utdrag med «x».",
                       "Kodet 5 utdrag med «x».", "Kodet 21 utdrag med «x»."]}
    for language, texts in expected.items():
        with i18n.using(language):
            assert [S.autocoded(n, "x") for n in (0, 1, 2, 5, 21)] == texts
    with i18n.using("nb"):
        assert [S.groups(n) for n in (1, 2)] == ["1 kodegruppe", "2 kodegrupper"]
        assert S.search_count("500+", 1, "setningen deres").startswith("500+ treff i 1 dokument ·")
        assert S.UNGROUPED == "Ugrupperte koder" and S.msgid.UNGROUPED == "Ungrouped codes"
    with i18n.using("en"):
        assert S.search_count(1, 2, "their sentence").startswith("1 hit in 2 documents ·")


def test_undo_names_the_action_in_bokmal(tmp_path):
    """The history keeps the English action; the toast says it in the reader's language."""
    project = coded_project(tmp_path / "p.coder")
    last = project.history.entries(1)[-1]

    async def task():
        app = make_app(project, language="nb")
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.press("ctrl+z")
            await pilot.pause()
            toasts = [str(n.message) for n in app._notifications]
            with i18n.using("nb"):
                said = i18n._(last.action)
            assert said != last.action
            assert f"Angret: {said} {last.object}".rstrip() in toasts, toasts
    run(task())
