"""Words and their lemmas. A word is a run of letters and digits ([^\\W_]+, as FTS5's
unicode61 tokenizer splits text; projects made before m003 had that index).

A segment's lemma column holds one lemma per word of its text, in the same order, so
the n-th lemma belongs to the n-th word: the word index search runs on lines them up
(coder/text/word_index.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

# Letters and digits together, split on everything else, underscore included:
# [^\W_] is exactly "alphanumeric" in Python's sense (str.isalnum).
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
    return frozenset(SUPPORTED_LANGUAGES)


def lemmatizable(language: str) -> bool:
    return language in _supported()


class _Lemmas(dict):
    """word → lemma for one language, filled on first sight: a lookup of a word seen
    before stays in C (map over __getitem__), which matters at a million words."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        self[word] = found = _work_out(word, self.language)
        return found


@lru_cache(maxsize=None)
def _table(language: str) -> _Lemmas:
    return _Lemmas(language)


def lemma(word: str, language: str = "nb") -> str:
    """The lowercased lemma of one word; the lowercased word itself when simplemma
    does not know the language or returns something that is not one index token."""
    return _table(language)[word]


def _work_out(word: str, language: str) -> str:
    low = word.lower()
    if not lemmatizable(language) or any(ch.isdigit() for ch in word):
        return low
    dictionary = _dictionary(language)
    known = dictionary.result(word) if isinstance(dictionary, _SqliteDictionary) else None
    if known is not None:
        return known
    found = _lemmatizer().lemmatize(word, language).lower()
    found = found if WORD.fullmatch(found) else low
    if isinstance(dictionary, _SqliteDictionary):
        dictionary.remember(word, found)
    return found


@lru_cache(maxsize=None)
def _lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_CachedDictionaries()))


class _CachedDictionaries:
    """simplemma's dictionaries, kept as SQLite files in the user cache folder.

    simplemma decodes a 640,000-entry dictionary for 2-4 s on every start; a lookup
    table built from it once answers at once and costs no memory. Beside it, the
    file keeps every lemma worked out so far (compounds cost simplemma dozens of
    lookups), so words met before cost one query per batch. Where the cache folder
    cannot be written, simplemma's own loading is used.
    """

    def get_dictionary(self, lang: str):
        return _dictionary(lang)


@lru_cache(maxsize=None)
def _dictionary(lang: str):
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
    try:
        return _SqliteDictionary(_cache_file(lang))
    except (OSError, sqlite3.Error):
        return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)


def _cache_file(lang: str) -> Path:
    import simplemma
    from platformdirs import user_cache_dir
    folder = Path(os.environ.get("CODER_CACHE_DIR") or user_cache_dir("coder"))
    path = folder / f"lemmas-{simplemma.__version__}-{lang}.sqlite"
    if not path.exists():
        _build(path, lang)
    return path


