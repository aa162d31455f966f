"""A regular expression that can only match inside a word runs over the distinct words
(coder/text/regex_words.py) and must find exactly what a scan of the text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from coder.core import NewDocument, Project
from coder.text.regex_words import Vocabulary, Words, word_confined

CONFINED = [r"\b\w+ing\b", r"\w+", r"[a-zæøå]+ing", r"(?:kommune|fylke)\w*", r"\d+", r"\B\w\B",
            r"(\w)\1", r"ko[mn]{2}\w*?e\b", r"(?>\w+)n", r"_\w", r"(?-i:K)\w+", r"\w{3}"]
SCANNED = [r".+ing", r"\w+\s\w+", r"^\w+", r"\w+$", r"(?=\w)\w+", r"[^a]+", r"a-b", r"\W", r"[\w-]+",
           r"(a)?(?(1)b|c)", r"\w+(?!\w)", r"[\x00-\uffff]", r"\S+", r"(?m)^\w"]

TEXT = ("Kommunene digitaliserer; kommunenes ansatte_2 og «fylkeskommunen» — KOMMUNE-ansatte.\n"
        "İstanbul, ß, straße, ſkole, Kelvin K, 😀emoji😀, snake_case_word, 3,14 og 2020-tallet.\n\n"
        "Informant A: Vi snakker om planlegging, ledelse og opplæring … ingenting! ing ING Ing")


def _scan(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.compile(pattern, re.IGNORECASE).finditer(text) if m.end() > m.start()]


def _by_words(pattern: str, texts: list[str]) -> list[list[tuple[int, int]]]:
    vocabulary = Vocabulary()
    tables = [Words(t, vocabulary) for t in texts]
    found = vocabulary.matches(re.compile(pattern, re.IGNORECASE))
    return [list(zip(*(a.tolist() for a in w.spans(found, len(vocabulary))))) for w in tables]


def test_which_patterns_stay_inside_a_word():
    assert all(map(word_confined, CONFINED)), [p for p in CONFINED if not word_confined(p)]
    assert not any(map(word_confined, SCANNED)), [p for p in SCANNED if word_confined(p)]
    assert not word_confined("(unclosed")


def test_the_same_hits_as_a_scan_for_the_listed_patterns():
    texts = [TEXT, TEXT.upper(), "", "___", "ing"]
    for pattern in CONFINED:
        assert _by_words(pattern, texts) == [_scan(pattern, t) for t in texts], pattern


_PIECES = [r"\w", r"\d", "a", "e", "n", "ø", "_", "[a-f]", "[æøå]", "k", "K", "i", "ı", "s", "ſ", "ß", "ing",
           r"\b", r"\B", "(?:ko|mm)", r"(\w)"]
_QUANTIFIERS = ["", "", "+", "*", "?", "{1,3}", "+?", "*?"]


@st.composite
def _patterns(draw) -> str:
    parts = [draw(st.sampled_from(_PIECES)) + draw(st.sampled_from(_QUANTIFIERS))
             for _ in range(draw(st.integers(1, 4)))]
    pattern = "".join(parts)
    if draw(st.booleans()):
        pattern = f"(?:{pattern}|{draw(st.sampled_from(_PIECES))})"
    return pattern


_TEXT_CHARS = "akeinøsß_1 ıſKİ😀\n-.,«»" + "ING"


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.lists(st.text(alphabet=_TEXT_CHARS, max_size=60), min_size=1, max_size=3))
def test_the_same_hits_as_a_scan_for_any_pattern_that_stays_inside_a_word(pattern, texts):
    try:
        re.compile(pattern)
    except re.error:
        return
    if word_confined(pattern):
        assert _by_words(pattern, texts) == [_scan(pattern, t) for t in texts]


def test_a_project_search_runs_a_word_pattern_over_its_words(tmp_path, monkeypatch):
    p = Project.create(tmp_path / "p.coder", coder="ann")
    p.documents.add_many([NewDocument("a", TEXT), NewDocument("b", "Planlegging og ledelse.\n\nIngen.")])
    hits = p.search.find(r"\b\w+ing\b", regex=True)
    scanned = [(h.document, h.start, h.end) for h in p.search.find(r"\b\w+ing(?=\W|$)", regex=True)]  # not confined
    assert [(h.document, h.start, h.end) for h in hits] == scanned
    texts = {"a": TEXT, "b": "Planlegging og ledelse.\n\nIngen."}
    for h in hits:                                                  # each with its line around it
        assert h.text[h.match_at:h.match_at + h.end - h.start] == texts[h.document][h.start:h.end]
    assert (hits.total, hits.documents) == (len(scanned), 2)
    first = p.search.find(r"\b\w+ing\b", regex=True, limit=2)          # a limit: the total is still known
    assert (len(first), first.total) == (2, len(scanned))
    p.close()
