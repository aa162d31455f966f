"""The project file is touched only through SQLite, and whatever is wrong with a project
file (a typo for a name, a FIFO, an empty or damaged file, read-only media) is one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coder.core import Project
from coder.ingest import import_files
from tests.conftest import REPO, run_cli

TEXT = ("Informant B: Vi digitaliserer tjenestene i kommunen. Innbyggerne liker det.\n\n"
        "Informant B: Men det tar tid, og kommunen mangler folk.\n")


def make_project(folder: Path) -> Path:
    source = folder / "informant_b.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = folder / "p.coder"
    with Project.create(path, coder="ane") as p:
        import_files(p, [source], kind="interview")
        p.autocode.run("kommunen", "Kommunen nevnes")
    return path


def files_in(folder: Path) -> set[str]:
    return {f.name for f in folder.iterdir()}


@pytest.mark.parametrize("word, hint", [
    ("infoo", "did you mean «coder info»?"),
    ("help", "see «coder --help»"),
    ("studie", "a new project's name ends in .coder"),
])
def test_a_typo_is_not_a_project_and_does_not_start_the_app(tmp_path, word, hint):
    before = files_in(tmp_path)
    result = subprocess.run([sys.executable, "-m", "coder", word], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2
    assert result.stderr.startswith(f"coder: no such command or project file: {word}")
    assert hint in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert files_in(tmp_path) == before


def test_a_fifo_as_the_project_is_refused_at_once(tmp_path):
    fifo = tmp_path / "p.coder"
    os.mkfifo(fifo)
    for args in (["info", str(fifo)], ["autocode", str(fifo), "x", "--code", "y"], [str(fifo)]):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.strip() == f"coder: {fifo}: not a regular file, not a coder project"


def test_an_empty_or_damaged_file_is_one_line_and_left_as_it_was(tmp_path):
    empty = tmp_path / "empty.coder"
    empty.touch()
    result = run_cli("info", str(empty))
    assert (result.returncode, result.stderr.strip()) == (1, f"coder: {empty}: not a coder project (the file is empty)")
    assert empty.stat().st_size == 0

    path = make_project(tmp_path)
    data = bytearray(path.read_bytes())          # the test, not the app, damages the file
    data[4096:4096 * 3] = b"\xa5" * 8192
    path.write_bytes(bytes(data))
    for args in (["info", str(path)], ["search", str(path), "kommunen"], ["undo", str(path)],
                 ["autocode", str(path), "tid", "--code", "Tid"]):
        result = run_cli(*args)
        assert result.returncode == 1, (args, result.stdout)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"coder: {path}: "), (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == bytes(data)


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder and project SQLite cannot write to even as root: the immutable attribute,
    as a project on a CD or a locked share is."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = make_project(folder)
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    made = subprocess.run(["chattr", "+i", str(path), str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a read-only folder here: {made.stderr.decode().strip()}")
    yield path
    subprocess.run(["chattr", "-i", str(path), str(folder)], check=True)


def test_a_project_on_read_only_media_opens_for_reading(read_only_folder, tmp_path):
    path = read_only_folder
    before = path.read_bytes()
    info = run_cli("info", str(path), "--json")
    assert info.returncode == 0, info.stderr
    assert '"codings": 2' in info.stdout
    found = run_cli("search", str(path), "kommunen")
    assert found.returncode == 0 and "informant_b" in found.stdout
    assert run_cli("review", str(path)).returncode == 0
    out = tmp_path / "book.md"
    assert run_cli("export", str(path), "--codebook", "md", "-o", str(out)).returncode == 0
    assert "Kommunen nevnes" in out.read_text(encoding="utf-8")
    for args in (["autocode", str(path), "tid", "--code", "Tid"], ["undo", str(path)]):
        result = run_cli(*args)
        assert result.returncode == 1
        assert result.stderr.strip() == (f"coder: {path}: is read-only (no write permission, or on "
                                         f"read-only media); it can be read but not changed")
    assert path.read_bytes() == before
    assert files_in(path.parent) == {"p.coder", "informant_b.txt"}


# Runs CLI commands in one process with an audit hook that records every Python-level
# open, rename, copy or removal of a file; SQLite's own opens (in C) are not seen.
AUDITED = r"""
import sys
from pathlib import Path
project, other, out = (Path(a).resolve() for a in sys.argv[1:4])
watched = {str(project) + s for s in ("", "-wal", "-shm", "-journal")}
touched = []
def hook(event, args):
    if event in ("open", "os.rename", "os.remove", "os.link", "shutil.copyfile", "os.truncate"):
        for a in args:
            if isinstance(a, (str, bytes, Path)) \
                    and str(Path(str(a) if not isinstance(a, bytes) else a.decode()).resolve()) in watched:
                touched.append((event, str(a)))
sys.addaudithook(hook)
from coder.cli import cli
p = str(project)
for args in (["info", p], ["search", p, "kommunen"], ["autocode", p, "tid", "--code", "Tid"],
             ["undo", p], ["redo", p], ["log", p, "--csv", str(out / "log.csv")], ["check", p],
             ["review", p], ["export", p, "--codebook", "csv", "-o", str(out / "book.csv")],
             ["export", p, "--qdpx", "-o", str(out / "p.qdpx")],
             ["export", p, "--report", "html", "-o", str(out / "r.html")],
             ["merge", p, str(other)], ["import-qdpx", str(other), str(out / "p.qdpx")]):
    try:
        cli.main(args=args, prog_name="coder", standalone_mode=False)
    except SystemExit as exc:
        assert not exc.code, (args, exc.code)
