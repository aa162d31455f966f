"""Issue 18 from the command line: `coder agreement` with --level, --by document, the
document options, --json/--csv/--xlsx files that open, and the coding-comparison report
(md, html, docx) that opens in its readers with user text shown literally."""

from __future__ import annotations

import csv
import json
from html.parser import HTMLParser

import pytest

from coder.core import NewSegment, Project
from tests.conftest import run_cli

TEXT = "Aaaa. Bbbb. Cccc. Dddd"
SENTENCES = [(0, 5), (6, 11), (12, 17), (18, 22)]
HOSTILE = '=HYPERLINK("x") <b>fet</b> | *stjerne*'


@pytest.fixture
def study(tmp_path):
    """Ane and Bo code D alike but for sentence 4; in E only Ane coded (a sentence);
    F nobody coded. «X» and the hostile code are Gruppe 1 (Tema 1)."""
    path = tmp_path / "study.coder"
    with Project.create(path, coder="setup") as p:
        segs = [NewSegment(s, e, "sentence") for s, e in SENTENCES]
        d = p.documents.add("D", TEXT, segments=segs)
        e = p.documents.add("E", TEXT.swapcase(), segments=segs)
        p.documents.add("F", TEXT.upper(), segments=segs)
        p.coder = "Ane"
        p.codes.apply_many("X", [(d, 0, 5), (d, 18, 22), (e, 6, 11)])
        p.codes.apply_many(HOSTILE, [(d, 12, 17)])
        p.coder = "Bo"
        p.codes.apply_many("X", [(d, 0, 5)])
        p.codes.apply_many(HOSTILE, [(d, 12, 17)])
        group = p.grouping.create_group("Samme gruppe", [p.codes.by_text("X").id, p.codes.by_text(HOSTILE).id])
        p.grouping.create_theme("Arbeid", [group])
    return path


def ok(*args):
    result = run_cli("agreement", *map(str, args))
    assert result.returncode == 0, result.stderr
    return result


def test_text_output_states_unit_level_documents_and_counts(study):
    out = ok(study, "--coders", "Ane", "Bo", "--unit", "sentence", "--by", "document").stdout
    assert "per code; unit: sentence (each sentence of each compared document" in out
    assert "Documents compared: 2, coded by at least one of Ane, Bo" in out
    assert "left out: F (coded by none of them)" in out
    assert "both" in out and "only Ane" in out and "only Bo" in out and "neither" in out
    # X over D and E (8 sentences): both 1, only Ane 2, neither 5 → 75.0 %
    x = next(line for line in out.splitlines() if line.startswith("X "))
    assert x.split()[1:6] == ["8", "1", "2", "0", "5"] and "75.0 %" in x
    assert any(line.strip().startswith("E ") for line in out.splitlines())   # per document
    assert "-0.000" not in out


def test_the_old_rule_only_by_option_and_uncoded_documents_by_another(study):
    common = json.loads(ok(study, "--coders", "Ane", "Bo", "--unit", "sentence", "--coded-by-all",
                           "--json").stdout)
    assert common["documents"] == ["D"]
    assert common["left_out"] == [{"document": "E", "why": "not coded by Bo"},
                                  {"document": "F", "why": "coded by none of them"}]
    everything = json.loads(ok(study, "--coders", "Ane", "Bo", "--unit", "sentence", "--include-uncoded",
                               "--json").stdout)
    assert everything["documents"] == ["D", "E", "F"] and everything["overall"]["units"] == 24


