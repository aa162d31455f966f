"""The history's objects and details in the reader's language: kept as wordings (message id
and values) beside their English text, read back from older projects' English, shown by
`coder log`, undo and the app's toasts in bokmål or English."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import sqlite3
import subprocess
import sys

import pytest

from coder.core import Project, schema
from coder.core.models import NewSegment
from coder.core.wording import Wording, counted, documents_and_segments, from_old_text, said
from coder.i18n import using
from tests.test_cli_i18n import (
    run,  # noqa: F401  (the fixture)
    run_process,
)
from tests.test_tui_snapshots import coded_project

TEXT = "Vi var redde. Folk tenker at vi digitaliserer bort arbeidsplassene. Lederne tok ansvar.\n"


def history_project(path) -> Project:
    """An import, an attribute set, a group, a theme, a code deleted, and an undo."""
    p = Project.create(path, coder="ann")
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.", TEXT)]
    doc = p.documents.add("intervju A", TEXT, segments=[NewSegment(s, e, "sentence") for s, e in sentences])
    p.documents.set_attribute(doc, "informant", "A")
    codes = [p.codes.add(text) for text in ("Redde", "Folk tenker", "Lederne tok ansvar")]
    p.codes.apply(codes[2], doc, *sentences[2])
    group = p.grouping.create_group("Frykt", codes)
    p.grouping.create_theme("Endring", [group])
    p.codes.delete(codes[2])
    p.codes.add("Angret kode")
    p.history.undo()
    return p


def log_lines(run, language: str, path) -> list[str]:  # noqa: F811
    result = run("--lang", language, "log", path)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_log_says_objects_and_details_in_bokmal(tmp_path, run):  # noqa: F811
    path = tmp_path / "p.coder"
    history_project(path).close()
    text = "\n".join(log_lines(run, "nb", path))
    for said_nb in ("importer dokument", "intervju A  — 1 dokument, 3 segmenter", "dokument 1  — informant = A",
                    "Kodegruppe 1 Frykt  — 3 koder", "Tema 1 Endring  — 1 kodegruppe",
                    "Lederne tok ansvar  — 1 koding fjernet", "Angret kode  — angret #10 ny kode"):
        assert said_nb in text, (said_nb, text)
    for english in ("document 1", "1 document", "Group 1", "codes", "codings removed", "undo of"):
        assert english not in text, (english, text)


def test_the_log_says_them_in_english_with_right_plurals(tmp_path, run):  # noqa: F811
    path = tmp_path / "p.coder"
    history_project(path).close()
    text = "\n".join(log_lines(run, "en", path))
    for said_en in ("intervju A  — 1 document, 3 segments", "document 1  — informant = A",
                    "Group 1 Frykt  — 3 codes", "Theme 1 Endring  — 1 group", "1 coding removed",
                    "Angret kode  — undo of #10 add code"):
        assert said_en in text, (said_en, text)


def test_the_csv_log_keeps_the_english_text_in_any_language(tmp_path, run):  # noqa: F811
    path = tmp_path / "p.coder"
    history_project(path).close()
    out = tmp_path / "log.csv"
    assert run("--lang", "nb", "log", path, "--csv", out).returncode == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert ["create group", "Group 1 Frykt", "3 codes"] in [[r["action"], r["object"], r["details"]] for r in rows]


def test_undo_and_redo_name_the_object_in_the_readers_language(tmp_path, run):  # noqa: F811
    path = tmp_path / "p.coder"
    with Project.create(path) as p:
        p.grouping.create_group("Frykt")
    assert run("--lang", "nb", "undo", path).stdout.strip() == "angret: ny kodegruppe Kodegruppe 1 Frykt"
    assert run("--lang", "en", "redo", path).stdout.strip() == "redo: create group Group 1 Frykt"


@pytest.mark.parametrize(("n", "nb", "en"), [(0, "0 koder", "0 codes"), (1, "1 kode", "1 code"),
                                             (2, "2 koder", "2 codes"), (5, "5 koder", "5 codes"),
                                             (21, "21 koder", "21 codes")])
def test_a_counted_wording_has_the_right_plural(n, nb, en):
    wording = Wording.from_json(json.loads(json.dumps(counted("codes", n).to_json())))
    with using("nb"):
        assert wording.text() == nb
    assert wording.english() == en


def test_a_wording_of_two_parts_reads_as_one():
    with using("nb"):
        assert documents_and_segments(1, 12).text() == "1 dokument, 12 segmenter"
    assert documents_and_segments(1, 12).english() == "1 document, 12 segments"


@pytest.mark.parametrize("data", [
    [], {"m": 3}, {"m": "x", "v": []}, {"m": "x", "p": "y"}, {"m": "x", "v": {"a": [1]}},
    {"m": "x", "v": {"a": True}}, {"m": "x", "evil": 1}, {"m": "x", "p": "y", "n": "2"},
])
def test_a_wording_not_as_coder_writes_them_is_refused(data):
    with pytest.raises(ValueError):
        Wording.from_json(data)


@pytest.mark.parametrize("message", ["{id.__class__}", "{0}", "{}", "{missing}", "{id!r}", "{id:>99}"])
def test_a_crafted_message_shows_the_stored_text(tmp_path, message):
    """A row from someone else's file whose message does not fit its values: the text it keeps."""
    with Project.create(tmp_path / "p.coder") as p:
        p.documents.add("a", TEXT)
        p.db.conn.execute("UPDATE history SET wording = ?",
                          [json.dumps({"object": said(message, id=1).to_json(), "details": {"m": 5}})])
        (entry,) = p.history.entries()
        assert (entry.shown_object(), entry.shown_details()) == (entry.object, entry.details)


