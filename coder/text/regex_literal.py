"""A regular expression's required literal, as a prefilter that keeps finditer's hits exact.

A case-insensitive scan of 10 MB costs 100-300 ms in sre, while finding a lowercase
literal in lowercased text costs ~10 ms. If every match must hold a run of literal
characters at a bounded distance from its start, only the starts near that literal's
occurrences need trying: `prefiltered_finditer` gives the same matches as
`compiled.finditer(text)` by trying `compiled.match(text, s)` at those starts only.
For this to be exact, the folding below makes a literal's occurrences in the folded text
a SUPERSET of where sre with re.IGNORECASE can match it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

try:    # sre's internals, 3.11+; without them every pattern is scanned plainly
    from re import _parser as sre_parse
    from re._casefix import _EXTRA_CASES
    from re._constants import LITERAL, SUBPATTERN
    from re._parser import MAXWIDTH
except ImportError:     # pragma: no cover
    sre_parse = None
    _EXTRA_CASES = {}

# Wider uncertainty about where the literal sits in a match means more starts to try
# per occurrence; beyond this a plain scan is cheaper.
MAX_SPREAD = 64
# A failed match() at one start costs about as much as a case-insensitive scan of
# this many characters (~0.4 µs against ~12 ns).
MISS_COST = 32
# A single character occurs too often for trying starts one by one to beat a scan.
MIN_LENGTH = 2
# İ is the one character whose str.lower() is longer (i + combining dot); sre lowers it to i.
_DOTTED_I = "İ"


def _fold_classes() -> list[tuple[str, str]]:
    """(character, representative) for the characters sre's IGNORECASE holds equal
    beyond simple lowercase (ſ~s, ı~i, µ~μ, σ~ς, ...): the classes are closed under
    _EXTRA_CASES, and each is represented by its smallest member (an ASCII letter
    where there is one), so the common letters need no replacing."""
    parent: dict[int, int] = {}

    def root(c: int) -> int:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for c, others in _EXTRA_CASES.items():
        for o in others:
            a, b = root(c), root(o)
            parent[max(a, b)] = min(a, b)
    return sorted((chr(c), chr(root(c))) for c in parent if root(c) != c)


_REPLACE = _fold_classes()


def fold(text: str) -> str | None:
    """`text` with every character mapped so that two characters sre's IGNORECASE may
    match to each other become the same one: lowercase, then one member per class of
    sre's extra equivalences. Same length as `text`, so offsets carry over; None if
    lowercasing would change the length (a character unknown to this rule)."""
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    folded = text.lower()
    if len(folded) != len(text):
        return None
    for c, representative in _REPLACE:
        if c in folded:         # a test per rare character beats translate over the whole text
            folded = folded.replace(c, representative)
    return folded


@dataclass(frozen=True)
class RequiredLiteral:
    """Every match holds `text` (folded) beginning lo..hi characters after its start."""
    text: str
    lo: int
    hi: int


def required_literal(pattern: str, flags: int = re.IGNORECASE) -> RequiredLiteral | None:
    """The longest run of literal characters that every match must contain at a bounded
    distance from its start; None when there is none fit to prefilter with."""
    if sre_parse is None:
        return None
    try:
        parsed = sre_parse.parse(pattern, flags)
        return _longest_run(parsed.state, list(_sequence(parsed.data)))
    except Exception:       # anything unexpected in sre's internals: scan plainly
        return None


def _sequence(items) -> Iterator[tuple]:
    """The pattern's top-level items, groups opened up: (x)y matches what xy matches,
    and a group's inline flags only narrow what its literals match."""
    for op, av in items:
        if op is SUBPATTERN:
            yield from _sequence(av[-1].data)
        else:
            yield op, av


def _longest_run(state, items: list[tuple]) -> RequiredLiteral | None:
    best: RequiredLiteral | None = None
    lo = hi = 0     # how far from a match's start item i begins
    i = 0
    while i < len(items) and hi < MAXWIDTH:
        if items[i][0] is LITERAL:
            j = i
            while j < len(items) and items[j][0] is LITERAL:
                j += 1
            run = fold("".join(chr(av) for _, av in items[i:j]))
            if (run is not None and len(run) >= MIN_LENGTH and hi - lo <= MAX_SPREAD
                    and (best is None or (len(run), lo - hi) > (len(best.text), best.lo - best.hi))):
                best = RequiredLiteral(run, lo, hi)
            lo, hi, i = lo + j - i, hi + j - i, j
        else:
            a, b = sre_parse.SubPattern(state, [items[i]]).getwidth()
            lo, hi, i = lo + a, hi + b, i + 1
    return best


def prefiltered_finditer(compiled: re.Pattern, text: str, folded: str, literal: RequiredLiteral,
                         misses_allowed: int | None = None) -> Iterator[re.Match]:
    """compiled.finditer(text), for a pattern whose every match holds `literal`.
    A match starting at s holds the literal at s+lo..s+hi, so only the starts hi..lo
    before an occurrence are tried, in increasing order and none before the end of the
    last match, as finditer does. A match cannot be empty (it holds the literal), and
    match(text, s) sees the text before s (lookbehind, \\b and ^ work as in a scan).
    A failed try costs as much as scanning ~MISS_COST characters: after more misses
    than that allows (a frequent literal, a wide spread), the rest of the text is
    scanned, from the first start not yet ruled out."""
    needle, lo, hi = literal.text, literal.lo, literal.hi
    find, match = folded.find, compiled.match
    misses = len(text) // MISS_COST if misses_allowed is None else misses_allowed
    tried = 0           # starts before this are tried, inside a match, or far from the literal
    at = find(needle)
    while at >= 0:
        s, last = max(tried, at - hi), at - lo
        while s <= last:
            m = match(text, s)
            if m is not None:
                yield m
                s = m.end()
            elif misses:
                misses -= 1
                s += 1
            else:
                yield from compiled.finditer(text, s)
                return
        tried = max(tried, s)
        # The next occurrence whose starts are not all behind us (occurrences may overlap).
        at = find(needle, max(at + 1, tried + lo))
