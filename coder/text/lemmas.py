"""Words and their lemmas, through simplemma's public API only.

A word is a run of letters and digits ([^\\W_]+). A segment's lemma column holds one
lemma per word of its text, in the same order, so that the n-th lemma belongs to the
n-th word: the search index (coder/core/search_index.py) finds a word's place by it.

simplemma keeps its own cache of the tokens it has lemmatized; on top of it, each
distinct word (an lru_cache) and each whitespace-delimited chunk ("kommunene,", a
dict) is worked out once per process, since an import meets the same words again and
again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

import simplemma

# Letters and digits together, split on everything else, underscore included:
# [^\W_] is exactly "alphanumeric" in Python's sense (str.isalnum).
WORD = re.compile(r"[^\W_]+")
# Distinct words and chunks kept per process: bounds memory in a long session.
_KEPT = 1 << 20


@cache
def lemmatizable(language: str) -> bool:
    """Whether simplemma has a dictionary for `language` (it refuses others)."""
    try:
        simplemma.lemmatize("a", lang=language)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=_KEPT)
def lemma(word: str, language: str = "nb") -> str:
    """The lowercased lemma of one word; the lowercased word itself when simplemma does
    not know the language, the word mixes digits in, or the answer is not one word."""
    low = word.lower()
    if not lemmatizable(language) or (not word.isalpha() and any(ch.isdigit() for ch in word)):
        return low
    found = simplemma.lemmatize(word, lang=language).lower()
    return found if WORD.fullmatch(found) else low


def lemma_line(words: list[str], language: str = "nb") -> str:
    """The lemma column for a segment from its words: one lemma per word, space separated."""
    return " ".join([lemma(w, language) for w in words])


def lemma_string(text: str, language: str = "nb") -> str:
    return lemma_line(WORD.findall(text), language)


class _Lines(dict):
    """chunk → its lemma line, in one language: a word never spans white space, so a
    chunk's line is worked out once. A dict read by map() in C, not an lru_cache:
    each call to one costs three lookups' worth (lemma_strings over 10 MB, every
    chunk known: 0.65 → 0.39 s CPU, benchmarks/bench_qdpx.py)."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def __missing__(self, chunk: str) -> str:
        line = self[chunk] = lemma_string(chunk, self.language)
        return line


_LINES: dict[str, _Lines] = {}


def lemma_strings(texts: Iterable[str], language: str = "nb") -> list[str]:
    """`lemma_string` of each text; a text costs a split, lookups and a join."""
    lines = _LINES.get(language)
    if lines is None or len(lines) > _KEPT:
        lines = _LINES[language] = _Lines(language)
    line = lines.__getitem__
    return [" ".join(filter(None, map(line, text.split()))) for text in texts]


def learn(text: str, language: str = "nb") -> None:
    """Work out now the lemmas of every word in `text`, so that lemmatizing its
    segments later is lookups only (an import does this while spaCy loads elsewhere)."""
    for word in set(WORD.findall(text)):
        lemma(word, language)
