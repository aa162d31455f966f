"""`coder import`: what it prints, its exit status, and that bad files change nothing."""

from pathlib import Path

from coder.core import Project
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data" / "ingest"


def test_import_prints_what_was_imported(tmp_path):
    path = tmp_path / "p.coder"
    Project.create(path).close()
    result = run_cli("import", str(path), str(DATA / "survey.csv"), str(DATA / "report.odt"),
                     "--coder", "Kari")
    assert result.returncode == 0, result.stderr
    assert f"imported {DATA / 'survey.csv'}: 3 documents (survey)" in result.stdout
    assert "4 empty answers skipped, 1 respondent without answers" in result.stdout
    assert "4 documents" in result.stdout
    with Project.open(path) as p:
        assert p.counts().documents == 4
        assert {e.coder for e in p.history.entries()} == {"Kari"}


def test_bad_file_gives_one_line_and_exit_1_but_the_rest_imports(tmp_path):
    path = tmp_path / "p.coder"
    Project.create(path).close()
    result = run_cli("import", str(path), str(DATA / "scan.pdf"), str(DATA / "utf8.txt"))
    assert result.returncode == 1
    assert f"coder: {DATA / 'scan.pdf'}: no text layer; run OCR first" in result.stderr.splitlines()
    with Project.open(path) as p:
        assert [d.name for d in p.documents.list()] == ["utf8"]


def test_survey_options_reach_the_reader(tmp_path):
    path = tmp_path / "p.coder"
    Project.create(path).close()
    result = run_cli("import", str(path), str(DATA / "survey.csv"), "--text-column", "Hva kan bli bedre?",
                     "--id-column", "RespondentID", "--kind", "note")
    assert result.returncode == 0, result.stderr
    with Project.open(path) as p:
        assert sorted(d.name for d in p.documents.list()) == ["survey r1", "survey r2"]
        assert {d.kind for d in p.documents.list()} == {"note"}
    missing = run_cli("import", str(path), str(DATA / "survey.xlsx"), "--text-column", "Svar")
    assert missing.returncode == 1 and "no column «Svar»" in missing.stderr
