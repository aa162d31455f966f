"""Speed paths of lemmatizing give the same answers: lemma_strings keeps chunks' lemma
lines between calls (later calls, and calls after the memo starts afresh, give each
text's lemma_string all the same), and the word filter's quick arithmetic is _places'."""

from __future__ import annotations

import random

from coder.text import lemmas
from coder.text.lemmas import lemma_string, lemma_strings


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = ["Kommunene", "har", "ansatt", "flere", "rådgivere.", "–", "«sitat»!", "e-post,", "2020-tallet",
             "snake_case", "barnevernstjenesten", "...", "café", "ÆØÅ", "\xa0", "\t", "Kommunene,"]
    return ["".join(rng.choice([" ", "  ", "\n"]) + rng.choice(words) for _ in range(rng.randint(0, 12)))
            for _ in range(n)]


def test_later_calls_reuse_chunks_and_give_the_same_lines():
    first, second = _texts(1, 200), _texts(2, 200)
    assert lemma_strings(first) == [lemma_string(t) for t in first]
    kept = len(lemmas._CHUNKS["nb"])
    assert kept > 0
    assert lemma_strings(second) == [lemma_string(t) for t in second]
    assert lemma_strings(["", "  ", "– ..."]) == ["", "", ""]


def test_a_full_memo_is_cleared_and_lines_stay_the_same(monkeypatch):
    monkeypatch.setattr(lemmas, "_CHUNKS_KEPT", 5)
    lemmas._CHUNKS.clear()
    lemma_strings(["ett to tre fire fem seks"])             # more than five: the memo is full
    assert set(lemmas._CHUNKS["nb"]) == {"ett", "to", "tre", "fire", "fem", "seks"}
    texts = _texts(3, 100)
    assert lemma_strings(texts) == [lemma_string(t) for t in texts]
    assert set(lemmas._CHUNKS["nb"]) == set().union(*(t.split() for t in texts))   # the old ones went


def test_the_word_filter_answers_as_its_places_say():
    """may_hold's quick arithmetic is _places' (which built the stored filters)."""
    bits = bytes(random.Random(5).getrandbits(8) | 0x11 for _ in range(lemmas._WordFilter.BITS // 8))
    kept = lemmas._WordFilter(bits)

    def reference(word: str) -> bool:
        a, b = lemmas._WordFilter._places(word)
        places = ((a + i * b) % lemmas._WordFilter.BITS for i in range(lemmas._WordFilter.PROBES))
        return all(bits[j >> 3] & (1 << (j & 7)) for j in places)

    rng = random.Random(6)
    words = ["".join(rng.choice("abcæøåéß😀-") for _ in range(rng.randint(0, 20))) for _ in range(20_000)]
    answers = [kept.may_hold(w) for w in words]
    assert answers == [reference(w) for w in words]
    assert 0 < sum(answers) < len(words)
