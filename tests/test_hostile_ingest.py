"""`coder import` of hostile and broken files: zip bombs, lying headers, pipes, encrypted
and scanned PDFs, junk with the right extension. Each is refused with one line naming the
file, the project is left as it was, and a good file beside it still imports. Also: two
imports at once of files with the same name get the names one after the other would."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from coder.cli import cli
from coder.core import Project
from tests.conftest import REPO

DATA = Path(__file__).parent / "data" / "ingest"
VALID = {".txt": DATA / "utf8.txt", ".md": DATA / "interview.md", ".docx": DATA / "report.docx",
         ".odt": DATA / "report.odt", ".pdf": DATA / "text.pdf", ".csv": DATA / "survey.csv",
         ".xlsx": DATA / "survey.xlsx"}
ZERO_MIB = bytes(1024 * 1024)
# Where each zip package keeps its text.
MAIN_ENTRY = {".docx": "word/document.xml", ".odt": "content.xml", ".xlsx": "xl/worksheets/sheet1.xml"}


# ---- hostile files, made at test time ---------------------------------------------------

def bomb(suffix: str):
    """A valid package whose text entry is 20 MiB of zeros (20 KB on disk); a bigger bomb
    is refused the same way, from the archive's directory alone."""
    def make(path: Path) -> Path:
        with zipfile.ZipFile(VALID[suffix]) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                if info.filename != MAIN_ENTRY[suffix]:
                    out.writestr(info, source.read(info))
            with out.open(MAIN_ENTRY[suffix], "w", force_zip64=True) as fh:
                for _ in range(20):
                    fh.write(ZERO_MIB)
        return path
    return make


def many_small_bombs(path: Path) -> Path:
    """300 entries of 1 MiB of zeros: none large, together 300 MiB from 300 KB."""
    with zipfile.ZipFile(VALID[".docx"]) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        for n in range(300):
            out.writestr(f"word/media/zeros{n}.bin", ZERO_MIB)
    return path


def claims_600_mib(path: Path) -> Path:
    """A 4 MiB stored entry whose directory says 600 MiB: compressed only 150 to 1, but
    more than any one document unpacks to."""
    with zipfile.ZipFile(VALID[".odt"]) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("Pictures/big.bin", random.Random(1).randbytes(4 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    at = data.rindex(b"PK\x01\x02")                       # the last directory entry: big.bin
    data[at + 24:at + 28] = (600 * 1024 * 1024).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def rewritten(source: Path, path: Path, entry: str, old: bytes, new: bytes) -> Path:
    """A copy of a zip package with one entry's bytes replaced."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info)
            if info.filename == entry:
                assert old in data
                data = data.replace(old, new)
            out.writestr(info, data)
    return path


def survey_xlsx(path: Path, rows: int) -> Path:
    import openpyxl
    book = openpyxl.Workbook()
    book.active.append(["Id", "Svar"])
    for n in range(1, rows + 1):
        book.active.append([f"r{n}", f"Svar nummer {n} handler om digitale verktøy i kommunen."])
    book.save(path)
    return path


def row_past_the_limit(path: Path) -> Path:
    """openpyxl fills the gap up to a row's number with empty rows."""
    made = survey_xlsx(path.with_name("made.xlsx"), 3)
    return rewritten(made, path, MAIN_ENTRY[".xlsx"], b'<row r="4"', b'<row r="99999999"')


def spreadsheet_as_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    OpenDocumentSpreadsheet().save(str(path))
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def encrypted_pdf(user_password: str, algorithm: str = "AES-256"):
    def make(path: Path) -> Path:
        import pypdf
        writer = pypdf.PdfWriter(clone_from=VALID[".pdf"])
        writer.encrypt(user_password=user_password, owner_password="eier", algorithm=algorithm)
        with path.open("wb") as fh:
            writer.write(fh)
        return path
    return make


def blank_pdf(path: Path) -> Path:
    import pypdf
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def random_bytes(suffix: str, size: int = 3000):
    def make(path: Path) -> Path:
        path.write_bytes(random.Random(suffix).randbytes(size))
        return path
    return make


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def cut(suffix: str, share: float):
    def make(path: Path) -> Path:
        data = VALID[suffix].read_bytes()
        path.write_bytes(data[:int(len(data) * share)])
        return path
    return make


def renamed(suffix: str):
    """A package of another kind under this extension."""
    other = {".docx": ".xlsx", ".xlsx": ".odt", ".odt": ".docx"}[suffix]
    def make(path: Path) -> Path:
        path.write_bytes(VALID[other].read_bytes())
        return path
    return make


def damaged_entry(suffix: str):
    """The zip's directory intact, its text entry's compressed bytes overwritten."""
    def make(path: Path) -> Path:
        data = bytearray(VALID[suffix].read_bytes())
        with zipfile.ZipFile(VALID[suffix]) as package:
            info = package.getinfo(MAIN_ENTRY[suffix])
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start:start + min(info.compress_size, 200)] = random.Random(2).randbytes(min(info.compress_size, 200))
        path.write_bytes(bytes(data))
        return path
    return make


def entity_bomb(suffix: str):
    """Billion laughs in the text entry, used before the document's first word."""
    first = {".docx": b">Digitalisering", ".odt": b">Velferdsteknologi"}[suffix]
    laughs = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 20}">' for i in range(8)) + "]>")
    def make(path: Path) -> Path:
        with zipfile.ZipFile(VALID[suffix]) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == MAIN_ENTRY[suffix]:
                    head, body = data.split(b"?>", 1)
                    data = head + b"?>" + laughs.encode() + body.replace(first, b">&i;" + first[1:], 1)
                out.writestr(info, data)
        return path
    return make


