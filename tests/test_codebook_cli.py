"""The command line: import-codebook [--anchor], proposals, export; errors exit 1 with one line."""

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from coder.core import Project

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"


def run(*args):
    return subprocess.run([sys.executable, "-m", "coder", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.coder"
    with Project.create(path, coder="tester") as p:
        p.documents.add("kapittel 5", (DATA / "thesis_chapter5.txt").read_text(encoding="utf-8"), kind="interview")
    return path


def test_import_anchor_review_and_export(project, tmp_path):
    r = run("import-codebook", project, ROOT / "codebooks" / "thesis_codebook.qdc", "--anchor",
            "--accept-above", "99", "--coder", "kari")
    assert r.returncode == 0, r.stderr
    assert "240 codes (240 new, 0 already there), 19 groups, 4 themes" in r.stdout
    assert "anchoring in 1 document (interview)" in r.stdout and "accepted" in r.stdout
    with Project.open(project) as p:
        accepted = p.counts().codings
        waiting = len(p.proposals.list())
        assert accepted > 0 and waiting > 0 and {c.coder for c in p.codes.codings()} == {"kari"}
        worst = min(p.proposals.list(), key=lambda x: x.score).id
    listed = run("proposals", "list", project)
    assert listed.returncode == 0 and f"{waiting} proposals" in listed.stdout and "«" in listed.stdout
    assert run("proposals", "reject", project, worst).stdout.strip() == "rejected 1 proposal"
    assert run("proposals", "accept", project, "--min-score", "0").returncode == 0
    with Project.open(project) as p:
        assert p.proposals.list() == [] and p.counts().codings == accepted + waiting - 1
    out = tmp_path / "cb.qdc"
    r = run("export", project, "--codebook", "qdc", "-o", out)
    assert r.returncode == 0 and "240 codes" in r.stdout
    schema = etree.XMLSchema(etree.parse(str(DATA / "refi" / "Codebook.xsd")))
    assert schema.validate(etree.parse(str(out)))
    for fmt in ("md", "docx"):
        assert run("export", project, "--codebook", fmt, "-o", tmp_path / f"cb.{fmt}").returncode == 0
        assert (tmp_path / f"cb.{fmt}").stat().st_size > 0


@pytest.mark.parametrize("args, message", [
    (["import-codebook", "{p}", "{tmp}/missing.qdc"], "missing.qdc: no such file"),
    (["import-codebook", "{p}", "{tmp}/bad.qdc"], "bad.qdc: not well-formed XML"),
    (["export", "{p}", "-o", "{tmp}/x.md"], "choose one of --codebook FORMAT, --qdpx, --report FORMAT or --quotes FORMAT"),
    (["export", "{p}", "--codebook", "md", "-o", "{tmp}/x.md"], "the codebook is empty"),
    (["proposals", "accept", "{p}", "7"], "no proposal with id 7"),
    (["proposals", "reject", "{p}"], "say which proposals to reject"),
    (["import-codebook", "{p}", "codebooks/thesis_codebook.qdc", "--anchor", "--kind", "intervju"],
     "no documents of kind intervju; the kinds present are interview"),
    (["anchor", "{p}", "--kind", "interview", "--kind", "rapport"], "no documents of kind rapport"),
])
def test_errors_exit_1_with_one_line_and_change_nothing(project, tmp_path, args, message):
    (tmp_path / "bad.qdc").write_text("<CodeBook><Codes>", encoding="utf-8")
    r = run(*[a.format(p=project, tmp=tmp_path) for a in args])
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and message in r.stderr
    with Project.open(project) as p:
        assert p.counts().codes == 0 and [h.action for h in p.history.entries()] == ["import document"]


def test_qdpx_and_report_are_delegated(project, tmp_path):
    r = run("export", project, "--qdpx", "-o", tmp_path / "x.qdpx")
    try:
        import coder.exchange.qdpx_export  # noqa: F401  (merged from the qdpx branch)
    except ModuleNotFoundError:
        assert r.returncode == 1 and "not available yet" in r.stderr
    else:
        assert r.returncode == 0 and (tmp_path / "x.qdpx").exists()


def test_anchoring_says_so_when_no_document_is_where_informants_speak(tmp_path):
    path = tmp_path / "r.coder"
    with Project.create(path) as p:
        p.documents.add("rapport", "Ansatte må få hjelp til å ta de første skrittene ved innføring av ny løsning.")
        p.codes.add("Ansatte må få hjelp til å ta de første skrittene ved innføring av ny løsning")
    r = run("anchor", path)
    assert r.returncode == 0 and "no documents where informants speak" in r.stdout and "present: report" in r.stdout
    r = run("anchor", path, "--kind", "report")
    assert "anchoring in 1 document (report)" in r.stdout and "1 new proposal" in r.stdout


def test_the_file_the_codebook_came_from_is_not_searched(tmp_path):
    outline = tmp_path / "koder.txt"
    outline.write_text("Gruppe 1 Frykt for digitalisering\n\nFolk tenker at vi digitaliserer bort arbeidsplassene\n",
                       encoding="utf-8")
    path = tmp_path / "o.coder"
    assert run("new", path).returncode == 0
    assert run("import", path, outline, "--kind", "interview").returncode == 0
    r = run("import-codebook", path, outline, "--anchor")
    assert r.returncode == 0, r.stderr
    assert "skipped: koder, the file the codebook came from" in r.stdout
    with Project.open(path) as p:
        assert p.proposals.list() == []
