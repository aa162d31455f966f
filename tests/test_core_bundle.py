"""Project.bulk.import_bundle with segments that arrive while the rest is written (a .qdpx
import has them worked out in another process meanwhile)."""

from __future__ import annotations

import pytest

from coder.core import NewSegment, Project
from coder.core.bulk import ExchangeBundle, NewCoding
from coder.core.errors import OffsetError
from coder.core.models import NewCode, NewCodebook, NewDocument

A = "Første avsnitt her.\n\nAndre avsnitt der."
B = "Et annet dokument.\n"


def bundle(later) -> ExchangeBundle:
    return ExchangeBundle(
        documents=[NewDocument("a", A), NewDocument("b", B), NewDocument("a igjen", A)],
        document_memos=[None, None, None], document_guids=[None, None, None],
        codebook=NewCodebook(codes=(NewCode("Kode", None, None, "g1"),)),
        codings=[NewCoding(0, "g1", 0, 19), NewCoding(1, "g1", 0, 18)],
        later_segments=later)


def segments(text: str) -> tuple[NewSegment, ...]:
    out, start = [], 0
    for part in text.split("\n\n"):
        out.append(NewSegment(start, start + len(part.rstrip("\n")), "paragraph", lemmas=part.lower().rstrip(".\n")))
        start += len(part) + 2
    return tuple(out)


def rows(p: Project) -> list[tuple]:
    return p.db.conn.execute("SELECT d.name, s.start, s.end, s.text FROM segments s "
                             "JOIN documents d ON d.id = s.document_id ORDER BY d.name, s.start").fetchall()


def test_later_segments_go_to_new_documents_only_and_are_undone_with_the_import(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="ann")
    p.documents.add("b", B, segments=segments(B))        # b is in the project already
    before = rows(p)
    # in the order they are done, in batches of those that arrived together
    later = ([(i, segments(t)) for i, t in batch] for batch in [[(2, A), (1, B)], [(0, A)]])
    result = p.bulk.import_bundle(bundle(later), label="x.qdpx")
    assert result.documents_added == 1 and result.documents_reused == ["b", "a igjen"]
    assert rows(p) == [("a", 0, 19, "Første avsnitt her."), ("a", 21, 39, "Andre avsnitt der."),
                       ("b", 0, 18, "Et annet dokument.")]
    assert [h.document_id for h in p.search.find("avsnitt")] == [2, 2]     # indexed at the end
    p.history.undo()
    assert rows(p) == before and p.search.find("avsnitt") == []
    p.history.redo()
    assert len(rows(p)) == 3 and len(p.search.find("avsnitt")) == 2


def test_a_later_segment_outside_its_text_leaves_the_project_as_it_was(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="ann")
    later = iter([[(0, (NewSegment(0, 500, "paragraph"),))]])
    with pytest.raises(OffsetError):
        p.bulk.import_bundle(bundle(later), label="x.qdpx")
    assert p.counts().documents == 0 and p.counts().codings == 0 and rows(p) == []
