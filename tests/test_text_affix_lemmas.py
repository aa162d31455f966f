"""affix_lemmas works out many new words at once and must give simplemma's own lemma
for every word it takes, leaving to simplemma every word and language it cannot."""

from __future__ import annotations

import random

import pytest

from coder.text import affix_lemmas, lemmas
from coder.text.affix_lemmas import AffixLemmas, _candidates, _Steps, for_language, replicable
from coder.text.lemmas import WORD, _SqliteDictionary
from coder.text.word_filter import WordFilter
from tests.conftest import REPO


def _dictionary() -> _SqliteDictionary:
    d = lemmas._dictionary("nb")
    assert isinstance(d, _SqliteDictionary) and d._filter is not None
    return d


def _simplemma(words: list[str]) -> list[str]:
    """simplemma itself, over the whole dictionary (no filter, nothing worked out before)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    class Plain:
        d = _SqliteDictionary(lemmas._cache_file("nb"))
        d._filter = None

        def get_dictionary(self, lang):
            return self.d

    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=Plain()))
    return [lemmatizer.lemmatize(w, "nb") for w in words]


def _words() -> tuple[list[str], list[str]]:
    """The corpus' words, compounds of them (lowercase and capitalized: the costly kind),
    and odd ones: letters whose case does not change one for one, mixed case."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").rglob("*.txt")))
    words = sorted({w for w in WORD.findall(text) if w.isalpha()})
    long = sorted({w.lower() for w in words if len(w) >= 4})
    rng = random.Random(11)
    compounds = sorted({rng.choice(long) + rng.choice(long) for _ in range(4000)})
    compounds += [c.capitalize() for c in compounds[::3]]
    odd = ["".join(rng.choice("abeknorsætøåéßİǅKΣσςÅÆ") for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    odd += ["Straße", "İstanbul", "ǅamija", "KOMMUNEN", "kommuneN", "Kommunehelsetjenesten", "ΣΟΦΙΑ"]
    return words + compounds, odd


def test_every_word_it_takes_gets_simplemmas_lemma():
    d = _dictionary()
    plain, odd = _words()
    taken = AffixLemmas("nb", d._filter, d._entries).lemmas_of(plain + odd)
    assert len(set(plain) & taken.keys()) > 0.97 * len(set(plain))       # the plain words: nearly all
    assert not taken.keys() & {"Straße", "İstanbul", "ǅamija", "KOMMUNEN", "kommuneN", "ΣΟΦΙΑ"}
    words = sorted(taken)
    assert [taken[w] for w in words] == _simplemma(words)


def test_lemma_lines_through_prefetch_are_simplemmas():
    """lemma_strings (prefetch works the new words out with affix_lemmas) gives each
    word simplemma's lemma, lowercased, as _work_out does word by word."""
    texts = ["Velferdsteknologiløsningene i kommunene ble Digitaliseringsstrategiforankringene,",
             "Barnevernstjenestetilbudene og helsestasjonstilbudene; Straße İstanbul ǅamija."]
    lemmas._CHUNKS.clear()
    lines = lemmas.lemma_strings(texts)
    for text, line in zip(texts, lines):
        words = WORD.findall(text)
        assert line.split() == [lemmas._finished(found, w.lower()) for w, found in zip(words, _simplemma(words))]
    assert lines[0].split()[0] == "velferdsteknologiløsning"


def test_candidates_hold_every_prefix_and_suffix_that_is_a_word():
    """The hashes of all prefixes and suffixes (numpy running sums) are key_hash's:
    a filter holding exactly the looked-up pieces lets every one of them through."""
    rng = random.Random(4)
    forms = sorted({"".join(rng.choice("abcdeæøå😀é") for _ in range(rng.randint(1, 30))) for _ in range(3000)})
    steps = _Steps("nb")
    wanted = set()
    for form in forms:
        n = len(form)
        for size in range(1, n + 1):
            head, tail = steps.sizes(size, n)
            if head:
                wanted |= {form[:size], form[0].upper() + form[1:size]}
            if tail:
                wanted |= {form[-size:], form[-size].upper() + form[n - size + 1:]}
    some = set(rng.sample(sorted(wanted), len(wanted) // 3))
    found, places = _candidates(forms, WordFilter.build(some), steps)
    assert some <= found
    assert len(found - some) < 0.01 * len(wanted)
    for form in forms:          # and the size of each is marked for the steps to try
        marks, row = places[form]
        heads, tails = marks.heads(row), marks.tails(row)
        for size in range(1, len(form) + 1):
            head, tail = steps.sizes(size, len(form))
            if head and {form[:size], form[0].upper() + form[1:size]} & some:
                assert heads >> (size - 1) & 1, (form, size)
            if tail and {form[-size:], form[-size].upper() + form[len(form) - size + 1:]} & some:
                assert tails >> (size - 1) & 1, (form, size)


def test_languages_and_versions_it_does_not_know_are_left_to_simplemma(monkeypatch):
    assert replicable("nb")
    assert not replicable("nn") and not replicable("en") and not replicable("de")    # rules, prefixes
    d = _dictionary()
    assert for_language("nn", d._filter, d._entries) is None
    replicable.cache_clear()
    monkeypatch.setattr(affix_lemmas, "CHECKED_VERSION", "0.0")
    try:
        assert for_language("nb", d._filter, d._entries) is None
    finally:
        replicable.cache_clear()


@pytest.mark.parametrize("word", ["barnehagebarnehage", "kommuneplanarbeidet", "Helsestasjonstilbudene"])
def test_a_compound_gets_its_last_parts_lemma(word):
    d = _dictionary()
    assert AffixLemmas("nb", d._filter, d._entries).lemmas_of([word]) == dict(zip([word], _simplemma([word])))


def test_a_long_session_starts_afresh_and_gives_the_same_lemmas(monkeypatch):
    d = _dictionary()
    monkeypatch.setattr(affix_lemmas, "_KEPT", 10)
    lemmas_ = AffixLemmas("nb", d._filter, d._entries)
    first = lemmas_.lemmas_of(["barnehagebarnehage", "kommuneplanarbeidet"])
    assert len(lemmas_.asked) > 10
    before = set(lemmas_.asked)
    again = lemmas_.lemmas_of(["kommuneplanarbeidet", "Helsestasjonstilbudene"])
    assert not before <= lemmas_.asked                  # the first batch's pieces went
    assert again["kommuneplanarbeidet"] == first["kommuneplanarbeidet"]
    assert list(again.values()) == _simplemma(list(again))
