"""Small dialogs: a one-line prompt (the in-vivo code), a memo editor, the coders filter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, SelectionList, TextArea

from coder.tui import strings as S


class Prompt(ModalScreen[str | None]):
    """One line of text, editable; Enter gives it back, escape gives None."""
    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = " ".join(event.value.split())
        self.dismiss(value or None)


class MemoEditor(ModalScreen[str | None]):
    """A memo: ctrl+s saves (an empty memo removes it), escape leaves it as it was."""
    BINDINGS = [Binding("escape", "dismiss(None)", show=False),
                Binding("ctrl+s", "save", show=False, priority=True)]

    def __init__(self, title: str, memo: str | None) -> None:
        super().__init__()
        self.title_text, self.memo = title, memo or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="memo"):
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.memo, id="memo-text")
            yield Label(S.MEMO_HINT, classes="dialog-hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)


class CodersFilter(ModalScreen[tuple[set[str], bool] | None]):
    """Whose codings the reader shows, and whether the margin is coloured by coder."""
    BINDINGS = [Binding("escape", "dismiss(None)", show=False),
                Binding("enter", "apply", show=False, priority=True)]

    def __init__(self, coders: list[str], shown: set[str], by_coder: bool) -> None:
        super().__init__()
        self.coders, self.shown, self.by_coder = coders, shown, by_coder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(S.CODERS_TITLE, classes="dialog-title")
            yield SelectionList(*[(name, name, name in self.shown) for name in self.coders])
            yield Checkbox(S.CODERS_COLOUR, self.by_coder)
            yield Label(S.CODERS_HINT, classes="dialog-hint")

    def action_apply(self) -> None:
        chosen = set(self.query_one(SelectionList).selected)
        self.dismiss((chosen, self.query_one(Checkbox).value))
