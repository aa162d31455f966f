"""The welcome panel on the first start: what the demo is, three keys to begin, and
where the demo file lives. Any of Enter, Escape or Space closes it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from coder.tui import strings as S


class WelcomeScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,space", "dismiss(None)", show=False)]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="welcome"):
            yield Label(S.WELCOME_TITLE, classes="dialog-title")
            yield Static(S.WELCOME_DEMO, markup=False)
            yield Static(S.WELCOME_KEYS, markup=False)
            yield Static(S.WELCOME_FILE.format(path=self.path), markup=False)
            yield Label(S.WELCOME_HINT, classes="dialog-hint")