def test_group_level_json_file(study, tmp_path):
    out = tmp_path / "a.json"
    ok(study, "--coders", "Ane", "Bo", "--unit", "document", "--level", "group", "--json", "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["level"] == "group" and data["unit"] == "document"
    (g,) = data["items"]
    # per document: D both coded the group, E only Ane → both 1, only Ane 1
    assert g["item"] == "Group 1: Samme gruppe"
    assert g["counts"] == {"both": 1, "only Ane": 1, "only Bo": 0, "neither": 0}
    assert g["agreement"] == 0.5 and g["kappa"] == 0.0


def test_csv_and_xlsx_files_open_with_every_row(study, tmp_path):
    import openpyxl
    ok(study, "--coders", "Ane", "Bo", "--unit", "sentence", "--by", "document", "--csv", "-o", tmp_path / "a.csv")
    ok(study, "--coders", "Ane", "Bo", "--unit", "sentence", "--by", "document", "--xlsx", "-o", tmp_path / "a.xlsx")
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Agreement", "About"]
    sheet = [list(r) for r in book["Agreement"].values]
    about = {tuple(r) for r in book["About"].values}
    assert ("unit", "sentence: each sentence of each compared document; 1 if a coding with the item overlaps it") in about
    assert ("not compared", "F (coded by none of them)") in about and ("compared", "E") in about
    header = ["code", "document", "units", "coded by Ane", "coded by Bo", "both", "only Ane", "only Bo",
              "neither", "agreement %", "Cohen's kappa", "Krippendorff's alpha"]
    assert rows[0] == header and sheet[0] == header
    assert [r[:2] for r in sheet[1:]] == [[HOSTILE, "all compared"], [HOSTILE, "D"], ["X", "all compared"],
                                          ["X", "D"], ["X", "E"], ["overall", "all compared"]]
    assert rows[1][0] == "'" + HOSTILE          # a spreadsheet would run it; the quote stops that
    # X: 8 sentences; Ane coded 3, Bo 1; both 1, only Ane 2, only Bo 0, neither 5
    assert sheet[3][2:10] == [8, 3, 1, 1, 2, 0, 5, 75.0]
    assert rows[3][2:10] == ["8", "3", "1", "1", "2", "0", "5", "75.0"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_the_comparison_report_opens_in_its_readers(study, tmp_path):
    import docx
    args = ["--coders", "Ane", "Bo", "--unit", "sentence", "--level", "group", "--by", "document"]
    for fmt in ("md", "html", "docx"):
        result = ok(study, *args, "--report", fmt, "-o", tmp_path / f"r.{fmt}")
        assert f"r.{fmt}" in result.stdout
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert md.startswith("# Coding comparison: study")
    assert "| kodegruppe | document | units | both | only Ane | only Bo | neither |" in md
    assert "Group 1: Samme gruppe" in md and "coded by at least one of Ane, Bo" in md
    assert "different codes of one kodegruppe agree" in md
    page = _Text()
    page.feed((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert "table" in page.tags and "script" not in page.tags
    assert "Group 1: Samme gruppe" in page.text
    document = docx.Document(tmp_path / "r.docx")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[0][:3] == ["kodegruppe", "document", "units"]
    assert cells[1][:3] == ["Group 1: Samme gruppe", "all compared", "8"]
    assert any("Unit: sentence" in p.text for p in document.paragraphs)


def test_user_text_is_shown_literally_in_the_report(study, tmp_path):
    for fmt in ("md", "html"):
        ok(study, "--coders", "Ane", "Bo", "--report", fmt, "-o", tmp_path / f"r.{fmt}")
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert r"\<b\>fet\</b\> \| \*stjerne\*" in md
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;fet&lt;/b&gt;" in html and "<b>fet" not in html


@pytest.mark.parametrize("args,message", [
    (["--csv"], "write to a file: name it with -o FILE"),
    (["--include-uncoded", "--coded-by-all"], "exclude each other"),
    (["--csv", "--xlsx", "-o", "x.csv"], "choose one of"),
    (["--level", "group", "--code", "X"], "single code goes with the code level"),
    (["-o", "x.csv"], "-o goes with"),
])
def test_bad_options_give_one_line_and_exit_1(study, args, message):
    result = run_cli("agreement", str(study), "--coders", "Ane", "Bo", *args)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_refuses_to_write_over_the_project(study):
    result = run_cli("agreement", str(study), "--coders", "Ane", "Bo", "--csv", "-o", str(study))
    assert result.returncode == 1 and "project's own file" in result.stderr
    with Project.open(study) as p:
        assert p.counts().codings == 6