# ---- projects written before m007 ---------------------------------------------------------------

OLD_ROWS = [  # (action, object, details) as an older coder wrote them
    ("import document", "intervju A", "1 documents, 12 segments"),
    ("import document", "document 3", "1 documents, 1 segments"),     # a document so named
    ("set attribute", "document 3", "informant = 3 codes"),
    ("create group", "Gruppe 2 Frykt for jobben", "3 codes"),
    ("create theme", "Tema 1 Endring", "1 groups"),
    ("memo theme", "theme 4", ""),
    ("link concept", "concept 2", "group 5"),
    ("delete code", "Redde", "4 codings removed"),
    ("apply coding", "Redde", "document 3 [0:12]"),
    ("check", "code 7", "q1: failed"),
    ("add test question", "code q3", "Ny test"),
    ("rename group", "Gruppe 2", "«a» → «b»"),
    ("merge", "a.coder", "3 documents, 2 codes, 1 codings, 0 groups, 0 themes added; 1 near-identical codes"),
    ("autocode", "Redde", "«redd» by sentence: 2 spans"),
    ("something new", "odd object", "5 things"),
]
OLD_META = ("undo", "Gruppe 2 Frykt for jobben", "undo of #4 create group")

SHOWN_NB = [
    ("intervju A", "1 dokument, 12 segmenter"), ("document 3", "1 dokument, 1 segment"),
    ("dokument 3", "informant = 3 codes"), ("Kodegruppe 2 Frykt for jobben", "3 koder"),
    ("Tema 1 Endring", "1 kodegruppe"), ("tema 4", ""), ("konsept 2", "kodegruppe 5"),
    ("Redde", "4 kodinger fjernet"), ("Redde", "dokument 3 [0:12]"), ("kode 7", "q1: ikke bestått"),
    ("kodetest q3", "Ny test"), ("Kodegruppe 2", "«a» → «b»"),
    ("a.coder", "3 dokumenter, 2 koder, 1 koding, 0 kodegrupper, 0 temaer lagt til; 1 nesten lik kode"),
    ("Redde", "«redd» per setning: 2 utdrag"), ("odd object", "5 things"),
    ("Kodegruppe 2 Frykt for jobben", "angret #4 ny kodegruppe"),
]


