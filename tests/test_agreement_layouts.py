"""Issue 18: every figure and count of the agreement report against independent
computations (sklearn's Cohen, statsmodels' Fleiss, the `krippendorff` package, numpy)
on generated layouts: two and three coders, overlapping codings, codes used by one coder
only, a document only one coder coded; per code, kodegruppe and tema, per document, for
every unit."""

from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from coder.analysis.agreement import agreement_report
from coder.core import NewSegment, Project

CODES = ["Folk er redde", "Ledelsen lytter ikke", "Vi savner kollegene", "Bare Anna bruker denne", "Hjemme er bra"]
UNITS = ("character", "sentence", "paragraph", "turn", "document")


def _document(rng: random.Random, n_turns: int):
    """A text of turns, each of one or two paragraphs of two or three sentences."""
    text, segments = "", []
    for t in range(n_turns):
        turn_start = len(text)
        for _p in range(rng.randint(1, 2)):
            par_start = len(text)
            for _s in range(rng.randint(2, 3)):
                sentence = "Ord " * rng.randint(1, 4) + "slutt."
                segments.append(NewSegment(len(text), len(text) + len(sentence), "sentence"))
                text += sentence + " "
            segments.append(NewSegment(par_start, len(text) - 1, "paragraph"))
            text = text[:-1] + "\n\n"
        segments.append(NewSegment(turn_start, len(text) - 2, "turn", speaker=f"I{t}"))
    return text, segments


def _layout(tmp_path, coders, seed):
    """A project of three documents; every coder codes the first two, only the first coder
    the third. The first coder alone uses CODES[3]. Returns (project, codings)."""
    rng = random.Random(seed)
    path = tmp_path / f"p{seed}.coder"
    project = Project.create(path, coder="setup")
    docs = []
    for name in ("Intervju 1", "Intervju 2", "Intervju 3"):
        text, segments = _document(rng, 3)
        docs.append((project.documents.add(name, text, segments=segments), len(text)))
    project.documents.add("Ikke kodet", "Ingen har kodet denne.", segments=[NewSegment(0, 22, "sentence")])
    codings = []
    for ci, coder in enumerate(coders):
        project.coder = coder
        for di, (doc, length) in enumerate(docs):
            if di == 2 and ci > 0:
                continue
            for _ in range(rng.randint(3, 6)):
                code = rng.choice(CODES if ci == 0 else CODES[:3] + CODES[4:])
                start = rng.randrange(0, length - 5)
                end = min(length, start + rng.randint(1, 40))
                project.codes.apply_many(code, [(doc, start, end)])
                codings.append((coder, code, doc, start, end))
    # kodegrupper and a tema: «Folk er redde» + «Ledelsen lytter ikke» in Gruppe 1,
    # «Vi savner kollegene» in Gruppe 2, both in Tema 1; the other codes in no group.
    ids = {c: project.codes.by_text(c).id for c in CODES if project.codes.by_text(c)}
    g1 = project.grouping.create_group("Uro", [ids[CODES[0]], ids[CODES[1]]])
    g2 = project.grouping.create_group("Savn", [ids[CODES[2]]])
    project.grouping.create_theme("Arbeidsliv", [g1, g2])
    item_of = {"code": {c: c for c in CODES},
               "group": {CODES[0]: "Group 1: Uro", CODES[1]: "Group 1: Uro", CODES[2]: "Group 2: Savn"},
               "theme": {c: "Theme 1: Arbeidsliv" for c in CODES[:3]}}
    return project, codings, item_of


def _units(project, doc_id, unit, length):
    if unit == "character":
        return [(i, i + 1) for i in range(length)]
    if unit == "document":
        return [(0, length)]
    return [(s.start, s.end) for s in project.documents.segments(doc_id, kind=unit)]


def _data(project, codings, coders, item, item_of, doc_ids, unit):
    """Coders × units matrix of 0/1, built straight from the codings."""
    cols = []
    for d in project.documents.list():
        if d.id not in doc_ids:
            continue
        for us, ue in _units(project, d.id, unit, d.length):
            cols.append([int(any(item_of.get(k) == item and dd == d.id and s < ue and e > us
                                 for c, k, dd, s, e in codings if c == coder)) for coder in coders])
    return np.array(cols, dtype=int).T.reshape(len(coders), -1)


def _expect(row, data, coders):
    """Assert one report row against its unit data."""
    m, n = data.shape
    assert row.units == n
    ones = data.sum(axis=0)
    assert row.tally.all == int((ones == m).sum()) and row.tally.none == int((ones == 0).sum())
    for i, c in enumerate(coders):
        assert row.coded[c] == int(data[i].sum())
        assert row.tally.only[c] == int(((ones == 1) & (data[i] == 1)).sum())
    assert row.tally.other == int(((ones > 1) & (ones < m)).sum())
    assert row.agreement == pytest.approx(float(((ones == 0) | (ones == m)).mean()))
    if len(np.unique(data)) == 1:
        assert row.alpha is None and row.kappa is None
        return
    assert row.alpha == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    if m == 2:
        expected = cohen_kappa_score(data[0], data[1])
    else:
        expected = fleiss_kappa(aggregate_raters(data.T, n_cat=2)[0])
    if math.isnan(expected) or len(set(data.flatten())) == 1:
        assert row.kappa is None
    else:
        assert row.kappa == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("coders,seed", [(("Anna", "Bjørn"), 1), (("Anna", "Bjørn"), 2),
                                         (("Anna", "Bjørn", "Cecilie"), 3), (("Anna", "Bjørn", "Cecilie"), 4)])
@pytest.mark.parametrize("level", ["code", "group", "theme"])
def test_every_row_equals_the_independent_figures(tmp_path, coders, seed, level):
    project, codings, item_of = _layout(tmp_path, coders, seed)
    item_of = item_of[level]
    with project:
        docs = {d.name: d.id for d in project.documents.list()}
        for unit in UNITS:
            report = agreement_report(project, coders, unit=unit, level=level, by_document=True)
            # the third document only Anna coded counts; the uncoded one does not
            assert report.documents == ("Intervju 1", "Intervju 2", "Intervju 3")
            assert report.left_out == (("Ikke kodet", "coded by none of them"),)
            compared = {docs[n] for n in report.documents}
            used = {item_of[k] for c, k, d, s, e in codings if k in item_of}
            assert {r.item for r in report.items} == used
            pooled = []
            for row in report.items:
                data = _data(project, codings, coders, row.item, item_of, compared, unit)
                _expect(row, data, coders)
                pooled.append(data)
            _expect(report.overall, np.hstack(pooled), coders)
            for row in report.by_document:
                _expect(row, _data(project, codings, coders, row.item, item_of, {docs[row.document]}, unit),
                        coders)
            assert {(r.item, r.document) for r in report.by_document} == {
                (item_of[k], n) for c, k, d, s, e in codings if k in item_of for n, i in docs.items() if i == d}
            assert report.kappa_name == ("Cohen's kappa" if len(coders) == 2 else "Fleiss' kappa")
            if level != "code":
                assert report.notes and "not counted" in report.notes[0]
