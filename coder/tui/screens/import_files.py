"""Choosing what to import: a file or folder from the tree, or a path typed in.
A kind (interview, report …) can be chosen, else the importer tells by the file.
Dismisses with (path, kind or None), or None. The import runs in a worker on the main screen."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, Select

from coder.core.models import DOCUMENT_KINDS
from coder.i18n import _
from coder.tui import strings as S
from coder.tui.keymap import with_ids

AS_THE_FILE_SAYS = "auto"


class ImportScreen(ModalScreen[tuple[str, str | None] | None]):
    BINDINGS = with_ids("import", [Binding("escape", "dismiss(None)", show=False)])

    def __init__(self, start: Path) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import"):
            yield Label(S.IMPORT_TITLE, classes="dialog-title")
            yield Input(str(self.start), placeholder=S.IMPORT_PLACEHOLDER, id="import-path")
            yield Select([(S.IMPORT_KIND_AUTO, AS_THE_FILE_SAYS)] +
                         [(_(S.IMPORT_KINDS[k]), k) for k in DOCUMENT_KINDS],
                         value=AS_THE_FILE_SAYS, allow_blank=False, id="import-kind")
            yield DirectoryTree(self.start, id="import-tree")
            yield Label(S.IMPORT_HINT, classes="dialog-hint")

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self._fill(event.path)

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        self._fill(event.path)

    def _fill(self, path: Path) -> None:
        field = self.query_one(Input)
        field.value = str(path)
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path or not Path(path).expanduser().exists():
            self.notify(S.IMPORT_MISSING.format(path=path), severity="error")
            return
        kind = self.query_one(Select).value
        self.dismiss((str(Path(path).expanduser()), None if kind == AS_THE_FILE_SAYS else str(kind)))