HOSTILE = {
    "docx bomb": (".docx", bomb(".docx"), "is compressed 1,028 to 1 (a zip bomb?)"),
    "odt bomb": (".odt", bomb(".odt"), "is compressed 1,028 to 1 (a zip bomb?)"),
    "xlsx bomb": (".xlsx", bomb(".xlsx"), "is compressed 1,028 to 1 (a zip bomb?)"),
    "300 small bombs": (".docx", many_small_bombs, "would unpack to 30"),
    "too large unpacked": (".odt", claims_600_mib, "would unpack to 600.0 MiB"),
    "fifo": (".txt", fifo, "not a regular file"),
    "pdf with a password": (".pdf", encrypted_pdf("hemmelig"), "encrypted (password-protected); "),
    "pdf with an RC4 password": (".pdf", encrypted_pdf("hemmelig", "RC4-128"), "encrypted (password-protected); "),
    "pdf without text": (".pdf", blank_pdf, "no text layer; run OCR first"),
    "xlsx row past the limit": (".xlsx", row_past_the_limit, "more rows than a spreadsheet can have"),
    "spreadsheet as odt": (".odt", spreadsheet_as_odt, "not a text document"),
}
for _suffix in VALID:
    HOSTILE[f"random bytes {_suffix}"] = (_suffix, random_bytes(_suffix), "a binary file, not text"
                                          if _suffix in (".txt", ".md", ".csv") else "corrupt")
    HOSTILE[f"empty {_suffix}"] = (_suffix, empty, "the file is empty")
for _suffix in (".docx", ".odt", ".pdf", ".xlsx"):
    for _share in (0.1, 0.5, 0.99):
        HOSTILE[f"{_suffix} cut at {_share:.0%}"] = (_suffix, cut(_suffix, _share), "corrupt")
for _suffix in (".docx", ".odt", ".xlsx"):
    HOSTILE[f"renamed {_suffix}"] = (_suffix, renamed(_suffix), "corrupt")
    HOSTILE[f"damaged entry {_suffix}"] = (_suffix, damaged_entry(_suffix), "corrupt")
for _suffix in (".docx", ".odt"):
    HOSTILE[f"entity bomb {_suffix}"] = (_suffix, entity_bomb(_suffix), "corrupt")


# ---- running the command line ----------------------------------------------------------

def new_project(tmp_path: Path) -> Path:
    path = tmp_path / "p.coder"
    with Project.create(path, coder="tester") as p:
        p.documents.add("before", "Dette stod i prosjektet fra før.")
    return path


def state(path: Path):
    with Project.open(path) as p:
        return p.counts(), [(e.id, e.action, e.object, e.state) for e in p.history.entries()]


