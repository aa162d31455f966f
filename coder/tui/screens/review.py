"""The review screen: the tree theme → group → code → quotes with counts at every level
and the document and informant of every quote; a matrix of themes (or groups) × documents
(or a document attribute) whose cells open their quotes; code co-occurrence within a group
or theme; and a bar chart of quotes per theme and per group.

Enter on a quote posts `OpenQuote`; the app answers it by opening the reader there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane, Tree
from textual.widgets.option_list import Option

from coder.analysis import review
from coder.core import Project
from coder.core.models import Quote
from coder.tui import strings as S
from coder.tui.keymap import with_ids
from coder.tui.screens.help import SCREEN_KEYS, ScreenKeys
from coder.tui.widgets.footer import Footer

QUOTE_CHARS = 160        # a quote's label in the tree and lists; the reader shows it whole
QUOTE_MIN = 24
BAR_WIDTH = 40


class OpenQuote(Message):
    """Open the reader at a quote: document and code-point span."""

    def __init__(self, document_id: int, start: int, end: int) -> None:
        super().__init__()
        self.document_id, self.start, self.end = document_id, start, end


def quote_label(q: Quote, width: int | None = None) -> str:
    """The quote, cut so that the label fits `width` cells with the document and the
    informant after it still in view (at least QUOTE_MIN characters of the quote)."""
    text = " ".join(q.text.split())
    informant = f", {q.informant}" if q.informant else ""
    room = QUOTE_CHARS
    if width is not None:
        room = min(room, max(QUOTE_MIN, width - len(S.QUOTE_WITH_TEXT.format(text="", document=q.document,
                                                                              informant=informant))))
    if len(text) > room:
        text = text[:room - 1] + "…"
    return S.QUOTE_WITH_TEXT.format(text=text, document=q.document, informant=informant)


def _label(node: review.ThemeNode | review.GroupNode, form: str) -> str:
    """"Theme 1 Name" / "Tema 1 Name": the number and name in the app's language."""
    return form.format(number=node.number, name=node.name)


# What the tree had open, by project file: a return to the review finds it as it was left.
_EXPANDED: dict[str, set[tuple]] = {}


def node_key(node) -> tuple:
    kind, item = node.data
    if kind == "heading":
        return kind, str(node.label).split(" (")[0]
    return kind, getattr(item, "id", item)


def bars(items: list[tuple[str, int]], width: int = BAR_WIDTH, label_width: int = 48) -> str:
    """A text bar chart: one line per item, bars scaled to the largest count."""
    top = max((n for _, n in items), default=0) or 1
    lines = []
    for label, n in items:
        label = label if len(label) <= label_width else label[:label_width - 1] + "…"
        cells = round(width * n / top)
        lines.append(f"{label:<{label_width}} {'█' * cells}{'' if cells else '▏'} {n}")
    return "\n".join(lines)


