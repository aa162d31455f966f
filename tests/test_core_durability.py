"""Crashes and concurrent writers: a killed process loses nothing it had committed, and
two processes writing at once lose nothing and never show a raw "database is locked"."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from coder.core import Project, store
from coder.core.errors import ProjectBusy
from tests.conftest import REPO

# Applies N codings and prints each coding's id once the call has returned.
WORKER = """
import sys
from coder.core import Project
path, n, coder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with Project.open(path, coder=coder) as p:
    print("ready", flush=True)
    code = p.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene").id
    for i in range(n):
        cid = p.codes.apply(code, 1, i % 50, i % 50 + 10)
        print(cid, flush=True)
"""


def make_project(path):
    with Project.create(path, coder="setup") as p:
        p.documents.add("a", "Folk tenker at vi digitaliserer bort arbeidsplassene. " * 4)
        p.codes.add("Folk tenker at vi digitaliserer bort arbeidsplassene")


def start_worker(path, n, coder="worker"):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(n), coder],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_sigkill_never_loses_a_returned_action(tmp_path):
    """A job of 1,000 codings is killed at a random moment 20 times, then finishes."""
    path = tmp_path / "p.coder"
    make_project(path)
    rng = random.Random(1234)
    confirmed: set[int] = set()
    interrupted = 0
    for run in range(21):
        worker = start_worker(path, 1000 - len(confirmed))
        assert worker.stdout.readline().strip() == "ready"
        if run < 20:
            time.sleep(rng.uniform(0.0, 0.015))
            worker.send_signal(signal.SIGKILL)
        out, err = worker.communicate(timeout=120)
        lines = out.split()
        confirmed.update(int(line) for line in lines)
        interrupted += run < 20 and worker.returncode == -signal.SIGKILL
        assert "Traceback" not in err, err
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {r[0] for r in conn.execute("SELECT id FROM codings")}
        missing = confirmed - present
        assert not missing, f"after run {run}: {len(missing)} returned codings lost"
        # every coding has the history row that can undo it, and nothing half-written
        logged = conn.execute("SELECT count(*) FROM history WHERE action = 'apply coding'").fetchone()[0]
        assert logged == len(present)
        conn.close()
    assert interrupted >= 20
    assert len(confirmed) == 1000


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "p.coder"
    make_project(path)
    workers = [start_worker(path, 300, coder) for coder in ("anna", "bjørn")]
    results = [w.communicate(timeout=300) for w in workers]
    for worker, (out, err) in zip(workers, results):
        assert worker.returncode == 0, err
        assert "locked" not in err and out.split()[1:] and len(out.split()) == 301
    with Project.open(path) as p:
        assert p.counts().codings == 600
        assert {c.coder for c in p.codes.codings()} == {"anna", "bjørn"}
        assert p.counts().coders == 3


def test_a_long_lock_becomes_a_clear_message_and_no_change(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "LOCK_TIMEOUT_S", 0.3)
    path = tmp_path / "p.coder"
    make_project(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(path) as p:
            with pytest.raises(ProjectBusy) as info:
                p.codes.add("Ledelsen lytter ikke til de ansatte")
            assert str(info.value).startswith(f"{path}: another program")
            assert "database is locked" not in str(info.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with Project.open(path) as p:
        assert p.counts().codes == 1
        p.codes.add("Ledelsen lytter ikke til de ansatte")
        assert p.counts().codes == 2
