"""Words and their lemmas, through simplemma's public API only.

A word is a run of letters and digits ([^\\W_]+). A segment's lemma column holds one
lemma per word of its text, in the same order, so that the n-th lemma belongs to the
n-th word: the search index (coder/core/search_index.py) finds a word's place by it.

simplemma keeps its own cache of the tokens it has lemmatized; on top of it, each
distinct word and each whitespace-delimited chunk ("kommunene,") is worked out once
per process (lru_caches), since an import meets the same words again and again.
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


@lru_cache(maxsize=_KEPT)
def _chunk_line(chunk: str, language: str) -> str:
    """A word never spans white space: a chunk's lemma line is worked out once."""
    return lemma_string(chunk, language)


def lemma_strings(texts: Iterable[str], language: str = "nb") -> list[str]:
    """`lemma_string` of each text; a text costs a split, lookups and a join."""
    return [" ".join(filter(None, [_chunk_line(c, language) for c in text.split()])) for text in texts]


def learn(text: str, language: str = "nb") -> None:
    """Work out now the lemmas of every word in `text`, so that lemmatizing its
    segments later is lookups only (an import does this while spaCy loads elsewhere)."""
    for word in set(WORD.findall(text)):
        lemma(word, language)
