"""#19: a text that comes in a .qdpx from another tool is segmented as `coder import`
segments the same file — the same segments (offsets, kind, speaker, lemmas) and the same
search hits — whether the worker process or this one segments it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coder.core import Project
from coder.exchange import qdpx_import
from coder.exchange.qdpx_export import write_qdpx
from coder.exchange.qdpx_import import import_qdpx
from coder.ingest import import_files
from tests.qdpx_helpers import as_another_tools

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "corpus" / "interviews" / "informant_c.txt", next((ROOT / "corpus" / "reports").glob("aurstad_*.txt"))]
QUERIES = ["kommune", "digitalisering", "digital*", '"i kommunen"', "ansatte OR ledere", "får"]


def transcript(path: Path) -> Path:
    """A transcript (speaker turns) made of an interview's paragraphs, with a timestamp."""
    answers = (ROOT / "corpus" / "interviews" / "informant_e.txt").read_text(encoding="utf-8").split("\n\n")
    turns = [f"Intervjuer: Hva mener du om {n}?\n\n[00:{n:02d}:10] Informant E: {a.strip()}"
             for n, a in enumerate(answers[:20]) if a.strip()]
    path.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    return path


def segments(p: Project) -> list[tuple]:
    return p.db.conn.execute(
        "SELECT d.name, s.start, s.end, s.kind, s.speaker, s.label, s.text, s.lemmas FROM segments s "
        "JOIN documents d ON d.id = s.document_id ORDER BY d.name, s.start, s.end, s.kind").fetchall()


def hits(p: Project) -> dict[str, list[tuple]]:
    """Each query's hits, by document name (the two projects hold them in other orders)."""
    return {q: sorted((h.document, h.start, h.end, h.text, h.match_at) for h in p.search.find(q)) for q in QUERIES}


@pytest.fixture(scope="module")
def direct(tmp_path_factory) -> tuple[Project, Path]:
    """The files imported directly, and the project exported as another tool's .qdpx
    (without coder's own entry, which would carry the segments as they were)."""
    tmp = tmp_path_factory.mktemp("direct")
    p = Project.create(tmp / "direct.coder", coder="Ada")
    import_files(p, FILES + [transcript(tmp / "transcript.txt")])
    return p, as_another_tools(write_qdpx(p, tmp / "coder.qdpx"), tmp / "other.qdpx")


@pytest.mark.parametrize("worker_from", [0, 10**12], ids=["worker", "here"])
def test_another_tools_text_gets_the_segments_and_hits_of_a_direct_import(direct, tmp_path, monkeypatch,
                                                                          worker_from):
    monkeypatch.setattr(qdpx_import, "WORKER_FROM", worker_from)
    src, other = direct
    p = Project.create(tmp_path / "imported.coder", coder="Bo")
    import_qdpx(p, other)
    assert sorted(d.kind for d in p.documents.list()) == sorted(d.kind for d in src.documents.list())
    found = segments(p)
    assert {row[3] for row in found} >= {"paragraph", "sentence", "turn"}
    assert {row[4] for row in found} >= {"Intervjuer", "Informant E"}
    assert found == segments(src)
    expected = hits(src)
    assert all(expected[q] for q in QUERIES)
    assert hits(p) == expected
