"""Agreement figures against a small example worked by hand and against `krippendorff`."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from coder.analysis.agreement import agreement_report, character_patterns, smallest_segments
from coder.core import NewSegment, Project
from coder.core.errors import CoderError

TEXT = "Aaaa. Bbbb. Cccc. Dd"  # 20 characters, four 5-character sentences
SENTENCES = [NewSegment(0, 20, "paragraph")] + [NewSegment(i, i + 5, "sentence") for i in (0, 5, 10, 15)]


def _project(tmp_path, codings):
    """codings: (coder, code, start, end) on one 20-character document."""
    path = tmp_path / "p.coder"
    Project.create(path, coder="setup").close()
    with Project.open(path, coder="setup") as p:
        doc = p.documents.add("D", TEXT, segments=SENTENCES)
    for coder, code, start, end in codings:
        with Project.open(path, coder=coder) as p:
            p.codes.apply_many(code, [(doc, start, end)])
    return Project.open(path)


def test_character_unit_matches_the_hand_worked_example(tmp_path):
    # A codes 0–10, B codes 2–10: units 0–2 (A only), 2–10 (both), 10–20 (neither).
    # agreement 18/20; kappa: pA=.5 pB=.4 pe=.5 → (.9−.5)/.5 = .8;
    # alpha: o11=16 o00=20 o01=o10=2, n1=18 n0=22 n=40 → 1 − 39·4/(2·18·22) = 0.80303…
    with _project(tmp_path, [("A", "X", 0, 10), ("B", "X", 2, 10)]) as p:
        report = agreement_report(p, ["A", "B"], unit="character")
    assert report.unit == "character" and report.documents == ("D",)
    (x,) = report.items
    assert (x.item, x.units, x.coded) == ("X", 20, {"A": 10, "B": 8})
    assert x.agreement == pytest.approx(0.9)
    assert x.kappa == pytest.approx(0.8)
    assert x.alpha == pytest.approx(1 - 39 * 4 / (2 * 18 * 22))
    assert report.overall.alpha == pytest.approx(x.alpha)


def test_segment_unit_matches_the_hand_worked_example(tmp_path):
    # A codes 0–10 (sentences 1, 2), B codes 6–12 (sentences 2, 3): the paragraph holds
    # the sentences, so the units are the four sentences: (1,0) (1,1) (0,1) (0,0).
    # agreement 2/4; kappa: pA=pB=.5, pe=.5 → 0; alpha: n=8, o00=o11=2, o01=o10=2,
    # n0=n1=4 → 1 − 7·4/(2·4·4) = 0.125
    with _project(tmp_path, [("A", "X", 0, 10), ("B", "X", 6, 12)]) as p:
        report = agreement_report(p, ["A", "B"], unit="segment")
    (x,) = report.items
    assert (x.units, x.coded) == (4, {"A": 2, "B": 2})
    assert x.agreement == pytest.approx(0.5)
    assert x.kappa == pytest.approx(0.0)
    assert x.alpha == pytest.approx(0.125)


def test_overall_pools_the_codes_and_code_filter_picks_one(tmp_path):
    codings = [("A", "X", 0, 10), ("B", "X", 2, 10), ("A", "Y", 15, 20), ("B", "Y", 15, 20)]
    with _project(tmp_path, codings) as p:
        report = agreement_report(p, ["A", "B"])
        only_y = agreement_report(p, ["A", "B"], code="Y")
    assert [c.item for c in report.items] == ["X", "Y"]
    y = report.items[1]
    assert (y.agreement, y.kappa, y.alpha) == (1.0, pytest.approx(1.0), pytest.approx(1.0))
    # pooled: 40 units, 38 agree; A 15 ones, B 13 ones
    assert report.overall.units == 40 and report.overall.agreement == pytest.approx(38 / 40)
    p_a, p_b = 15 / 40, 13 / 40
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    assert report.overall.kappa == pytest.approx((38 / 40 - p_e) / (1 - p_e))
    assert [c.item for c in only_y.items] == ["Y"] and only_y.overall.agreement == 1.0


def test_alpha_equals_the_krippendorff_package_on_the_full_unit_data(tmp_path):
    rng = random.Random(7)
    coders = ["A", "B", "C"]
    codings = []
    for coder in coders:
        for code in ("X", "Y"):
            for _ in range(3):
                start = rng.randrange(0, 17)
                codings.append((coder, code, start, start + rng.randrange(1, 4)))
    with _project(tmp_path, codings) as p:
        report = agreement_report(p, coders, unit="character")
        seg_report = agreement_report(p, coders, unit="segment")
    for result, units in ((report, [(i, i + 1) for i in range(20)]),
                          (seg_report, [(i, i + 5) for i in (0, 5, 10, 15)])):
        pooled = []
        for code in result.items:
            data = np.array([[int(any(s < ue and e > us for c, k, s, e in codings if c == coder and k == code.item))
                              for us, ue in units] for coder in coders])
            pooled.append(data)
            if len(np.unique(data)) == 1:
                assert code.alpha is None  # the package refuses a one-value domain
            else:
                expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
                assert code.alpha == pytest.approx(expected)
            assert code.agreement == pytest.approx(np.mean((data == data[0]).all(axis=0)))
        expected = krippendorff.alpha(reliability_data=np.hstack(pooled), level_of_measurement="nominal")
        assert result.overall.alpha == pytest.approx(expected)
        # three coders: Fleiss' kappa, against statsmodels on the same unit data
        table, _ = aggregate_raters(np.hstack(pooled).T)
        assert result.overall.kappa == pytest.approx(fleiss_kappa(table))
        assert result.kappa_name == "Fleiss' kappa"


def test_a_document_one_coder_left_uncoded_counts_unless_asked_otherwise(tmp_path):
    # Issue 18: A codes 4 of E's 34 characters, B nothing there. Before, E was dropped
    # silently and the result was 100 %; now B's silence is "not this code".
    with _project(tmp_path, [("A", "X", 0, 10), ("B", "X", 0, 10)]) as p:
        p.coder = "A"
        other = p.documents.add("E", "Bare Anna har kodet denne teksten.")
        p.codes.apply_many("X", [(other, 0, 4)])
        p.documents.add("F", "Ingen har kodet her.")
        default = agreement_report(p, ["A", "B"])
        common = agreement_report(p, ["A", "B"], documents="all")
        everything = agreement_report(p, ["A", "B"], documents="project")
    assert default.documents == ("D", "E") and "at least one of A, B" in default.documents_rule
    assert default.left_out == (("F", "coded by none of them"),)
    (x,) = default.items
    assert (x.units, x.tally.all, x.tally.only, x.tally.none) == (54, 10, {"A": 4, "B": 0}, 40)
    assert x.agreement == pytest.approx(50 / 54)
    assert common.documents == ("D",) and common.left_out[0] == ("E", "not coded by B")
    assert common.items[0].units == 20 and common.items[0].agreement == 1.0
    assert everything.documents == ("D", "E", "F") and everything.items[0].units == 54 + 20


def test_undefined_figures_are_none(tmp_path):
    # both coders coded the whole text: no variation, kappa and alpha undefined
    with _project(tmp_path, [("A", "X", 0, 20), ("B", "X", 0, 20)]) as p:
        (x,) = agreement_report(p, ["A", "B"]).items
    assert (x.agreement, x.kappa, x.alpha) == (1.0, None, None)


def test_user_errors_name_the_problem(tmp_path):
    with _project(tmp_path, [("A", "X", 0, 10), ("B", "X", 2, 10)]) as p:
        with pytest.raises(CoderError, match="no codings by Cecilie"):
            agreement_report(p, ["A", "Cecilie"])
        with pytest.raises(CoderError, match="two or more different coders"):
            agreement_report(p, ["A", "A"])
        with pytest.raises(CoderError, match="no code «Z»"):
            agreement_report(p, ["A", "B"], code="Z")
        with pytest.raises(CoderError, match="unit is one of"):
            agreement_report(p, ["A", "B"], unit="word")
        p.coder = "A"
        bare = p.documents.add("E", "Uten segmenter.")
        p.codes.apply_many("X", [(bare, 0, 4)])
        p.coder = "B"
        p.codes.apply_many("X", [(bare, 0, 4)])
        report = agreement_report(p, ["A", "B"], unit="sentence")
        assert report.documents == ("D",) and report.left_out == (("E", "has no sentences"),)
        with pytest.raises(CoderError, match="no document to compare"):
            agreement_report(p, ["A", "B"], unit="turn")
        with pytest.raises(CoderError, match="level is one of"):
            agreement_report(p, ["A", "B"], level="tema")


def test_unit_helpers():
    assert character_patterns(10, [[(0, 4), (2, 6)], []]) == {(True, False): 6, (False, False): 4}
    assert smallest_segments([(0, 20), (0, 5), (5, 20), (5, 10), (10, 20), (0, 5)]) == [(0, 5), (5, 10), (10, 20)]
