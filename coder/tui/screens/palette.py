"""The code palette: type to narrow the codes (best first), Enter applies. Text that
matches no code becomes a new code, with a warning first if it nearly repeats one.
Dismisses with a code id (existing code), a str (new code) or None (cancelled)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from coder.analysis.ranking import CodeIndex
from coder.core import similar
from coder.core.models import Code
from coder.tui import strings as S
from coder.tui.keymap import with_ids

NEW = "new"


class CodePalette(ModalScreen[int | str | None]):
    BINDINGS = with_ids("palette", [
        Binding("escape", "dismiss(None)", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ])

    def __init__(self, codes: list[Code], title: str, initial: str = "", near_cutoff: float = similar.DEFAULT) -> None:
        """`near_cutoff`: the project's near-duplicate threshold (similar.threshold)."""
        super().__init__()
        self.index = CodeIndex(codes, near_cutoff)
        self.title_text = title
        self.initial = initial
        self._warned_for: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="palette", classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.initial, placeholder=S.PALETTE_PLACEHOLDER, id="palette-input")
            yield Label("", id="palette-note")
            yield OptionList(id="palette-options")
            yield Label(S.PALETTE_HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self._update(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, query: str) -> None:
        ranked = self.index.rank(query)
        text = " ".join(query.split())
        options = [Option(self._prompt(code), id=str(code.id)) for code, _ in ranked]
        note = ""
        if text and self.index.exact(text) is None:
            create = Option(Text(S.PALETTE_CREATE.format(text=text), style="bold"), id=NEW)
            close = self.index.closest(text)
            # Typing a piece of a code looks it up; anything else, even text close to a code
            # (then said so), writes a new code: Enter on the first row does what the note says.
            top = ranked[0][0] if ranked else None
            lookup = top is not None and (self.index.is_piece(top, text) or
                                          (close is None and self.index.holds(top, text)))
            options = options + [create] if lookup else [create] + options
            if close and not lookup:
                note = S.PALETTE_NEAR.format(code=close[0].text, score=close[1])
        self._warned_for = text if note else None      # seen: Enter on the create row creates
        self.query_one("#palette-note", Label).remove_class("warning")
        self.query_one("#palette-note", Label).update(note)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if options:
            option_list.highlighted = 0

    @staticmethod
    def _prompt(code: Code) -> Text:
        prompt = Text(code.text)
        prompt.append(f"  {S.PALETTE_COUNT.format(n=code.codings)}", style="dim")
        return prompt

    def action_move(self, delta: int) -> None:
        option_list = self.query_one(OptionList)
        if option_list.option_count:
            current = option_list.highlighted or 0
            option_list.highlighted = max(0, min(option_list.option_count - 1, current + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self._choose(option_list.get_option_at_index(option_list.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id is None:
            return
        if option_id != NEW:
            self.dismiss(int(option_id))
            return
        text = " ".join(self.query_one(Input).value.split())
        close = self.index.closest(text)
        if close and self._warned_for != text:
            self._warned_for = text     # said so once; Enter again creates it
            self.query_one("#palette-note", Label).update(
                S.PALETTE_CLOSE.format(code=close[0].text, score=close[1]))
            self.query_one("#palette-note", Label).add_class("warning")
            return
        self.dismiss(text)
