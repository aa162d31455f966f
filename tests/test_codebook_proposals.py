"""Proposed codings: add, list, accept (→ codings), reject; every call one undoable action."""

import pytest

from coder.core import CoderError, Project
from coder.core.models import NewProposal


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.coder", coder="anna") as p:
        p.documents.add("A", "Folk er redde for at vi skal digitalisere. Ledere er travle.")
        p.codes.add("Folk er redde for at vi skal digitalisere")
        p.codes.add("Ledere har det travelt")
        yield p


def _propose(p):
    return p.proposals.add([NewProposal(1, 1, 0, 42, 97.5), NewProposal(2, 1, 43, 60, 81.0)])


def test_add_list_best_first_and_no_repeats(project):
    ids = _propose(project)
    assert [x.id for x in project.proposals.list()] == ids
    assert [x.score for x in project.proposals.list(min_score=90)] == [97.5]
    assert project.proposals.list(code_id=2)[0].source == "anchoring"
    assert _propose(project) == []                       # same spans: nothing new
    project.history.undo()                                        # the empty call wrote no history
    assert project.proposals.list() == []


def test_accept_makes_codings_with_the_coder_and_undo_restores(project):
    ids = _propose(project)
    (coding_id,) = project.proposals.accept([ids[0]])
    c = project.codes.coding(coding_id)
    assert (c.code_id, c.document_id, c.start, c.end, c.coder) == (1, 1, 0, 42, "anna")
    assert [x.id for x in project.proposals.list()] == [ids[1]]
    project.history.undo()
    assert project.counts().codings == 0 and len(project.proposals.list()) == 2


def test_accept_above_a_score_and_reject_below(project):
    _propose(project)
    assert len(project.proposals.accept(min_score=90)) == 1
    assert project.proposals.reject(max_score=90) == 1
    assert project.proposals.list() == [] and project.counts().codings == 1
    project.history.undo()
    assert len(project.proposals.list()) == 1


def test_bad_requests_change_nothing(project):
    _propose(project)
    with pytest.raises(CoderError, match="no proposal with id 99"):
        project.proposals.accept([99])
    with pytest.raises(CoderError, match="say which proposals"):
        project.proposals.accept()
    with pytest.raises(CoderError, match="outside the text"):
        project.proposals.add([NewProposal(1, 1, 50, 500, 90)])
    assert len(project.proposals.list()) == 2 and project.counts().codings == 0


def test_deleting_a_code_drops_its_proposals(project):
    _propose(project)
    project.codes.delete(2)
    assert [x.code_id for x in project.proposals.list()] == [1]
