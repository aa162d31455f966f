"""The import's speed paths give the same project: the worker is fed while the project
is read and written, and what it and this process segment is what ingest would make."""

from __future__ import annotations

from coder.core import NewSegment, Project
from coder.exchange import qdpx_import
from coder.exchange.qdpx_export import write_qdpx
from coder.exchange.qdpx_import import _Segmenter, import_qdpx
from coder.ingest import Ingest
from coder.ingest.service import document_segments


def _segments(text: str, kind: str) -> list[NewSegment]:
    return [NewSegment(*s) for s in document_segments(text, kind, "nb")]

TEXT = ("Intervjuer: Hva tenker du om {n}?\n\nInformant: Vi får ikke hjelp fra kommunene, sier hun. "
        "Barnevernstjenesten ringte aldri tilbake.\n\nIntervjuer: Og så?\n\nInformant: Så ga vi opp.\n")


def test_with_much_text_every_document_goes_to_the_worker_as_it_is_read(monkeypatch):
    def not_here(*args):
        raise AssertionError("segmented in this process while the worker lives")
    ingest = Ingest()
    segmenter = _Segmenter(ingest, "nb")
    segmenter.large = True
    texts = [TEXT.format(n=n) * 20 for n in range(10)]
    for n, text in enumerate(texts, 1):
        segmenter.add(text, "interview")
        assert len(segmenter.sent) == n                             # sent as soon as it is read
    monkeypatch.setattr(qdpx_import, "document_segments", not_here)
    done = dict(pair for batch in segmenter.as_ready() for pair in batch)
    ingest.close()
    monkeypatch.undo()
    assert sorted(done) == list(range(len(texts)))
    assert all(list(done[i]) == _segments(t, "interview") for i, t in enumerate(texts))


def test_little_text_is_segmented_here_and_more_goes_to_the_worker_from_the_threshold(monkeypatch):
    monkeypatch.setattr(qdpx_import, "WORKER_FROM", len(TEXT.format(n=0)) * 5 * 3)
    ingest = Ingest()
    segmenter = _Segmenter(ingest, "nb")
    texts = [TEXT.format(n=n) * 5 for n in range(4)]
    for text in texts[:2]:
        segmenter.add(text, "interview")
    assert not segmenter.sent
    for text in texts[2:]:
        segmenter.add(text, "interview")
    assert [i for i, _ in segmenter.sent] == [0, 1, 2, 3]             # those before the threshold too
    done = dict(pair for batch in segmenter.as_ready() for pair in batch)
    ingest.close()
    assert all(list(done[i]) == _segments(t, "interview") for i, t in enumerate(texts))


def test_a_large_import_has_every_documents_segments_and_finds_its_words(tmp_path, monkeypatch):
    monkeypatch.setattr(qdpx_import, "WORKER_FROM", 1000)       # the worker takes part
    src = Project.create(tmp_path / "src.coder", coder="Ada")
    docs = [src.documents.add(f"Intervju {n}", TEXT.format(n=n) * 5, kind="interview") for n in range(8)]
    src.codes.apply("Ingen hjelp", docs[3], TEXT.index("Vi får"), TEXT.index(", sier"))
    qdpx = write_qdpx(src, tmp_path / "p.qdpx")
    p = Project.create(tmp_path / "p.coder")
    import_qdpx(p, qdpx)
    conn = p.db.conn
    assert len(p.search.find("kommune")) == 8 * 5                   # by lemma: kommunene
    for doc in p.documents.list():
        text = p.documents.text(doc.id)
        assert conn.execute("SELECT start, end, kind, lemmas FROM segments WHERE document_id = ? ORDER BY id",
                            [doc.id]).fetchall() == \
            [(s.start, s.end, s.kind, s.lemmas) for s in _segments(text, "interview")]
