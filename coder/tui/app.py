"""The app host: holds the Project as `app.project`, opens the coding screen, and lets
other screens (codebook, review, disagreements) be pushed by bindings and commands."""

from __future__ import annotations

import importlib

from textual.app import App
from textual.binding import Binding

from coder.tui import strings as S
from coder.tui.commands import CoderCommands
from coder.tui.screens.disagreements import DisagreementsScreen
from coder.tui.screens.main import MainScreen


class CoderApp(App):
    CSS_PATH = "app.tcss"
    TITLE = S.TITLE
    COMMANDS = App.COMMANDS | {CoderCommands}
    BINDINGS = [
        Binding("f3", "codebook", S.KEY_SCREEN_CODEBOOK, priority=True, show=False),
        Binding("f4", "review", S.KEY_SCREEN_REVIEW, priority=True, show=False),
    ]

    def __init__(self, project) -> None:
        super().__init__()
        self.project = project
        self.sub_title = str(project.path)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.project))

    def action_disagreements(self) -> None:
        """Passages coded by one coder and not another; the reader is redrawn after."""
        self.push_screen(DisagreementsScreen(), lambda _result: self.main_screen.refresh_all())

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # ---- the SDI screens (loaded on first use; opened afresh over the coding screen) ----
    def _back_to_main(self) -> MainScreen:
        main = self.main_screen
        while self.screen is not main:
            self.pop_screen()
        main.refresh_all()        # codes may have been merged, renamed or undone meanwhile
        return main

    def _show(self, module: str, cls: str) -> None:
        self._back_to_main()
        self.push_screen(getattr(importlib.import_module(module), cls)())

    def action_codebook(self) -> None:
        self._show("coder.tui.screens.codebook", "CodebookScreen")

    def action_review(self) -> None:
        self._show("coder.tui.screens.review", "ReviewScreen")

    def on_open_quote(self, message) -> None:
        """The review screen asks for a quote in the reader."""
        self._back_to_main().open_document(message.document_id, select=(message.start, message.end))


def make_app(project) -> CoderApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return CoderApp(project)
