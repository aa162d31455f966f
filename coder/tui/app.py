"""The app host: holds the Project as `app.project`, opens the coding screen, and
reaches the other screens (codebook, review, disagreements) by function keys and the
command palette. Those load on first use, so start-up stays light."""

from __future__ import annotations

import importlib

from textual.app import App
from textual.binding import Binding

from coder.tui import strings as S
from coder.tui.commands import CoderCommands
from coder.tui.screens.main import MainScreen

# Screens beside the coding screen: name → (module, class).
SCREENS_BY_NAME = {
    "codebook": ("coder.tui.screens.codebook", "CodebookScreen"),
    "review": ("coder.tui.screens.review", "ReviewScreen"),
    "disagreements": ("coder.tui.screens.disagreements", "DisagreementsScreen"),
}


class CoderApp(App):
    CSS_PATH = "app.tcss"
    TITLE = S.TITLE
    COMMANDS = App.COMMANDS | {CoderCommands}
    BINDINGS = [
        Binding("f2", "show('coding')", S.KEY_SCREEN_CODING, priority=True, show=False),
        Binding("f3", "show('codebook')", S.KEY_SCREEN_CODEBOOK, priority=True),
        Binding("f4", "show('review')", S.KEY_SCREEN_REVIEW, priority=True),
        Binding("f6", "show('disagreements')", S.KEY_SCREEN_DISAGREEMENTS, priority=True, show=False),
    ]

    def __init__(self, project) -> None:
        super().__init__()
        self.project = project
        self.sub_title = str(project.path)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.project))

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def _back_to_main(self) -> MainScreen:
        main = self.main_screen
        while self.screen is not main:
            self.pop_screen()
        return main

    def action_show(self, name: str) -> None:
        """Open a screen afresh on top of the coding screen (F2 goes back to coding)."""
        main = self._back_to_main()
        if name in SCREENS_BY_NAME:
            main.stale = True
            module, cls = SCREENS_BY_NAME[name]
            self.push_screen(getattr(importlib.import_module(module), cls)())

    def on_open_quote(self, message) -> None:
        """Another screen asks for a quote in the reader."""
        self._back_to_main().open_document(message.document_id, select=(message.start, message.end))

    # The command palette lists these through the screen it was opened from.
    def action_codebook(self) -> None:
        self.action_show("codebook")

    def action_review(self) -> None:
        self.action_show("review")

    def action_disagreements(self) -> None:
        self.action_show("disagreements")


def make_app(project) -> CoderApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return CoderApp(project)
