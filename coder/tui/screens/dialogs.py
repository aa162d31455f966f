"""The app's small modal dialogs: a one-line prompt (the in-vivo code, names, numbers),
a memo editor, a fuzzy picker, the coders filter. Each dismisses with the answer, or
None when cancelled with escape. They are styled by the app's stylesheet (.dialog)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from coder.analysis.ranking import TextIndex
from coder.tui import strings as S
from coder.tui.keymap import with_ids


class Prompt(ModalScreen[str | None]):
    """One line of text, editable (the cursor at its end); Enter gives it back with its
    whitespace collapsed, or None when empty; escape gives None."""
    BINDINGS = with_ids("prompt", [Binding("escape", "dismiss(None)", show=False)])

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, id="prompt-input", select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(event.value.split()) or None)


class MemoEditor(ModalScreen[str | None]):
    """A memo: ctrl+s saves (an empty memo removes it), escape leaves it as it was."""
    BINDINGS = with_ids("memo", [Binding("escape", "dismiss(None)", show=False),
                Binding("ctrl+s", "save", show=False, priority=True)])

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


class FuzzyPicker(ModalScreen[Any]):
    """Type to filter `choices` (label, value) with rapidfuzz; Enter picks the value."""
    BINDINGS = with_ids("picker", [Binding("escape", "dismiss(None)", show=False),
                Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)])
    LIMIT = 200

    def __init__(self, title: str, choices: Sequence[tuple[str, Any]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, list(choices)
        self.shown: list[tuple[str, Any]] = []
        self._index: TextIndex | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=S.PICKER_PLACEHOLDER, id="picker-input")
            yield OptionList(id="picker-options", markup=False)
            yield Label(S.PICKER_HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self._filter("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, query: str) -> None:
        if query.strip():
            if self._index is None:     # the palette's rule: words, typos, prefixes, compounds
                self._index = TextIndex([label for label, _ in self.choices])
            self.shown = [self.choices[i] for i, _score in self._index.rank(query, self.LIMIT)]
        else:
            self.shown = self.choices[:self.LIMIT]
        options = self.query_one(OptionList)
        options.set_options([Option(label) for label, _ in self.shown])
        if self.shown:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = max(0, min((options.highlighted or 0) + step, options.option_count - 1))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._pick(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index][1])


class CodersFilter(ModalScreen[tuple[set[str], bool] | None]):
    """Whose codings the reader shows, and whether the margin is coloured by coder."""
    BINDINGS = with_ids("coders", [Binding("escape", "dismiss(None)", show=False),
                Binding("enter", "apply", show=False, priority=True)])

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
