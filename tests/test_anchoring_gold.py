"""Anchoring measured against the gold set of where the thesis codes were said
(tests/data/thesis_gold.tsv, built by reading; see tests/data/README.md), on the
informant files as a new user imports them. Per-threshold figures: benchmarks/bench_anchoring.py."""

from pathlib import Path

import pytest

from coder.core import Project
from coder.exchange.anchoring import DEFAULT_THRESHOLD, anchor
from coder.exchange.codebook_import import import_codebook
from coder.ingest import import_files
from tests.anchoring_gold import gold, score

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    with Project.create(tmp_path_factory.mktemp("gold") / "g.coder") as p:
        import_files(p, sorted((ROOT / "corpus" / "interviews").glob("*.txt")), kind="interview")
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.qdc")
        anchor(p)
        docs = {d.id: d.name for d in p.documents.list()}
        codes = {c.id: c.text for c in p.codes.list(order="id")}
        return [(codes[x.code_id], docs[x.document_id], x.start, x.end, x.score) for x in p.proposals.list()]


def test_the_gold_set_is_what_its_readme_says():
    places, nowhere, unclear = gold()
    assert len({g.code for g in places}) == len(places) == 77
    assert (len(nowhere), len(unclear)) == (159, 4)
    assert {g.kind for g in places} == {"verbatim", "abridged", "paraphrase"}


def test_precision_and_recall_meet_the_targets_at_the_default_threshold(found):
    s = score(found, DEFAULT_THRESHOLD)
    assert s.precision >= 0.95 and s.recall >= 0.85 and s.verbatim_recall >= 0.95, s


def test_codes_said_nowhere_get_no_proposal(found):
    _, nowhere, _ = gold()
    assert [x for x in found if x[0] in nowhere] == []
