"""prepare_text's output goes into a project unchanged: offsets stay valid."""

from pathlib import Path

from coder.core import NewSegment, Project
from coder.text.prepare import prepare_text

DATA = Path(__file__).parent / "data" / "text"


def test_prepared_seed_imports_with_its_segments(tmp_path):
    prepared = prepare_text("\ufeff" + (DATA / "seed003.txt").read_text(encoding="utf-8"), pdf=True)
    project = Project.create(tmp_path / "p.coder")
    doc_id = project.documents.add("seed003", prepared.text, segments=[
        NewSegment(s.start, s.end, s.kind, s.speaker, s.label) for s in prepared.spans])
    stored = project.documents.text(doc_id)
    assert stored == prepared.text
    quotes = project.documents.segments(doc_id, kind="quote")
    assert len(quotes) == sum(1 for s in prepared.spans if s.kind == "quote")
    c = next(q for q in quotes if stored[q.start:q.end].startswith("«Jeg tror det viktigste er å skape trygghet."))
    assert c.speaker == "Informant C"
    assert len(project.documents.segments(doc_id)) == len(prepared.spans)
