"""The help screen: every binding of the app, the reader and the code list, with the keys
the user's keymap gives them and the descriptions in the current language."""

from __future__ import annotations

from typing import cast

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from coder.i18n import _
from coder.tui import strings as S
from coder.tui.keymap import with_ids

KEY_NAMES = {"slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]"}


def binding_rows(bindings, keymap: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(keys, description) per binding, keys of the same action joined."""
    rows: dict[str, list[str]] = {}
    for b in bindings:
        if isinstance(b, tuple):
            b = Binding(*b)
        key = (keymap or {}).get(b.id or "", b.key)
        rows.setdefault(_(b.description) if b.description else b.action, []).append(key)
    return [(", ".join(dict.fromkeys(KEY_NAMES.get(k, k) for keys in ks for k in keys.split(","))), desc)
            for desc, ks in rows.items()]


# The keys every screen of the SDI work shares with the coding screen (#16).
SCREEN_KEYS = [
    Binding("f2", "app.coding", S.msgid.KEY_SCREEN_CODING, priority=True),   # shown: the app's own is hidden
    Binding("escape", "back", S.msgid.KEY_BACK, show=False),
    Binding("question_mark,f1", "help", S.msgid.KEY_HELP),
    Binding("q", "app.quit", S.msgid.KEY_QUIT),
]


class ScreenKeys:
    """`?` on a screen: its own keys, then the keys that switch screens."""

    def action_help(self) -> None:
        screen = cast(Screen, self)
        screen.app.push_screen(HelpScreen([(S.HELP_THIS_SCREEN, screen.BINDINGS),
                                           (S.HELP_SECTIONS["screens"], screen.app.BINDINGS)]))


class HelpScreen(ModalScreen[None]):
    BINDINGS = with_ids("help", [Binding("escape,q,question_mark,f1", "dismiss(None)", show=False)])

    def __init__(self, sections: list[tuple[str, list]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False, expand=False)
        table.add_column(style="bold cyan", no_wrap=True, min_width=22)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(f"[b]{title}[/b]", "")
            for keys, description in binding_rows(bindings, getattr(self.app, "keymap", None)):
                table.add_row("  " + keys, description)
            table.add_row("", "")
        with VerticalScroll(classes="dialog", id="help"):
            yield Label(S.HELP_TITLE, classes="dialog-title")
            yield Static(table)
            yield Label(S.HELP_HINT, classes="dialog-hint")
