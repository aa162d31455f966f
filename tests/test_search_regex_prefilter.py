"""The regex search's literal prefilter finds exactly what a case-insensitive finditer finds.

Generated patterns and texts (Norwegian letters, case, sre's odd case equivalences,
CRLF) are run both ways; fixed cases pin each folding special; a sweep over every code
point checks the folding against sre's own lowercase; and the project's kept texts
follow documents that are deleted and imported.
"""

from __future__ import annotations

import _sre
import re
import sys
from re._casefix import _EXTRA_CASES

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from coder.text.regex_literal import fold, prefiltered_finditer, required_literal

ODD = "ſıİKßẞµμσςΣ"          # ſ~s, ı~i, İ→i, Kelvin K~k, ß~ẞ, µ~μ, σ~ς~Σ
LETTERS = "abkKsSiIæøåÆØÅ" + ODD


def finditer_spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.compile(pattern, re.IGNORECASE).finditer(text) if m.end() > m.start()]


# How many failed tries before the rest of a text is scanned: never, at once, after a few.
NEVER = 10**9
MISSES = [NEVER, 0, 2]


def prefiltered_spans(pattern: str, text: str, misses: int = NEVER) -> list[tuple[int, int]]:
    literal, folded = required_literal(pattern), fold(text)
    assert literal is not None and folded is not None
    compiled = re.compile(pattern, re.IGNORECASE)
    return [m.span() for m in prefiltered_finditer(compiled, text, folded, literal, misses)]


# ---- generated patterns over generated texts ---------------------------------------------
# Each example draws a few letters and builds both pattern and text from them (with their
# other cases and sre's odd equivalents), so that literals occur, matches abut and overlap.

def pieces_of(letters: str):
    literal = st.text(alphabet=letters, min_size=1, max_size=3).map(re.escape)
    atom = st.one_of(
        literal,
        st.sampled_from([r"\b", r"\B", r"\w", r"\w+", r"\w*?", r"\s", r"\s+", ".", "-", "[sk]", "[^a]",
                         r"\d", "$", "^", r"\r?\n", r"\Z"]),
        literal.map(lambda s: f"(?<={s})"), literal.map(lambda s: f"(?<!{s})"),
        literal.map(lambda s: f"(?={s})"), literal.map(lambda s: f"(?!{s})"),
        literal.map(lambda s: f"(?-i:{s})"),
    )

    def compound(inner):
        quantified = st.tuples(inner, st.sampled_from(["?", "*", "+", "{1,3}", "{2}", "??"])).map(
            lambda t: f"(?:{t[0]}){t[1]}")
        group = st.lists(inner, min_size=1, max_size=3).map(lambda xs: "(" + "".join(xs) + ")")
        alternation = st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")")
        return st.one_of(quantified, group, alternation)

    return st.recursive(atom, compound, max_leaves=6)


@st.composite
def cases(draw) -> tuple[str, str]:
    """A pattern of pieces around a literal of two or more characters (the pieces before
    it may leave it unusable), and a text of the same letters in any case."""
    letters = "".join(draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=3, unique=True)))
    piece = pieces_of(letters)
    middle = draw(st.text(alphabet=letters, min_size=2, max_size=4))
    pattern = (draw(st.sampled_from(["", "(?m)", "(?s)", "(?ms)"])) + "".join(draw(st.lists(piece, max_size=3)))
               + re.escape(middle) + "".join(draw(st.lists(piece, max_size=3))))
    variants = {c for x in letters for c in (x, x.upper(), x.lower())} | set(ODD) | set(" -1\r\n")
    words = st.one_of(st.text(alphabet="".join(sorted(variants)), max_size=6),
                      st.just(middle), st.just(middle.upper()), st.sampled_from(["\r\n", "\n", " "]))
    return pattern, "".join(draw(st.lists(words, max_size=25)))


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(cases(), st.sampled_from(MISSES))
def test_prefiltered_hits_are_the_finditer_hits(case, misses):
    pattern, text = case
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error:
        assume(False)
    assume(required_literal(pattern) is not None)
    assert prefiltered_spans(pattern, text, misses) == finditer_spans(pattern, text)


# ---- fixed cases ---------------------------------------------------------------------------

FOLD_SPECIALS = [
    ("ss", "ſS Sſ ſſ", 3),            # long s
    ("ii", "ıI İi ıı", 3),            # dotless i, and İ which str.lower() makes two characters
    ("kk", "KK Kk kK", 3),            # Kelvin sign
    ("ßx", "ẞX ßx", 2),               # capital sharp s
    ("µm", "μM µm ΜM", 3),            # micro sign and Greek mu
    ("σς", "ΣΣ σσ ςς ΣΣa", 4),        # sigma and final sigma (str.lower() looks at the context)
    ("İs", "is ıS İſ", 3),            # İ in the pattern
    ("(?-i:Kommune)", "kommune Kommune KOMMUNE", 1),
    ("æøå", "ÆØÅ æøå Æøå", 3),
]


