"""No lost work: the app open on a project while other programs read and write it,
and kill -9 of any of them. The app runs for real (tests/app_host.py, headless Pilot)
in a process of its own, as a researcher's would beside a terminal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from coder.core import Project
from coder.ingest import import_files
from tests.conftest import REPO, run_cli

TEXT = ("Intervju med informant A.\n\n"
        "Vi snakker med innbyggerne om digitalisering hver uke. Kommunen har mange tjenester. "
        "Innbyggerne spør om hjelp. Digitalisering tar tid i kommunen.\n\n"
        "En innbygger sa at kommunen svarer raskt. Det er bra for alle.\n")


class AppProcess:
    """tests/app_host.py: send a command, read its toasts and the history ids it made."""

    def __init__(self, path, coder="ane", poll=True):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "app_host.py"), str(path), coder,
                                      "poll" if poll else "nopoll"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env, cwd=REPO)
        assert self.proc.stdout.readline().strip() == "ready", self.proc.stderr.read()
        self.done: list[int] = []

    def send(self, command: str) -> list[str]:
        """The command's toasts; its actions' ids go to self.done."""
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        toasts = []
        while (line := self.proc.stdout.readline().rstrip("\n")) != "end":
            assert line, self.proc.stderr.read()
            if line.startswith("toast: "):
                toasts.append(line[len("toast: "):])
            elif line.startswith("done: "):
                self.done.extend(map(int, line.split()[1:]))
        return toasts

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


def make_project(path):
    source = path.with_name("informant_a.txt")
    source.write_text(TEXT, encoding="utf-8")
    with Project.create(path, coder="setup") as p:
        import_files(p, [source], kind="interview")
        p.autocode.run("digitalisering", "A")
        p.autocode.run("kommunen", "B")


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def states(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return {obj: state for obj, state in conn.execute(
            "SELECT object, state FROM history WHERE action = 'autocode' ORDER BY id")}


def test_the_reproduction_with_kill_9_of_the_app_loses_nothing(tmp_path):
    """The issue's steps: app undoes B; the CLI reads and autocodes C; the app shows C,
    undoes C (not A), codes three passages; then the app is killed with SIGKILL."""
    path = tmp_path / "p.coder"
    make_project(path)
    app = AppProcess(path)
    try:
        assert any("Undone: autocode" in t and "B" in t for t in app.send("undo"))
        assert run_cli("info", str(path)).returncode == 0
        step = run_cli("autocode", str(path), "innbygger", "--code", "C", "--coder", "bo")
        assert step.returncode == 0, step.stderr
        assert path.with_name("p.coder-wal").exists()        # the app still holds the WAL
        toasts = app.send("wait 1.5")                         # the app polls about once a second
        assert "1 change from another program: autocode C by bo" in toasts
        assert any("Undone: autocode C" in t for t in app.send("undo"))
        app.send("code"), app.send("code"), app.send("code")
        assert len(app.done) == 5                             # undo B, undo C, three codings
    finally:
        app.kill()
    assert integrity(path) == "ok"
    # undone, then dropped from the redo stack by the next action (C, then the codings)
    assert states(path) == {"A": "done", "B": "dropped", "C": "dropped"}
    with Project.open(path) as p:
        kept = {h.id for h in p.history.entries()}
        assert set(app.done) <= kept
        assert len([c for c in p.codes.codings() if c.coder == "ane"]) >= 1
        assert p.codes.by_text("C") is None or not p.codes.codings(code_id=p.codes.by_text("C").id)


def test_an_undo_that_meets_outside_changes_shows_them_first(tmp_path):
    """Pressed before the poll saw another program's action: nothing is undone, the
    change is shown; pressed again, it undoes that action, which is now on screen."""
    path = tmp_path / "p.coder"
    make_project(path)
    app = AppProcess(path, poll=False)      # the undo key, not the timer, meets the change
    try:
        app.send("wait 0.2")
        assert run_cli("autocode", str(path), "innbygger", "--code", "D", "--coder", "bo").returncode == 0
        toasts = app.send("undo")
        assert "1 change from another program: autocode D by bo" in toasts
        assert any(t.startswith("Not undone") and "autocode D" in t for t in toasts)
        assert states(path)["D"] == "done" and states(path)["B"] == "done"
        assert any("Undone: autocode D" in t for t in app.send("undo"))
        assert states(path)["D"] == "undone" and states(path)["B"] == "done"
    finally:
        app.kill()
    assert integrity(path) == "ok"


# ---- many programs at once, and kill -9 of any writer ------------------------------

WORDS = ("kommunen", "innbygger", "digitalisering", "hjelp", "tid")


class Writer:
    """Runs one kind of CLI command again and again in a thread, as a user's loop would;
    `kill` sends SIGKILL to the command running at that moment."""

    def __init__(self, kind, path, rng, round_no):
        self.kind, self.path, self.rng, self.round = kind, path, rng, round_no
        self.results: list[tuple[list[str], int, str, str]] = []
        self.current: subprocess.Popen | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def args(self, i: int) -> list[str]:
        p, tag = str(self.path), f"{self.round}.{i}"
        if self.kind == "autocode":
            return ["autocode", p, self.rng.choice(WORDS), "--code", f"AC {tag}", "--coder", "bo"]
        if self.kind == "import":
            source = self.path.parent / f"d{tag}.txt"
            source.write_text(f"Informant {tag}: Kommunen svarer. Innbyggerne venter på hjelp.\n", encoding="utf-8")
            return ["import", p, str(source), "--coder", "cy"]
        if self.kind == "undo":
            return ["undo", p, "--coder", "di"]
        return self.rng.choice([["info", p], ["search", p, "kommunen"], ["log", p, "--limit", "3"]])

    def _loop(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        i = 0
        while not self.stop.is_set():
            args = self.args(i)
            self.current = subprocess.Popen([sys.executable, "-m", "coder", *args], cwd=REPO, env=env,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            out, err = self.current.communicate(timeout=120)
            self.results.append((args, self.current.returncode, out, err))
            i += 1

    def kill(self) -> None:
        if self.current is not None and self.current.poll() is None:
            self.current.send_signal(signal.SIGKILL)


def dump(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('history', '_sqlite_migrations') AND name NOT LIKE 'segments_fts%'")]
        found = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        # the search index by what it holds, not how FTS5 laid its pages out
        found["search index"] = sorted(conn.execute("SELECT term, doc, col, offset FROM segments_fts_terms"))
        return found


def check_reported_actions(path, writers, app_done) -> None:
    """Every action that reported success is in the history, and, unless undone since,
    its effect is in the tables."""
    with Project.open(path) as p:
        history = {h.id: h for h in p.history.entries()}
        by_object = {(h.action, h.object): h for h in history.values()}
        docs = {d.name for d in p.documents.list()}
        codes = {c.text for c in p.codes.list()}
    assert set(app_done) <= set(history)
    for writer in writers:
        for args, code, out, err in writer.results:
            if code != 0:
                assert code < 0 or (code == 1 and len(err.strip().splitlines()) == 1), (args, code, err)
                continue
            if args[0] == "autocode":
                entry = by_object[("autocode", args[4])]
                assert entry.state in ("undone", "dropped") or args[4] in codes
            elif args[0] == "import":
                entry = by_object[("import document", args[2])]
                assert entry.state in ("undone", "dropped") or Path(args[2]).stem in docs
            elif args[0] == "undo":
                assert out.startswith("undo: ")
                undone = [h for h in history.values() if h.action == "undo" and h.coder == "di"]
                assert undone


def test_the_app_and_three_writers_killed_at_random_lose_nothing(tmp_path):
    """20 rounds: the app codes while three CLI processes write (autocode, import, undo)
    and one reads (info, search, log); a random writer, the app included, gets SIGKILL at
    a random moment. After each round the file is whole, every reported action is there,
    and undoing everything then redoing it gives back the same tables."""
    import random
    path = tmp_path / "p.coder"
    make_project(path)
    with Project.open(path, coder="ane") as p:
        p.autocode.run("tjenester", "Appens kode")            # the app's recent code 1
    rng = random.Random(2026)
    app = AppProcess(path)
    app_done: list[int] = []
    try:
        for round_no in range(20):
            writers = [Writer(kind, path, rng, round_no) for kind in ("autocode", "import", "undo", "read")]
            app_stop = threading.Event()
            def app_loop(app=app, app_stop=app_stop):
                while not app_stop.is_set():
                    try:
                        app.send("codeloop 2")
                    except (AssertionError, BrokenPipeError, ValueError):
                        return              # killed
            app_thread = threading.Thread(target=app_loop, daemon=True)
            for w in writers:
                w.thread.start()
            app_thread.start()
            time.sleep(rng.uniform(0.3, 1.2))
            victim = rng.choice(["autocode", "import", "undo", "app"])
            if victim == "app":
                app.kill()
            else:
                next(w for w in writers if w.kind == victim).kill()
            time.sleep(rng.uniform(0.2, 0.6))
            app_stop.set()
            for w in writers:
                w.stop.set()
            for w in writers:
                w.thread.join(timeout=180)
            app_thread.join(timeout=180)
            app_done.extend(app.done)
            app.done = []
            if victim == "app":
                app = AppProcess(path)

            assert integrity(path) == "ok", round_no
            failed = [(args, err) for args, code, _out, err in writers[3].results if code != 0]
            assert not failed, failed[0][1]
            check_reported_actions(path, writers, app_done)
            with Project.open(path, coder="check") as p:
                p.settings.set("round", round_no)         # a new action: nothing left to redo
                before = dump(path)
                steps = 0
                while p.history.can_undo():
                    p.history.undo()
                    steps += 1
                for _ in range(steps):
                    p.history.redo()
            assert dump(path) == before, round_no
    finally:
        app.kill()
    assert len(app_done) > 0


# Creates groups (each takes the next free number) and codes named like another
# process's, printing what it got once each call has returned.
CHOOSER = """
import os, sys, time
from coder.core import Project
from coder.core.errors import NameCollision
path, me, go = sys.argv[1], sys.argv[2], sys.argv[3]
with Project.open(path, coder=me) as p:
    code = p.codes.by_text("Appens kode").id
    while not os.path.exists(go):          # all three start together
        time.sleep(0.001)
    for i in range(40):
        print("group", p.grouping.group(p.grouping.create_group("Gruppe fra " + me, [code])).number, flush=True)
        try:
            p.codes.add(f"Felles kode {i}")
            print("code", i, flush=True)
        except NameCollision:
            print("taken", i, flush=True)
"""


def test_numbers_and_names_are_chosen_inside_the_write_transaction(tmp_path):
    """Three processes creating groups at once never get the same number, and of three
    processes adding the same code exactly one succeeds, the others are told it exists."""
    path = tmp_path / "p.coder"
    make_project(path)
    with Project.open(path, coder="ane") as p:
        p.autocode.run("tjenester", "Appens kode")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", CHOOSER, str(path), me, str(go)], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for me in ("ane", "bo", "cy")]
    time.sleep(1.0)
    go.touch()
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), [err for _out, err in outputs]
    lines = [line.split() for out, _err in outputs for line in out.splitlines()]
    numbers = [int(n) for kind, n in lines if kind == "group"]
    assert len(numbers) == 120 and len(set(numbers)) == 120
    added = [int(i) for kind, i in lines if kind == "code"]
    assert sorted(added) == list(range(40))                  # each name once, by one process
    with Project.open(path) as p:
        assert sorted(g.number for g in p.grouping.groups()) == sorted(numbers)
        assert integrity(path) == "ok"
