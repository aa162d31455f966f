"""Issue 18: agreement at kodegruppe and tema level, Fleiss' kappa and a kappa of zero,
on small examples worked by hand."""

from __future__ import annotations

import math

import pytest

from coder.analysis.agreement import agreement_report
from coder.analysis.agreement_figures import fleiss_kappa, tidy
from coder.core import NewSegment, Project
from coder.exchange.agreement_table import fmt_figure

TEXT = "Aaaa. Bbbb. Cccc. Dddd"  # four sentences: 0–5, 6–11, 12–17, 18–22
SENTENCES = [(0, 5), (6, 11), (12, 17), (18, 22)]


def _project(tmp_path, codings, text=TEXT, sentences=SENTENCES, groups=()):
    """codings: (coder, code, sentence number from 1); groups: (name, [codes]); the groups
    all go in Tema 1."""
    p = Project.create(tmp_path / "p.coder", coder="setup")
    doc = p.documents.add("D", text, segments=[NewSegment(s, e, "sentence") for s, e in sentences])
    for coder, code, n in codings:
        p.coder = coder
        p.codes.apply_many(code, [(doc, *sentences[n - 1])])
    made = [p.grouping.create_group(name, [p.codes.by_text(c).id for c in codes]) for name, codes in groups]
    if made:
        p.grouping.create_theme("Arbeid", made)
    return p


def test_fleiss_kappa_for_three_coders_by_hand(tmp_path):
    # Sentences: 1 coded by A B C, 2 by A B, 3 by nobody, 4 by A alone.
    # Fleiss: P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; p1 = 6/12 → P̄e = 1/2; κ = (2/3 − 1/2)/(1/2) = 1/3.
    # Alpha: n = 12, n1 = n0 = 6; mixed units 2 and 4 each add k(m−k)/(m−1) = 1 to o01 and
    # to o10 → α = 1 − 11·4 / (2·6·6) = 7/18.
    codings = [("A", "X", 1), ("B", "X", 1), ("C", "X", 1), ("A", "X", 2), ("B", "X", 2), ("A", "X", 4)]
    with _project(tmp_path, codings) as p:
        report = agreement_report(p, ["A", "B", "C"], unit="sentence")
    (x,) = report.items
    assert (x.tally.all, x.tally.only, x.tally.other, x.tally.none) == (1, {"A": 1, "B": 0, "C": 0}, 1, 1)
    assert x.agreement == pytest.approx(0.5)
    assert x.kappa == pytest.approx(1 / 3) and report.kappa_name == "Fleiss' kappa"
    assert x.alpha == pytest.approx(7 / 18)


def test_two_coders_with_different_codes_of_one_group_agree_on_the_group(tmp_path):
    # A codes X on sentence 1 and Z on 3; B codes Y on 1 and Z on 4. Gruppe 1 = X, Y;
    # Gruppe 2 = Z; both groups in Tema 1.
    codings = [("A", "X", 1), ("B", "Y", 1), ("A", "Z", 3), ("B", "Z", 4)]
    groups = [("Hjemme", ["X", "Y"]), ("Ledelse", ["Z"])]
    with _project(tmp_path, codings, groups=groups) as p:
        code = agreement_report(p, ["A", "B"], unit="sentence")
        group = agreement_report(p, ["A", "B"], unit="sentence", level="group")
        theme = agreement_report(p, ["A", "B"], unit="sentence", level="theme")
    x, y, _z = code.items
    # per code X and Y disagree on sentence 1: each 3/4, κ = 0 (pe = .75 = po)
    assert (x.item, x.tally.only, x.agreement, x.kappa) == ("X", {"A": 1, "B": 0}, 0.75, 0.0)
    assert (y.item, y.tally.only, y.agreement, y.kappa) == ("Y", {"A": 0, "B": 1}, 0.75, 0.0)
    g1, g2 = group.items
    # Gruppe 1: both coded sentence 1, neither 2–4: full agreement
    assert (g1.item, g1.tally.all, g1.tally.none, g1.agreement) == ("Group 1: Hjemme", 1, 3, 1.0)
    assert g1.kappa == pytest.approx(1.0) and g1.alpha == pytest.approx(1.0)
    # Gruppe 2: only A sentence 3, only B sentence 4. pA = pB = .25, pe = .625, po = .5 →
    # κ = −.125/.375 = −1/3; α = 1 − 7·4 / (2·2·6) = −1/6
    assert (g2.item, g2.tally.only, g2.tally.none) == ("Group 2: Ledelse", {"A": 1, "B": 1}, 2)
    assert g2.kappa == pytest.approx(-1 / 3) and g2.alpha == pytest.approx(-1 / 6)
    # Tema 1: A 1 and 3, B 1 and 4 → both 1, only A 1, only B 1, neither 1; po = pe = .5,
    # κ = 0; α = 1 − 7·4 / (2·4·4) = 1/8
    (t,) = theme.items
    assert (t.item, t.tally.all, t.tally.only, t.tally.none) == ("Theme 1: Arbeid", 1, {"A": 1, "B": 1}, 1)
    assert t.agreement == 0.5 and t.kappa == 0.0 and t.alpha == pytest.approx(0.125)
    # overall per group pools the two groups' 8 units
    assert group.overall.units == 8 and group.overall.agreement == pytest.approx(6 / 8)


