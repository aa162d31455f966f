"""The lemma cache's word filter: it may only ever save a query, never change a lemma."""

from __future__ import annotations

import random
import sqlite3

from coder.text import lemmas
from coder.text.lemmas import WORD, _SqliteDictionary
from coder.text.word_filter import WordFilter
from tests.conftest import REPO


def _dictionary() -> _SqliteDictionary:
    d = lemmas._dictionary("nb")
    assert isinstance(d, _SqliteDictionary) and d._filter is not None
    return d


def test_the_filter_holds_every_word_of_the_dictionary():
    d = _dictionary()
    words = [r[0] for r in d._conn.execute("SELECT word FROM lemmas")]
    assert len(words) > 100_000
    assert all(map(d._filter.may_hold, words))          # never "not there" for a word that is
    rng = random.Random(7)
    others = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzæøå") for _ in range(rng.randint(6, 14))) + "q"
              for _ in range(20_000)]
    known = set(words)
    others = [w for w in others if w not in known]
    assert sum(map(d._filter.may_hold, others)) < 0.01 * len(others)    # and seldom "perhaps" for others


def test_lemmas_with_the_filter_are_simplemmas_own():
    """Every word of a seed-like text (compounds above all: those probe the dictionary
    most) gets the same lemma with and without the filter."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").rglob("*.txt")))
    words = sorted({w for w in WORD.findall(text) if not any(c.isdigit() for c in w)})
    assert len(words) > 3000

    class Plain:
        def __init__(self, filtered: bool):
            self.d = _SqliteDictionary(lemmas._cache_file("nb"))
            if not filtered:
                self.d._filter = None

        def get_dictionary(self, lang):
            return self.d

    def lemmatized(filtered: bool) -> list[str]:
        lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=Plain(filtered)))
        return [lemmatizer.lemmatize(w, "nb") for w in words]

    assert lemmatized(True) == lemmatized(False)


def test_a_cache_file_from_before_filters_gets_one(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
    conn.execute("CREATE TABLE results (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
    conn.executemany("INSERT INTO lemmas VALUES (?, ?)", [("kommunen", "kommune"), ("husene", "hus")])
    conn.commit()
    conn.close()
    d = _SqliteDictionary(path)
    assert d._filter.may_hold("kommunen") and d._filter.may_hold("husene")
    assert d.get("kommunen") == "kommune" and d.get("barneverntjenest") is None
    stored = sqlite3.connect(path).execute(f"SELECT length(bits) FROM {WordFilter.TABLE}").fetchone()
    assert stored == (WordFilter.BITS // 8,)


def test_a_cache_file_that_cannot_take_a_filter_is_used_without_one(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
    conn.execute("CREATE TABLE results (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
    conn.execute("INSERT INTO lemmas VALUES ('kommunen', 'kommune')")
    conn.commit()
    conn.close()

    def read_only(conn):
        raise sqlite3.OperationalError("attempt to write a readonly database")
    monkeypatch.setattr(WordFilter, "store", classmethod(lambda cls, conn: read_only(conn)))
    d = _SqliteDictionary(path)
    assert d._filter is None
    assert d.get("kommunen") == "kommune" and d.get("husene") is None