@pytest.mark.parametrize("pattern, text, n", FOLD_SPECIALS)
def test_each_fold_special_is_found(pattern, text, n):
    spans = finditer_spans(pattern, text)
    assert len(spans) == n
    assert prefiltered_spans(pattern, text) == spans


@pytest.mark.parametrize("pattern, text", [
    (r"(?<=\bco)vid-?19", "covid-19 og Covid19, ikke xcovid19"),
    (r"(?m)^kommun\w*", "Kommunen\nkommune\r\nX kommune\nkommunal"),
    (r"\bvelferdsteknolog\w*", "velferdsteknologi, Velferdsteknologien, xvelferdsteknologi"),
    (r"(\w)\1aa", "bbaa BBAA bBaa"),                  # a back reference in the prefix
    (r"a{2,5}ba", "aaaaaaaaba aaba aba"),             # overlapping occurrences, bounded prefix
    (r"aa", "aaaaa"),                                 # matches end where the next begins
    (r"(a)?(?(1)b|cd)xy", "abxy cdxy bxy aCDxy"),     # a conditional group before the literal
    (r"(?>a{1,3})bc\w", "aaabcd abc abce"),         # an atomic group before it
    (r"(?x) k o m m u n e \w*", "Kommunen kommune"),  # verbose
])
@pytest.mark.parametrize("misses", MISSES)
def test_lookbehind_anchors_and_overlaps(pattern, text, misses):
    assert finditer_spans(pattern, text)
    assert prefiltered_spans(pattern, text, misses) == finditer_spans(pattern, text)


@pytest.mark.parametrize("pattern, literal, lo, hi", [
    (r"covid-?19", "covid", 0, 0),
    (r"\bvelferdsteknolog\w*", "velferdsteknolog", 0, 0),
    (r"(Covid)-?(19)", "covid", 0, 0),
    (r"x{2,5}KOMMUNE", "kommune", 2, 5),
    (r"(?<=ab)CD\w", "cd", 0, 0),
])
def test_the_longest_literal_and_where_it_sits(pattern, literal, lo, hi):
    found = required_literal(pattern)
    assert (found.text, found.lo, found.hi) == (literal, lo, hi)


@pytest.mark.parametrize("pattern", [
    r"\b\w+ing\b",        # no literal
    r"a",                 # one character: as common as a scan is cheap
    r"kommune|fylke",     # no literal every match holds
    r"\w*kommune",        # unbounded before the literal
    r"\w{0,100}kommune",  # too wide a range before it
    r"(?:kommune)?",      # can match empty
])
def test_patterns_without_a_usable_literal_are_scanned(pattern):
    assert required_literal(pattern) is None


def test_folding_agrees_with_sre_for_every_character():
    """fold(c) == fold(d) whenever sre's IGNORECASE matches c to d: c's sre lowercase,
    and every extra equivalent of it, fold to what c folds to (one character each)."""
    chars = [chr(c) for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    sep = "\x00"          # uncased: no final-sigma context between the characters
    folded = fold(sep.join(chars)).split(sep)
    lowered = fold(sep.join(chr(_sre.unicode_tolower(ord(c))) for c in chars)).split(sep)
    assert len(folded) == len(chars) and all(len(f) == 1 for f in folded)
    assert [f for f, low in zip(folded, lowered) if f != low] == []
    for low, extras in _EXTRA_CASES.items():
        assert {fold(chr(low))} == {fold(chr(e)) for e in extras}


# ---- through the project ------------------------------------------------------------------

def spans_in(project, pattern: str) -> list[tuple[str, int, int]]:
    return [(h.document, h.start, h.end) for h in project.search.find(pattern, regex=True)]


def reference_in(project, pattern: str) -> list[tuple[str, int, int]]:
    return [(d.name, a, b) for d in sorted(project.documents.list(), key=lambda d: d.id)
            for a, b in finditer_spans(pattern, project.documents.text(d.id))]


def test_project_search_folds_like_sre(project):
    project.documents.add("odd", "ſkole og Skole. İSTANBUL, Kelvin: 5 K. µm og ΜΜ. ΣΟΣ σος.\n\nGATE og gate.")
    project.documents.add("plain", "Skolen i gata. Ingen annen skole.")
    for pattern in [r"skole\w*", r"istanbul", r"\bk\.", r"µm|μm", r"σος", r"(?-i:gate)", r"ga\w+"]:
        assert spans_in(project, pattern) == reference_in(project, pattern)
    assert [d for d, _, _ in spans_in(project, "skole")] == ["odd", "odd", "plain", "plain"]


def test_regex_search_follows_deleted_and_imported_documents(project):
    first = project.documents.add("first", "Covid-19 kom i 2020.")
    project.search.find("covid", regex=True)
    project.documents.delete(first)
    assert spans_in(project, r"covid-?19") == []
    project.documents.add("second", "Ingen covid her, men COVID19 der.")
    assert spans_in(project, r"covid-?19") == [("second", 21, 28)]
    project.history.undo()
    project.history.undo()
    assert spans_in(project, r"covid-?19") == [("first", 0, 8)]