def run_import(*args: str):
    result = CliRunner().invoke(cli, ["import", *args, "--coder", "tester"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_is_one_line_nothing_changes_and_the_good_file_imports(tmp_path, case):
    suffix, make, reason = HOSTILE[case]
    project = new_project(tmp_path)
    bad = make(tmp_path / f"bad{suffix}")
    good = tmp_path / "good.txt"
    good.write_text("Informanten fortalte om nettbrett i hjemmetjenesten.\n", encoding="utf-8")
    (counts, history) = state(project)

    alone = run_import(str(project), str(bad))
    assert alone.exit_code == 1
    (line,) = alone.stderr.splitlines()
    assert line.startswith(f"coder: {bad}: ") and reason in line
    assert state(project) == (counts, history)

    both = run_import(str(project), str(bad), str(good))
    assert both.exit_code == 1
    assert both.stderr.splitlines() == [line]
    with Project.open(project) as p:
        assert sorted(d.name for d in p.documents.list()) == ["before", "good"]
        assert p.counts().documents == counts.documents + 1
        after = [(e.id, e.action, e.object, e.state) for e in p.history.entries()]
    assert after[:-1] == history and after[-1][1:3] == ("import document", str(good))


def test_the_same_small_bombs_in_a_qdpx_are_refused(tmp_path):
    project = new_project(tmp_path)
    before = state(project)
    qdpx = many_small_bombs(tmp_path / "x.qdpx")
    result = CliRunner().invoke(cli, ["import-qdpx", str(project), str(qdpx)])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"coder: {qdpx}: refused") and "(a zip bomb?)" in line
    assert state(project) == before


# ---- hostile but readable: everything arrives -----------------------------------------

def test_xlsx_whose_dimension_lies_gives_every_row(tmp_path):
    made = survey_xlsx(tmp_path / "made.xlsx", 20)
    survey = rewritten(made, tmp_path / "survey.xlsx", MAIN_ENTRY[".xlsx"],
                       b'<dimension ref="A1:B21"/>', b'<dimension ref="A1:B5"/>')
    project = new_project(tmp_path)
    result = run_import(str(project), str(survey))
    assert result.exit_code == 0, result.stderr
    with Project.open(project) as p:
        names = {d.name for d in p.documents.list()} - {"before"}
        assert names == {f"survey r{n}" for n in range(1, 21)}


def test_csv_with_a_200000_character_answer_imports(tmp_path):
    long = " ".join(f"ord{n % 997}" for n in range(40_000))[:200_000]
    survey = tmp_path / "long.csv"
    survey.write_text(f'Id,Svar\nr1,"{long}"\nr2,Et kort svar om nettbrett i hjemmetjenesten.\n',
                      encoding="utf-8")
    project = new_project(tmp_path)
    result = run_import(str(project), str(survey))
    assert result.exit_code == 0, result.stderr
    with Project.open(project) as p:
        doc = p.documents.by_name("long r1")
        assert long in p.documents.text(doc.id)
        assert p.documents.by_name("long r2") is not None


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_pdf_locked_only_by_an_owner_password_imports(tmp_path, algorithm):
    pdf = encrypted_pdf("", algorithm)(tmp_path / "locked.pdf")
    project = new_project(tmp_path)
    result = run_import(str(project), str(pdf))
    assert result.exit_code == 0, result.stderr
    with Project.open(project) as p:
        text = p.documents.text(p.documents.by_name("locked").id)
        assert "Digitaliseringen av kommunene gikk raskt." in text


# ---- two imports at once ---------------------------------------------------------------

def test_parallel_imports_of_same_named_files_name_them_as_in_turn(tmp_path):
    """Each process imports d1…d3 from its own folder; the names are chosen inside the
    write, so none is refused as taken and each gets the next free name."""
    project = new_project(tmp_path)
    runs = 3
    for n in range(runs):
        folder = tmp_path / f"in{n}"
        folder.mkdir()
        for d in range(1, 4):
            (folder / f"d{d}.txt").write_text(f"Mappe {n}, dokument {d}: informanten snakket om tjenester.\n",
                                              encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-m", "coder", "import", str(project), str(tmp_path / f"in{n}"),
                               "--coder", f"c{n}"], env=env, cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for n in range(runs)]
    results = [(proc.communicate(timeout=300)[1], proc.returncode) for proc in procs]
    assert results == [("", 0)] * runs
    with Project.open(project) as p:
        names = sorted(d.name for d in p.documents.list())
        assert names == sorted(["before"] + [f"d{d}" for d in range(1, 4)]
                               + [f"d{d} ({k})" for d in range(1, 4) for k in range(2, runs + 1)])
        assert sum(e.action == "import document" for e in p.history.entries()) == 1 + 3 * runs
