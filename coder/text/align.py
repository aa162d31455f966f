"""Word alignment of a code against a passage, on lemmas and in word order.

An in-vivo code is the informant's words, often abridged: fillers and asides dropped
("(...)", "…"), an inflection changed, a word or two swapped. So a code is aligned to a
passage word by word, in order: each code word found (same lemma, or the same word with
a typo) earns its weight, a code word not found earns nothing, and each passage word left
between the found ones costs a little (a filler or an ellipsis nothing). The score is the
share of the code's weight earned, less those costs, 0–100.

    tokens(text) -> list[Token]
    align(code, passage) -> Alignment | None
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coder.text.invivo import fillers

# A word, or an ellipsis: "(...)", "(..)", "…", "...". Ellipses mark what a quote left out.
_TOKEN = re.compile(r"\(\s*\.{2,}\s*\)|…|\.{3,}|[^\W_]+")

# Words that carry little of what was said: they weigh less in a code, and cost less
# left over in a passage.
FUNCTION_WORDS = frozenset("""
og i på for om av med til fra det den de dem en et ei å er var være som at så men eller ikke
har ha hadde skal skulle må kan kunne vil ville blir bli ble seg sin sitt sine vi jeg du
man han hun ho dette her der da jo nok vel også bare litt noe noen mye veldig sånn
the of a an and in on for about to with is are be that it we i you
""".split())
SPOKEN_FILLERS = frozenset("jo da altså liksom eh ehm øh øhm hm hmm mm nok vel sånn atte".split())

WEIGHT_CONTENT, WEIGHT_FUNCTION = 1.0, 0.3     # a code word's weight
COST_CONTENT, COST_FUNCTION = 0.15, 0.06        # a passage word left between found words
TYPO_RATIO = 85                                # rapidfuzz ratio of two forms taken as one word
OUT_OF_ORDER = 0.7     # share of its weight a code word earns found in the span but out of order


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    low: str            # the word lower-cased ("" for an ellipsis)
    lemma: str
    filler: bool        # a filler or an ellipsis: free to leave out


@dataclass(frozen=True)
class Alignment:
    score: float        # 0–100
    first: int          # index of the first and last passage token matched
    last: int
    matched: int        # code words found


@lru_cache(maxsize=200_000)
def lemma(low: str) -> str:
    import simplemma
    try:
        return simplemma.lemmatize(low, lang="nb").lower()
    except ValueError:
        return low


@lru_cache(maxsize=4)
def _phrase_fillers(language: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.split()) for p in fillers(language) if " " in p)


def tokens(text: str, language: str = "nb") -> list[Token]:
    out = []
    single = SPOKEN_FILLERS | {f for f in fillers(language) if " " not in f}
    for m in _TOKEN.finditer(text):
        word = m.group()
        if not word[0].isalnum():
            out.append(Token(m.start(), m.end(), "", "", True))
            continue
        low = word.lower()
        out.append(Token(m.start(), m.end(), low, lemma(low), low in single))
    return _mark_phrases(out, language)


def _mark_phrases(toks: list[Token], language: str) -> list[Token]:
    """Fillers of several words ("på en måte") are fillers word by word."""
    for phrase in _phrase_fillers(language):
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if tuple(t.low for t in toks[i:i + n]) == phrase:
                for k in range(i, i + n):
                    t = toks[k]
                    toks[k] = Token(t.start, t.end, t.low, t.lemma, True)
    return toks


def weight(tok: Token) -> float:
    """A code word's weight. A code is the researcher's chosen words: a filler in it
    ("Jo mindre … jo vanskeligere") is one of them, weighed as a function word."""
    return WEIGHT_FUNCTION if tok.low in FUNCTION_WORDS or tok.filler else WEIGHT_CONTENT


def cost(tok: Token) -> float:
    if tok.filler:
        return 0.0
    return COST_FUNCTION if tok.low in FUNCTION_WORDS else COST_CONTENT


def key(tok: Token) -> str | None:
    """What a passage must share with a code to be worth aligning: content lemmas."""
    if tok.filler or tok.low in FUNCTION_WORDS or len(tok.low) < 2:
        return None
    return tok.lemma


@lru_cache(maxsize=500_000)
def _typo(a: str, b: str) -> float:
    if min(len(a), len(b)) < 5 or a[:2] != b[:2]:
        return 0.0
    from rapidfuzz import fuzz
    r = fuzz.ratio(a, b)
    return 0.9 if r >= TYPO_RATIO else 0.0


def similarity(a: Token, b: Token) -> float:
    if a.low == b.low or a.lemma == b.lemma:
        return 1.0
    return _typo(a.low, b.low)


def align(code: list[Token], passage: list[Token]) -> Alignment | None:
    """The best placement of the code's words, in order, within the passage (a fitting
    alignment: the passage may start and end anywhere; every code word counts)."""
    words = [t for t in code if t.low]
    total = sum(weight(t) for t in words)
    if not words or not passage or total == 0:
        return None
    n = len(passage)
    costs = [cost(t) for t in passage]
    # row[j]: best score of the code words so far with the passage span ending before j;
    # start[j]: where that span's first match is (-1: nothing matched yet).
    row, gain = [0.0] * (n + 1), [0.0] * (n + 1)
    start = [-1] * (n + 1)
    last = [-1] * (n + 1)
    for cw in words:
        w = weight(cw)
        new, ngain = [0.0] * (n + 1), [0.0] * (n + 1)
        nstart = [-1] * (n + 1)
        nlast = [-1] * (n + 1)
        for j in range(1, n + 1):
            tok = passage[j - 1]
            # this code word not found: keep the previous row's placement
            best, bg, bs, bl = row[j], gain[j], start[j], last[j]
            # passage word left over after a match
            if nstart[j - 1] >= 0:
                v = new[j - 1] - costs[j - 1]
                if v > best:
                    best, bg, bs, bl = v, ngain[j - 1], nstart[j - 1], nlast[j - 1]
            sim = similarity(cw, tok)
            if sim:
                v = row[j - 1] + w * sim
                if v > best:
                    best, bg, bs, bl = v, gain[j - 1] + w * sim, (start[j - 1] if start[j - 1] >= 0 else j - 1), j - 1
            new[j], ngain[j], nstart[j], nlast[j] = best, bg, bs, bl
        row, gain, start, last = new, ngain, nstart, nlast
    j = max(range(n + 1), key=lambda k: (row[k], -k))
    if start[j] < 0 or row[j] <= 0:
        return None
    first, end = start[j], last[j]
    found = _found_in(words, passage[first:end + 1])
    unordered = sum(weight(cw) for cw, f in zip(words, found) if f)
    value = row[j] + OUT_OF_ORDER * max(0.0, unordered - gain[j])
    return Alignment(round(min(100.0, 100.0 * value / total), 1), first, end, sum(found))


def _found_in(words: list[Token], span: list[Token]) -> list[bool]:
    """Which code words occur in the span, each passage word used once (in any order)."""
    free = list(span)
    out = []
    for cw in words:
        k = next((i for i, t in enumerate(free) if similarity(cw, t)), None)
        out.append(k is not None)
        if k is not None:
            free.pop(k)
    return out
