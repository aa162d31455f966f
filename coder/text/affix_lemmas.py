"""simplemma's lemmas of many new words at once, some 10-20 times faster than asking it
word by word.

A word simplemma's dictionary does not hold (most often a compound: velferdsteknologi-
løsningene) costs it some 40 lookups, one Python call chain each: every prefix of the
word, then suffixes, in both cases. Here every prefix and suffix of a whole batch of
words is hashed at once (numpy running sums), the word filter answers for all of them
at once, the few that may be words are looked up in one query, and simplemma's steps
are then followed with plain dict lookups.

Only for a language whose simplemma pipeline, for a word of letters, is just that:
dictionary lookup, affix and suffix decomposition (AFFIX_LANGS), the word itself
(nb is one); only for the simplemma version checked against (tests/test_text_affix_
lemmas.py compares with simplemma itself over thousands of words); only for words
that are all lowercase or capitalized, of letters whose case changes one for one.
Every other word is left to simplemma.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from itertools import repeat
from typing import Callable, Iterable

from coder.text.word_filter import BASE, MODULUS, WordFilter

CHECKED_VERSION = "2.0.0"
_BATCH = 4096                   # words per numpy batch (sorted by length: narrow matrices)
_KEPT = 2_000_000               # dictionary pieces kept between batches (~300 MB), at most


@lru_cache(maxsize=None)
def replicable(language: str) -> bool:
    """Whether simplemma, for this language, does only the steps _Steps follows."""
    import simplemma
    if simplemma.__version__ != CHECKED_VERSION:
        return False
    from simplemma.strategies.apostrophe_boundary import APOSTROPHE_BOUNDARY_LANGS
    from simplemma.strategies.clitic_decomposition import _CLITIC_SUFFIXES, PROCLITIC_LANGS
    from simplemma.strategies.defaultprefixes import DEFAULT_KNOWN_PREFIXES
    from simplemma.strategies.defaultrules import RULE_FUNCTIONS
    from simplemma.strategies.morpheme_decomposition import MORPHEME_LANGS
    from simplemma.utils import CANON_LANGS
    others = (APOSTROPHE_BOUNDARY_LANGS, _CLITIC_SUFFIXES, PROCLITIC_LANGS, DEFAULT_KNOWN_PREFIXES,
              RULE_FUNCTIONS, MORPHEME_LANGS, CANON_LANGS)
    return not any(language in steps for steps in others)


@lru_cache(maxsize=None)
def _plain(ch: str) -> bool:
    """A letter whose lower, upper and title case are one letter each and lead back
    to each other, so a word's capitalized form differs from its lowercase one in the
    first letter only (not ß, İ, ǅ, the Kelvin sign, final sigma, …)."""
    low, up = ch.lower(), ch.upper()
    return (ch.isalpha() and not ch.isnumeric() and ch not in "Σσς"
            and len(low) == len(up) == len(ch.title()) == 1 and ch.title() == up
            and up.lower() == low and low.upper() == up and (up == low or (up.isupper() and low.islower())))


def _eligible(word: str) -> bool:
    if not word or not all(map(_plain, word)) or not unicodedata.is_normalized("NFC", word):
        return False
    low = word.lower()
    return word == low or word == low[0].upper() + low[1:]


class AffixLemmas:
    """For one language and dictionary (whose word filter it reads, and `entries`
    gives the dictionary's lemma of those of some keys it holds). Kept for the
    dictionary's life: what it was given of the dictionary, it keeps."""

    def __init__(self, language: str, word_filter: WordFilter,
                 entries: Callable[[set[str]], dict[str, str]]):
        self.steps, self.filter, self.entries = _Steps(language), word_filter, entries
        self.asked: set[str] = set()
        self._lock = threading.Lock()           # an import's worker thread and the app's

    def lemmas_of(self, words: Iterable[str]) -> dict[str, str]:
        """simplemma's lemma (as it returns it) of each of `words` taken here."""
        words = [w for w in words if _eligible(w)]
        with self._lock:
            if len(self.asked) > _KEPT:         # a long session: start afresh, as the chunk memo does
                self.steps, self.asked = _Steps(self.steps.language), set()
            if words:
                keys, self.steps.places = _candidates([w.lower() for w in words], self.filter, self.steps)
                keys -= self.asked
                self.steps.know(self.entries(keys))
                self.asked |= keys
            return {w: self.steps.lemma(w) for w in words}


def for_language(language: str, word_filter: WordFilter,
                 entries: Callable[[set[str]], dict[str, str]]) -> AffixLemmas | None:
    return AffixLemmas(language, word_filter, entries) if replicable(language) else None


class _Steps:
    """simplemma 2.0.0's DefaultStrategy and fallback for a word of plain letters in
    a `replicable` language (see affix_decomposition.py, dictionary_lookup.py).

    simplemma looks a piece up as it stands, then in the other case. The pieces here
    are all of a lowercase or capitalized word, so `entries` is kept by lowercase
    piece: (lemma of the lowercase key, lemma of the capitalized key), one lookup."""

    def __init__(self, language: str):
        from simplemma.strategies.affix_decomposition import AFFIX_LANGS, MAXLEN, MINCOMPLEN
        from simplemma.strategies.greedy_dictionary_lookup import greedy_min_length
        self.language, self.affix = language, AFFIX_LANGS.get(language)
        self.shortest, self.longest, self.least = greedy_min_length(language), MAXLEN, MINCOMPLEN
        self.entries: dict[str, list[str | None]] = {}
        self.places: Places = {}                # of the words being worked out

    def know(self, entries: dict[str, str]) -> None:
        for key, found in entries.items():
            low = key.lower()
            pair = self.entries.setdefault(low, [None, None])
            if key == low:
                pair[0] = found
            if key == low[0].upper() + low[1:]:
                pair[1] = found

    def sizes(self, sizes, n):
        """Which prefixes (heads) and suffixes (tails) of a word of n letters lemma
        may look up, by size (numpy arrays, broadcast)."""
        split = (n > self.shortest) & (n <= self.longest) & (self.affix is not None)
        heads = (sizes == n) | (split & (sizes >= self.least) & (sizes < n))
        tails = split & (sizes >= min((self.affix or 0) + 1, self.least)) & (sizes <= n - self.least)
        return heads, tails

    def lemma(self, token: str) -> str:
        low, order = token.lower(), ((1, 0) if token[0].isupper() else (0, 1))
        found = _either(self.entries.get(low), order)
        if found is None and self.affix is not None and self.shortest < len(token) <= self.longest:
            marks, row = self.places[low]
            found = (self._affixed(token, low, order, marks.heads(row))
                     or self._suffixed(token, low, marks.tails(row)))
        return token if found is None else found

    def _affixed(self, token: str, low: str, order: tuple[int, int], heads: int) -> str | None:
        """simplemma's loop over count = 1, 2, …: the head token[:-count] is looked up
        and, past the affix length, the tail; only heads that may be words are tried
        (the marked sizes, largest first)."""
        get, n = self.entries.get, len(token)
        while heads:
            size = heads.bit_length()
            heads ^= 1 << (size - 1)
            count = n - size
            if not 0 < count <= n - self.least:
                continue
            head_lemma = _either(get(low[:size]), order)
            if head_lemma is None:
                continue
            if count <= self.affix:
                return head_lemma
            tail_lemma = _either(get(low[-count:]), order)      # the tail in the token's case
            if tail_lemma is not None and len(tail_lemma) < count + self.affix:
                return token[:-count] + tail_lemma.lower()
        return None

    def _suffixed(self, token: str, low: str, tails: int) -> str | None:
        """simplemma's loop over count = n - 4 … 4: the tail capitalized, then lowercase
        (only the marked sizes)."""
        get, n = self.entries.get, len(token)
        while tails:
            count = tails.bit_length()
            tails ^= 1 << (count - 1)
            if not self.least <= count <= n - self.least:
                continue
            tail_lemma = _either(get(low[-count:]), (1, 0))
            if tail_lemma is not None and len(tail_lemma) <= count:
                return token[:-count] + tail_lemma.lower()
        return None


def _either(pair: list[str | None] | None, order: tuple[int, int]) -> str | None:
    if pair is None:
        return None
    found = pair[order[0]]
    return pair[order[1]] if found is None else found


class _Marks:
    """For a batch of words, which sizes of prefix and of suffix may be dictionary
    words in either case (the only ones _Steps need look up): a row of bits per word,
    size k at bit k - 1, read as an int only for the words that need it."""

    def __init__(self, heads, tails):
        self.width = heads.shape[1]
        self._heads, self._tails = heads.tobytes(), tails.tobytes()

    def heads(self, row: int) -> int:
        return int.from_bytes(self._heads[row * self.width:(row + 1) * self.width], "little")

    def tails(self, row: int) -> int:
        return int.from_bytes(self._tails[row * self.width:(row + 1) * self.width], "little")


Places = dict[str, tuple[_Marks, int]]          # a word (lowercase): its batch's marks and its row


def _candidates(forms: list[str], word_filter: WordFilter, steps: "_Steps") -> tuple[set[str], Places]:
    """The prefixes and suffixes of the lowercase `forms`, lowercase and capitalized,
    that `steps` may look up and the word filter says may be dictionary words; and
    where they are in each form."""
    order = sorted(forms, key=len)
    keys: set[str] = set()
    places: Places = {}
    for i in range(0, len(order), _BATCH):
        _batch_candidates(order[i:i + _BATCH], word_filter, steps, keys, places)
    return keys, places


def _batch_candidates(forms: list[str], word_filter: WordFilter, steps: "_Steps",
                      keys: set[str], places: Places) -> None:
    import numpy as np
    lengths = np.fromiter(map(len, forms), dtype=np.intp, count=len(forms))
    hashes = _PieceHashes(forms, lengths)
    heads, tails = steps.sizes(np.arange(1, hashes.width + 1)[None, :], lengths[:, None])
    marks = []
    for wanted, (lower, upper), piece in ((heads, hashes.heads(), _head), (tails, hashes.tails(), _tail)):
        either = np.zeros_like(wanted)
        for of_size, cased in ((lower, False), (upper, True)):
            maybe = np.zeros_like(wanted)
            maybe[wanted] = word_filter.may_hold_hashes(of_size[wanted])
            either |= maybe
            w, k = np.nonzero(maybe)
            parts = [piece(forms[i], size) for i, size in zip(w.tolist(), (k + 1).tolist())]
            keys.update(map(_capitalized, parts) if cased else parts)
        marks.append(np.packbits(either, axis=1, bitorder="little"))
    places.update(zip(forms, zip(repeat(_Marks(*marks)), range(len(forms)))))


def _head(form: str, size: int) -> str:
    return form[:size]


def _tail(form: str, size: int) -> str:
    return form[-size:]


def _capitalized(piece: str) -> str:
    return piece[0].upper() + piece[1:]


class _PieceHashes:
    """The word filter's hashes of every prefix (head) and suffix (tail) of a batch of
    lowercase words, lowercase and capitalized: (words × width) arrays, the column for
    size k at k - 1. All from one running sum per word: H[:, k] hashes the first k letters."""

    def __init__(self, forms: list[str], lengths):
        import numpy as np
        self.P = P = np.uint64(MODULUS)
        self.width = width = int(lengths.max())
        rows = np.repeat(np.arange(len(forms)), lengths)
        cols = np.arange(len(rows)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        codes = np.frombuffer("".join(forms).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        letters, inverse = np.unique(codes, return_inverse=True)
        # what capitalizing adds to a hash: (upper - lower) at the first letter, whose weight is 1
        lift = np.array([(ord(chr(c).upper()) - int(c)) % MODULUS for c in letters], dtype=np.uint64)
        C = np.zeros((len(forms), width), dtype=np.uint64)
        self.U = np.zeros((len(forms), width), dtype=np.uint64)
        C[rows, cols], self.U[rows, cols] = codes, lift[inverse]
        power, self.back = _powers(width)
        self.H = H = np.zeros((len(forms), width + 1), dtype=np.uint64)
        for k in range(width):
            H[:, k + 1] = (H[:, k] + C[:, k] * power[k]) % P
        self.lengths = lengths

    def heads(self):
        lower = self.H[:, 1:]
        return lower, (lower + self.U[:, :1]) % self.P

    def tails(self):
        import numpy as np
        P, H = self.P, self.H
        sizes, n = np.arange(1, self.width + 1)[None, :], self.lengths[:, None]
        starts = np.clip(n - sizes, 0, None)            # where the suffix of each size starts
        whole = H[np.arange(len(H)), self.lengths][:, None]
        lower = (whole + P - np.take_along_axis(H, starts, axis=1)) % P * self.back[starts] % P
        return lower, (lower + np.take_along_axis(self.U, starts, axis=1)) % P


@lru_cache(maxsize=8)
def _powers(width: int):
    """BASE**k and BASE**-k modulo MODULUS for k < width + 1."""
    import numpy as np
    inverse = pow(BASE, -1, MODULUS)
    return (np.array([pow(BASE, k, MODULUS) for k in range(width + 1)], dtype=np.uint64),
            np.array([pow(inverse, k, MODULUS) for k in range(width + 1)], dtype=np.uint64))
