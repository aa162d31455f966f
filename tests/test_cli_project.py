"""The project commands as a user runs them: output, exit codes, files unchanged on error."""

from __future__ import annotations

import csv
import hashlib
import json

from coder.core import Project
from tests.conftest import run_cli


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_info_log_undo_redo(tmp_path):
    path = tmp_path / "study.coder"
    assert run_cli("new", str(path)).returncode == 0
    with Project.open(path, coder="Kari") as p:
        doc = p.documents.add("Intervju A", "Vi digitaliserer bort arbeidsplassene.")
        p.codes.apply("Vi digitaliserer bort arbeidsplassene", doc, 0, 37)
    info = json.loads(run_cli("info", str(path), "--json").stdout)
    assert set(info) == {"documents", "segments", "codes", "codings", "groups", "themes",
                         "concepts", "coders", "schema_version"}
    assert (info["documents"], info["codes"], info["codings"], info["coders"]) == (1, 1, 1, 1)

    result = run_cli("undo", str(path), "--coder", "Ola")
    assert result.returncode == 0 and "apply coding" in result.stdout
    assert json.loads(run_cli("info", str(path), "--json").stdout)["codings"] == 0
    assert run_cli("redo", str(path)).returncode == 0
    assert json.loads(run_cli("info", str(path), "--json").stdout)["codings"] == 1

    text = run_cli("log", str(path)).stdout
    assert "Kari" in text and "import document" in text and "Ola" in text
    out = tmp_path / "audit.csv"
    assert run_cli("log", str(path), "--csv", str(out)).returncode == 0
    with out.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["action"] for r in table] == ["import document", "apply coding", "undo", "redo"]
    assert [r["coder"] for r in table][:3] == ["Kari", "Kari", "Ola"]
    assert set(table[0]) >= {"time", "coder", "action", "object", "details"}


def test_errors_are_one_line_with_the_file_and_change_nothing(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a project")
    before = digest(notes)
    for args in (["info", str(notes)], ["undo", str(notes)], ["log", str(notes)]):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.strip() == f"coder: {notes}: not a coder project (not an SQLite file)"
    assert digest(notes) == before

    missing = tmp_path / "missing.coder"
    result = run_cli("info", str(missing))
    assert result.returncode == 1 and "no such project" in result.stderr
    assert not missing.exists()

    empty = tmp_path / "empty.coder"
    run_cli("new", str(empty))
    before = digest(empty)
    result = run_cli("undo", str(empty))
    assert result.returncode == 1 and result.stderr.strip() == f"coder: {empty}: nothing to undo"
    assert run_cli("new", str(empty)).returncode == 1       # never overwrite a project
    assert digest(empty) == before
