"""`coder merge` and `coder agreement` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coder.core import NewSegment, Project

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er ikke sant."


def run(*args):
    return subprocess.run([sys.executable, "-m", "coder", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture
def files(tmp_path):
    for who, end in (("Anna", 52), ("Bjørn", 31)):
        with Project.create(tmp_path / f"{who}.coder", coder=who) as p:
            doc = p.documents.add("Intervju A", TEXT, segments=[NewSegment(0, 52, "sentence"),
                                                               NewSegment(53, len(TEXT), "sentence")])
            p.codes.apply_many("Folk tenker at vi digitaliserer bort arbeidsplassene", [(doc, 0, end)])
    assert run("new", tmp_path / "t.coder").returncode == 0
    return tmp_path


def test_merge_dry_run_then_merge_then_undo(files):
    t, a, b = files / "t.coder", files / "Anna.coder", files / "Bjørn.coder"
    dry = run("merge", t, a, b, "--dry-run", "--coder", "Leder")
    assert dry.returncode == 0, dry.stderr
    assert "nothing was changed" in dry.stdout and "codings by coder: Anna 1, Bjørn 1" in dry.stdout
    with Project.open(t) as p:
        assert p.counts().codings == 0
    done = run("merge", t, a, b, "--json", "--coder", "Leder")
    report = json.loads(done.stdout)
    assert report["added"]["codings"] == 2 and report["added"]["documents"] == 1
    with Project.open(t) as p:
        assert sorted(c.coder for c in p.codes.codings()) == ["Anna", "Bjørn"]
        assert p.history.entries()[-1].action == "merge" and p.history.entries()[-1].coder == "Leder"
    assert run("undo", t).returncode == 0
    with Project.open(t) as p:
        assert p.counts().codings == 0 and p.counts().documents == 0


def test_merge_of_a_missing_file_fails_cleanly(files):
    result = run("merge", files / "t.coder", files / "Anna.coder", files / "nope.coder")
    assert result.returncode == 1
    assert result.stderr.strip() == f"coder: {files / 'nope.coder'}: no such project"
    with Project.open(files / "t.coder") as p:
        assert p.counts().documents == 0


def test_agreement_prints_figures_and_json(files):
    t = files / "t.coder"
    run("merge", t, files / "Anna.coder", files / "Bjørn.coder")
    text = run("agreement", t, "--coders", "Anna", "Bjørn")
    assert text.returncode == 0, text.stderr
    assert "unit: character" in text.stdout and "overall" in text.stdout
    data = json.loads(run("agreement", t, "--coders", "Anna", "Bjørn", "--unit", "segment", "--json").stdout)
    assert data["unit"] == "segment" and data["coders"] == ["Anna", "Bjørn"]
    assert data["unit_definition"].startswith("each smallest segment")
    (code,) = data["codes"]
    # both coded sentence 1, neither sentence 2
    assert (code["units"], code["agreement"], code["alpha"]) == (2, 1.0, 1.0)
    chars = json.loads(run("agreement", t, "--coders", "Anna", "Bjørn", "--code",
                           "Folk tenker at vi digitaliserer bort arbeidsplassene", "--json").stdout)
    assert chars["overall"]["units"] == len(TEXT)
    assert chars["overall"]["agreement"] == pytest.approx((len(TEXT) - 21) / len(TEXT))


def test_agreement_errors(files):
    t = files / "t.coder"
    run("merge", t, files / "Anna.coder", files / "Bjørn.coder")
    repeated = run("agreement", t, "--coders", "Anna", "--coders", "Bjørn", "--json")
    assert json.loads(repeated.stdout)["coders"] == ["Anna", "Bjørn"]
    result = run("agreement", t, "--coders", "Anna", "Per")
    assert result.returncode == 1
    assert result.stderr.strip() == f"coder: {t}: no codings by Per (coders with codings: Anna, Bjørn)"
    assert run("agreement", t, "--coders", "Anna", "Bjørn", "--code", "Finnes ikke").returncode == 1
