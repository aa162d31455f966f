"""A project file from someone else is hostile input: a crafted merge source and crafted
history rows are refused (or their extra names ignored) and leave the project exactly as
it was; a regular expression that backtracks without end stops at the time limit."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import signal
import sqlite3
import zlib
from pathlib import Path

import pytest

from coder.cli import main
from coder.core import NewSegment, Project, search as search_module
from coder.core.schema import CONTENT_TABLES

TEXT = "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er ikke sant."
CODE = "Folk tenker at vi digitaliserer bort arbeidsplassene"


def run(argv: list, capsys) -> tuple[int, list[str]]:
    """`coder ARGV` in this process: (exit status, the lines on stderr)."""
    try:
        main([str(a) for a in argv])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err.splitlines()


def dump(path: Path, tables=None) -> dict:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        names = tables or [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in names}


def craft(path: Path, *sql: str) -> None:
    """Change a project file behind coder's back (as its sender may have)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for statement in sql:
            conn.execute(statement)
        conn.commit()


# ---- merge: the source's names never reach our SQL --------------------------------

def _source(path: Path, coder: str) -> None:
    with Project.create(path, coder=coder) as p:
        doc = p.documents.add("Intervju A", TEXT, segments=[NewSegment(0, 52, "sentence")])
        p.codes.apply_many(CODE, [(doc, 0, 31)])
        group = p.grouping.create_group("Frykt for å miste jobben", [p.codes.list()[0].id])
        p.grouping.create_theme("Arbeid", [group])
        p.grouping.create_concept("Teknologiangst", [group])
        p.settings.set_memo("Annas notater")


@pytest.fixture
def team(tmp_path):
    """A target with a document of its own, and one source (a coder's copy)."""
    with Project.create(tmp_path / "t.coder", coder="Leder") as p:
        p.documents.add("Notat fra leder", "Lederen skrev dette notatet selv.")
    _source(tmp_path / "anna.coder", "Anna")
    return tmp_path


def copy(source: Path, target: Path) -> Path:
    with contextlib.closing(sqlite3.connect(source)) as conn, contextlib.closing(sqlite3.connect(target)) as to:
        conn.backup(to)
    return target


def _merged_content(tmp_path: Path, source: Path, capsys) -> dict:
    """The content of a fresh copy of the target with `source` merged in."""
    target = copy(tmp_path / "t.coder", tmp_path / f"merged-{source.stem}.coder")
    code, err = run(["merge", target, source, "--coder", "Leder"], capsys)
    assert code == 0, err
    return dump(target, CONTENT_TABLES)


HOSTILE_COLUMN = "id) SELECT name || ?, ?, coalesce(?, ?), NULL FROM documents --"


@pytest.mark.parametrize("sql", [
    # the column the issue saw copy the target's document names into a concept row
    [f'ALTER TABLE concepts ADD COLUMN "{HOSTILE_COLUMN}" TEXT'],
    ['ALTER TABLE documents ADD COLUMN "memo = (SELECT group_concat(name) FROM documents)" TEXT',
     'ALTER TABLE codes ADD COLUMN "text) VALUES (?) --" TEXT'],
    ["CREATE TABLE evil (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO evil (name) VALUES ('x')"],
], ids=["concept column", "document and code columns", "extra table"])
def test_extra_names_in_a_source_are_not_read(team, capsys, sql):
    clean = _merged_content(team, team / "anna.coder", capsys)
    crafted = copy(team / "anna.coder", team / "crafted.coder")
    craft(crafted, *sql)
    assert _merged_content(team, crafted, capsys) == clean
    assert [r[1] for r in clean["concepts"]] == ["Teknologiangst"]     # no document's name in it


