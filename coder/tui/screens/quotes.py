"""All quotes of one code across the documents, with document and informant;
Enter jumps to the quote. Dismisses with (document_id, start, end) or None."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from coder.tui import strings as S
from coder.tui.keymap import with_ids

EXCERPT = 300


@dataclass(frozen=True)
class Quote:
    document_id: int
    document: str
    informant: str | None
    start: int
    end: int
    text: str
    coder: str


class QuotesScreen(ModalScreen[tuple[int, int, int] | None]):
    BINDINGS = with_ids("quotes", [Binding("escape", "dismiss(None)", show=False)])

    def __init__(self, code_text: str, quotes: list[Quote]) -> None:
        super().__init__()
        self.code_text, self.quotes = code_text, quotes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="quotes"):
            yield Label(S.quotes_title(self.code_text, len(self.quotes)), classes="dialog-title")
            yield OptionList(*[Option(self._prompt(q), id=str(i)) for i, q in enumerate(self.quotes)])
            yield Label(S.QUOTES_HINT, classes="dialog-hint")

    @staticmethod
    def _prompt(quote: Quote) -> Text:
        head = S.QUOTE_LINE.format(document=quote.document, informant=quote.informant or S.NO_INFORMANT)
        body = " ".join(quote.text.split())
        if len(body) > EXCERPT:
            body = body[:EXCERPT - 1] + "…"
        return Text.assemble((head, "bold"), f"  [{quote.coder}]\n", f"«{body}»\n")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            quote = self.quotes[int(event.option.id)]
            self.dismiss((quote.document_id, quote.start, quote.end))
