"""Search across the corpus (words match their inflections; or a regular expression).
From the hits: jump to one, code one where it stands, or autocode them all.
`c` asks for the code over the search (Escape there returns to the hits, query kept).
Dismisses with ("jump", hit), ("code", hit, code, unit), ("autocode", query, regex, unit, n)
or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from coder.core.autocode import UNITS
from coder.core.errors import CoderError
from coder.core.models import SearchHit
from coder.tui import strings as S
from coder.tui.keymap import with_ids

if TYPE_CHECKING:
    from coder.core.search import SearchHits

SHOWN = 500

Search = Callable[[str, bool], "SearchHits"]
# The code palette for a hit (the coding screen knows the codes and the threshold).
PaletteFor = Callable[[SearchHit], ModalScreen]


def hit_count(hits: SearchHits | list[SearchHit]) -> str:
    """All the hits (a word search knows them all); "500+" when a regular expression
    search stopped at its limit."""
    total = getattr(hits, "total", None)
    if total is not None:
        return str(total)
    return f"{SHOWN}+" if len(hits) > SHOWN else str(len(hits))


class SearchScreen(ModalScreen[tuple | None]):
    BINDINGS = with_ids("search", [
        Binding("escape", "dismiss(None)", show=False),
        Binding("c", "code_hit", S.msgid.SEARCH_CODE_HIT),
        Binding("a", "autocode", S.msgid.SEARCH_AUTOCODE),
        Binding("u", "cycle_unit", S.msgid.SEARCH_UNIT),
        Binding("slash", "edit_query", S.msgid.SEARCH_EDIT, show=False),
        Binding("down", "to_hits", show=False),     # from the query: onto the first hit, not past it
    ])

    def __init__(self, search: Search, query: str = "", palette: PaletteFor | None = None) -> None:
        super().__init__()
        self.search, self.query_text, self.palette = search, query, palette
        self.hits: SearchHits | list[SearchHit] = []
        self.searched: tuple[str, bool] | None = None
        self.unit = UNITS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="search"):
            yield Label(S.SEARCH_TITLE, classes="dialog-title")
            with Horizontal(id="search-row"):
                yield Input(self.query_text, placeholder=S.SEARCH_PLACEHOLDER, id="search-input")
                yield Checkbox(S.SEARCH_REGEX, id="search-regex")
            yield Label("", id="search-count")
            yield OptionList(id="search-hits")
            yield Label(S.SEARCH_HINT, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        regex = self.query_one(Checkbox).value
        try:
            self.hits = self.search(query, regex) if query.strip() else []
        except CoderError as exc:
            self.hits = []
            self.query_one("#search-count", Label).update(str(exc))
            return
        self.searched = (query, regex)
        hits = self.query_one(OptionList)
        hits.clear_options()
        hits.add_options([Option(self._prompt(h), id=str(i)) for i, h in enumerate(self.hits[:SHOWN])])
        self._show_count()
        if self.hits:
            hits.highlighted = 0
            hits.focus()

    def _show_count(self) -> None:
        # The list holds at most SHOWN hits (a common word has thousands); autocode
        # searches again without a limit.
        hits = self.hits
        documents = getattr(hits, "documents", None)
        if documents is None:
            documents = len({h.document_id for h in hits[:SHOWN]})
        self.query_one("#search-count", Label).update(
            S.search_count(hit_count(hits) if hits else "0", documents, S.UNITS[self.unit]))

    @staticmethod
    def _prompt(hit: SearchHit) -> Text:
        line = Text(hit.text)
        line.stylize("bold reverse", hit.match_at, hit.match_at + (hit.end - hit.start))
        prompt = Text.assemble((hit.document, "bold"), "  ", line)
        prompt.no_wrap, prompt.overflow = True, "ellipsis"      # one hit, one line
        return prompt

    def _highlighted(self) -> SearchHit | None:
        hits = self.query_one(OptionList)
        return None if hits.highlighted is None else self.hits[hits.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(("jump", self.hits[int(event.option.id)]))

    def action_code_hit(self) -> None:
        hit = self._highlighted()
        if hit is None or self.palette is None:
            return
        unit = self.unit

        def chosen(code: int | str | None) -> None:
            if code is not None:
                self.dismiss(("code", hit, code, unit))
        self.app.push_screen(self.palette(hit), chosen)

    def action_to_hits(self) -> None:
        hits = self.query_one(OptionList)
        if hits.option_count:
            if hits.highlighted is None:
                hits.highlighted = 0
            hits.focus()

    def action_autocode(self) -> None:
        if self.hits and self.searched:
            self.dismiss(("autocode", *self.searched, self.unit, hit_count(self.hits)))

    def action_cycle_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self._show_count()

    def action_edit_query(self) -> None:
        self.query_one(Input).focus()
