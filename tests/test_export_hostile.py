"""Exports never destroy and never break: hostile names, memos and texts (control
characters, NUL, U+FFFE/U+FFFF, formulas, Markdown and HTML) go out to every format in a
file its own reader accepts, spreadsheet cells cannot run as formulas, Markdown and HTML
show the text literally; a write that fails (full disk, no permission, a folder as the
target) is one line, leaves no temporary file, and leaves the old file as it was."""

from __future__ import annotations

import csv
import errno
import gc
import io
import json
import os
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree, html as lxml_html
from markdown_it import MarkdownIt

from coder.cli import cli
from coder.core import Project
from coder.exchange import safe_write
from coder.exchange.codebook_import import read_codebook_file
from coder.exchange.safe_text import csv_cell, csv_cell_read, xml_text, xml_text_same_length
from tests.qdpx_helpers import REFI, project_schema

CONTROL = "".join(map(chr, (0, 1, 7, 8, 0x0B, 0x0C, 0x1B, 0x1F))) + "\x7f\x85\ufffe\uffff"
MARKUP = ("<script>alert(1)</script> [x](javascript:alert(1)) ![img](http://example.com/x.png) "
          "*b* _i_ `c` # h | ~s~ &amp; \\")
CODES = [
    '=HYPERLINK("http://evil","klikk") ' + MARKUP + CONTROL,
    "-Folk sier at " + CONTROL + " vi digitaliserer bort " + MARKUP,
    "+47 er nummeret de ringer",
    "@alle må høre dette",
    "'=står allerede i sitat",
    "1. ikke en nummerert liste",
    "> ikke et sitat",
]
TEXT = "Alfa\x00 beta\ufffe gamma\uffff delta\x0b epsilon.\x01 Zeta " + MARKUP + " slutt."
BOM_TEXT = "\ufeffBOM først. Andre ord her."
CODEBOOK_FORMATS = ("md", "csv", "xlsx", "json", "docx", "qdc")
CODEBOOK_XSD = etree.XMLSchema(etree.parse(str(REFI / "Codebook.xsd")))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def build(path: Path) -> Path:
    with Project.create(path, coder="=cmd|' /C calc'!A0\x00") as p:
        doc = p.documents.add("-Intervju " + CONTROL + MARKUP, TEXT, kind="interview",
                             attributes={"informant": "@A " + CONTROL, "rolle\x00": "=1+1"})
        bom = p.documents.add("=Notat", BOM_TEXT)
        ids = [p.codes.add(text, description="=beskrivelse " + MARKUP + CONTROL) for text in CODES]
        for code_id, word in zip(ids, ("beta", "gamma", "epsilon", "Zeta", "alert")):
            start = TEXT.index(word)
            p.codes.apply(code_id, doc, start, start + len(word), memo="-memo\x00 " + MARKUP)
        p.codes.apply(ids[5], bom, BOM_TEXT.index("Andre"), BOM_TEXT.index("Andre") + 5)
        group = p.grouping.create_group("+Gruppe " + MARKUP + CONTROL, ids[:4])
        theme = p.grouping.create_theme("@Tema " + MARKUP + CONTROL, [group])
        rest = p.grouping.create_group("Restgruppe", [ids[4]], is_rest=True)
        p.grouping.set_group_memo(group, "=gruppememo\n" + MARKUP + CONTROL)
        p.grouping.set_group_memo(rest, CONTROL)
        p.grouping.set_theme_memo(theme, "-temamemo " + CONTROL)
        p.codes.set_memo(ids[0], "@kodememo " + CONTROL)
        p.documents.set_memo(doc, "+dokumentmemo " + CONTROL + MARKUP)
        p.settings.set_memo("=prosjektmemo " + CONTROL)
    return path


@pytest.fixture
def hostile(tmp_path) -> Path:
    return build(tmp_path / "hostile.coder")


