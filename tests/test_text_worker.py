"""Sentences split in the helper process: the same spans as in this process, errors
that arrive as the same one-line errors, and a worker that dies is not a lost import.

Each test runs in a fresh Python (the pytest process has spaCy loaded already, and
then sentences are split in-process)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import REPO, run_cli


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO), **env})


def test_the_worker_splits_as_this_process_does():
    out = run_python("""
        import sys
        from pathlib import Path
        from coder.text.worker import Helper
        from coder.text.prepare import draft_text
        texts = [p.read_text() for p in sorted(Path("corpus").rglob("*.txt"))][:6]
        drafts = [draft_text(t) for t in texts]
        helper = Helper()
        pending = [helper.split(d.text, d.paragraphs, "nb") for d in drafts]
        assert all(p.elsewhere for p in pending) and "spacy" not in sys.modules
        there = [p.result() for p in pending]
        from coder.text.segment import sentence_spans
        here = [sentence_spans(d.text, d.paragraphs, "nb") for d in drafts]
        assert there == here and sum(map(len, here)) > 100, (len(there), len(here))
        print("same", sum(map(len, here)))
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("same")


def test_a_worker_that_dies_leaves_the_sentences_to_this_process():
    out = run_python("""
        from coder.text.worker import Helper
        from coder.text.prepare import draft_text
        draft = draft_text("Først dette. Så det her.\\n\\nEt nytt avsnitt.")
        helper = Helper()
        pending = helper.split(draft.text, draft.paragraphs, "nb")
        assert pending.elsewhere
        helper.worker.process.kill()
        print([draft.text[s.start:s.end] for s in pending.result()])
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['Først dette.', 'Så det her.', 'Et nytt avsnitt.']"


def test_a_pipeline_that_cannot_load_fails_each_file_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Først dette. Så det.", encoding="utf-8")
    project = tmp_path / "p.coder"
    assert run_cli("new", str(project)).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(REPO), "CODER_SPACY_MODEL": str(tmp_path / "missing")}
    out = subprocess.run([sys.executable, "-m", "coder", "import", str(project), str(tmp_path / "a.txt")],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    line = [ln for ln in out.stderr.splitlines() if "a.txt" in ln]
    assert len(line) == 1 and str(tmp_path / "missing") in line[0] and "cannot load" in line[0], out.stderr
    assert "Traceback" not in out.stderr



def test_the_worker_runs_this_coder_not_one_in_the_current_folder(tmp_path, monkeypatch):
    """A folder holding another `coder` (a checkout, an older copy) must not be what the
    worker imports: its replies would come from other code."""
    from coder.text.worker import Helper

    (tmp_path / "coder").mkdir()
    (tmp_path / "coder" / "__init__.py").write_text("raise SystemExit('the wrong coder')\n")
    monkeypatch.chdir(tmp_path)
    helper = Helper()
    try:
        pending = helper.run(os.getpid)
        assert pending.elsewhere
        assert pending.result() != os.getpid()      # answered by the worker, not done here
    finally:
        helper.shutdown()