class ReviewScreen(ScreenKeys, Screen):
    DEFAULT_CSS = """
    ReviewScreen Tree { height: 1fr; }
    ReviewScreen #matrix-help, ReviewScreen #cooc-help { height: 1; padding: 0 1; }
    ReviewScreen #matrix { height: 1fr; }
    ReviewScreen #matrix-quotes { height: 1fr; border-top: solid $panel; }
    ReviewScreen #cooc-scopes { width: 40%; }
    ReviewScreen #cooc-table { width: 1fr; }
    ReviewScreen #bars { padding: 0 1; }
    """
    BINDINGS = with_ids("review", [
        Binding("r", "matrix_rows", S.msgid.REVIEW_ROWS),
        Binding("c", "matrix_columns", S.msgid.REVIEW_COLUMNS),
        Binding("ctrl+r", "refresh", S.msgid.REVIEW_REFRESH, show=False),   # F-keys switch screens in the app
        *(Binding(str(n), f"tab({n})", S.msgid.KEY_TABS, show=False) for n in range(1, 5)),
        *SCREEN_KEYS,
    ])
    TABS = ("tab-tree", "tab-matrix", "tab-cooc", "tab-bars")

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.matrix_rows = "theme"
        self.matrix_column = "document"
        self.expanded = _EXPANDED.setdefault(str(project.path), set())

    def compose(self) -> ComposeResult:
        with TabbedContent(id="review-tabs"):
            with TabPane(S.REVIEW_TREE, id="tab-tree"):
                yield Tree(S.ROOT, id="review-tree")
            with TabPane(S.REVIEW_MATRIX, id="tab-matrix"):
                with Vertical():
                    yield Static(id="matrix-help")
                    yield DataTable(id="matrix", cursor_type="cell")
                    yield OptionList(id="matrix-quotes", markup=False)
            with TabPane(S.REVIEW_COOCCURRENCE, id="tab-cooc"):
                yield Static(id="cooc-help")
                with Horizontal():
                    yield OptionList(id="cooc-scopes", markup=False)
                    yield DataTable(id="cooc-table", cursor_type="row")
            with TabPane(S.REVIEW_BARS, id="tab-bars"):
                yield Static(id="bars", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.action_refresh()
        self.query_one(Tree).focus()

    async def action_back(self) -> None:
        await self.app.run_action("app.coding")

    def action_tab(self, n: int) -> None:
        """1–4 show the tree, the matrix, the co-occurrence and the bars."""
        self.query_one(TabbedContent).active = self.TABS[n - 1]

    def project_changed(self) -> None:
        """Another program changed the project (the app polls for it)."""
        self.action_refresh()

    def action_refresh(self) -> None:
        self.tree_data = review.review_tree(self.project)
        self._fill_tree()
        self._fill_matrix()
        self._fill_scopes()
        t = self.tree_data       # review.bar_data's rows, labelled in the app's language
        themes = [(_label(theme, S.THEME_NAME), theme.quotes) for theme in t.themes]
        groups = [(_label(group, S.GROUP_NAME), group.quotes) for group in t.all_groups()]
        self.query_one("#bars", Static).update(
            f"{S.BARS_THEMES}\n" + bars(themes) + f"\n\n{S.BARS_GROUPS}\n" + bars(groups))

    # ---- the tree --------------------------------------------------------------------
    def _fill_tree(self) -> None:
        tree = self.query_one(Tree)
        tree.clear()
        t = self.tree_data
        tree.root.set_label(S.QUOTES_IN_THEMES.format(root=S.ROOT, quotes=S.quotes(sum(th.quotes for th in t.themes))))
        for theme in t.themes:
            counts = ", ".join((S.groups(len(theme.groups)), S.codes(theme.codes), S.quotes(theme.quotes)))
            node = tree.root.add(f"{_label(theme, S.THEME_NAME)} — {counts}", data=("theme", theme.id))
            for group in theme.groups:
                self._add_group(node, group)
        if t.groups_without_theme:
            node = tree.root.add(f"{S.NO_THEME} ({len(t.groups_without_theme)})", data=("heading", 0))
            for group in t.groups_without_theme:
                self._add_group(node, group)
        if t.ungrouped_codes:
            node = tree.root.add(f"{S.UNGROUPED} ({len(t.ungrouped_codes)})", data=("heading", 0))
            for code in t.ungrouped_codes:
                self._add_code(node, code)
        tree.root.expand()
        self._reopen(tree.root)

    def _reopen(self, node) -> None:
        """Open again the children of `node` that were open (their own children follow
        as each opens: quotes and codes are added then)."""
        for child in node.children:
            if child.data and node_key(child) in self.expanded:
                child.expand()
                self._reopen(child)

    def _add_group(self, parent, group: review.GroupNode) -> None:
        rest = f" ({S.RESTGRUPPE})" if group.rest else ""
        # A group's codes are added when it is opened: thousands of codes stay cheap.
        parent.add(f"{_label(group, S.GROUP_NAME)}{rest} — {S.codes(len(group.codes))}, {S.quotes(group.quotes)}",
                   data=("group", group), allow_expand=bool(group.codes))

    def _add_code(self, parent, code: review.CodeNode) -> None:
        # Quotes are read when the code is opened, not for the whole tree up front.
        parent.add(f"[{code.quotes}] {code.text}", data=("code", code.id), allow_expand=code.quotes > 0)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        node = event.node
        if not node.data:
            return
        self.expanded.add(node_key(node))
        if node.children:
            return
        kind, item = node.data
        if kind == "group":
            for code in item.codes:
                self._add_code(node, code)
        elif kind == "code":
            depth, up = 1, node
            while up.parent is not None:
                depth, up = depth + 1, up.parent
            width = event.control.scrollable_content_region.width - 4 * depth - 1   # less the guides
            for q in self.project.sdi.quotes(code_ids=[item]):
                node.add_leaf(quote_label(q, width), data=("quote", q))
        self._reopen(node)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed) -> None:
        if event.node.data:
            self.expanded.discard(node_key(event.node))

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if data and data[0] == "quote":
            self._open(data[1])

    def _open(self, q: Quote) -> None:
        self.post_message(OpenQuote(q.document_id, q.start, q.end))

    # ---- the matrix -------------------------------------------------------------------
    def _column_choices(self) -> list[str]:
        return ["document"] + review.attribute_names(self.project)

    def action_matrix_rows(self) -> None:
        self.matrix_rows = "group" if self.matrix_rows == "theme" else "theme"
        self._fill_matrix()

    def action_matrix_columns(self) -> None:
        choices = self._column_choices()
        i = choices.index(self.matrix_column) if self.matrix_column in choices else -1
        self.matrix_column = choices[(i + 1) % len(choices)]
        self._fill_matrix()

    def _fill_matrix(self) -> None:
        if self.matrix_column not in self._column_choices():
            self.matrix_column = "document"
        m = self.matrix = review.matrix(self.project, self.matrix_rows, self.matrix_column, self.tree_data)
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column(S.MATRIX_ROWS[self.matrix_rows], key="label")
        for c, name in enumerate(m.columns):
            table.add_column(name, key=f"c{c}")
        table.add_column("Σ", key="total")
        t = self.tree_data       # the rows come labelled by the analysis; shown in the app's language
        shown = {theme.label: _label(theme, S.THEME_NAME) for theme in t.themes}
        shown |= {group.label: _label(group, S.GROUP_NAME) for group in t.all_groups()}
        for r, name in enumerate(m.rows):
            cells = (m.count(r, c) or "" for c in range(len(m.columns)))
            table.add_row(shown.get(name, name), *cells, m.row_total(r), key=f"r{r}")
        self.query_one("#matrix-help", Static).update(
            S.MATRIX_HELP.format(rows=S.MATRIX_ROWS[self.matrix_rows], columns=self._column_name(self.matrix_column)))
        self.query_one("#matrix-quotes", OptionList).clear_options()
        self.matrix_quotes: list[Quote] = []

    @staticmethod
    def _column_name(column: str) -> str:
        return S.MATRIX_DOCUMENT if column == "document" else column

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id != "matrix":
            return
        event.stop()
        r, c = event.coordinate.row, event.coordinate.column - 1
        if 0 <= c < len(self.matrix.columns):
            ids = self.matrix.cells.get((r, c), [])
        else:       # the label or the Σ column: the whole row
            ids = [i for (row, _), v in self.matrix.cells.items() if row == r for i in v]
        self.show_cell(ids)

    def show_cell(self, coding_ids: list[int]) -> None:
        """Each passage once, with the codes that code it in this cell."""
        quotes = self.project.sdi.quotes(coding_ids=sorted(set(coding_ids))) if coding_ids else []
        codes = {c.id: c.text for g in self.tree_data.all_groups() for c in g.codes}
        passages: dict[tuple[int, int, int], list[Quote]] = {}
        for q in quotes:
            passages.setdefault((q.document_id, q.start, q.end), []).append(q)
        self.matrix_quotes = [same[0] for same in passages.values()]
        options = self.query_one("#matrix-quotes", OptionList)
        options.set_options([Option(S.QUOTE_CODES.format(
            codes="; ".join(dict.fromkeys(codes.get(q.code_id, "?") for q in same)), quote=quote_label(same[0])))
            for same in passages.values()])
        if self.matrix_quotes:
            options.highlighted = 0
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "matrix-quotes":
            self._open(self.matrix_quotes[event.option_index])

    # ---- co-occurrence ------------------------------------------------------------------
    def _fill_scopes(self) -> None:
        t = self.tree_data
        self.scopes = [(_label(theme, S.THEME_NAME), {"theme_id": theme.id}) for theme in t.themes]
        self.scopes += [(_label(g, S.GROUP_NAME), {"group_id": g.id}) for g in t.all_groups()]
        scopes = self.query_one("#cooc-scopes", OptionList)
        scopes.set_options([Option(label) for label, _ in self.scopes])
        self.query_one("#cooc-table", DataTable).clear(columns=True)
        if self.scopes:
            scopes.highlighted = 0
            self.show_cooccurrence(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "cooc-scopes":
            self.show_cooccurrence(event.option_index)

    def show_cooccurrence(self, index: int) -> None:
        label, scope = self.scopes[index]
        code_ids = review.group_code_ids(self.tree_data, **scope)
        pairs = review.cooccurrence(self.project, code_ids)
        text = {c.id: c.text for g in self.tree_data.all_groups() for c in g.codes}
        table = self.query_one("#cooc-table", DataTable)
        table.clear(columns=True)
        table.add_columns("n", S.COL_CODE_LOWER, S.COL_CODE_LOWER)
        for (a, b), n in sorted(pairs.items(), key=lambda item: -item[1]):
            table.add_row(n, text[a], text[b])
        self.query_one("#cooc-help", Static).update(
            S.COOC_HELP.format(scope=label) + ("" if pairs else f" — {S.COOC_NONE}"))
