"""Words and their lemmas. A word is a run of letters and digits ([^\\W_]+, as FTS5's
unicode61 tokenizer splits text; projects made before m003 had that index).

A segment's lemma column holds one lemma per word of its text, in the same order, so
the n-th lemma belongs to the n-th word: the word index (coder/text/word_index.py)
lines them up.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from coder.text.word_filter import WordFilter

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
    if not lemmatizable(language) or (not word.isalpha() and any(ch.isdigit() for ch in word)):
        return low
    dictionary = _dictionary(language)
    known = dictionary.result(word) if isinstance(dictionary, _SqliteDictionary) else None
    if known is not None:
        return known
    found = _finished(_lemmatizer().lemmatize(word, language), low)
    if isinstance(dictionary, _SqliteDictionary):
        dictionary.remember(word, found)
    return found


def _finished(found: str, low: str) -> str:
    """simplemma's answer as kept: lowercased, and the word itself (lowercased) where
    that answer is not one index word."""
    found = found.lower()
    return found if WORD.fullmatch(found) else low


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
        return _SqliteDictionary(_cache_file(lang), lang)
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
        WordFilter.store(conn)
        conn.commit()
    finally:
        conn.close()
    os.replace(part, path)    # two processes building at once: the last one wins, both whole


class _SqliteDictionary(Mapping):
    """simplemma's dictionary (table lemmas) and the lemmas worked out (table results)."""

    def __init__(self, path: Path, language: str = "nb"):
        self._conn = sqlite3.connect(path, timeout=2, check_same_thread=False)
        with contextlib.suppress(sqlite3.Error):     # a read-only cache stays as it is
            # each document's new lemmas are saved as it is lemmatized: no fsync each time
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.Lock()
        self.language = language
        self._filter = WordFilter.load(self._conn)
        self._known: dict[str, str | None] = {}     # dictionary entries looked up: lemma or None
        self._results: dict[str, str] = {}
        self._new: dict[str, str] = {}              # results not yet saved

    def prefetch(self, words: set[str]) -> None:
        """Work out the lemmas of many new words at once where affix_lemmas can, and
        look the rest up in a few queries (one query per word is the slow part)."""
        words = {w for w in words if w not in self._results}
        self._results.update(self._select("results", words))
        rest = {w for w in words if w not in self._results}
        if self._filter is not None and rest and self._affix is not None:
            solved = {w: _finished(found, w.lower()) for w, found in self._affix.lemmas_of(rest).items()}
            self._results.update(solved)
            self._new.update(solved)
            rest.difference_update(solved)
        keys = (rest | {w.lower() for w in rest} | {w.capitalize() for w in rest}) - self._known.keys()
        self._known.update(dict.fromkeys(keys))
        self._known.update(self._select("lemmas", keys))

    @cached_property
    def _affix(self):
        """Works out many new words at once where it can (None: the language is simplemma's alone)."""
        from coder.text import affix_lemmas
        return affix_lemmas.for_language(self.language, self._filter, self._entries)

    def _entries(self, keys: set[str]) -> dict[str, str]:
        """The dictionary's lemma of each of `keys` it holds."""
        new = keys - self._known.keys()
        self._known.update(dict.fromkeys(new))
        self._known.update(self._select("lemmas", new))
        return {k: v for k in keys if (v := self._known[k]) is not None}

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

    def results(self, words: Iterable[str]) -> dict[str, str]:
        """Those of `words` worked out already (none has a digit: see _work_out)."""
        return {w: found for w in words if (found := self._results.get(w)) is not None}

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
    new = {w for w in words if w not in table}
    dictionary.prefetch(new)
    table.update(dictionary.results(new))      # saves a call of _work_out per word
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
