"""The coding screen: documents | reader | codes, and the daily loop on its keys:
select → code (palette, in-vivo or a recent-code number key) → next. Every change goes
through a Project method (one undoable action); the panes are then given fresh data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, ProgressBar, Static

from coder.core import Project, similar, store
from coder.core.errors import CoderError, StorageError
from coder.core.models import Code, Coding
from coder.i18n import ngettext
from coder.ingest import Ingest
from coder.text.invivo import invivo_text
from coder.tui import strings as S
from coder.tui.keymap import with_ids
from coder.tui.screens.dialogs import CodersFilter, MemoEditor, Prompt
from coder.tui.screens.export import ExportScreen
from coder.tui.screens.help import HelpScreen
from coder.tui.screens.import_files import ImportScreen
from coder.tui.screens.palette import CodePalette
from coder.tui.screens.quotes import Quote, QuotesScreen
from coder.tui.screens.search import SHOWN, SearchScreen
from coder.tui.slots import Slots
from coder.tui.spans import Covered, regex_paragraphs, span_at
from coder.tui.widgets.codes import CodeList
from coder.tui.widgets.documents import DocumentList, DocumentRow
from coder.tui.widgets.footer import Footer
from coder.tui.widgets.reader import Reader


class MainScreen(Screen):
    AUTO_FOCUS = "#reader"
    # Below 140 columns the codes pane folds away, below 110 the documents pane too (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-medium"), (140, "-wide")]
    BINDINGS = with_ids("coding", [
        Binding("c", "code", S.msgid.KEY_CODE),
        Binding("v", "invivo", S.msgid.KEY_INVIVO),
        *[Binding(str(n), f"recent({n})", S.msgid.KEY_RECENT, show=False) for n in range(1, 10)],
        Binding("x", "remove_coding", S.msgid.KEY_REMOVE, show=False),   # in ? with n, e, m: the footer fits 80
        Binding("e", "resize_coding", S.msgid.KEY_RESIZE, show=False),
        Binding("m", "memo_coding", S.msgid.KEY_MEMO_CODING, show=False),
        Binding("M", "memo_code", S.msgid.KEY_MEMO_CODE, show=False),
        Binding("ctrl+z", "undo", S.msgid.KEY_UNDO),
        Binding("ctrl+y", "redo", S.msgid.KEY_REDO, show=False),
        Binding("slash", "search", S.msgid.KEY_SEARCH),
        Binding("i", "import_files", S.msgid.KEY_IMPORT, show=False),
        Binding("ctrl+e", "export", S.msgid.KEY_EXPORT, show=False),
        Binding("w", "coders", S.msgid.KEY_CODERS, show=False),
        Binding("D", "app.disagreements", S.msgid.KEY_DISAGREEMENTS, show=False),
        Binding("d", "focus_documents", S.msgid.KEY_FOCUS_DOCUMENTS, show=False),
        Binding("k", "focus_codes", S.msgid.KEY_FOCUS_CODES, show=False),
        Binding("r", "focus_reader", S.msgid.KEY_FOCUS_READER, show=False),
        Binding("question_mark,f1", "help", S.msgid.KEY_HELP),
        Binding("q", "app.quit", S.msgid.KEY_QUIT),
    ])

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.document_id: int | None = None
        self.document_name = ""
        self.codes_recent: list[Code] = []
        self.slots = Slots()                          # the codes on the number keys 1–9
        self.code_map: dict[int, Code] = {}
        self.shown_coders: set[str] | None = None     # None: everyone's codings
        self.ingest: Ingest | None = None             # the ingest service, from the first import
        self._covered: dict[int, Covered] | None = None   # coded spans by document; None: read again

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield DocumentList(id="documents")
            yield Reader(id="reader")
            yield CodeList(id="codes")
        with Horizontal(id="import-bar"):
            yield Label("", id="import-label")
            yield ProgressBar(id="import-progress", show_eta=False)
        yield Static("", id="status")
        yield Footer(compact=True)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    def on_mount(self) -> None:
        """The reader first; the side panes fill in after the first paint."""
        self.code_map = {c.id: c for c in self.project.codes.list(order="recent")}
        documents = self.project.documents.list()
        if documents:       # an interview first: that is where coding starts
            first = next((d for d in documents if d.kind == "interview"), documents[0])
            self.open_document(first.id, panes=False)
        else:
            self.reader.show_document(None, S.NO_DOCUMENT, [], {})
        self.reader.focus()
        self.call_after_refresh(self._refresh_panes)

    def on_unmount(self) -> None:
        if self.ingest is not None:
            self.ingest.close()

    # ---- data down ---------------------------------------------------------------
    def reload_codes(self) -> None:
        self.codes_recent = self.project.codes.list(order="recent")
        self.code_map = {c.id: c for c in self.codes_recent}
        self.slots.update(c.id for c in self.codes_recent)
        self.query_one(CodeList).set_codes(self.codes_recent, self.slots.keys())

    def reload_documents(self) -> None:
        if self._covered is None:       # every coding once; after that one document at a time
            spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for coding in self.project.codes.codings():
                spans[coding.document_id].append((coding.start, coding.end))
            self._covered = {doc_id: Covered(doc_spans) for doc_id, doc_spans in spans.items()}
        covered, empty = self._covered, Covered()
        rows = [DocumentRow(doc, covered.get(doc.id, empty).total / max(1, doc.length),
                            covered.get(doc.id, empty).count)
                for doc in self.project.documents.list()]
        self.query_one(DocumentList).set_rows(rows, self.document_id)

    def _recount(self, document_id: int | None = None) -> None:
        """Forget the coded spans of one document (None: of all), to be read again."""
        if document_id is None or self._covered is None:
            self._covered = None
        else:
            self._covered[document_id] = Covered(
                (c.start, c.end) for c in self.project.codes.codings(document_id=document_id))

    def document_codings(self) -> list[Coding]:
        if self.document_id is None:
            return []
        return self.project.codes.codings(document_id=self.document_id, coders=self.shown_coders)

    def open_document(self, document_id: int, select: tuple[int, int] | None = None,
                      panes: bool = True) -> None:
        if document_id != self.document_id:
            self.document_id = document_id
            self.document_name = self.project.documents.get(document_id).name
            text = self.project.documents.text(document_id)
            self.reader.show_document(document_id, text, self.document_codings(), self.code_map,
                                      self._span_loader(document_id))
            if panes:       # only the ▸ mark moves: after the reader is on screen
                self.call_after_refresh(self.reload_documents)
        if select is not None:
            self.reader.select(*select)
        self.reader.focus()

    def _span_loader(self, document_id: int):
        return lambda kind: self.project.autocode.unit_segments(document_id, kind)

    def after_change(self, spans: str = "here") -> None:
        """Redraw the reader at once; the side panes follow after the screen updates.
        `spans`: whose coded spans changed: "here" (the open document), "all" or "none"."""
        if spans != "none":
            self._recount(None if spans == "all" else self.document_id)
        self.code_map = {c.id: c for c in self.project.codes.list(order="recent")}
        self.reader.set_codings(self.document_codings(), self.code_map)
        self.call_after_refresh(self._refresh_panes)

    def _refresh_panes(self) -> None:
        self.reload_codes()
        self.reload_documents()

    def _panes_after_coding(self) -> None:
        self.query_one(CodeList).set_codes(self.codes_recent, self.slots.keys())
        self.reload_documents()

    def project_changed(self) -> None:
        """Another program changed the project (the app polls for it)."""
        self.refresh_all()

    def refresh_all(self) -> None:
        """After undo/redo anything may have changed, even the open document."""
        self._recount()
        self.reload_codes()
        known = {d.id for d in self.project.documents.list()}
        if self.document_id not in known:
            self.document_id = None
            if known:
                self.open_document(min(known))
            else:
                self.reader.show_document(None, S.NO_DOCUMENT, [], {})
        self.reader.set_codings(self.document_codings(), self.code_map)
        self.reload_documents()

    # ---- messages up -------------------------------------------------------------
    def on_document_list_chosen(self, message: DocumentList.Chosen) -> None:
        self.open_document(message.document_id)

    def on_filtered_pane_leave(self, message: DocumentList.Leave) -> None:
        self.reader.focus()

    def on_code_list_chosen(self, message: CodeList.Chosen) -> None:
        self.show_quotes(message.code_id)

    def on_reader_selection_changed(self, message: Reader.SelectionChanged) -> None:
        self._update_status()

    def _update_status(self, note: str = "") -> None:
        reader = self.reader
        if self.document_id is None:
            self.query_one("#status", Static).update(note)
            return
        parts = [S.STATUS_POSITION.format(name=self.document_name, line=reader.cursor_line + 1,
                                          lines=reader.line_count)]
        sel = reader.selection
        if sel:
            words = len(reader.text[sel[0]:sel[1]].split())
            parts.append(S.STATUS_SELECTION.format(start=sel[0], end=sel[1], words=S.words(words)))
        here = reader.codings_at(reader.cursor)
        if here:
            names = "; ".join(self.code_map[c.code_id].text for c in here if c.code_id in self.code_map)
            parts.append(S.STATUS_CODES_HERE.format(codes=names))
        if self.shown_coders is not None:
            parts.append(S.STATUS_FILTER.format(who=", ".join(sorted(self.shown_coders))))
        if note:
            parts.append(note)
        self.query_one("#status", Static).update(" · ".join(parts))

    def say(self, message: str) -> None:
        self._update_status(message)

    def _tell(self, message: str) -> None:
        """A change the researcher made away from the text: the status line and a toast."""
        self.say(message)
        self.notify(message, timeout=3)

    def _guard(self, func, *args, **kwargs):
        """Run a project change; a user error becomes a notification, not a crash."""
        try:
            return func(*args, **kwargs)
        except CoderError as exc:
            self.notify(str(exc), severity="error")
        except StorageError as exc:
            self.notify(str(store.explain(self.project.path, exc)), severity="error")
        return None

    # ---- coding ------------------------------------------------------------------
    def _selection_or_warn(self) -> tuple[int, int] | None:
        sel = self.reader.selection if self.document_id is not None else None
        if sel is None:
            self.notify(S.SELECT_FIRST, severity="warning")
        return sel

    def apply_code(self, code: int | str, span: tuple[int, int], in_vivo: bool = False) -> int | None:
        coding_id = self._guard(self.project.codes.apply, code, self.document_id, span[0], span[1],
                                in_vivo=in_vivo)
        if coding_id is None:
            return None
        # The loop's fast path: draw just the new coding; the side panes follow later,
        # updated from what is known (no read of every code or coding).
        coding = self.project.codes.coding(coding_id)
        known = self.code_map.get(coding.code_id)
        used = self.project.codes.get(coding.code_id) if known is None else replace(known, codings=known.codings + 1)
        self.code_map[used.id] = used
        self.codes_recent = [used] + [c for c in self.codes_recent if c.id != used.id]
        self.slots.use(used.id)
        reader = self.reader
        reader.selection_anchor, reader.cursor = None, span[1]
        if self.shown_coders is None or coding.coder in self.shown_coders:
            reader.add_coding(coding, self.code_map)
        if self._covered is not None:
            self._covered.setdefault(coding.document_id, Covered()).add(coding.start, coding.end)
        self.call_after_refresh(self._panes_after_coding)
        self.say(S.CODED.format(code=self.code_map[coding.code_id].text))
        return coding_id

    def action_code(self) -> None:
        span = self._selection_or_warn()
        if span is None:
            return
        def done(result: int | str | None) -> None:
            if result is not None:
                self.apply_code(result, span)
        title = S.PALETTE_FOR.format(quote=_excerpt(self.reader.text[span[0]:span[1]]))
        self.app.push_screen(CodePalette(self.codes_recent, title, near_cutoff=similar.threshold(self.project)), done)

    def action_invivo(self) -> None:
        span = self._selection_or_warn()
        if span is None:
            return
        proposal = invivo_text(self.reader.text[span[0]:span[1]])
        def done(text: str | None) -> None:
            if text:
                self.apply_code(text, span, in_vivo=True)
        self.app.push_screen(Prompt(S.INVIVO_TITLE, proposal), done)

    def action_recent(self, n: int) -> None:
        code_id = self.slots.code(n)
        if code_id is None:
            self.notify(S.NO_RECENT.format(n=n), severity="warning")
            return
        span = self._selection_or_warn()
        if span is not None:
            self.apply_code(code_id, span)

    def _focused_coding(self) -> Coding | None:
        coding = self.reader.focused_coding
        if coding is None:
            self.notify(S.NO_CODING_HERE, severity="warning")
        return coding

    def action_remove_coding(self) -> None:
        coding = self._focused_coding()
        if coding is not None and self._guard(self.project.codes.remove_coding, coding.id) is None:
            self.reader.focused_coding = None
            self.after_change()
            code = self.code_map.get(coding.code_id)
            self._tell(S.REMOVED.format(code=code.text if code else coding.code_id))

    def action_resize_coding(self) -> None:
        coding = self._focused_coding()
        span = self._selection_or_warn() if coding else None
        if coding and span and self._guard(self.project.codes.resize_coding, coding.id, *span) is None:
            self.after_change()
            words = len(self.reader.text[span[0]:span[1]].split())
            self._tell(ngettext("The coding «{code}» now spans {n} word.", "The coding «{code}» now spans {n} words.",
                                words).format(code=self.code_map[coding.code_id].text, n=words))

    def action_memo_coding(self) -> None:
        coding = self._focused_coding()
        if coding is None:
            return
        def done(memo: str | None) -> None:
            if memo is not None and \
                    self._guard(self.project.codes.set_coding_memo, coding.id, memo.strip() or None) is None:
                self.after_change(spans="none")
                self._tell(S.MEMO_SAVED)
        title = S.MEMO_CODING_TITLE.format(code=self.code_map[coding.code_id].text)
        self.app.push_screen(MemoEditor(title, self.project.codes.coding(coding.id).memo), done)

    def action_memo_code(self) -> None:
        code_id = self._chosen_code_id()
        if code_id is None:
            self.notify(S.NO_CODE_CHOSEN, severity="warning")
            return
        code = self.project.codes.get(code_id)
        def done(memo: str | None) -> None:
            if memo is not None and self._guard(self.project.codes.set_memo, code_id, memo.strip() or None) is None:
                self.after_change(spans="none")
                self._tell(S.MEMO_SAVED)
        self.app.push_screen(MemoEditor(S.MEMO_CODE_TITLE.format(code=code.text), code.memo), done)

    def _chosen_code_id(self) -> int | None:
        """The code in the code list if that has focus, else the code at the cursor."""
        code_list = self.query_one(CodeList)
        if code_list.has_focus_within:
            return code_list.highlighted_code_id
        coding = self.reader.focused_coding
        return coding.code_id if coding else None

    # ---- undo / redo -------------------------------------------------------------
    def action_undo(self) -> None:
        self._step(self.project.history.undo, S.UNDONE)

    def action_redo(self) -> None:
        self._step(self.project.history.redo, S.REDONE)

    def _step(self, step, message: str) -> None:
        entry = self._guard(step)
        if entry is not None:
            self.refresh_all()
            self.notify(message.format(action=S.action(entry.action), object=entry.shown_object()), timeout=3)

    # ---- search and autocode ----------------------------------------------------
    def action_search(self) -> None:
        def done(result: tuple | None) -> None:
            if result is None:
                return
            if result[0] == "autocode":
                self.autocode(*result[1:])
                return
            hit = result[1]
            self.open_document(hit.document_id, select=(hit.start, hit.end))
            if result[0] == "code":
                code, unit = result[2:]
                self.apply_code(code, self._unit_at(hit, unit))

        def search(query, regex):
            return self.project.search.find(query, regex=regex, limit=SHOWN + 1)

        def palette(hit) -> CodePalette:
            words = hit.text[hit.match_at:hit.match_at + hit.end - hit.start]
            return CodePalette(self.codes_recent, S.PALETTE_FOR.format(quote=_excerpt(words)),
                               near_cutoff=similar.threshold(self.project))
        self.app.push_screen(SearchScreen(search, palette=palette), done)

    def _unit_at(self, hit, unit: str) -> tuple[int, int]:
        """The hit's words, or the sentence or segment around them (the search's unit)."""
        if unit == "match":
            return hit.start, hit.end
        spans = self.reader.spans(unit) or (regex_paragraphs(self.reader.text) if unit == "segment" else [])
        at = span_at(spans, hit.start)
        return (hit.start, hit.end) if at is None else spans[at]

    def autocode(self, query: str, regex: bool, unit: str, n: str) -> None:
        def done(code: int | str | None) -> None:
            if code is None:
                return
            ids = self._guard(self.project.autocode.run, query, code, unit=unit, regex=regex)
            if ids is not None:
                self.after_change(spans="all")
                text = code if isinstance(code, str) else self.code_map[code].text
                self.notify(S.autocoded(len(ids), text))
        title = S.autocode_title(n, query, S.UNITS[unit])
        self.app.push_screen(CodePalette(self.codes_recent, title, near_cutoff=similar.threshold(self.project)), done)

    # ---- import ------------------------------------------------------------------
    def action_import_files(self) -> None:
        def done(chosen: tuple[str, str | None] | None) -> None:
            if chosen is not None:
                self.import_path(*chosen)
        self.app.push_screen(ImportScreen(Path.cwd()), done)

    def import_path(self, path: str, kind: str | None = None):
        """Import in a thread with its own connection; the app stays usable meanwhile.
        `kind`: what the documents are (interview, report …); None: the importer tells."""
        self.query_one("#import-bar").display = True
        self.query_one(ProgressBar).update(total=None, progress=0)     # moving at once, not "0 %"
        self.query_one("#import-label", Label).update(S.IMPORT_STARTING.format(name=Path(path).name))
        return self._import_worker(path, kind)

    @work(thread=True, exclusive=True, group="import")
    def _import_worker(self, path: str, kind: str | None):
        from coder.core import Project
        def progress(done: int, total: int, current) -> None:
            self.app.call_from_thread(self._import_progress, done, total, current)
        if self.ingest is None:         # one for the app's whole run: it imports file after file
            self.ingest = Ingest()
        with Project.open(self.project.path, coder=self.project.coder) as own:
            own.history.share_with(self.project)     # its actions are not another program's
            report = self.ingest.files(own, [path], kind=kind, progress=progress)
        self.app.call_from_thread(self._import_done, report)
        return report

    def _import_progress(self, done: int, total: int, current) -> None:
        self.query_one(ProgressBar).update(total=max(1, total), progress=done)
        if current is not None:
            self.query_one("#import-label", Label).update(
                S.IMPORT_PROGRESS.format(name=Path(current).name, done=done + 1, total=total))

    def _import_done(self, report) -> None:
        self.query_one("#import-bar").display = False
        self.refresh_all()
        if report.files and self.document_id is None:
            self.open_document(report.files[0].document_ids[0])
        self.notify(S.import_done(report.documents, report.segments))
        if report.problems:
            self.notify(S.import_problems(len(report.problems), str(report.problems[0])),
                        severity="error", timeout=10)

    # ---- export -------------------------------------------------------------------
    def action_export(self) -> None:
        def done(chosen) -> None:
            if chosen is not None:
                self.export(*chosen)
        self.app.push_screen(ExportScreen(Path.cwd(), self.project.path.stem), done)

    def export(self, what: str, fmt: str, path: Path) -> None:
        """Write the codebook, a report or the project; a problem is one line in a toast."""
        from coder.exchange.codebook_export import export_codebook
        from coder.exchange.qdpx_export import write_qdpx
        from coder.exchange.report import write_report
        from coder.exchange.safe_write import refuse_project_files
        try:
            refuse_project_files(path, self.project.path)
            if what == "codebook":
                export_codebook(self.project, path, fmt, descriptions=True, counts=True)
            elif what == "report":
                write_report(self.project, path, fmt, method_appendix=True)
            else:
                write_qdpx(self.project, path)
        except CoderError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.notify(S.EXPORTED.format(path=path))
        if self.app.is_web:         # served (coder serve): the file goes to the browser too
            self.app.deliver_binary(path)

    # ---- quotes, coders, navigation ---------------------------------------------
    def show_quotes(self, code_id: int) -> None:
        code = self.project.codes.get(code_id)
        docs = {d.id: d for d in self.project.documents.list()}
        texts: dict[int, str] = {}
        quotes = []
        for c in self.project.codes.codings(code_id=code_id):
            doc = docs[c.document_id]
            if doc.id not in texts:
                texts[doc.id] = self.project.documents.text(doc.id)
            quotes.append(Quote(doc.id, doc.name, doc.attributes.get("informant"), c.start, c.end,
                                texts[doc.id][c.start:c.end], c.coder))
        def done(target: tuple[int, int, int] | None) -> None:
            if target is not None:
                self.open_document(target[0], select=(target[1], target[2]))
        self.app.push_screen(QuotesScreen(code.text, quotes), done)

    def action_quotes(self) -> None:
        code_id = self._chosen_code_id()
        if code_id is None:
            self.notify(S.NO_CODE_CHOSEN, severity="warning")
        else:
            self.show_quotes(code_id)

    def action_coders(self) -> None:
        names = sorted({c.coder for c in self.project.codes.codings()} | {self.project.coder})
        shown = set(names) if self.shown_coders is None else self.shown_coders
        def done(result) -> None:
            if result is not None:
                chosen, by_coder = result
                self.set_coders(None if chosen >= set(names) else chosen, by_coder)
        self.app.push_screen(CodersFilter(names, shown, self.reader.colour_by_coder), done)

    def set_coders(self, shown: set[str] | None, by_coder: bool | None = None) -> None:
        self.shown_coders = shown
        if by_coder is not None:
            self.reader.colour_by_coder = by_coder
        self.reader.set_codings(self.document_codings(), self.code_map)

    def action_mine(self) -> None:
        self.set_coders({self.project.coder})

    def action_all_coders(self) -> None:
        self.set_coders(None)

    def action_next_coding(self) -> None:
        self.reader.action_jump_coding(1)

    def action_previous_coding(self) -> None:
        self.reader.action_jump_coding(-1)

    def action_select_sentence(self) -> None:
        self.reader.action_select_sentence()

    def action_focus_documents(self) -> None:
        self._unfold("-show-documents", "#document-table")

    def action_focus_codes(self) -> None:
        self._unfold("-show-codes", "#code-table")

    def _unfold(self, shown: str, table: str) -> None:
        """Focus a side pane; folded away on a narrow screen, it shows until the reader has focus again."""
        self.remove_class("-show-documents", "-show-codes")
        self.add_class(shown)
        self.call_after_refresh(self.query_one(table, DataTable).focus)

    def on_descendant_focus(self, event) -> None:
        if event.widget is self.reader:
            self.remove_class("-show-documents", "-show-codes")

    def action_focus_reader(self) -> None:
        self.reader.focus()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen([
            (S.HELP_SECTIONS["app"], self.BINDINGS),
            (S.HELP_SECTIONS["reader"], Reader.BINDINGS),
            (S.HELP_SECTIONS["codes"], CodeList.BINDINGS),
            (S.HELP_SECTIONS["screens"], self.app.BINDINGS),
        ]))


def _excerpt(text: str, width: int = 48) -> str:
    """A selection as a dialog title names it: its words, cut with … when long."""
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width - 1].rstrip() + "…"