def stored_codes(path: Path) -> list[str]:
    with Project.open(path) as p:
        return sorted(c.text for c in p.codes.list())


def one_line(text: str) -> str:
    return " ".join(xml_text(text).split())


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def exports(project: Path, folder: Path) -> dict[str, list[str]]:
    """Every export the command line makes: name → its arguments."""
    runs = {f"cb.{fmt}": ["export", str(project), "--codebook", fmt, "--descriptions", "--counts"]
            for fmt in CODEBOOK_FORMATS}
    runs |= {f"report.{fmt}": ["export", str(project), "--report", fmt, "--with-empty"] for fmt in ("md", "html", "docx")}
    runs["project.qdpx"] = ["export", str(project), "--qdpx"]
    runs["log.csv"] = ["log", str(project), "--csv", str(folder / "log.csv")]
    for name, args in runs.items():
        if args[0] == "export":
            args += ["-o", str(folder / name)]
    return runs


def export_all(project: Path, folder: Path) -> None:
    for name, args in exports(project, folder).items():
        result = invoke(*args)
        assert result.exit_code == 0, (name, result.output)


# ---- every format opens with its reader ---------------------------------------------

def test_every_format_opens_with_its_own_reader(hostile, tmp_path):
    export_all(hostile, tmp_path)
    codes = stored_codes(hostile)
    assert CODEBOOK_XSD.validate(etree.parse(str(tmp_path / "cb.qdc"))), CODEBOOK_XSD.error_log
    names = etree.parse(str(tmp_path / "cb.qdc")).xpath("//@name")
    assert {xml_text(c) for c in codes} <= set(names)
    with zipfile.ZipFile(tmp_path / "project.qdpx") as zf:
        qde = etree.fromstring(zf.read("project.qde"))
    assert project_schema().validate(qde), project_schema().error_log

    tree = json.loads((tmp_path / "cb.json").read_text(encoding="utf-8"))
    in_json = [c["text"] for t in tree["themes"] for g in t["groups"] for c in g["codes"]]
    in_json += [c["text"] for g in tree["groups"] for c in g["codes"]] + [c["text"] for c in tree["codes"]]
    assert sorted(in_json) == codes                       # JSON holds every character as it is

    cells = [c.text for t in docx.Document(str(tmp_path / "cb.docx")).tables for r in t.rows for c in r.cells]
    assert {xml_text(c) for c in codes} <= set(cells)
    report = docx.Document(str(tmp_path / "report.docx"))
    assert {xml_text(c) for c in codes} <= {p.text for p in report.paragraphs}

    sheet = openpyxl.load_workbook(tmp_path / "cb.xlsx").active
    assert {xml_text(c) for c in codes} <= {c.value for row in sheet.iter_rows() for c in row}
    for name in ("cb.csv", "log.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig", newline="") as fh:
            assert len(list(csv.reader(fh))) > 1
    for name in ("cb.md", "report.md", "report.html"):
        assert "\x00" not in (tmp_path / name).read_text(encoding="utf-8")


def test_qdpx_round_trip_lands_codings_on_the_same_words(hostile, tmp_path):
    assert invoke("export", str(hostile), "--qdpx", "-o", str(tmp_path / "p.qdpx")).exit_code == 0
    target = tmp_path / "copy.coder"
    Project.create(target).close()
    result = invoke("import-qdpx", str(target), str(tmp_path / "p.qdpx"))
    assert result.exit_code == 0, result.output

    def spans(path: Path, clean) -> list[tuple]:
        with Project.open(path) as p:
            docs, codes = {d.id: d for d in p.documents.list()}, {c.id: c.text for c in p.codes.list()}
            texts = {i: p.documents.text(i) for i in docs}
            return sorted((one_line(codes[c.code_id]), c.start, c.end, clean(texts[c.document_id])[c.start:c.end])
                          for c in p.codes.codings())

    before = spans(hostile, xml_text_same_length)
    after = spans(target, str)
    assert after == before
    assert {s[3] for s in after} == {"beta", "gamma", "epsilon", "Zeta", "alert", "Andre"}
    with Project.open(target) as p:
        doc = next(d for d in p.documents.list() if d.name.startswith("-Intervju"))
        assert p.documents.text(doc.id) == xml_text_same_length(TEXT)
        assert len(p.documents.text(doc.id)) == len(TEXT)


