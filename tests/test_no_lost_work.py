"""No lost work: the app open on a project while other programs read and write it,
and kill -9 of any of them. The app runs for real (tests/app_host.py, headless Pilot)
in a process of its own, as a researcher's would beside a terminal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

from coder.core import Project
from coder.ingest import import_files
from tests.conftest import REPO, run_cli

TEXT = ("Intervju med informant A.\n\n"
        "Vi snakker med innbyggerne om digitalisering hver uke. Kommunen har mange tjenester. "
        "Innbyggerne spør om hjelp. Digitalisering tar tid i kommunen.\n\n"
        "En innbygger sa at kommunen svarer raskt. Det er bra for alle.\n")


class AppProcess:
    """tests/app_host.py: send a command, read its toasts and the history ids it made."""

    def __init__(self, path, coder="ane"):
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen([sys.executable, str(REPO / "tests" / "app_host.py"), str(path), coder],
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
        p.autocode("digitalisering", "A")
        p.autocode("kommunen", "B")


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
        kept = {h.id for h in p.history()}
        assert set(app.done) <= kept
        assert len([c for c in p.codings() if c.coder == "ane"]) >= 1
        assert p.code_by_text("C") is None or not p.codings(code_id=p.code_by_text("C").id)


def test_an_undo_that_meets_outside_changes_shows_them_first(tmp_path):
    """Pressed before the poll saw another program's action: nothing is undone, the
    change is shown; pressed again, it undoes that action, which is now on screen."""
    path = tmp_path / "p.coder"
    make_project(path)
    app = AppProcess(path)
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
