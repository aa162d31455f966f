"""Small modal dialogs the SDI screens share: a one-line prompt, a fuzzy picker and a
memo editor. Each dismisses with the answer, or None when cancelled with Escape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 80%; max-width: 110; height: auto; max-height: 80%;
    border: thick $accent; background: $surface; padding: 0 1; }}
{name} Label {{ width: 1fr; margin-bottom: 1; }}
{name} OptionList {{ height: auto; max-height: 20; }}
{name} TextArea {{ height: 12; }}
"""


class TextPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="TextPrompt")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(self.value, id="prompt-input", select_on_focus=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class FuzzyPicker(ModalScreen[Any]):
    """Type to filter `choices` (label, value) with rapidfuzz; Enter picks."""
    DEFAULT_CSS = DIALOG_CSS.format(name="FuzzyPicker")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"),
                Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)]
    LIMIT = 200

    def __init__(self, title: str, choices: Sequence[tuple[str, Any]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, list(choices)
        self.shown: list[tuple[str, Any]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(placeholder="type to filter", id="picker-input")
            yield OptionList(id="picker-options", markup=False)

    def on_mount(self) -> None:
        self._filter("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    def _filter(self, query: str) -> None:
        if query.strip():
            from rapidfuzz import fuzz, process, utils
            found = process.extract(query, [label for label, _ in self.choices], scorer=fuzz.WRatio,
                                    processor=utils.default_process, limit=self.LIMIT, score_cutoff=50)
            self.shown = [self.choices[i] for _label, _score, i in found]
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


class MemoEditor(ModalScreen[str | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="MemoEditor")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, title: str, memo: str | None) -> None:
        super().__init__()
        self.title_text, self.memo = title, memo or ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{self.title_text}   (ctrl+s saves, escape cancels)")
            yield TextArea(self.memo, id="memo-text")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
