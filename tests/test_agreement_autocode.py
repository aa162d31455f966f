"""Issue 7 as a user would run it: two coders autocode the same interview from the
command line, then `coder agreement` gives the figures worked out by hand below."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

TEXT = ("Kommunen digitaliserer raskt. Folk er redde for jobben. "
        "Ledelsen snakker om digitalisering hver dag. Ingen vet hva som skjer.\n")


@pytest.fixture
def coded(tmp_path):
    path, source = tmp_path / "study.coder", tmp_path / "intervju.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert run_cli("new", str(path)).returncode == 0
    assert run_cli("import", str(path), str(source), "--kind", "interview").returncode == 0
    code = ["--code", "Digitalisering nevnes", "--unit", "sentence"]
    # Anna codes sentence 3 ("digitalisering"); Bjørn sentences 1 and 2.
    assert run_cli("autocode", str(path), "digitalisering", *code, "--coder", "Anna").returncode == 0
    assert run_cli("autocode", str(path), "redde OR digitaliserer", *code, "--coder", "Bjørn").returncode == 0
    return path


def test_agreement_by_sentence_matches_the_hand_worked_figures(coded):
    result = run_cli("agreement", str(coded), "--coders", "Anna", "Bjørn", "--unit", "segment", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    overall = report["overall"]
    # Units (sentences): Anna 0 0 1 0, Bjørn 1 1 0 0 → they agree on sentence 4 only.
    assert overall["units"] == 4 and overall["coded"] == {"Anna": 1, "Bjørn": 2}
    assert overall["agreement"] == pytest.approx(0.25)
    # Cohen: po = .25, pe = .25·.5 + .75·.5 = .5 → (.25 − .5) / .5
    assert overall["kappa"] == pytest.approx(-0.5)
    # Krippendorff (nominal): o01 = 3, n0 = 5, n1 = 3, n = 8 → 1 − 7·3 / (5·3)
    assert overall["alpha"] == pytest.approx(-0.4)
    assert report["unit"] == "segment" and "sentence" in report["unit_definition"]


def test_agreement_by_character_states_its_unit(coded):
    result = run_cli("agreement", str(coded), "--coders", "Anna", "Bjørn", "--unit", "character")
    assert result.returncode == 0, result.stderr
    assert "character" in result.stdout.lower()
