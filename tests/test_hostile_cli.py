"""Every command fed hostile files: junk bytes, truncations, empty files, folders, FIFOs,
another program's SQLite file. Each case is one line on stderr naming the file, a
non-zero exit, no traceback, and the project exactly as it was."""

from __future__ import annotations

import io
import os
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest

from coder.cli import main
from coder.core import Project
from coder.ingest import import_files

REPO = Path(__file__).resolve().parent.parent
TEXT = "Informant B: Vi digitaliserer tjenestene i kommunen. Innbyggerne liker det.\n"


def run(argv: list[str], capsys) -> tuple[int, str]:
    """`coder ARGV` in this process: (exit status, stderr)."""
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err


def dump(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory) -> dict[str, bytes]:
    """One valid file of each kind a command reads, as bytes to mutate."""
    folder = tmp_path_factory.mktemp("valid")
    source = folder / "informant_b.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = folder / "v.coder"
    with Project.create(project, coder="ane") as p:
        import_files(p, [source], kind="interview")
        p.autocode.run("kommunen", "Kommunen nevnes")
    qdpx, qdc = folder / "v.qdpx", folder / "v.qdc"
    for args in (["export", str(project), "--qdpx", "-o", str(qdpx)],
                 ["export", str(project), "--codebook", "qdc", "-o", str(qdc)]):
        try:
            main(args)
        except SystemExit as exc:
            assert not exc.code
    return {".coder": project.read_bytes(), ".qdpx": qdpx.read_bytes(), ".qdc": qdc.read_bytes(),
            ".csv": b"theme,group,code\nTema 1,Gruppe 1,Kommunen nevnes\n",
            ".md": b"Tema 1\nGruppe 1\nKommunen nevnes\n",
            ".txt": TEXT.encode()}


def junk(kind: str, valid: bytes, rng: random.Random) -> bytes:
    if kind == "empty":
        return b""
    if kind == "random":
        return bytes(rng.getrandbits(8) for _ in range(4096))
    if kind.startswith("cut"):                       # cut1, cut2, cut3: a valid file truncated
        return valid[: len(valid) * int(kind[3]) // 4]
    if kind == "flipped":                           # a valid file with bytes changed
        data = bytearray(valid)
        for _ in range(max(1, len(data) // 50)):
            data[rng.randrange(len(data))] = rng.getrandbits(8)
        return bytes(data)
    if kind == "zip-junk":                          # a zip of the wrong things
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("project.qde", b"<not-xml")
            z.writestr("../evil.txt", b"x")
        return buf.getvalue()
    raise AssertionError(kind)


KINDS = ["empty", "random", "cut1", "cut2", "cut3", "flipped", "zip-junk"]
# command, the suffix of the hostile file, and where the file goes in the command line
COMMANDS = [
    ("import", ".txt"), ("import-codebook", ".qdc"), ("import-codebook", ".csv"),
    ("import-codebook", ".md"), ("import-qdpx", ".qdpx"), ("merge", ".coder"), ("info", ".coder"),
]


@pytest.mark.parametrize("command, suffix", COMMANDS)
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_file_is_one_line_and_changes_nothing(tmp_path, capsys, valid_files, command, suffix, kind):
    rng = random.Random(f"{command}{suffix}{kind}")
    project = tmp_path / "p.coder"
    project.write_bytes(valid_files[".coder"])
    hostile = tmp_path / f"hostile{suffix}"
    hostile.write_bytes(junk(kind, valid_files[suffix], rng))
    before = dump(project)
    if command == "info":
        project, hostile = hostile, hostile
        argv = ["info", str(hostile)]
    else:
        argv = [command, str(project), str(hostile)]
    code, err = run(argv, capsys)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 0:       # a mutation that still reads as a valid file may import: then all is well
        assert err.strip() == "" or str(hostile) in err
        return
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1, err
    assert str(hostile) in lines[0] or str(project) in lines[0], lines[0]
    if command != "info":
        assert dump(project) == before


@pytest.mark.parametrize("make", ["folder", "fifo", "missing", "other-sqlite"])
@pytest.mark.parametrize("command", ["import", "import-codebook", "import-qdpx", "merge"])
def test_what_is_not_a_file_of_that_kind_is_one_line(tmp_path, capsys, valid_files, command, make):
    project = tmp_path / "p.coder"
    project.write_bytes(valid_files[".coder"])
    suffix = {"import": ".txt", "import-codebook": ".qdc", "import-qdpx": ".qdpx", "merge": ".coder"}[command]
    target = tmp_path / f"thing{suffix}"
    if make == "folder":
        target.mkdir()
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "other-sqlite":
        with sqlite3.connect(target) as conn:
            conn.execute("CREATE TABLE t (x)")
    before = dump(project)
    code, err = run([command, str(project), str(target)], capsys)
    lines = err.strip().splitlines()
    assert code in (1, 2) and len(lines) == 1 and "Traceback" not in err, err
    assert str(target) in lines[0] or target.name in lines[0], lines[0]
    assert dump(project) == before
