"""Disagreements between coders: finding them, and resolving them undoably."""

from __future__ import annotations

import pytest

from coder.analysis.disagreements import Passage, disagreements
from coder.core import Project
from coder.core.errors import CoderError

TEXT = "Vi jobber hjemme nå. Kollegene savnes. Ledelsen lytter ikke til oss her."


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="A")
    doc = p.documents.add("D", TEXT)
    p.codes.apply_many("X", [(doc, 0, 10)])
    p.codes.apply_many("Y", [(doc, 20, 30)])
    p.codes.apply_many("Z", [(doc, 40, 50)])
    p.coder = "B"
    p.codes.apply_many("X", [(doc, 5, 15)])
    p.codes.apply_many("Z", [(doc, 40, 50)])
    yield p, doc
    p.close()


def test_finds_the_passages_one_coder_coded_and_the_other_not(project):
    p, doc = project
    found = disagreements(p, ["A", "B"])
    assert [(d.code, d.document, d.start, d.end) for d in found] == [("X", "D", 0, 15), ("Y", "D", 20, 30)]
    x, y = found
    assert x.passages == (Passage(0, 5, ("A",)), Passage(10, 15, ("B",)))
    assert y.passages == (Passage(20, 30, ("A",)),)
    assert {c: [k.start for k in ks] for c, ks in x.sides(["A", "B"]).items()} == {"A": [0], "B": [5]}
    only_y = disagreements(p, ["A", "B"], code_id=p.codes.by_text("Y").id)
    assert [d.code for d in only_y] == ["Y"]


def test_keep_one_side_deletes_the_other_and_undo_brings_it_back(project):
    p, doc = project
    x = disagreements(p, ["A", "B"])[0]
    p.team.resolve_disagreement([c.id for c in x.codings], keep=["A"], coders=["A", "B"])
    x_id = p.codes.by_text("X").id
    assert [(c.coder, c.start, c.end) for c in p.codes.codings(code_id=x_id)] == [("A", 0, 10)]
    assert [d.code for d in disagreements(p, ["A", "B"])] == ["Y"]
    assert p.history.entries()[-1].action == "resolve disagreement"
    p.history.undo()
    assert sorted(c.coder for c in p.codes.codings(code_id=x_id)) == ["A", "B"]
    assert [d.code for d in disagreements(p, ["A", "B"])] == ["X", "Y"]


def test_keep_the_uncoded_side_removes_the_coding(project):
    p, doc = project
    y = disagreements(p, ["A", "B"])[1]
    p.team.resolve_disagreement([c.id for c in y.codings], keep=["B"], coders=["A", "B"])
    assert p.codes.codings(code_id=p.codes.by_text("Y").id) == []
    assert [d.code for d in disagreements(p, ["A", "B"])] == ["X"]


def test_keep_both_changes_no_coding_until_someone_codes_there_again(project):
    p, doc = project
    x = disagreements(p, ["A", "B"])[0]
    p.team.resolve_disagreement([c.id for c in x.codings], keep=["A", "B"], coders=["A", "B"])
    assert p.counts().codings == 5
    assert [d.code for d in disagreements(p, ["A", "B"])] == ["Y"]
    p.coder = "B"
    p.codes.apply("X", doc, 12, 18)
    assert [d.code for d in disagreements(p, ["A", "B"])] == ["X", "Y"]


def test_a_bridge_removed_leaves_both_pieces_resolved(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="A")
    doc = p.documents.add("D", TEXT)
    p.codes.apply_many("X", [(doc, 0, 5), (doc, 10, 15)])
    p.coder = "B"
    p.codes.apply_many("X", [(doc, 3, 12)])
    (d,) = disagreements(p, ["A", "B"])
    assert len(d.codings) == 3
    p.team.resolve_disagreement([c.id for c in d.codings], keep=["A"], coders=["A", "B"])
    assert disagreements(p, ["A", "B"]) == []
    p.close()


def test_bad_resolutions_change_nothing(project):
    p, doc = project
    x = disagreements(p, ["A", "B"])[0]
    ids = [c.id for c in x.codings]
    with pytest.raises(CoderError, match="keep the side of one or more of A, B"):
        p.team.resolve_disagreement(ids, keep=["C"], coders=["A", "B"])
    with pytest.raises(CoderError, match="one code in one document"):
        other = disagreements(p, ["A", "B"])[1].codings[0].id
        p.team.resolve_disagreement(ids + [other], keep=["A"], coders=["A", "B"])
    assert p.counts().codings == 5 and p.history.entries()[-1].action == "autocode"
    assert p.team.coder_names() == ["A", "B"]