def test_codes_outside_groups_are_named_not_counted(tmp_path):
    codings = [("A", "X", 1), ("B", "X", 1), ("A", "Løs", 2)]
    with _project(tmp_path, codings, groups=[("Hjemme", ["X"])]) as p:
        report = agreement_report(p, ["A", "B"], unit="sentence", level="group")
        report_theme = agreement_report(p, ["A", "B"], unit="sentence", level="theme")
    assert [r.item for r in report.items] == ["Group 1: Hjemme"] and report.items[0].agreement == 1.0
    assert report.notes == ("1 code in no code group: its codings are not counted at this level",)
    assert [r.item for r in report_theme.items] == ["Theme 1: Arbeid"]


def test_groups_and_the_note_read_in_bokmal(tmp_path):
    from coder.i18n import using
    codings = [("A", "X", 1), ("B", "X", 1), ("A", "Løs", 2), ("B", "Borte", 3)]
    with _project(tmp_path, codings, groups=[("Hjemme", ["X"])]) as p, using("nb"):
        report = agreement_report(p, ["A", "B"], unit="sentence", level="group")
        report_theme = agreement_report(p, ["A", "B"], unit="sentence", level="theme")
    assert [r.item for r in report.items] == ["Kodegruppe 1: Hjemme"]
    assert report.notes == ("2 koder i ingen kodegruppe: kodingene deres telles ikke på dette nivået",)
    assert [r.item for r in report_theme.items] == ["Tema 1: Arbeid"]


def test_a_kappa_of_zero_is_never_negative_zero(tmp_path):
    # Three sentences; B codes X on sentence 1, A never uses X (A codes Y on sentence 2).
    # X: pA = 0, pB = 1/3, pe = 2/3 = po → κ = 0. In floating point (po − pe) is
    # −1.1e−16, which printed as "-0.000" before issue 18.
    text, sentences = "Aaaa. Bbbb. Cccc.", [(0, 5), (6, 11), (12, 17)]
    with _project(tmp_path, [("B", "X", 1), ("A", "Y", 2)], text=text, sentences=sentences) as p:
        x = agreement_report(p, ["A", "B"], unit="sentence", code="X").items[0]
    assert x.kappa == 0.0 and math.copysign(1.0, x.kappa) == 1.0
    assert fmt_figure(x.kappa) == "0.000"
    assert fmt_figure(-0.0) == fmt_figure(-0.0004) == "0.000" and fmt_figure(None) == "–"
    assert tidy(-3e-16) == 0.0 and math.copysign(1.0, tidy(-0.0)) == 1.0


def test_fleiss_helper_is_undefined_without_variation():
    from collections import Counter
    assert fleiss_kappa(Counter({(False, False, False): 5})) is None
    assert fleiss_kappa(Counter()) is None


def test_groups_come_in_their_numbers_order(tmp_path):
    codings = [("A", "X", 1), ("B", "X", 1), ("A", "Y", 2), ("B", "Y", 3)]
    with _project(tmp_path, codings) as p:
        p.grouping.create_group("Å", [p.codes.by_text("Y").id], number=2)
        p.grouping.create_group("A", [p.codes.by_text("X").id], number=10)
        report = agreement_report(p, ["A", "B"], unit="sentence", level="group")
    assert [r.item for r in report.items] == ["Group 2: Å", "Group 10: A"]
