"""`coder autocode` and Project.autocode: every hit coded, by match, sentence or segment,
as one undoable action; bad input changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from coder.core import Project
from coder.ingest import import_files
from tests.conftest import run_cli

TEXT = ("Intervjuer: Hva tenker du om digitaliseringen?\n\n"
        "Informant A: Vi digitaliserer bort arbeidsplassene. Det er folk redde for.\n\n"
        "Intervjuer: Og lederne?\n\n"
        "Informant A: Lederne snakker om digitalisering hele tiden. De liker det.\n")


@pytest.fixture
def study(tmp_path) -> Path:
    source = tmp_path / "intervju_a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "study.coder"
    with Project.create(path, coder="ann") as p:
        report = import_files(p, [source])
        assert report.documents == 1
    return path


def coded(path: Path) -> list[str]:
    with Project.open(path) as p:
        doc = p.documents.list()[0]
        text = p.documents.text(doc.id)
        return [text[c.start:c.end] for c in p.codes.codings()]


def test_autocode_by_match_is_one_undoable_action(study):
    result = run_cli("autocode", str(study), "digitalisering", "--code", "Digitalisering nevnes", "--coder", "bob")
    assert result.returncode == 0, result.stderr
    assert "coded 2 passages" in result.stdout
    assert sorted(coded(study)) == ["digitalisering", "digitaliseringen"]
    with Project.open(study) as p:
        assert {c.coder for c in p.codes.codings()} == {"bob"}
        assert p.history.entries()[-1].action == "autocode"
    assert run_cli("undo", str(study)).returncode == 0
    assert coded(study) == []
    with Project.open(study) as p:
        assert p.codes.by_text("Digitalisering nevnes") is None


def test_autocode_by_sentence_and_segment(study):
    assert run_cli("autocode", str(study), "redde", "--code", "Frykt", "--unit", "sentence").returncode == 0
    assert coded(study) == ["Det er folk redde for."]
    assert run_cli("autocode", str(study), "liker", "--code", "Glede", "--unit", "segment").returncode == 0
    texts = coded(study)
    assert any(t.startswith("Informant A: Lederne snakker") and t.endswith("De liker det.") for t in texts)


def test_autocode_without_hits_fails_and_changes_nothing(study):
    with Project.open(study) as p:
        before = len(p.history.entries())
    result = run_cli("autocode", str(study), "sjiraff", "--code", "Dyr")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("coder: ") and "no hits" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with Project.open(study) as p:
        assert len(p.history.entries()) == before and p.codes.list() == []


def test_autocode_twice_adds_nothing_new(study):
    assert run_cli("autocode", str(study), "lederne", "--code", "Ledere").returncode == 0
    second = run_cli("autocode", str(study), "lederne", "--code", "Ledere")
    assert second.returncode == 0 and "coded 0 passages" in second.stdout
    assert len(coded(study)) == 2