@pytest.mark.parametrize("sql, problem", [
    (["ALTER TABLE documents RENAME COLUMN name TO title"], "its table documents has no column name"),
    (["ALTER TABLE codings RENAME COLUMN coder TO who"], "its table codings has no column coder"),
    (["DROP TABLE concept_groups"], "it has no table concept_groups"),
    (["UPDATE codings SET code_id = 999"], "it refers to a code it does not hold"),
    (["UPDATE group_members SET group_id = 77"], "it refers to a group it does not hold"),
    (["INSERT INTO settings (key, value) VALUES ('refi.guids', '[1, 2]')"], "its setting refi.guids is damaged"),
    (["UPDATE settings SET value = '{not json' WHERE key = 'memo'"], "its setting memo is damaged"),
    (["UPDATE codes SET memo = x'00ff'"], "it holds binary data where text belongs"),
], ids=["renamed column", "renamed coder", "missing table", "dangling code", "dangling group",
        "guids not a map", "memo not JSON", "binary memo"])
def test_a_source_without_what_we_need_is_refused(team, capsys, sql, problem):
    source = team / "anna.coder"
    craft(source, *sql)
    before = dump(team / "t.coder")
    code, err = run(["merge", team / "t.coder", source, "--coder", "Leder"], capsys)
    assert code == 1
    assert err == [f"coder: {source}: cannot be merged: {problem}"]
    assert dump(team / "t.coder") == before


# ---- undo and redo: names in a history row come from our schema -------------------

@pytest.fixture
def coded(tmp_path):
    """A project with codings, and a function that adds a crafted history row."""
    path = tmp_path / "p.coder"
    with Project.create(path, coder="ann") as p:
        doc = p.documents.add("Intervju A", TEXT, segments=[NewSegment(0, 52, "sentence")])
        p.codes.apply_many(CODE, [(doc, 0, 31), (doc, 5, 20), (doc, 53, 71)])
        p.codes.apply_many("Det er ikke sant", [(doc, 53, 71)])

    def add(blob, state: str = "done") -> int:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            cur = conn.execute("INSERT INTO history (at, coder, action, object, details, changes, state) "
                               "VALUES ('2024-01-01', 'mallory', 'code', '', '', ?, ?)", [blob, state])
            conn.commit()
            return cur.lastrowid
    return path, add


def _blob(items) -> bytes:
    return zlib.compress(json.dumps(items).encode())


CODING = {"id": 1, "code_id": 1, "document_id": 1, "start": 0, "end": 31, "coder": "ann",
          "created_at": "2024-01-01", "memo": None}
