"""The app's language: chosen at start (`coder.i18n.resolve`: --lang, CODER_LANG, the
config file, the locale), switched at run time from the command palette, remembered in the
config file. A switch rebuilds the coding screen (keeping the open document, cursor,
selection and coders shown) and the SDI screen on top of it, so every label, title and
footer is drawn again in the new language."""

from __future__ import annotations

from textual.app import App

from coder import i18n
from coder.core import user_config
from coder.tui import strings as S


def start_language(explicit: str | None = None) -> str:
    language = i18n.resolve(explicit, user_config.language())
    i18n.set_language(language)
    return language


class LanguageSwitch(App):
    """Mixed into CoderApp: the two palette commands and the redraw."""

    async def action_language_nb(self) -> None:
        await self.switch_language("nb")

    async def action_language_en(self) -> None:
        await self.switch_language("en")

    async def switch_language(self, language: str) -> None:
        i18n.set_language(language)
        try:
            user_config.set_language(language)
        except OSError as exc:
            self.notify(f"{exc.filename}: {exc.strerror}", severity="warning")
        await self.redraw_screens()
        self.refresh_bindings()
        self.notify(S.LANGUAGE_SET, timeout=3)

    async def redraw_screens(self) -> None:
        from coder.tui.screens.main import MainScreen
        main = next(s for s in self.screen_stack if isinstance(s, MainScreen))
        above = [type(s).__name__ for s in self.screen_stack[self.screen_stack.index(main) + 1:]
                 if not s.is_modal]
        reader = main.reader
        kept = (main.document_id, reader.selection_anchor, reader.cursor, main.shown_coders, reader.colour_by_coder)
        while self.screen is not main:
            await self.pop_screen()
        fresh = MainScreen(main.project)
        await self.switch_screen(fresh)
        document_id, anchor, cursor, shown, by_coder = kept
        fresh.set_coders(shown, by_coder)
        if document_id is not None:
            fresh.open_document(document_id, select=None if anchor is None else (anchor, cursor))
            if anchor is None:
                fresh.reader.cursor = cursor
        reopen = {"CodebookScreen": "codebook", "ReviewScreen": "review", "DisagreementsScreen": "disagreements"}
        for name in above[-1:]:
            if name in reopen:
                await self.run_action(reopen[name])