def test_an_older_projects_history_reads_in_bokmal_where_its_english_is_known(tmp_path, monkeypatch):
    older = schema.Migrations(schema.MIGRATION_SET)
    older._migrations.extend(schema.migrations._migrations[:6])
    full = schema.migrations
    monkeypatch.setattr(schema, "migrations", older)
    path = tmp_path / "old.coder"
    Project.create(path).close()
    with sqlite3.connect(path) as conn:
        assert "wording" not in [r[1] for r in conn.execute("PRAGMA table_info(history)")]
        for action, obj, details in OLD_ROWS:
            conn.execute("INSERT INTO history (at, coder, action, object, details, state) "
                         "VALUES ('2026-01-05T10:00:00+00:00', 'ann', ?, ?, ?, 'done')", [action, obj, details])
        conn.execute("INSERT INTO history (at, coder, action, object, details, state, ref) "
                     "VALUES ('2026-01-05T10:00:00+00:00', 'ann', ?, ?, ?, 'meta', 4)", OLD_META)
    monkeypatch.setattr(schema, "migrations", full)
    with Project.open(path) as p:
        entries = p.history.entries()
        assert [(e.action, e.object, e.details) for e in entries] == [*OLD_ROWS, OLD_META]   # the text kept
        with using("nb"):
            assert [(e.shown_object(), e.shown_details()) for e in entries] == SHOWN_NB
        assert entries[0].shown_details() == "1 document, 12 segments"                      # the plural mended


def test_the_old_patterns_leave_names_and_typed_text_alone():
    assert from_old_text("rename document", "document 3", "object") is None
    assert from_old_text("describe code", "3 codes", "details") is None
    assert from_old_text("memo document", "document 3x", "object") is None
    assert from_old_text("memo document", "document 3", "object") is not None


# ---- the app ---------------------------------------------------------------------------------------

def test_the_apps_undo_toast_names_the_object_in_bokmal(tmp_path):
    from coder.tui.app import make_app
    project = coded_project(tmp_path / "p.coder")
    project.grouping.create_group("Frykt", [c.id for c in project.codes.list()][:2])

    async def task():
        app = make_app(project, language="nb")
        async with app.run_test(size=(150, 30)) as pilot:
            await pilot.press("ctrl+z")
            await pilot.pause()
            return [str(n.message) for n in app._notifications]
    toasts = asyncio.run(task())
    assert "Angret: ny kodegruppe Kodegruppe 1 Frykt" in toasts, toasts


# ---- the command line's own edges ------------------------------------------------------------------

def test_a_bad_number_is_refused_in_bokmal_with_the_types_name(run):  # noqa: F811
    result = run("--lang", "nb", "proposals", "list", "x.coder", "--min-score", "x")
    assert (result.returncode, result.stderr.strip()) == (
        2, "coder: Ugyldig verdi for '--min-score': 'x' er ikke et gyldig desimaltall. "
           "(se «coder proposals list --help»)")


def test_a_closed_pipe_ends_the_output_quietly(tmp_path):
    """`coder log | head -1`: the reader goes away; no "Broken pipe", no traceback; status 1
    as click gives it (the project untouched)."""
    path = tmp_path / "p.coder"
    history_project(path).close()
    proc = subprocess.Popen([sys.executable, "-m", "coder", "log", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()                 # before coder writes its first line
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (1, b"")
    assert run_process("log", path).stdout.count("\n") == 11


def test_anchorings_proposals_are_named_in_the_log_in_bokmal(tmp_path, run):  # noqa: F811
    """The source stays stored as it was; the history names it in the reader's language."""
    from coder.core.models import NewProposal
    path = tmp_path / "p.coder"
    with Project.create(path, coder="ann") as p:
        doc = p.documents.add("intervju A", TEXT)
        code = p.codes.add("Redde")
        p.proposals.add([NewProposal(code, doc, 0, 13, 0.9)], source="anchoring ≥ 75",
                        label=said("anchoring ≥ {threshold}", threshold="75"))
        assert [r.source for r in p.proposals.list()] == ["anchoring ≥ 75"]
    assert any(re.search(r"foreslå kodinger +forankring ≥ 75", line) for line in log_lines(run, "nb", path))
    assert any(re.search(r"propose codings +anchoring ≥ 75", line) for line in log_lines(run, "en", path))
