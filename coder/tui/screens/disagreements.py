"""The disagreement view: per code, under its kodegruppe with the group's agreement
figures, the passages one coder coded and another did not, to discuss and resolve. Keys
1–9 keep that coder's side of the chosen disagreement (the others' codings there are
removed), b keeps both; every resolution is one undoable action (ctrl+z). u steps the
unit of the figures, e writes the kodegruppe comparison table (.csv or .xlsx). The
finding is coder/analysis/disagreements.py and agreement.py; this only shows it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from coder.analysis.agreement import AgreementReport, agreement_report
from coder.analysis.disagreements import Disagreement, by_group, disagreements
from coder.core import Project
from coder.core.errors import CoderError
from coder.exchange.agreement_table import count_columns, count_values, fmt_figure, fmt_percent
from coder.tui import strings as S
from coder.tui.keymap import with_ids
from coder.tui.screens.dialogs import Prompt
from coder.tui.widgets.footer import Footer

CONTEXT = 80          # characters of text shown around a disagreement
UNITS = ("character", "sentence", "paragraph", "turn", "document")   # the order u steps through
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
    DisagreementsScreen #dis-figures { padding: 0 1; }
    """
    BINDINGS = with_ids("disagreements", [
        Binding("1", "keep(1)", S.msgid.DIS_KEY_KEEP),
        *[Binding(str(n), f"keep({n})", S.msgid.DIS_KEY_KEEP, show=False) for n in range(2, 10)],
        Binding("b", "keep_both", S.msgid.DIS_KEY_BOTH),
        Binding("ctrl+z", "undo", S.msgid.KEY_UNDO),
        Binding("ctrl+y", "redo", S.msgid.KEY_REDO),
        Binding("u", "next_unit", S.msgid.DIS_KEY_UNIT),
        Binding("e", "export", S.msgid.DIS_KEY_EXPORT),
        Binding("escape", "back", S.msgid.DIS_KEY_BACK),
    ])

    def __init__(self, project: Project, coders: Sequence[str] | None = None) -> None:
        super().__init__()
        self.project = project
        self.wanted = tuple(coders) if coders else None
        self.coders: tuple[str, ...] = ()
        self.found: list[Disagreement] = []
        self.code_ids: list[int | None] = []      # per line of the code list; None on a group line
        self.items: list[Disagreement] = []
        self.unit = UNITS[0]
        self.figures: AgreementReport | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="dis-title")
        yield Label("", id="dis-figures")
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
        with self.project.snapshot():        # the list and the figures from one moment
            options = self.read_lists()
        codes = self.query_one("#dis-codes", OptionList)
        codes.clear_options()
        codes.add_options(options)
        if not options:
            self.show_code(None)
            if len(self.coders) >= 2:
                self.query_one("#dis-text", Static).update(S.DIS_NONE_LEFT)
            return
        pick = self.code_ids.index(code_id) if code_id is not None and code_id in self.code_ids else 1
        codes.highlighted = pick
        self.show_code(self.code_ids[pick], index)

    def read_lists(self) -> list[Option]:
        title = self.query_one("#dis-title", Label)
        if len(self.coders) < 2:
            title.update(S.DIS_NO_CODERS.format(n=len(self.coders)))
            self.found = []
        else:
            title.update(S.DIS_TITLE.format(coders=" · ".join(f"{i} {c}" for i, c in enumerate(self.coders, 1))))
            self.found = disagreements(self.project, self.coders)
        self.show_figures()
        self.code_ids, options = [], []
        for grouped in by_group(self.project, self.found):
            self.code_ids.append(None)
            options.append(Option(self.group_prompt(grouped.group_id), id=f"g{grouped.group_id}", disabled=True))
            for cid, text, n in grouped.codes:
                self.code_ids.append(cid)
                options.append(Option(S.DIS_CODE_LINE.format(code=text, n=n), id=str(cid)))
        return options

    def show_figures(self) -> None:
        """The group-level figures in the current unit (None if there are none to give)."""
        line = self.query_one("#dis-figures", Label)
        self.figures = None
        if len(self.coders) < 2:
            line.update("")
            return
        try:
            self.figures = agreement_report(self.project, self.coders, unit=self.unit, level="group")
        except CoderError as exc:
            line.update(S.DIS_NO_FIGURES.format(unit=S.DIS_UNITS.get(self.unit, self.unit),
                                                reason=str(exc).split(": ", 1)[-1]))
            return
        line.update(S.DIS_OVERALL.format(unit=S.DIS_UNITS.get(self.unit, self.unit),
                                         figures=self.figure_text(self.figures.overall)))

    def figure_text(self, row) -> str:
        counts = " · ".join(f"{name} {n:,}" for name, n in
                            zip(count_columns(self.coders), count_values(row, self.coders)))
        return S.DIS_FIGURES.format(agreement=fmt_percent(row.agreement), kappa=fmt_figure(row.kappa),
                                    alpha=fmt_figure(row.alpha), counts=counts)

    def group_prompt(self, group_id: int | None) -> Text:
        if group_id is None:
            return Text(S.DIS_NO_GROUP, style="bold")
        group = self.project.grouping.group(group_id)
        name = (S.DIS_REST.format(name=group.name) if group.is_rest
                else S.DIS_GROUP.format(number=group.number, name=group.name))
        row = next((r for r in self.figures.items if r.item_id == group_id), None) if self.figures else None
        return Text(name if row is None else S.DIS_GROUP_LINE.format(group=name, figures=self.figure_text(row)),
                    style="bold")

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
        if event.option_list.id == "dis-codes":
            if event.option.disabled or event.option.id is None:
                return
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
        self.notify(message.format(action=S.action(entry.action), object=entry.shown_object()))
        self.reload(d.code_id if d else None)

    def action_next_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        d = self.current()
        self.reload(d.code_id if d else None)

    def action_export(self) -> None:
        if self.figures is None:
            self.notify(str(self.query_one("#dis-figures", Label).render()), severity="warning")
            return
        unit = self.unit
        suggested = self.project.path.with_name(f"{self.project.path.stem}-agreement-{unit}.xlsx")

        def done(answer: str | None) -> None:
            if answer:
                self.export_to(unit, Path(answer).expanduser())
        self.app.push_screen(Prompt(S.DIS_EXPORT_TITLE.format(unit=S.DIS_UNITS.get(unit, unit)), str(suggested)), done)

    def export_to(self, unit: str, path: Path) -> None:
        """The kodegruppe table with its rows per document, as the project stands now."""
        from coder.exchange.agreement_table import format_for, write_table
        try:
            fmt = format_for(path, ("csv", "xlsx"))
            if path.resolve() == self.project.path.resolve():
                raise CoderError(S.DIS_OWN_FILE.format(path=path))
            with self.project.snapshot():
                report = agreement_report(self.project, self.coders, unit=unit, level="group", by_document=True)
            write_table(report, path, fmt)
        except CoderError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(S.DIS_EXPORTED.format(unit=S.DIS_UNITS.get(unit, unit), path=path))
        if self.app.is_web:         # served (coder serve): the file goes to the browser too
            self.app.deliver_binary(path)

    def action_back(self) -> None:
        self.dismiss()