# ---- spreadsheets: no formulas ------------------------------------------------------

def test_csv_cells_are_neutralised_and_our_csv_codebook_reads_back_the_same(hostile, tmp_path):
    export_all(hostile, tmp_path)
    for name in ("cb.csv", "log.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        cells = [c for r in rows for c in r]
        assert not [c for c in cells if c.startswith(FORMULA_START)], name
        assert any(c.startswith("'=") for c in cells) and any(c.startswith("'-") for c in cells)
    with (tmp_path / "log.csv").open(encoding="utf-8", newline="") as fh:
        assert "'=cmd|' /C calc'!A0" in {r["coder"] for r in csv.DictReader(fh)}
    book = read_codebook_file(tmp_path / "cb.csv")
    read_back = [c.text for t in book.themes for g in t.groups for c in g.codes]
    read_back += [c.text for g in book.groups for c in g.codes] + [c.text for c in book.codes]
    assert sorted(read_back) == sorted(one_line(c) for c in stored_codes(hostile))
    assert "'=står allerede i sitat" in read_back and "-Folk sier at vi digitaliserer bort " + \
        one_line(MARKUP) in read_back


def test_xlsx_formula_like_cells_keep_their_text_as_quoted_text(hostile, tmp_path):
    export_all(hostile, tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / "cb.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    risky = [c for c in cells if c.value.startswith(FORMULA_START)]
    assert risky and all(c.quotePrefix for c in risky)
    assert not any(c.quotePrefix for c in cells if not c.value.startswith(FORMULA_START + ("'",)))
    book = read_codebook_file(tmp_path / "cb.xlsx")
    read_back = [c.text for t in book.themes for g in t.groups for c in g.codes]
    read_back += [c.text for g in book.groups for c in g.codes] + [c.text for c in book.codes]
    assert sorted(read_back) == sorted(one_line(c) for c in stored_codes(hostile))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''-x", "'plain", "plain"])
def test_csv_cell_and_its_reader_are_inverse(text):
    written = csv_cell(text)
    assert not written.startswith(FORMULA_START)
    assert csv_cell_read(written) == text


# ---- Markdown and HTML show the text literally ---------------------------------------

_COUNT = re.compile(r" \(\d+ quotes?\)$")


def rendered(path: Path):
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return lxml_html.fromstring(md.render(path.read_text(encoding="utf-8")))


def test_markdown_and_html_show_hostile_text_literally(hostile, tmp_path):
    export_all(hostile, tmp_path)
    codes = {one_line(c) for c in stored_codes(hostile)}
    for page, code_tag in ((rendered(tmp_path / "cb.md"), "li"), (rendered(tmp_path / "report.md"), "h4"),
                           (lxml_html.parse(str(tmp_path / "report.html")).getroot(), "h4")):
        # The table of contents (<nav>) links to the headings and the pictures are the report's
        # own (inline PNG in a <figure>); user text makes no markup anywhere.
        assert not page.xpath("//script|//a[not(ancestor::nav)]|//img[not(parent::figure)]|//code|//strong|//s"
                              "|//del|//ol|//li//ul|//li//blockquote")
        assert all(a.get("href", "").startswith("#s") for a in page.xpath("//nav//a"))
        assert all(i.get("src").startswith("data:image/png;base64,") for i in page.xpath("//figure/img"))
        shown = {_COUNT.sub("", " ".join(e.text_content().split("\n")[0].split())) for e in page.iter(code_tag)}
        assert codes <= shown, codes - shown
    report = rendered(tmp_path / "report.md")
    assert "Informant @A" in report.text_content() and one_line("-Intervju " + MARKUP) in report.text_content()


def test_our_markdown_codebook_reads_back_the_same(hostile, tmp_path):
    export_all(hostile, tmp_path)
    book = read_codebook_file(tmp_path / "cb.md")
    theme = book.themes[0]
    with Project.open(hostile) as p:
        assert theme.name == one_line(p.grouping.themes()[0].name)
        assert theme.groups[0].name == one_line(next(g.name for g in p.grouping.groups() if g.number == 1))
        descriptions = {one_line(c.description) for c in p.codes.list()}
    read_back = [c.text for g in theme.groups for c in g.codes] + [c.text for g in book.groups for c in g.codes]
    assert sorted(read_back + [c.text for c in book.codes]) == sorted(one_line(c) for c in stored_codes(hostile))
    assert {c.description for g in theme.groups for c in g.codes} == descriptions


# ---- a failed write destroys nothing ------------------------------------------------

class _FullDisk:
    """A file that takes half of what it is given, then the disk is full."""

    def __init__(self, fh):
        self._fh = fh

    def write(self, data) -> int:
        self._fh.write(bytes(data)[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


class _FullDiskOs:
    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, *args, **kwargs):
        return _FullDisk(os.fdopen(fd, *args, **kwargs))


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")   # e.g. a zip left open
@pytest.mark.parametrize("name", list(exports(Path("p.coder"), Path("."))))
def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(hostile, tmp_path, monkeypatch, name):
    target = tmp_path / name
    target.write_bytes(b"the export of yesterday")
    before = sorted(os.listdir(tmp_path))
    monkeypatch.setattr(safe_write, "os", _FullDiskOs())
    result = invoke(*exports(hostile, tmp_path)[name])
    code, stderr = result.exit_code, result.stderr
    del result                  # its traceback holds the writer's objects: collect them now
    gc.collect()
    assert code == 1
    assert stderr == f"coder: {target}: cannot be written (No space left on device)\n"
    assert target.read_bytes() == b"the export of yesterday"
    assert sorted(os.listdir(tmp_path)) == before


def test_a_successful_export_replaces_the_old_file_and_keeps_its_mode(hostile, tmp_path):
    target = tmp_path / "cb.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert invoke("export", str(hostile), "--codebook", "md", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Tema / Kodegruppe / Kode")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["cb.md", "hostile.coder"]


def test_no_permission_a_folder_or_the_project_as_target_is_one_line(hostile, tmp_path, monkeypatch):
    folder = tmp_path / "a folder"
    folder.mkdir()
    for args, message in [
        (["export", str(hostile), "--report", "md", "-o", str(folder)], f"{folder}: is a folder"),
        (["log", str(hostile), "--csv", str(folder)], f"{folder}: is a folder"),
        (["export", str(hostile), "--qdpx", "-o", str(tmp_path / "no" / "p.qdpx")], "does not exist"),
        (["export", str(hostile), "--codebook", "csv", "-o", str(hostile)], "is the project's own file"),
        (["log", str(hostile), "--csv", str(hostile)], "is the project's own file"),
    ]:
        result = invoke(*args)
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, (args, result.output)
        assert message in result.stderr
    with Project.open(hostile) as p:
        assert p.counts().codes == len(CODES)

    def denied(target):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
    monkeypatch.setattr(safe_write, "_create_beside", denied)
    target = tmp_path / "cb.docx"
    result = invoke("export", str(hostile), "--codebook", "docx", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"coder: {target}: cannot be written (Permission denied)\n"
    assert not target.exists()


def test_a_writer_that_breaks_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def broken(fh: io.BufferedWriter) -> None:
        fh.write(b"half")
        raise ValueError("a bug in a writer")
    with pytest.raises(ValueError):
        safe_write.write_atomically(target, broken)
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.bin"]
