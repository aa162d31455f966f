"""The disagreement view: per code, the passages one coder coded and another did not,
to discuss and resolve. Keys 1–9 keep that coder's side of the chosen disagreement (the
others' codings there are removed), b keeps both; every resolution is one undoable
action (ctrl+z). The finding is coder/analysis/disagreements.py; this only shows it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from coder.analysis.disagreements import Disagreement, disagreements
from coder.core import Project
from coder.core.errors import CoderError
from coder.tui import strings as S

CONTEXT = 80          # characters of text shown around a disagreement
CODER_STYLES = ("bold black on #8ecae6", "bold black on #ffb703", "bold black on #90be6d",
                "bold black on #f4a3c4", "bold black on #cdb4db")


class DisagreementsScreen(Screen):
    DEFAULT_CSS = """
    DisagreementsScreen #dis-panes { height: 1fr; }
    DisagreementsScreen #dis-codes { width: 40%; }
    DisagreementsScreen #dis-right { width: 60%; }
    DisagreementsScreen #dis-items { height: 40%; }
    DisagreementsScreen #dis-detail { height: 1fr; padding: 0 1; }
    DisagreementsScreen #dis-title { padding: 0 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("1", "keep(1)", S.DIS_KEY_KEEP),
        *[Binding(str(n), f"keep({n})", S.DIS_KEY_KEEP, show=False) for n in range(2, 10)],
        Binding("b", "keep_both", S.DIS_KEY_BOTH),
        Binding("ctrl+z", "undo", S.KEY_UNDO),
        Binding("ctrl+y", "redo", S.KEY_REDO),
        Binding("escape", "back", S.DIS_KEY_BACK),
    ]

    def __init__(self, project: Project, coders: Sequence[str] | None = None) -> None:
        super().__init__()
        self.project = project
        self.wanted = tuple(coders) if coders else None
        self.coders: tuple[str, ...] = ()
        self.found: list[Disagreement] = []
        self.code_ids: list[int] = []
        self.items: list[Disagreement] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="dis-title")
        with Horizontal(id="dis-panes"):
            yield OptionList(id="dis-codes")
            with Vertical(id="dis-right"):
                yield OptionList(id="dis-items")
                with VerticalScroll(id="dis-detail"):
                    yield Static("", id="dis-text")
        yield Footer()

    def on_mount(self) -> None:
        self.coders = self.wanted or tuple(sorted({c.coder for c in self.project.codes.codings()}, key=str.casefold))
        self.reload()
        self.query_one("#dis-codes", OptionList).focus()

    # ---- data → widgets -------------------------------------------------------------
    def project_changed(self) -> None:
        """Another program changed the project (the app polls for it)."""
        self.reload()

    def reload(self, code_id: int | None = None, index: int = 0) -> None:
        title = self.query_one("#dis-title", Label)
        if len(self.coders) < 2:
            title.update(S.DIS_NO_CODERS.format(n=len(self.coders)))
            self.found = []
        else:
            title.update(S.DIS_TITLE.format(coders=" · ".join(f"{i} {c}" for i, c in enumerate(self.coders, 1))))
            self.found = disagreements(self.project, self.coders)
        counts: dict[int, int] = {}
        names: dict[int, str] = {}
        for d in self.found:
            counts[d.code_id] = counts.get(d.code_id, 0) + 1
            names[d.code_id] = d.code
        self.code_ids = list(counts)
        codes = self.query_one("#dis-codes", OptionList)
        codes.clear_options()
        codes.add_options([Option(S.DIS_CODE_LINE.format(code=names[i], n=counts[i]), id=str(i))
                           for i in self.code_ids])
        if not self.code_ids:
            self.show_code(None)
            if len(self.coders) >= 2:
                self.query_one("#dis-text", Static).update(S.DIS_NONE_LEFT)
            return
        pick = self.code_ids.index(code_id) if code_id in self.code_ids else 0
        codes.highlighted = pick
        self.show_code(self.code_ids[pick], index)

    def show_code(self, code_id: int | None, index: int = 0) -> None:
        self.items = [d for d in self.found if d.code_id == code_id]
        items = self.query_one("#dis-items", OptionList)
        items.clear_options()
        items.add_options([Option(self.item_prompt(d), id=str(n)) for n, d in enumerate(self.items)])
        if self.items:
            items.highlighted = min(index, len(self.items) - 1)
        self.show_detail()

    def item_prompt(self, d: Disagreement) -> Text:
        parts = [S.DIS_ONLY.format(coders=", ".join(p.coders), start=p.start, end=p.end) for p in d.passages]
        return Text(S.DIS_ITEM_LINE.format(document=d.document, start=d.start, end=d.end) + " · ".join(parts))

    def show_detail(self) -> None:
        d = self.current()
        self.query_one("#dis-text", Static).update(Text() if d is None else self.detail(d))

    def detail(self, d: Disagreement) -> Text:
        """The passage once per coder, with that coder's coded stretches marked."""
        text = self.project.documents.text(d.document_id)
        lo, hi = max(0, d.start - CONTEXT), min(len(text), d.end + CONTEXT)
        out = Text()
        for n, (coder, codings) in enumerate(d.sides(self.coders).items()):
            style = CODER_STYLES[n % len(CODER_STYLES)]
            out.append(S.DIS_SIDE_LINE.format(key=n + 1, coder=coder), style="bold")
            out.append(", ".join(f"{c.start}–{c.end}" for c in codings) or S.DIS_NOT_CODED)
            out.append("\n")
            line = Text(text[lo:hi].replace("\n", " "))
            for c in codings:
                line.stylize(style, max(c.start, lo) - lo, min(c.end, hi) - lo)
            out.append_text(line)
            out.append("\n\n")
        return out

    def current(self) -> Disagreement | None:
        items = self.query_one("#dis-items", OptionList)
        if not self.items or items.highlighted is None:
            return None
        return self.items[items.highlighted]

    # ---- events ---------------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "dis-codes" and event.option.id is not None:
            code_id = int(event.option.id)
            if not self.items or self.items[0].code_id != code_id:
                self.show_code(code_id)
        elif event.option_list.id == "dis-items":
            self.show_detail()

    # ---- actions --------------------------------------------------------------------
    def action_keep(self, n: int) -> None:
        if 1 <= n <= len(self.coders):
            self.resolve((self.coders[n - 1],), self.coders[n - 1])

    def action_keep_both(self) -> None:
        self.resolve(self.coders, S.DIS_BOTH)

    def resolve(self, keep: Sequence[str], side: str) -> None:
        d = self.current()
        if d is None:
            return
        index = self.query_one("#dis-items", OptionList).highlighted or 0
        try:
            self.project.team.resolve_disagreement([c.id for c in d.codings], keep=keep, coders=self.coders)
        except CoderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(S.DIS_KEPT.format(side=side, code=d.code, document=d.document))
        self.reload(d.code_id, index)

    def action_undo(self) -> None:
        self.step("undo")

    def action_redo(self) -> None:
        self.step("redo")

    def step(self, verb: str) -> None:
        d = self.current()
        try:
            entry = getattr(self.project.history, verb)()
        except CoderError as exc:
            self.notify(str(exc), severity="warning")
            return
        message = S.UNDONE if verb == "undo" else S.REDONE
        self.notify(message.format(action=entry.action, object=entry.object))
        self.reload(d.code_id if d else None)

    def action_back(self) -> None:
        self.dismiss()
