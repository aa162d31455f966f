"""The app host: holds the Project as `app.project`, opens the coding screen, and lets
other screens (codebook, review, disagreements) be pushed by bindings and commands."""

from __future__ import annotations

from textual.app import App

from coder.tui import strings as S
from coder.tui.commands import CoderCommands
from coder.tui.screens.main import MainScreen


class CoderApp(App):
    CSS_PATH = "app.tcss"
    TITLE = S.TITLE
    COMMANDS = App.COMMANDS | {CoderCommands}

    def __init__(self, project) -> None:
        super().__init__()
        self.project = project
        self.sub_title = str(project.path)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.project))

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))


def make_app(project) -> CoderApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return CoderApp(project)
