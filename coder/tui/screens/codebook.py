"""The codebook screen: grouping after coding (SDI). Left, the codes not yet grouped with
their number of quotes; right, the themes, groups (stable numbers) and concepts. The
grupperingstest ("N of M codes grouped") stays in view; the panel below shows the
highlighted entry: its quotes on demand, its kodetest verdicts and flags, its memo.

Every key calls one undoable `Project` method and then redraws what it changed."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from coder.analysis import sdi
from coder.core import Project, similar
from coder.core.errors import CoderError
from coder.i18n.collate import sort_key
from coder.tui import strings as S
from coder.tui.keymap import with_ids
from coder.tui.screens.dialogs import FuzzyPicker, MemoEditor, Prompt
from coder.tui.screens.help import SCREEN_KEYS, ScreenKeys
from coder.tui.widgets.codebook_list import CodebookList, Row
from coder.tui.widgets.footer import Footer

NEXT_VERDICT = {"unchecked": "passed", "passed": "failed", "failed": "unchecked"}
QUOTES_SHOWN = 30


class CodebookScreen(ScreenKeys, Screen):
    DEFAULT_CSS = """
    CodebookScreen #sdi-progress { height: 2; padding: 0 1; background: $boost; }
    CodebookScreen #ungrouped { width: 1fr; }
    CodebookScreen #structure { width: 1fr; }
    CodebookScreen #sdi-detail-box { height: 12; border-top: solid $panel; padding: 0 1; }
    """
    BINDINGS = with_ids("codebook", [
        Binding("g", "new_group", S.msgid.CB_GROUP),
        Binding("m", "move", S.msgid.CB_MOVE),
        Binding("x", "rest", S.msgid.CB_REST),
        Binding("r", "rename", S.msgid.CB_RENAME, show=False),
        Binding("n", "renumber", S.msgid.CB_RENUMBER, show=False),
        Binding("M", "merge", S.msgid.CB_MERGE, show=False),
        Binding("s", "split", S.msgid.CB_SPLIT, show=False),
        Binding("t", "new_theme", S.msgid.CB_THEME),
        Binding("T", "to_theme", S.msgid.CB_TO_THEME, show=False),
        Binding("c", "new_concept", S.msgid.CB_CONCEPT, show=False),
        Binding("l", "link_concept", S.msgid.CB_LINK, show=False),
        Binding("e", "memo", S.msgid.CB_MEMO, show=False),
        Binding("d", "duplicates", S.msgid.CB_DUPLICATES, show=False),
        Binding("D", "duplicate_threshold", S.msgid.CB_THRESHOLD, show=False),
        Binding("v", "toggle_quotes", S.msgid.CB_QUOTES, show=False),
        Binding("slash", "find_code", S.msgid.CB_FIND, show=False),
        Binding("f", "next_flagged", S.msgid.CB_FLAGGED, show=False),
        Binding("F", "find_code(True)", S.msgid.KEY_PICK_FLAGGED, show=False),
        Binding("Q", "edit_question", S.msgid.CB_QUESTION, show=False),
        Binding("delete", "delete", S.msgid.CB_DELETE, show=False),
        Binding("alt+up,left_square_bracket", "shift(-1)", S.msgid.CB_ORDER_UP, show=False),
        Binding("alt+down,right_square_bracket", "shift(1)", S.msgid.CB_ORDER_DOWN, show=False),
        Binding("A", "sort_codes", S.msgid.CB_ORDER_SORT, show=False),
        *(Binding(str(k), f"verdict({k})", S.msgid.CB_TEST, show=False) for k in range(1, 10)),
        Binding("ctrl+z", "undo", S.msgid.KEY_UNDO, show=False),
        Binding("ctrl+y", "redo", S.msgid.KEY_REDO, show=False),
        *SCREEN_KEYS,
    ])

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.expanded: set[int] = set()
        self.show_quotes = False
        self._flag_cache: dict[int, tuple] = {}       # code id → its kodetest flags
        self._by_text: dict[tuple[str, bool], tuple] = {}
        self.has_guide = False

    def compose(self) -> ComposeResult:
        yield Static(id="sdi-progress")
        with Horizontal():
            yield CodebookList(id="ungrouped")
            yield CodebookList(id="structure")
        with VerticalScroll(id="sdi-detail-box"):
            yield Static(id="sdi-detail", markup=False)
        yield Footer(compact=True)

    @property
    def left(self) -> CodebookList:
        return self.query_one("#ungrouped", CodebookList)

    @property
    def right(self) -> CodebookList:
        return self.query_one("#structure", CodebookList)

    def on_mount(self) -> None:
        self.left.border_title = S.UNGROUPED
        self.right.border_title = S.STRUCTURE
        self.reload()
        (self.left if self.left.rows else self.right).focus()

    # ---- reading the project -----------------------------------------------------
    def project_changed(self) -> None:
        """Another program changed the project (the app polls for it)."""
        self.reload()

    def reload(self) -> None:
        """Read everything again (after undo, rename, merge …) and redraw both lists."""
        p = self.project
        self.codes = {c.id: c for c in p.codes.list()}
        self.questions = {kind: p.grouping.check_questions(kind) for kind in ("code", "concept")}
        self.answers = {kind: p.grouping.checks(kind) for kind in ("code", "concept")}
        self.concepts = p.grouping.concepts()
        self.themes = p.grouping.themes()
        self._refresh_flags()
        self._count_tests()
        self._read_groups()
        self.left.set_rows(self._ungrouped_rows())
        self._redraw_right()

    def _refresh_flags(self) -> None:
        """Flags by code: worked out again only for codes whose text, or whether they
        are the informant's own words, changed (or when the guide did)."""
        questions = sdi.guide_questions(self.project)
        self.has_guide = bool(sdi.guide_documents(self.project))
        threshold = float(self.project.settings.get(sdi.GUIDE_SETTING, sdi.GUIDE_DEFAULT))
        if getattr(self, "_flag_basis", None) != (questions, threshold):
            self._flag_basis, self._by_text = (questions, threshold), {}
        own = sdi.own_words(self.project, list(self.codes.values()))
        self._flag_cache = {}
        for code in self.codes.values():
            key = (code.text, code.id in own)
            if key not in self._by_text:
                self._by_text[key] = sdi.code_flags(code.text, questions, threshold, key[1])
            self._flag_cache[code.id] = self._by_text[key]

    def _read_groups(self) -> None:
        self.groups = self.project.grouping.groups()
        self.group_by_id = {g.id: g for g in self.groups}
        self.group_of = {c: g.id for g in self.groups for c in g.code_ids}

    def _update_groups(self, group_ids: set[int | None]) -> None:
        """Re-read only the groups a move touched."""
        for gid in [g for g in group_ids if g is not None]:
            old = self.group_by_id[gid]
            new = self.group_by_id[gid] = self.project.grouping.group(gid)
            for c in old.code_ids:
                if self.group_of.get(c) == gid:
                    del self.group_of[c]
            self.group_of.update({c: gid for c in new.code_ids})
        self.groups = [self.group_by_id[g.id] for g in self.groups]

    # ---- rows --------------------------------------------------------------------
    def _code_note(self, code_id: int) -> str:
        flags = self._flag_cache.get(code_id, ())
        answers = self.answers["code"].get(code_id, {})
        marks = "".join(S.VERDICT_MARK[answers.get(q["key"], "unchecked")] for q in self.questions["code"])
        return ("⚑ " + ", ".join(S.FLAG_REASONS[f.reason] for f in flags) + " " if flags else "") + f"[{marks}]"

    def _code_row(self, code_id: int, indent: int = 0) -> Row:
        code = self.codes[code_id]
        return Row(f"code:{code_id}", code.text, badge=f"{code.codings:>4}", note=self._code_note(code_id),
                   indent=indent, markable=True)

    def _ungrouped_rows(self) -> list[Row]:
        ids = sorted((i for i in self.codes if i not in self.group_of),
                     key=lambda i: self.codes[i].text.lower())
        return [self._code_row(i) for i in ids]

    def _group_rows(self, group, indent: int) -> list[Row]:
        rest = f"({S.RESTGRUPPE})" if group.is_rest else ""
        if sdi.group_flags(group.name, group.is_rest):
            rest = S.GROUP_FLAGGED
        rows = [Row(f"group:{group.id}", S.GROUP_NAME.format(number=group.number, name=group.name),
                    badge=f"{len(group.code_ids):>4}", note=rest, indent=indent,
                    kind="rest" if group.is_rest else "group", markable=True)]
        if group.id in self.expanded:   # in the researcher's order, as the codebook export writes them
            rows += [self._code_row(i, indent + 4) for i in group.code_ids]
        return rows

    def _structure_rows(self) -> list[Row]:
        rows: list[Row] = []
        in_theme = set()
        for theme in self.themes:
            quotes = sum(self.codes[c].codings for g in theme.group_ids for c in self.group_by_id[g].code_ids)
            name = S.THEME_NAME.format(number=theme.number, name=theme.name)
            rows.append(Row(f"theme:{theme.id}", name, kind="theme",
                            note=f"{S.groups(len(theme.group_ids))}, {S.quotes(quotes)}"))
            for gid in theme.group_ids:
                in_theme.add(gid)
                rows += self._group_rows(self.group_by_id[gid], 2)
        loose = [g for g in self.groups if g.id not in in_theme]
        if loose:
            rows.append(Row("head:no-theme", S.NO_THEME, kind="heading"))
            for g in loose:
                rows += self._group_rows(g, 2)
        if self.concepts:
            rows.append(Row("head:concepts", S.CONCEPTS, kind="heading"))
            for concept in self.concepts:
                numbers = ", ".join(str(self.group_by_id[g].number) for g in concept.group_ids)
                answers = self.answers["concept"].get(concept.id, {})
                marks = "".join(S.VERDICT_MARK[answers.get(q["key"], "unchecked")] for q in self.questions["concept"])
                rows.append(Row(f"concept:{concept.id}", concept.name, kind="concept", indent=2,
                                note=S.CONCEPT_GROUPS.format(numbers=numbers or "–") + f" [{marks}]"))
        return rows

    def _redraw_right(self) -> None:
        self.right.set_rows(self._structure_rows())
        self._show_progress()
        self._show_detail()

    def _count_tests(self) -> None:
        """The kodetest tally: counted when verdicts or codes change, not on every move."""
        tally = {"passed": 0, "failed": 0, "unchecked": 0}
        keys = [q["key"] for q in self.questions["code"]]
        for code_id in self.codes:
            tally[sdi.verdict(self.answers["code"].get(code_id, {}), keys)] += 1
        tally["flagged"] = sum(1 for c in self.codes if self._flag_cache.get(c))
        self.kodetest = tally

    def _show_progress(self) -> None:
        total, grouped = len(self.codes), len(self.group_of)
        self.left.border_title = f"{S.UNGROUPED} ({total - grouped})"
        pct = round(100 * grouped / total) if total else 0
        text = S.PROGRESS.format(grouped=grouped, codes=total, pct=pct)
        if total and grouped == total:
            text += f" — {S.ALL_GROUPED}"
        rest = sdi.rest_share(self.project, self.groups, total)
        if rest.codes or rest.too_large:
            text += S.REST_SHARE.format(rest=rest.codes, codes=total, pct=round(rest.share))
            text += S.REST_TOO_LARGE.format(max=f"{rest.max_share:g}") if rest.too_large else ""
        tests = S.KODETEST.format(**self.kodetest) + ("" if self.has_guide else S.NO_GUIDE)
        self.query_one("#sdi-progress", Static).update(text + "\n" + tests, layout=False)   # two lines, fixed height

    # ---- the detail panel ----------------------------------------------------------
    def on_codebook_list_highlighted(self, event: CodebookList.Highlighted) -> None:
        if event.control.has_focus or not self.focused:
            self._show_detail(event.row)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, CodebookList):
            self._show_detail(event.widget.row)

    def _current_list(self) -> CodebookList:
        return self.right if self.focused is self.right else self.left

    def _show_detail(self, row: Row | None = None) -> None:
        row = row if row is not None else self._current_list().row
        detail = self.query_one("#sdi-detail", Static)
        if row is None:
            detail.update("")
            return
        kind, entity = row.key.split(":", 1)
        show = getattr(self, f"_detail_{kind}", None)
        detail.update(show(int(entity)) if show and entity.isdigit() else row.text)

    def _verdict_lines(self, kind: str, entity_id: int) -> list[str]:
        answers = self.answers[kind].get(entity_id, {})
        verdicts = S.VERDICTS
        return [f"{n}  {q['name']}: {verdicts[answers.get(q['key'], 'unchecked')]} — {q['prompt']}"
                for n, q in enumerate(self.questions[kind], 1)]

    def _detail_code(self, code_id: int) -> str:
        code = self.codes.get(code_id)
        if code is None:
            return ""
        gid = self.group_of.get(code_id)
        where = None if gid is None else self.group_by_id.get(gid)
        place = S.GROUP_NAME.format(number=where.number, name=where.name) if where else S.UNGROUPED
        lines = [code.text, f"{S.quotes(code.codings)} · " + place]
        lines += self._verdict_lines("code", code_id)
        lines += [f"⚑ {f.message}" for f in self._flag_cache.get(code_id, ())]
        if code.memo:
            lines.append(S.MEMO_LINE.format(memo=code.memo))
        if self.show_quotes:
            for q in self.project.sdi.quotes(code_ids=[code_id])[:QUOTES_SHOWN]:
                informant = f", {q.informant}" if q.informant else ""
                lines.append(S.QUOTE_WITH_TEXT.format(text=" ".join(q.text.split()), document=q.document,
                                                 informant=informant))
        elif code.codings:
            lines.append(S.QUOTES_HIDDEN)
        return "\n".join(lines)

    def _detail_group(self, group_id: int) -> str:
        g = self.group_by_id.get(group_id)
        if g is None:
            return ""
        quotes = sum(self.codes[c].codings for c in g.code_ids)
        concepts = [c.name for c in self.concepts if group_id in c.group_ids]
        lines = [S.GROUP_NAME.format(number=g.number, name=g.name) + (f" ({S.RESTGRUPPE})" if g.is_rest else ""),
                 f"{S.codes(len(g.code_ids))}, {S.quotes(quotes)}" + (f" · {', '.join(concepts)}" if concepts else "")]
        lines += [f"⚑ {f.message}" for f in sdi.group_flags(g.name, g.is_rest)]
        lines += [f"  {self.codes[c].text}" for c in g.code_ids[:QUOTES_SHOWN]]
        return "\n".join(lines + ([S.MEMO_LINE.format(memo=g.memo)] if g.memo else []))

    def _detail_theme(self, theme_id: int) -> str:
        t = next((t for t in self.themes if t.id == theme_id), None)
        if t is None:
            return ""
        lines = [S.THEME_NAME.format(number=t.number, name=t.name)]
        lines += ["  " + self._group_name(g) for g in t.group_ids]
        return "\n".join(lines + ([S.MEMO_LINE.format(memo=t.memo)] if t.memo else []))

    def _detail_concept(self, concept_id: int) -> str:
        c = next((c for c in self.concepts if c.id == concept_id), None)
        if c is None:
            return ""
        lines = [c.name] + ["  " + self._group_name(g) for g in c.group_ids]
        lines += self._verdict_lines("concept", concept_id)
        return "\n".join(lines + ([S.MEMO_LINE.format(memo=c.memo)] if c.memo else []))

    # ---- what the keys act on ------------------------------------------------------
    def _selected(self, kind: str) -> list[int]:
        """Marked rows of `kind` in the focused list, or the highlighted row."""
        lst = self._current_list()
        marked = [r.id for r in lst.marked_rows() if r.key.startswith(kind + ":")]
        if marked:
            return marked
        row = lst.row
        return [row.id] if row is not None and row.key.startswith(kind + ":") else []

    def _highlighted(self) -> tuple[str, int] | None:
        row = self._current_list().row
        if row is None or row.key.startswith("head:"):
            return None
        kind, entity = row.key.split(":", 1)
        return kind, int(entity)

    def _run(self, change, *args, redraw=None, unmark: bool = False) -> bool:
        """Call a Project method; a user error becomes a notice and changes nothing.
        `unmark`: the marks were what it acted on, so they are done with."""
        try:
            change(*args)
        except CoderError as exc:
            self.notify(str(exc), severity="error")
            return False
        if unmark:
            self.left.marked.clear()
            self.right.marked.clear()
        (redraw or self.reload)()
        return True

    async def action_back(self) -> None:
        """Escape: marks go first, then back to the coding screen."""
        if self.left.marked or self.right.marked:
            self.left.marked.clear()
            self.right.marked.clear()
            self.left.refresh()
            self.right.refresh()
        else:
            await self.app.run_action("app.coding")

    def action_next_flagged(self) -> None:
        """To the next code the kodetest flags, after the one at the cursor (as the README says)."""
        flagged = sorted((c for c in self.codes.values() if self._flag_cache.get(c.id)), key=lambda c: c.text.lower())
        if not flagged:
            self.notify(S.NONE_FLAGGED)
            return
        here = self._highlighted()
        ids = [c.id for c in flagged]
        i = ids.index(here[1]) + 1 if here and here[0] == "code" and here[1] in ids else 0
        self.reveal_code(ids[i % len(ids)])

    def _ask(self, title: str, value: str, then) -> None:
        def answered(answer: str | None) -> None:
            if answer:
                then(answer)
        self.app.push_screen(Prompt(title, value), answered)

    def _pick(self, title: str, choices, then) -> None:
        def picked(answer) -> None:
            if answer is not None:
                then(answer)
        self.app.push_screen(FuzzyPicker(title, choices), picked)

    def _group_choices(self) -> list[tuple[str, int]]:
        return [(f"{S.GROUP_NAME.format(number=g.number, name=g.name)}  ({S.codes(len(g.code_ids))})", g.id)
                for g in self.groups]

    def _group_name(self, group_id: int) -> str:
        g = self.group_by_id[group_id]
        return S.GROUP_NAME.format(number=g.number, name=g.name)

    # ---- grouping ------------------------------------------------------------------
    def action_new_group(self) -> None:
        codes = self._selected("code")
        if not codes:
            self.notify(S.PICK_CODES)
            return
        self._ask(S.NEW_GROUP, self.codes[codes[0]].text,
                  lambda name: self._run(self.project.grouping.create_group, name, codes, unmark=True))

    def action_move(self) -> None:
        codes = self._selected("code")
        if not codes:
            self.notify(S.PICK_CODES)
            return
        choices = self._group_choices() + [(S.TO_UNGROUPED, 0)]
        self._pick(S.move_to(len(codes)), choices, lambda gid: self.move_codes(codes, gid or None))

    def move_codes(self, code_ids: list[int], group_id: int | None) -> None:
        """Move codes and redraw only what a move changes: the ungrouped list loses or
        gains rows, the group rows change counts. (The speed target is 20 ms.)"""
        def redraw() -> None:
            self._update_groups({self.group_of.get(c) for c in code_ids} | {group_id})
            if group_id is None:
                self.left.set_rows(self._ungrouped_rows())
            else:
                self.left.remove_keys(f"code:{c}" for c in code_ids)
            self.right.marked.clear()
            self._redraw_right()
        self._run(self.project.grouping.move_codes, code_ids, group_id, redraw=redraw)

    def action_rest(self) -> None:
        groups = self._selected("group")
        if groups:
            g = self.group_by_id[groups[0]]
            self._run(self.project.grouping.set_rest_group, g.id, not g.is_rest)

    def action_rename(self) -> None:
        target = self._highlighted()
        if target is None:
            self.notify(S.NOT_HERE)
            return
        kind, entity = target
        p = self.project
        current = {"code": lambda: self.codes[entity].text,
                   "group": lambda: self.group_by_id[entity].name,
                   "theme": lambda: next(t.name for t in self.themes if t.id == entity),
                   "concept": lambda: next(c.name for c in self.concepts if c.id == entity)}
        rename = {"code": p.codes.rename, "group": p.grouping.rename_group, "theme": p.grouping.rename_theme,
                  "concept": p.grouping.rename_concept}
        if kind in rename:
            self._ask(S.RENAME, current[kind](), lambda name: self._run(rename[kind], entity, name))

    def action_renumber(self) -> None:
        target = self._highlighted()
        if target is None or target[0] not in ("group", "theme"):
            self.notify(S.PICK_GROUPS)
            return
        kind, entity = target
        number = (self.group_by_id[entity].number if kind == "group"
                  else next(t.number for t in self.themes if t.id == entity))
        renumber = self.project.grouping.renumber_group if kind == "group" else self.project.grouping.renumber_theme

        def apply(answer: str) -> None:
            if not answer.isdigit():
                self.notify(S.NOT_A_NUMBER.format(answer=answer), severity="error")
                return
            self._run(renumber, entity, int(answer))
        self._ask(S.RENUMBER.format(what=f"{S.KINDS[kind]} {number}"), str(number), apply)

    def action_merge(self) -> None:
        codes = self._selected("code")
        if not codes:
            self.notify(S.PICK_CODES)
            return
        source = codes[0]
        choices = [(f"{c.text}  ({c.codings})", c.id) for c in sorted(self.codes.values(), key=lambda c: c.text.lower())
                   if c.id != source]
        self._pick(S.MERGE_INTO.format(text=self.codes[source].text), choices,
                   lambda target: self._run(self.project.codes.merge, source, target))

    def action_split(self) -> None:
        codes = self._selected("code")
        groups = {self.group_of.get(c) for c in codes}
        if not codes or len(groups) != 1 or None in groups:
            self.notify(S.SPLIT_ONE_GROUP)
            return
        group_id = groups.pop()
        self._ask(S.split(len(codes)), self.codes[codes[0]].text,
                  lambda name: self._run(self.project.grouping.split_group, group_id, codes, name))

    def action_delete(self) -> None:
        target = self._highlighted()
        p = self.project
        delete = {"group": p.grouping.delete_group, "theme": p.grouping.delete_theme,
                  "concept": p.grouping.delete_concept}
        if target is not None and target[0] in delete:
            self._run(delete[target[0]], target[1])

    # ---- themes and concepts -------------------------------------------------------
    def action_new_theme(self) -> None:
        groups = self._selected("group")
        if not groups:
            self.notify(S.PICK_GROUPS)
            return
        self._ask(S.new_theme(len(groups)), self.group_by_id[groups[0]].name,
                  lambda name: self._run(self.project.grouping.create_theme, name, groups, unmark=True))

    def action_to_theme(self) -> None:
        groups = self._selected("group")
        if not groups:
            self.notify(S.PICK_GROUPS)
            return
        choices = [(S.THEME_NAME.format(number=t.number, name=t.name), t.id) for t in self.themes]
        choices += [(S.NO_THEME_CHOICE, 0)]
        self._pick(S.to_theme(len(groups)), choices,
                   lambda tid: self._run(self.project.grouping.move_groups, groups, tid or None, unmark=True))

    def action_new_concept(self) -> None:
        groups = self._selected("group")
        if not groups:
            self.notify(S.PICK_GROUPS)
            return
        self._ask(S.new_concept(len(groups)), "",
                  lambda name: self._run(self.project.grouping.create_concept, name, groups, unmark=True))

    def action_link_concept(self) -> None:
        groups = self._selected("group")
        if not groups or not self.concepts:
            self.notify(S.PICK_GROUPS)
            return

        def link(concept_id: int) -> None:
            for gid in groups:
                if not self._run(self.project.grouping.link_concept, concept_id, gid, redraw=lambda: None):
                    break
            self.reload()
        self._pick(S.link_concept(len(groups)), [(c.name, c.id) for c in self.concepts], link)

    def action_memo(self) -> None:
        target = self._highlighted()
        if target is None:
            self.notify(S.NOT_HERE)
            return
        kind, entity = target
        p = self.project
        memo_of = {"code": lambda: self.codes[entity].memo, "group": lambda: self.group_by_id[entity].memo,
                   "theme": lambda: next(t.memo for t in self.themes if t.id == entity),
                   "concept": lambda: next(c.memo for c in self.concepts if c.id == entity)}
        setter = {"code": p.codes.set_memo, "group": p.grouping.set_group_memo, "theme": p.grouping.set_theme_memo,
                  "concept": p.grouping.set_concept_memo}

        def edited(memo: str | None) -> None:
            if memo is not None:
                self._run(setter[kind], entity, memo or None)
        if kind in setter:
            self.app.push_screen(MemoEditor(S.MEMO.format(what=f"{S.KINDS[kind]} {entity}"), memo_of[kind]()), edited)

    # ---- near-duplicates, tests, quotes, undo --------------------------------------------
    def action_duplicates(self) -> None:
        self.find_duplicates(list(self.codes.values()), similar.threshold(self.project))

    @work(thread=True, exclusive=True, group="duplicates")
    def find_duplicates(self, codes, threshold: float) -> None:
        """Seconds on thousands of codes: compared off the UI thread, over the codes in memory."""
        pairs = similar.similar_pairs(codes, threshold, limit=500)
        self.app.call_from_thread(self._offer_duplicates, pairs, threshold)

    def _offer_duplicates(self, pairs, threshold: float) -> None:
        if not pairs:
            self.notify(S.NO_DUPLICATES.format(threshold=threshold))
            return
        choices = [(f"{p.score:3.0f}  «{p.a.text}» ⇐ «{p.b.text}»", (p.b.id, p.a.id)) for p in pairs]
        self._pick(S.DUPLICATES.format(threshold=threshold), choices,
                   lambda pair: self._run(self.project.codes.merge, *pair))

    def action_duplicate_threshold(self) -> None:
        def apply(answer: str) -> None:
            try:
                value = float(answer.replace(",", "."))
            except ValueError:
                value = -1
            if not 0 <= value <= 101:
                self.notify(S.BAD_THRESHOLD.format(value=answer), severity="error")
                return
            self._run(self.project.settings.set, similar.SETTING, value, redraw=lambda: None)
        self._ask(S.DUPLICATE_THRESHOLD, f"{similar.threshold(self.project):g}", apply)

    def action_verdict(self, n: int) -> None:
        target = self._highlighted()
        if target is None or target[0] not in ("code", "concept"):
            return
        kind, entity = target
        questions = self.questions[kind]
        if n > len(questions):
            return
        key = questions[n - 1]["key"]
        current = self.answers[kind].get(entity, {}).get(key, "unchecked")

        def redraw() -> None:
            self.answers[kind] = self.project.grouping.checks(kind)
            self._count_tests()
            lst = self._current_list()
            if kind == "code" and lst.row is not None:
                lst.replace_row(self._code_row(entity, lst.row.indent))
            else:
                lst.set_rows(self._structure_rows())
            self._show_progress()
            self._show_detail()
        self._run(self.project.grouping.set_check, kind, entity, key, NEXT_VERDICT[current], redraw=redraw)

    def action_find_code(self, flagged: bool = False) -> None:
        """Go to a code (or to one of the codes the kodetest flags), wherever it sits."""
        codes = sorted(self.codes.values(), key=lambda c: c.text.lower())
        if flagged:
            codes = [c for c in codes if self._flag_cache.get(c.id)]
        choices = [(f"{c.text}  ({self._code_note(c.id)})", c.id) for c in codes]
        self._pick(S.FIND_FLAGGED if flagged else S.FIND_CODE, choices, self.reveal_code)

    def reveal_code(self, code_id: int) -> None:
        group_id = self.group_of.get(code_id)
        if group_id is None:
            lst = self.left
        else:
            self.expanded.add(group_id)
            self.right.set_rows(self._structure_rows())
            lst = self.right
        lst.focus()
        lst.select_key(f"code:{code_id}")

    def action_edit_question(self) -> None:
        """The kodetest and konsepttest prompts are data: reword one (undoable)."""
        choices = [(f"{q['name']}: {q['prompt']}", (kind, q)) for kind in ("code", "concept")
                   for q in self.questions[kind]]

        def edit(choice) -> None:
            kind, q = choice
            self._ask(S.EDIT_QUESTION.format(name=q["name"]), q["prompt"],
                      lambda prompt: self._run(self.project.sdi.edit_check_question, kind, q["key"], None, prompt))
        self._pick(S.PICK_QUESTION, choices, edit)

    def action_toggle_quotes(self) -> None:
        self.show_quotes = not self.show_quotes
        self._show_detail()

    def on_codebook_list_activated(self, event: CodebookList.Activated) -> None:
        row = event.row
        if row is None:
            return
        if row.key.startswith("group:"):
            self.expanded ^= {row.id}
            self.right.set_rows(self._structure_rows(), keep=row.key)
        elif row.key.startswith("code:"):
            self.action_toggle_quotes()

    # ---- the researcher's order (#14) ----------------------------------------------
    def _siblings(self, kind: str, entity: int) -> list[int] | None:
        """The codes of the code's group, or the groups of the group's theme, in order."""
        if kind == "code" and entity in self.group_of:
            return list(self.group_by_id[self.group_of[entity]].code_ids)
        if kind == "group":
            return next((list(t.group_ids) for t in self.themes if entity in t.group_ids), None)
        return None

    def _redraw_order(self) -> None:
        self._read_groups()
        self.themes = self.project.grouping.themes()
        self._redraw_right()          # the cursor stays on the moved row (set_rows keeps its key)

    def action_shift(self, step: int) -> None:
        """One place up or down among its siblings: one undoable reorder."""
        target = self._highlighted()
        siblings = self._siblings(*target) if target else None
        if target is None or siblings is None:
            self.notify(S.CB_ORDER_WHERE)
            return
        i = siblings.index(target[1])
        j = i + step
        if not 0 <= j < len(siblings):
            return
        siblings[i], siblings[j] = siblings[j], siblings[i]
        self._run(self.project.grouping.reorder, target[0], siblings, redraw=self._redraw_order)

    def action_sort_codes(self) -> None:
        """The codes of the group at the cursor (or of the code's group) in Norwegian alphabetical order."""
        target = self._highlighted()
        gid = None if target is None else target[1] if target[0] == "group" else self.group_of.get(target[1])
        if target is None or target[0] not in ("code", "group") or gid is None:
            self.notify(S.CB_ORDER_WHERE)
            return
        ids = sorted(self.group_by_id[gid].code_ids, key=lambda c: sort_key(self.codes[c].text))
        self._run(self.project.grouping.reorder, "code", ids, redraw=self._redraw_order)

    def action_undo(self) -> None:
        self._history_step("undo")

    def action_redo(self) -> None:
        self._history_step("redo")

    def _history_step(self, verb: str) -> None:
        try:
            entry = getattr(self.project.history, verb)()
        except CoderError as exc:
            self.notify(str(exc))
            return
        message = S.UNDONE if verb == "undo" else S.REDONE
        self.notify(message.format(action=S.action(entry.action), object=entry.shown_object()))
        self.reload()