DAMAGED = {
    # undo deleted every coding: DELETE FROM codings WHERE id = ? OR 1 -- WHERE id = ?
    "table with SQL": ([["codings WHERE id = ? OR 1 --", 1, None, {"id": 1}]], "no table"),
    "bulk table with SQL": ([["codings WHERE id BETWEEN ? AND ? OR 1 --", ["memo"], 1, [[None]]]], "no table"),
    "table not ours": ([["history", 1, None, {"id": 1}]], "no table 'history'"),
    "column with SQL": ([["codings", 1, {**CODING, "coder = 'mallory', memo": "x"}, CODING]],
                        "table codings has no column \"coder = 'mallory', memo\""),
    "bulk column with SQL": ([["codes", ["text", "created_at) SELECT name, ? FROM documents --"], 9,
                               [["a", "b"]]]], "table codes has no column"),
    "id not a number": ([["codings", "1 OR 1", None, {"id": "1 OR 1"}]], "its id is not a whole number"),
    "short item": ([["codings", 1, None]], "not [table, id, before, after]"),
    "no rows": ([["codings", 1, None, None]], "its before and after are not rows"),
    "row not a dict": ([["codings", 1, ["x"], None]], "its before and after are not rows"),
    "another row's id": ([["codings", 1, {**CODING, "id": 2}, None]], "a row's id is not the change's"),
    "bulk row too short": ([["codes", ["text", "created_at"], 9, [["a", "b"], ["c"]]]], "a row without 2 values"),
    "bulk with its ids": ([["codes", ["id", "text", "created_at"], 9, [[9, "a", "b"]]]], "not the columns of a bulk"),
    "value not storable": ([["codings", 1, {**CODING, "memo": {"a": 1}}, CODING]], "does not fit the project"),
    # the first change undone would delete coding 1; the second breaks a constraint: neither stays
    "breaks a constraint": ([["codes", 1, {"id": 1, "text": "taken", "created_at": "x"}, None],
                             ["codings", 1, None, CODING]], "does not fit the project"),
    "not a list": ({"codings": 1}, "not a list of changes"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_crafted_history_row_is_refused_and_changes_nothing(coded, capsys, case):
    path, add = coded
    items, problem = DAMAGED[case]
    entry = add(_blob(items))
    before = dump(path)
    code, err = run(["undo", path], capsys)
    assert code == 1
    assert len(err) == 1 and problem in err[0], err
    assert err[0].startswith(f"coder: {path}: history entry #{entry} is damaged (")
    assert err[0].endswith("; nothing was changed")
    assert dump(path) == before
    assert dump(path, ["codings"])["codings"] and len(before["codings"]) == 4


@pytest.mark.parametrize("blob", [b"not zlib at all", zlib.compress(b"[[\"codings\", 1,"),
                                  zlib.compress(b"\xff\xfe"), "text, not bytes", 42],
                         ids=["not zlib", "cut JSON", "not UTF-8", "text", "number"])
def test_a_history_row_that_is_not_compressed_json_is_refused(coded, capsys, blob):
    path, add = coded
    entry = add(blob)
    before = dump(path)
    code, err = run(["undo", path], capsys)
    assert code == 1
    assert err == [f"coder: {path}: history entry #{entry} is damaged (not compressed JSON); nothing was changed"]
    assert dump(path) == before


def test_redo_of_a_crafted_row_is_refused_too(coded, capsys):
    path, add = coded
    entry = add(_blob([["codings WHERE 1 --", 1, None, {"id": 1}]]), state="undone")
    before = dump(path)
    code, err = run(["redo", path], capsys)
    assert code == 1 and len(err) == 1 and f"history entry #{entry} is damaged" in err[0]
    assert dump(path) == before


def test_ordinary_undo_and_redo_still_work(coded, capsys):
    path, _add = coded
    before = dump(path, CONTENT_TABLES)
    assert run(["undo", path], capsys)[0] == 0
    assert len(dump(path, ["codings"])["codings"]) == 3
    assert run(["redo", path], capsys)[0] == 0
    assert dump(path, CONTENT_TABLES) == before


# ---- a regular expression search is bounded in time ------------------------------

# Each run of words can be split between (\w+\s?) and + in more ways than there is
# time for, and $ fails at the full stop: sre tries them all.
BACKTRACKING = r"(\w+\s?)+$"
LONG_SENTENCE = "kommunene digitaliserer tjenestene sine raskt " * 60 + "."


@pytest.fixture
def slow(tmp_path, monkeypatch):
    monkeypatch.setattr(search_module, "REGEX_TIME_LIMIT_S", 0.2)
    path = tmp_path / "s.coder"
    with Project.create(path, coder="ann") as p:
        p.documents.add("Rapport", LONG_SENTENCE)
    return path


def test_a_backtracking_regex_stops_with_one_line(slow, capsys):
    code, err = run(["search", slow, BACKTRACKING, "--regex"], capsys)
    assert code == 1
    assert err == [f"coder: {slow}: the regular expression took too long (over 0.2 s); simplify it"]
    # an ordinary one finds what it always did, and the alarm is put back as it was
    code, err = run(["search", slow, r"digitali\w+", "--regex"], capsys)
    assert code == 0 and err == ["60 hits"]


def test_the_alarm_someone_else_set_is_kept():
    """pytest-timeout sets one; so may a user's program around coder's."""
    def theirs(*_):
        raise AssertionError("not due yet")

    previous = signal.signal(signal.SIGALRM, theirs)
    old_timer = signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with pytest.raises(search_module._TooLong):
            with search_module.time_limit(0.05):
                re.search(BACKTRACKING, LONG_SENTENCE)
        with search_module.time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is theirs
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, *old_timer)
        signal.signal(signal.SIGALRM, previous)


def test_the_app_says_the_regex_took_too_long(slow):
    from coder.tui.app import make_app

    async def task(project):
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("slash", *BACKTRACKING, "tab", "space", "shift+tab", "enter")
            await pilot.pause()
            count = str(app.screen.query_one("#search-count").render())
            assert "the regular expression took too long (over 0.2 s); simplify it" in count
            assert app.screen.hits == []

    with Project.open(slow) as project:
        asyncio.run(task(project))
