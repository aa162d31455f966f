"""Regular expressions that can only match inside a word, run over the distinct words.

A pattern with no literal every match must hold (\\b\\w+ing\\b) leaves sre a scan of the
whole text: ~0.8 s over 10 MB. But if every character it can match is a word
character (\\w: alphanumeric or _) and it asserts nothing but word boundaries, a match
lies inside one run of word characters and does not depend on anything outside it.
Then it matches the same in every occurrence of that run, and running it once over
the project's distinct runs (some 1-2 % of the text) finds every match: a Vocabulary
holds the distinct runs, a Words table per document where each run stands.

`word_confined` decides from sre's parse; anything it does not know (., lookarounds,
^ and $, classes with non-word characters, conditionals) is scanned as before.
tests/test_search_regex_words.py compares both ways over many patterns and texts.
"""

from __future__ import annotations

import re

import numpy as np

from coder.text.word_index import ranges, runs, span_hashes, word_chars

try:    # sre's internals, 3.11+; without them every pattern is scanned plainly
    from re import _constants as C
    from re import _parser as sre_parse
    from re._casefix import _EXTRA_CASES
except ImportError:     # pragma: no cover
    sre_parse = None
    _EXTRA_CASES = {}

_UNDERSCORE = ord("_")
_WIDEST_RANGE = 4096        # a class range wider than this is not checked char by char


def word_confined(pattern: str, flags: int = re.IGNORECASE) -> bool:
    """Whether every match of `pattern` lies inside a run of word characters and
    depends on nothing outside it."""
    if sre_parse is None:
        return False
    try:
        return _confined(sre_parse.parse(pattern, flags))
    except (re.error, RecursionError):
        return False


def _confined(items) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            ok = _word_char(av)
        elif op is C.IN:
            ok = all(_in_item(o, a) for o, a in av)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            ok = _confined(av[2])
        elif op is C.SUBPATTERN:
            ok = _confined(av[3])
        elif op is C.ATOMIC_GROUP:
            ok = _confined(av)
        elif op is C.BRANCH:
            ok = all(_confined(branch) for branch in av[1])
        elif op is C.AT:
            ok = av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY)     # the same at a run's edge as in the text
        elif op is C.GROUPREF:
            ok = True                                       # the text of a group that is confined
        else:
            ok = False
        if not ok:
            return False
    return True


def _in_item(op, av) -> bool:
    if op is C.LITERAL:
        return _word_char(av)
    if op is C.RANGE:
        lo, hi = av
        return hi - lo <= _WIDEST_RANGE and all(map(_word_char, range(lo, hi + 1)))
    if op is C.CATEGORY:
        return av in (C.CATEGORY_WORD, C.CATEGORY_DIGIT)
    return False


def _word_char(code: int) -> bool:
    """A word character whose every case (as sre matches ignoring case) is one too."""
    ch = chr(code)
    variants = {ch, ch.lower(), ch.upper(), *map(chr, _EXTRA_CASES.get(code, ()))}
    return all(c.isalnum() or c == "_" for v in variants for c in v)


class Vocabulary:
    """The distinct runs of word characters of a project's documents, each with a number."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self._joined: tuple[int, str, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.number)

    def numbers(self, runs_: list[str]) -> np.ndarray:
        number = self.number
        return np.fromiter((number.setdefault(r, len(number)) for r in runs_), dtype=np.int64, count=len(runs_))

    def matches(self, compiled: re.Pattern) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every non-empty match in every run: the run's number, and where the match
        begins and ends in it; by run, then by place."""
        joined, starts = self._runs_joined()
        spans = [m.span() for m in compiled.finditer(joined) if m.end() > m.start()]
        at, to = np.array(spans, dtype=np.int64).reshape(-1, 2).T
        run = np.searchsorted(starts, at, side="right") - 1
        return run, at - starts[run], to - starts[run]

    def _runs_joined(self) -> tuple[str, np.ndarray]:
        """The runs parted by newlines (not word characters: no match crosses one),
        and where each begins; made again only when runs were added."""
        if self._joined is None or self._joined[0] != len(self.number):
            runs_ = list(self.number)            # in order of number
            lengths = np.fromiter(map(len, runs_), dtype=np.int64, count=len(runs_))
            self._joined = (len(runs_), "\n".join(runs_), np.cumsum(lengths + 1) - lengths - 1)
        return self._joined[1], self._joined[2]


class Words:
    """Where each run of word characters of one text begins, and its number. Runs are
    told apart by hash (as WordIndex tells words apart): only the distinct ones are cut
    out of the text and numbered."""

    def __init__(self, text: str, vocabulary: Vocabulary):
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        is_word, _ = word_chars(codes)
        self.starts, ends = runs(is_word | (codes == _UNDERSCORE))
        _, first, which = np.unique(span_hashes(codes, self.starts, ends), return_index=True, return_inverse=True)
        distinct = [text[a:b] for a, b in zip(self.starts[first].tolist(), ends[first].tolist())]
        self.numbers = vocabulary.numbers(distinct)[which]

    def spans(self, found: tuple[np.ndarray, np.ndarray, np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
        """Where the matches `found` (Vocabulary.matches over `size` runs) stand in
        this text, in order."""
        run, at, to = found
        count = np.bincount(run, minlength=size)
        first = np.cumsum(count) - count
        where = np.flatnonzero(count[self.numbers] > 0)
        each = count[self.numbers[where]]
        which = ranges(first[self.numbers[where]], each)
        base = np.repeat(self.starts[where], each)
        return base + at[which], base + to[which]
