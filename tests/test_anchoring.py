"""Anchoring: codes that arrive without codings are found in the documents and proposed.

tests/data/thesis_anchoring_checked.tsv holds every proposal anchoring makes for the
thesis codebook over the thesis' own chapter 5 (score ≥ 80), each checked by reading:
"quote" = the span is the informant's own statement the code was made from,
"paraphrase" = the span is the author's report of that same statement. None was wrong.
"""

import csv
from pathlib import Path

import pytest

from coder.core import Project
from coder.core.models import Code
from coder.exchange.anchoring import anchor, find_anchors, normalize_with_map, required_score
from coder.exchange.codebook_import import import_codebook

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"


def _code(i: int, text: str) -> Code:
    return Code(i, text, None, None, False, None, "", None)


@pytest.fixture(scope="module")
def anchored(tmp_path_factory):
    path = tmp_path_factory.mktemp("anchor") / "thesis.coder"
    with Project.create(path, coder="tester") as p:
        doc = p.documents.add("kapittel 5", (DATA / "thesis_chapter5.txt").read_text(encoding="utf-8"))
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.md")
        report = anchor(p)
        yield p, doc, report


def test_thesis_codes_anchor_in_the_thesis_quotes_as_checked(anchored):
    p, doc, report = anchored
    assert (report.considered, report.too_short, report.threshold) == (240, 4, 80.0)
    assert report.anchored == report.proposals >= 70
    with (DATA / "thesis_anchoring_checked.tsv").open(encoding="utf-8") as fh:
        checked = list(csv.DictReader(fh, delimiter="\t"))
    assert sum(r["verdict"] == "quote" for r in checked) == 64
    by_code = {p.codes.get(x.code_id).text: x for x in p.proposals.list()}
    text = p.documents.text(doc)
    for row in checked:
        got = by_code[row["code"]]
        start, end = int(row["start"]), int(row["end"])
        overlap = min(end, got.end) - max(start, got.start)
        assert overlap >= 0.8 * (end - start), (row["code"], text[got.start:got.end])
        assert got.score >= required_score(80, len(row["code"].split()))


def test_proposals_are_word_aligned_spans_of_the_document(anchored):
    p, doc, _ = anchored
    text = p.documents.text(doc)
    for x in p.proposals.list():
        assert x.document_id == doc and 0 <= x.start < x.end <= len(text)
        assert not (x.start > 0 and text[x.start - 1].isalnum() and text[x.start].isalnum())
        assert not (x.end < len(text) and text[x.end - 1].isalnum() and text[x.end].isalnum())
    exact = p.codes.by_text("Ansatte må få hjelp til å ta de første skrittene ved innføring av ny løsning")
    (hit,) = p.proposals.list(code_id=exact.id)
    assert " ".join(text[hit.start:hit.end].split()) == exact.text and hit.score == 100


def test_anchoring_again_adds_nothing_and_skips_coded_codes(anchored):
    p, _, first = anchored
    again = anchor(p)
    assert again.proposals == 0 and again.anchored == first.anchored


def test_accept_above_turns_the_best_into_codings(tmp_path):
    with Project.create(tmp_path / "p.coder") as p:
        p.documents.add("kapittel 5", (DATA / "thesis_chapter5.txt").read_text(encoding="utf-8"))
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.qdc")
        r = anchor(p, accept_above=95)
        assert r.accepted == p.counts().codings >= 30
        assert all(x.score < 95 for x in p.proposals.list())
        assert len(p.proposals.list()) == r.proposals - r.accepted
        assert [h.action for h in p.history.entries()[-2:]] == ["propose codings", "accept proposals"]


def test_short_codes_need_a_better_match():
    assert required_score(80, 4) == 90 and required_score(80, 12) == 80
    text = "Han sa at det er forskjeller i interesse blant folk, og at ledere er travle."
    assert find_anchors([_code(1, "Det er forskjeller på ledere")], {1: text}) == []


def test_normalisation_maps_back_to_original_offsets():
    text = "Vi skal digi-\n\ntalisere, «raskt»!\r\nOK"
    norm, where = normalize_with_map(text)
    assert norm == "vi skal digitalisere raskt ok"
    assert "".join(text[where[i]].lower() for i in range(len(norm)) if norm[i] != " ") == "viskaldigitalisereraskt" "ok"
    (hit,) = find_anchors([_code(7, "Vi skal digitalisere raskt")], {3: text})
    assert (hit.document_id, text[hit.start:hit.end]) == (3, "Vi skal digi-\n\ntalisere, «raskt")


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from("abcæøå ABCÆØÅ-\n\t.,«»12"), max_size=80))
def test_normalised_characters_come_from_their_mapped_offsets(text):
    norm, where = normalize_with_map(text)
    assert len(norm) == len(where) and where == sorted(where) and len(set(where)) == len(where)
    assert "  " not in norm
    for ch, i in zip(norm, where):
        assert ch == " " or ch == text[i].lower()
