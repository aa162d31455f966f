import json
import subprocess
import sys
from pathlib import Path

from tests.sdi_fixtures import CODES, build

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, "-m", "coder", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def test_check_json_reports_the_tests(tmp_path):
    path = tmp_path / "p.coder"
    p, ids, _ = build(path)
    p.grouping.set_check("code", ids["fear"], "q1", "failed")
    p.close()
    out = run("check", path, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["grouped"], data["ungrouped"], data["codes"]) == (5, 3, 8)
    assert data["kodetest"] == {"passed": 0, "failed": 1, "unchecked": 7, "flagged": 2}
    text = run("check", path).stdout
    assert "Grupperingstest: 5 of 8 codes grouped" in text
    assert f"ungrouped: {CODES['plan']}" in text


def test_review_json_is_the_theme_tree(tmp_path):
    path = tmp_path / "p.coder"
    build(path)[0].close()
    out = run("review", path, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    (theme,) = data["themes"]
    assert (theme["number"], theme["name"]) == (1, "Lav digital modenhet og teknologifrykt")
    assert [(g["number"], g["rest"], len(g["codes"])) for g in theme["groups"]] == [(1, False, 3), (2, False, 1)]
    assert data["groups_without_theme"][0]["rest"] is True
    assert {c["text"]: c["quotes"] for c in data["ungrouped_codes"]} == {
        CODES["courage"]: 1, CODES["plan"]: 1, CODES["guide_echo"]: 0}
    text = run("review", path).stdout
    assert "Tema 1 Lav digital modenhet og teknologifrykt — 2 groups, 5 quotes" in text
    assert "Gruppe 3 Restgruppe (restgruppe)" in text


def test_missing_project_is_one_line_and_exit_1(tmp_path):
    out = run("review", tmp_path / "nope.coder")
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "nope.coder" in out.stderr


def test_the_thesis_codebook_passes_the_grupperingstest(tmp_path):
    """Seed 003's appendix (codebooks/thesis_codebook.md): 240 codes → 18 groups and a
    restgruppe → 4 themes; its sentence-long codes are rarely flagged."""
    path = tmp_path / "thesis.coder"
    assert run("new", path).returncode == 0
    assert run("import-codebook", path, ROOT / "codebooks" / "thesis_codebook.md").returncode == 0
    data = json.loads(run("check", path, "--json").stdout)
    assert (data["codes"], data["grouped"], data["ungrouped"]) == (240, 240, 0)
    assert sorted(f["text"] for f in data["flagged"]) == [
        "Innsikt og involvering", "Innspill fra organisasjonen", "Spot digitalisering"]
    tree = json.loads(run("review", path, "--json").stdout)
    assert [(t["number"], [g["number"] for g in t["groups"]]) for t in tree["themes"]] == [
        (1, [9, 10, 16, 17]), (2, [1, 2, 18, 19]), (3, [5, 6, 11, 14]), (4, [3, 4, 7, 8, 13, 15])]
    (rest,) = tree["groups_without_theme"]
    assert (rest["number"], rest["rest"], len(rest["codes"])) == (12, True, 11)
    assert tree["ungrouped_codes"] == []
