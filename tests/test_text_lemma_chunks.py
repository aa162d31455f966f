"""lemma_strings (each chunk's lemma line worked out once per process) gives each
text's lemma_string, however often it is called, and only through simplemma's public
API."""

from __future__ import annotations

import random

import simplemma

from coder.text import lemmas
from coder.text.lemmas import WORD, lemma, lemma_string, lemma_strings


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = ["Kommunene", "har", "ansatt", "flere", "rådgivere.", "–", "«sitat»!", "e-post,", "2020-tallet",
             "snake_case", "barnevernstjenesten", "...", "café", "ÆØÅ", "\xa0", "\t", "Kommunene,"]
    return ["".join(rng.choice([" ", "  ", "\n"]) + rng.choice(words) for _ in range(rng.randint(0, 12)))
            for _ in range(n)]


def test_chunked_calls_give_the_same_lines_as_word_by_word():
    first, second = _texts(1, 200), _texts(2, 200)
    assert lemma_strings(first) == [lemma_string(t) for t in first]
    assert lemma_strings(second) == [lemma_string(t) for t in second]
    lemmas._LINES.clear()
    assert lemma_strings(second) == [lemma_string(t) for t in second]
    assert lemma_strings(["", "  ", "– ..."]) == ["", "", ""]


def test_a_lemma_is_simplemmas_lowercased_or_the_word_itself():
    assert lemma("Kommunene") == simplemma.lemmatize("Kommunene", lang="nb").lower() == "kommune"
    assert lemma("2020") == "2020" and lemma("covid19") == "covid19"
    assert lemma("Kommunene", "xx") == "kommunene"            # a language simplemma does not know
    assert all(WORD.fullmatch(lemma(w)) for t in _texts(3, 50) for w in WORD.findall(t))
