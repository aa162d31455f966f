"""A Bloom filter of simplemma's dictionary words: "not there" for sure, or "perhaps".

simplemma probes dozens of pieces of a compound (barneverntjenest, barneverntjenes, …)
that are not words; the filter answers most of those without a query. Kept in the
lemma cache file (coder/text/lemmas.py).

A word's hash is its UTF-32 code points read as one little-endian number, modulo a
prime: one C call per word here, and for every prefix and suffix of many words at
once a running sum in numpy (coder/text/affix_lemmas.py), the same numbers either way.
(Not the word index's 64-bit hash, coder/text/word_index.py: one word of that costs a
Python loop over its letters, ~5 µs, and simplemma probes some 40 pieces per compound.
Here 31 bits are enough: a collision only costs a query.)
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

MODULUS = 1_500_000_001             # a prime; 2**32 % MODULUS is far from 0 and 1
BASE = 2 ** 32 % MODULUS            # one code point further along the number
_MIX = 0x9E3779B1                   # odd: the second probe is the top bits of h * _MIX (32 bits)


def key_hash(word: str, _from_bytes=int.from_bytes) -> int:
    return _from_bytes(word.encode("utf-32-le", "surrogatepass"), "little") % MODULUS


class WordFilter:
    TABLE = "word_filter_v2"        # the hashing above, versioned: never read with another
    BITS = 1 << 25                  # 32 Mbit (4 MB): 52 bits per word of nb's 640,000
    PROBES = 2                      # ~0.2 % "perhaps" for a word that is not there

    def __init__(self, bits: bytes):
        self.bits = bits

    def may_hold(self, word: str, _from_bytes=int.from_bytes) -> bool:
        h = _from_bytes(word.encode("utf-32-le", "surrogatepass"), "little") % MODULUS
        j, bits = h & (self.BITS - 1), self.bits
        if not bits[j >> 3] & (1 << (j & 7)):
            return False
        j = ((h * _MIX) & 0xFFFF_FFFF) >> 7
        return bool(bits[j >> 3] & (1 << (j & 7)))

    def may_hold_hashes(self, hashes):
        """may_hold for many key_hash values at once (a numpy uint64 array)."""
        import numpy as np
        bits = np.frombuffer(self.bits, dtype=np.uint8)
        found = np.ones(len(hashes), dtype=bool)
        for j in self._places(hashes):
            found &= (bits[(j >> 3).astype(np.intp)] >> (j & 7).astype(np.uint8)) & 1 == 1
        return found

    @classmethod
    def _places(cls, hashes):
        import numpy as np
        return (hashes & np.uint64(cls.BITS - 1),
                ((hashes * np.uint64(_MIX)) & np.uint64(0xFFFF_FFFF)) >> np.uint64(7))

    @classmethod
    def build(cls, words: Iterable[str]) -> "WordFilter":
        import numpy as np
        hashes = np.fromiter(map(key_hash, words), dtype=np.uint64)
        marked = np.zeros(cls.BITS, dtype=bool)
        for j in cls._places(hashes):
            marked[j.astype(np.intp)] = True
        return cls(np.packbits(marked, bitorder="little").tobytes())    # bit j: byte j >> 3, bit j & 7

    @classmethod
    def store(cls, conn: sqlite3.Connection) -> "WordFilter":
        made = cls.build(r[0] for r in conn.execute("SELECT word FROM lemmas"))
        conn.execute("DROP TABLE IF EXISTS word_filter_v1")     # the blake2b one before it
        conn.execute(f"CREATE TABLE IF NOT EXISTS {cls.TABLE} (id INTEGER PRIMARY KEY, bits BLOB)")
        conn.execute(f"INSERT OR REPLACE INTO {cls.TABLE} VALUES (1, ?)", [made.bits])
        return made

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "WordFilter | None":
        """The file's filter; one is made and kept for a cache file without one (or
        with an older kind). None where that cannot be written (building one per start
        would cost more than it saves): every probe is then a query."""
        try:
            row = conn.execute(f"SELECT bits FROM {cls.TABLE} WHERE id = 1").fetchone()
        except sqlite3.Error:       # no such table: a cache file from before this filter
            row = None
        if row is not None and len(row[0]) == cls.BITS // 8:
            return cls(row[0])
        try:
            with conn:
                return cls.store(conn)
        except sqlite3.Error:
            return None
