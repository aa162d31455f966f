"""Exporting from inside the app: the codebook, a report or the whole project (.qdpx),
to a file named in the dialog. Dismisses with (what, format, path) or None; the coding
screen writes it (every writer goes through coder.exchange.safe_write)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from coder.exchange.codebook_export import FORMATS as CODEBOOK_FORMATS
from coder.exchange.report import FORMATS as REPORT_FORMATS
from coder.tui import strings as S

Choice = tuple[str, str]        # (what, format): ("codebook", "md"), ("report", "docx"), ("qdpx", "qdpx")
CHOICES: list[Choice] = ([("codebook", f) for f in CODEBOOK_FORMATS] + [("report", f) for f in REPORT_FORMATS]
                         + [("qdpx", "qdpx")])


class ExportScreen(ModalScreen[tuple[str, str, Path] | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, folder: Path, stem: str) -> None:
        super().__init__()
        self.folder, self.stem = folder, stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Label(S.EXPORT_TITLE, classes="dialog-title")
            yield OptionList(*[Option(S.EXPORT_CHOICES[what].format(fmt=fmt)) for what, fmt in CHOICES],
                             id="export-what")
            yield Input(id="export-path")
            yield Label(S.EXPORT_HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def target(self, choice: Choice) -> Path:
        what, fmt = choice
        name = self.stem if what == "qdpx" else f"{self.stem}-{what}"
        return self.folder / f"{name}.{fmt}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(Input).value = str(self.target(CHOICES[event.option_index]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        index = self.query_one(OptionList).highlighted
        path = event.value.strip()
        if index is not None and path:
            what, fmt = CHOICES[index]
            self.dismiss((what, fmt, Path(path).expanduser()))
