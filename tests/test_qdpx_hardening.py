"""Hostile packages are refused with one clear line, and nothing is imported."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from coder.core import CoderError, Project
from coder.exchange.qdpx_import import import_qdpx
from coder.ingest import zipsafe
from tests.qdpx_helpers import make_zip

ROOT = Path(__file__).resolve().parent.parent
GOOD_QDE = ('<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
            '<Sources><TextSource guid="55555555-5555-5555-5555-555555555555" name="a" '
            'plainTextPath="internal://a.txt"/></Sources></Project>')


def assert_untouched(p: Project) -> None:
    counts = p.counts()
    assert (counts.documents, counts.codes, counts.codings) == (0, 0, 0)
    assert p.history.entries() == []


@pytest.mark.parametrize("evil", ["../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:/evil.txt"])
def test_paths_outside_the_archive_are_refused(tmp_path, evil):
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": "tekst", evil: "x"})
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(zipsafe.UnsafeArchive, match="points outside the archive"):
        import_qdpx(p, qdpx)
    assert_untouched(p)


def test_zip_bomb_is_refused(tmp_path):
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": b"0" * (20 * 1024 ** 2)})
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(zipsafe.UnsafeArchive, match="zip bomb"):
        import_qdpx(p, qdpx)
    assert_untouched(p)


def test_too_large_archive_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(zipsafe, "MAX_TOTAL", 1000)
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": "tekst " * 300})
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(zipsafe.UnsafeArchive, match="would unpack to"):
        import_qdpx(p, qdpx)
    assert_untouched(p)


def test_entity_expansion_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>')
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": bomb})
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(CoderError, match="entity"):
        import_qdpx(p, qdpx)
    assert_untouched(p)


def test_external_entity_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("hemmelig")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')
    qde = tmp_path / "x.qde"
    qde.write_text(xxe)
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(CoderError):
        import_qdpx(p, qde)
    assert_untouched(p)


def test_not_a_zip_and_no_qde(tmp_path):
    p = Project.create(tmp_path / "p.coder")
    junk = tmp_path / "junk.qdpx"
    junk.write_bytes(b"not a zip at all")
    with pytest.raises(CoderError, match="not a readable zip"):
        import_qdpx(p, junk)
    empty = make_zip(tmp_path / "e.qdpx", {"sources/a.txt": "tekst"})
    with pytest.raises(CoderError, match="no .qde"):
        import_qdpx(p, empty)
    assert_untouched(p)


def test_relative_and_absolute_source_paths_are_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("skal ikke leses")
    qde = GOOD_QDE.replace("internal://a.txt", f"file://{outside}")
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": qde})
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, qdpx)
    assert p.counts().documents == 0 and "no plain text" in report.skipped_sources[0]


def test_cli_refuses_with_one_line_and_exit_1(tmp_path):
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": GOOD_QDE, "../evil.txt": "x"})
    project = tmp_path / "p.coder"
    Project.create(project).close()
    run = subprocess.run([sys.executable, "-m", "coder", "import-qdpx", str(project), str(qdpx)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "x.qdpx" in run.stderr and "outside" in run.stderr
    with Project.open(project) as p:
        assert_untouched(p)


def test_lying_entry_size_is_caught(tmp_path):
    path = make_zip(tmp_path / "x.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": "tekst " * 100})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("sources/a.txt")
    # shrink the declared size in the central directory: reading must not trust it silently
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_len] == b"sources/a.txt":
            data[central + 24:central + 28] = (10).to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(CoderError):
        import_qdpx(p, path)
    assert info.file_size == 600
    assert_untouched(p)


def test_a_position_that_is_no_number_is_a_clear_error(tmp_path):
    from tests.test_qdpx_import import QDE
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": QDE.format(origin="T", start="tolv", end=17),
                                          "sources/abc.txt": "Vi får ikke hjelp, sier hun."})
    p = Project.create(tmp_path / "p.coder")
    with pytest.raises(CoderError,
                       match=r"x.qdpx: source «Intervju 1» has a selection with startPosition=«tolv», not a number"):
        import_qdpx(p, qdpx)
    assert_untouched(p)
