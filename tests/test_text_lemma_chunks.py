"""Speed paths of lemmatizing give the same answers: lemma_strings keeps chunks' lemma
lines between calls (later calls, and calls after the memo starts afresh, give each
text's lemma_string all the same), and the word filter answers alike one word at a
time and many hashes at once."""

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


def test_the_word_filter_answers_alike_for_a_word_and_for_its_hash():
    """may_hold (one word) and may_hold_hashes (many key_hash values) read the same
    places; a filter built from words holds every one of them."""
    import numpy as np

    from coder.text.word_filter import WordFilter, key_hash

    bits = (np.frombuffer(random.Random(5).randbytes(WordFilter.BITS // 8), dtype=np.uint8) & 0x77).tobytes()
    kept = WordFilter(bits)
    rng = random.Random(6)
    words = ["".join(rng.choice("abcæøåéß😀-\ud800") for _ in range(rng.randint(0, 20))) for _ in range(20_000)]
    answers = [kept.may_hold(w) for w in words]
    hashes = np.array([key_hash(w) for w in words], dtype=np.uint64)
    assert answers == kept.may_hold_hashes(hashes).tolist()
    assert 0 < sum(answers) < len(words)
    built = WordFilter.build(words[:5000])
    assert all(map(built.may_hold, words[:5000]))