print("touched:", touched)
"""


def test_commands_never_open_the_project_file_except_through_sqlite(tmp_path):
    path = make_project(tmp_path)
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = make_project(other_folder)
    out = tmp_path / "out"
    out.mkdir()
    holder = Project.open(path)          # a second program holding the project, as the app does
    try:
        result = subprocess.run([sys.executable, "-c", AUDITED, str(path), str(other), str(out)],
                                capture_output=True, text=True, timeout=300, cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().endswith("touched: []"), result.stdout
        assert path.with_name("p.coder-wal").exists()      # still there for the holder
        assert holder.counts().codes == 2
    finally:
        holder.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_merge_source_of_an_older_schema_is_read_not_migrated_in_place(tmp_path, monkeypatch):
    """A colleague's project is merged from a copy in memory: their file keeps its bytes
    and schema, and no backup appears beside it."""
    from coder.core import NewDocument, schema
    from coder.core.models import NewSegment
    older = schema.Migrations(schema.MIGRATION_SET)
    older._migrations.extend(schema.migrations._migrations[:-1])
    full = schema.migrations
    monkeypatch.setattr(schema, "migrations", older)
    theirs = tmp_path / "theirs" / "bo.coder"
    theirs.parent.mkdir()
    text = "Kommunene kjøpte nettbrett."
    with Project.create(theirs, coder="bo") as p:
        p.documents.add_many([NewDocument("d", text, segments=(NewSegment(0, len(text), "sentence"),))])
        p.codes.apply(p.codes.add("Kommunene kjøpte nettbrett"), p.documents.list()[0].id, 0, 9)
    monkeypatch.setattr(schema, "migrations", full)
    before = theirs.read_bytes()
    mine = make_project(tmp_path)
    with Project.open(mine, coder="ane") as p:
        p.merge.merge_projects([theirs])
        assert {c.coder for c in p.codes.codings()} == {"ane", "bo"}
    assert theirs.read_bytes() == before
    assert files_in(theirs.parent) - {"bo.coder-wal", "bo.coder-shm"} == {"bo.coder"}   # SQLite's own


@pytest.mark.parametrize("command, name", [("import-codebook", "book.qdc"), ("import-qdpx", "p.qdpx"),
                                           ("import-qdpx", "p.qde")])
def test_the_project_itself_is_never_read_as_a_file_to_import(tmp_path, command, name):
    """Reading the project's file with open() and closing it would drop the process's
    SQLite locks; a hard link under another name is the same file."""
    path = make_project(tmp_path)
    alias = tmp_path / name
    os.link(path, alias)
    result = run_cli(command, str(path), str(alias))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"coder: {alias}: is a coder project open here; a project is merged "
                                     f"(coder merge) or exchanged as .qdpx, not read as a file")


def test_the_project_itself_is_never_imported_as_a_document(tmp_path):
    path = make_project(tmp_path)
    alias = tmp_path / "notes.txt"
    os.link(path, alias)
    before = dump_counts(path)
    result = run_cli("import", str(path), str(alias))
    assert result.returncode == 1
    assert f"coder: {alias}: is a coder project open here" in result.stderr
    assert dump_counts(path) == before


def dump_counts(path):
    with Project.open(path) as p:
        return p.counts(), len(p.history.entries())


# Calls that open, copy, move or remove a file by its path: Path methods, the os/shutil/io
# functions, and the builtin open().
PATH_METHODS = {"read_bytes", "read_text", "write_bytes", "write_text", "unlink", "touch", "rename"}
MODULE_FUNCTIONS = {"open", "replace", "rename", "remove", "unlink", "link", "copy", "copy2",
                    "copyfile", "move", "truncate", "fdopen"}
# Where coder/core may do so, and why: none of these is a project file.
# The user's config.toml: read by identity, its language line written back by user_config.
CORE_FILE_CALLS = {("identity.py", "read_text"), ("user_config.py", "read_text"),
                   ("user_config.py", "write_text"), ("user_config.py", "replace")}


def _file_call(node) -> str | None:
    import ast
    func = node.func
    if isinstance(func, ast.Name) and func.id == "open":
        return "open"
    if isinstance(func, ast.Attribute):
        if func.attr in PATH_METHODS:
            return func.attr
        if func.attr in MODULE_FUNCTIONS and isinstance(func.value, ast.Name) \
                and func.value.id in ("os", "shutil", "io"):
            return func.attr
    return None


def test_core_touches_no_file_except_through_sqlite():
    """The store's rule, checked on the source: coder/core reaches a project file only
    through sqlite3 (the audit-hook test above proves it for the commands at run time)."""
    import ast
    found = set()
    for path in sorted((REPO / "coder" / "core").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := _file_call(node)):
                found.add((path.name, name))
    assert found == CORE_FILE_CALLS