def _build(path: Path, lang: str) -> None:
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    conn = sqlite3.connect(part)
    try:
        conn.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
        conn.execute("CREATE TABLE results (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
        conn.executemany("INSERT OR REPLACE INTO lemmas VALUES (?, ?)",
                         ((k.decode(), v.decode()) for k, v in _load_dictionary_from_disk(lang).items()))
        _WordFilter.store(conn)
        conn.commit()
    finally:
        conn.close()
    os.replace(part, path)    # two processes building at once: the last one wins, both whole


class _WordFilter:
    """A Bloom filter of the dictionary's words: "not there" for sure, or "perhaps".
    simplemma probes dozens of pieces of a compound (barneverntjenest, barneverntjenes,
    …) that are not words; the filter answers most of those without a query.
    Kept in the cache file; building it from the words takes 2-3 s, once."""

    TABLE = "word_filter_v1"        # the hashing below, versioned: never read with another
    BITS = 1 << 23                  # 8 Mbit (1 MB): 13 bits per word of nb's 640,000
    PROBES = 7                      # ~0.2 % "perhaps" for a word that is not there

    def __init__(self, bits: bytes):
        self.bits = bits

    @classmethod
    def _places(cls, word: str) -> tuple[int, int]:
        digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return (int.from_bytes(digest[:8], "little") % cls.BITS,
                int.from_bytes(digest[8:], "little") % cls.BITS)

    def may_hold(self, word: str, _blake2b=hashlib.blake2b, _from_bytes=int.from_bytes) -> bool:
        """The places of _places and build, worked out the cheap way (simplemma asks
        some 26 times for each compound it meets first): BITS is a power of two, so
        `% BITS` keeps the low bits, and (a + i*b) % BITS steps by adding b."""
        mask = self.BITS - 1
        h = _from_bytes(_blake2b(word.encode("utf-8", "surrogatepass"), digest_size=16).digest(), "little")
        j, step, bits = h & mask, (h >> 64) & mask, self.bits
        for _ in range(self.PROBES):
            if not bits[j >> 3] & (1 << (j & 7)):
                return False
            j = (j + step) & mask
        return True

    @classmethod
    def build(cls, words: Iterable[str]) -> "_WordFilter":
        import numpy as np
        places = np.array([cls._places(w) for w in words], dtype=np.uint64).reshape(-1, 2)
        steps = np.arange(cls.PROBES, dtype=np.uint64)
        j = (places[:, :1] + steps * places[:, 1:]) % np.uint64(cls.BITS)
        bits = np.zeros(cls.BITS // 8, dtype=np.uint8)
        np.bitwise_or.at(bits, (j >> np.uint64(3)).ravel(), (np.uint64(1) << (j & np.uint64(7))).astype(np.uint8).ravel())
        return cls(bits.tobytes())

    @classmethod
    def store(cls, conn: sqlite3.Connection) -> "_WordFilter":
        made = cls.build(r[0] for r in conn.execute("SELECT word FROM lemmas"))
        conn.execute(f"CREATE TABLE IF NOT EXISTS {cls.TABLE} (id INTEGER PRIMARY KEY, bits BLOB)")
        conn.execute(f"INSERT OR REPLACE INTO {cls.TABLE} VALUES (1, ?)", [made.bits])
        return made

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "_WordFilter | None":
        """The file's filter; one is made and kept for a cache file from before filters.
        None where that cannot be written (building one per start would cost more than
        it saves): every probe is then a query, as before."""
        try:
            row = conn.execute(f"SELECT bits FROM {cls.TABLE} WHERE id = 1").fetchone()
        except sqlite3.Error:       # no such table: a cache file from before filters
            row = None
        if row is not None and len(row[0]) == cls.BITS // 8:
            return cls(row[0])
        try:
            with conn:
                return cls.store(conn)
        except sqlite3.Error:
            return None


class _SqliteDictionary(Mapping):
    """simplemma's dictionary (table lemmas) and the lemmas worked out (table results)."""

    def __init__(self, path: Path):
        self._conn = sqlite3.connect(path, timeout=2, check_same_thread=False)
        self._lock = threading.Lock()
        self._filter = _WordFilter.load(self._conn)
        self._known: dict[str, str | None] = {}     # dictionary entries looked up: lemma or None
        self._results: dict[str, str] = {}
        self._new: dict[str, str] = {}              # results not yet saved

    def prefetch(self, words: set[str]) -> None:
        """Look many words up in a few queries (one query per word is the slow part)."""
        words = {w for w in words if w not in self._results}
        self._results.update(self._select("results", words))
        rest = {w for w in words if w not in self._results}
        keys = (rest | {w.lower() for w in rest} | {w.capitalize() for w in rest}) - self._known.keys()
        self._known.update(dict.fromkeys(keys))
        self._known.update(self._select("lemmas", keys))

    def _select(self, table: str, words: set[str]) -> dict[str, str]:
        words, out = list(words), {}
        with self._lock:
            for i in range(0, len(words), 500):
                chunk = words[i:i + 500]
                out.update(self._conn.execute(
                    f"SELECT word, lemma FROM {table} WHERE word IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def result(self, word: str) -> str | None:
        return self._results.get(word)

    def remember(self, word: str, found: str) -> None:
        self._results[word] = self._new[word] = found

    def save(self) -> None:
        """Keep the new results for next time; a busy or read-only cache just misses out."""
        with self._lock:
            new, self._new = self._new, {}
            try:
                with self._conn:
                    self._conn.executemany("INSERT OR IGNORE INTO results VALUES (?, ?)", new.items())
            except sqlite3.Error:
                pass

    def get(self, key, default=None):
        if key in self._known:
            value = self._known[key]
        elif self._filter is not None and not self._filter.may_hold(key):
            value = self._known[key] = None
        else:
            with self._lock:
                row = self._conn.execute("SELECT lemma FROM lemmas WHERE word = ?", [key]).fetchone()
            value = self._known[key] = None if row is None else row[0]
        return default if value is None else value

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self):
        with self._lock:
            words = [r[0] for r in self._conn.execute("SELECT word FROM lemmas")]
        return iter(words)

    def __len__(self):
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM lemmas").fetchone()[0]


@contextlib.contextmanager
def lemma_batch(words: Iterable[str], language: str = "nb") -> Iterator[None]:
    """Around lemmatizing many words: look the new ones up in bulk first, and keep
    the lemmas worked out for the next import."""
    dictionary = _dictionary(language) if lemmatizable(language) else None
    if not isinstance(dictionary, _SqliteDictionary):
        yield
        return
    table = _table(language)
    dictionary.prefetch({w for w in words if w not in table})
    try:
        yield
    finally:
        dictionary.save()


def lemma_line(words: list[str], language: str = "nb") -> str:
    """The lemma column for a segment from its words: one lemma per word, space separated."""
    return " ".join(map(_table(language).__getitem__, words))


def lemma_string(text: str, language: str = "nb") -> str:
    return lemma_line(WORD.findall(text), language)


# Whitespace-delimited chunks kept with their lemma lines: language → chunk → line.
# Started afresh past this many (≈ 100 MB), which a long session importing many
# projects could reach; a new dict, so that a call still reading the old one (another
# thread) finds all its chunks there.
_CHUNKS: dict[str, dict[str, str]] = {}
_CHUNKS_KEPT = 1_000_000


def lemma_strings(texts: Iterable[str], language: str = "nb") -> list[str]:
    """`lemma_string` of each text, in one lemma batch. A word never spans whitespace,
    so each distinct whitespace-delimited chunk is worked out once (and kept for the
    next call: the documents of one import share most of theirs): a text then costs
    a split, lookups and a join instead of a regex pass and a lookup per word."""
    chunked = [text.split() for text in texts]
    known = _CHUNKS.setdefault(language, {})
    new = set().union(*chunked).difference(known)
    if new:
        if len(known) + len(new) > _CHUNKS_KEPT:
            known = _CHUNKS[language] = {}
            new = set().union(*chunked)
        words = {chunk: WORD.findall(chunk) for chunk in new}
        with lemma_batch({w for found in words.values() for w in found}, language):
            # "" for a chunk without words (punctuation alone): left out of the line
            known.update({chunk: lemma_line(found, language) for chunk, found in words.items()})
    return [" ".join(filter(None, map(known.__getitem__, chunks))) for chunks in chunked]


def learn(text: str, language: str = "nb") -> None:
    """Work out now the lemmas of every word in `text`, so that lemmatizing its
    segments later is lookups only (an import does this while spaCy loads elsewhere)."""
    words = set(WORD.findall(text))
    with lemma_batch(words, language):
        for word in words:
            lemma(word, language)
