"""The history entry written ahead and compressed in a thread is the entry written at
the end; an action that fails after writing ahead leaves no thread and no change."""

from __future__ import annotations

import threading
import time

import pytest

from coder.core import Project
from coder.core.history import Changes, decode, encode

BIG = "Vi får ikke hjelp fra kommunene, sier hun. æøå 😀 \"sitat\" \\ \n" * 40_000     # > 1 MB of JSON


def _items():
    return [("documents", ["name", "text"], 1, [("a", BIG), ("b", BIG[:1000])]),
            ("codes", 7, None, {"id": 7, "text": "Kode"}),
            ("segments", ["document_id", "start", "end", "lemmas"], 1,
             [(1, n, n + 5, f"lemma {n}") for n in range(5000)]),
            ("codes", 7, {"id": 7, "text": "Kode"}, {"id": 7, "text": "Kode 2"})]


def test_written_ahead_in_pieces_equals_written_at_once(tmp_path):
    items = _items()
    changes = Changes(None)
    changes.items.extend(items[:1])
    changes.encode_ahead()
    changes.items.extend(items[1:3])
    changes.encode_ahead()
    changes.items.append(items[3])
    blob = changes.encoded()
    assert decode(blob) == decode(encode(items))
    assert decode(blob)[0][3][0] == ["a", BIG]
    assert decode(encode([])) == [] and decode(encode(items[1:2])) == [("codes", 7, None, {"id": 7, "text": "Kode"})]


def test_an_action_that_fails_after_writing_ahead_ends_its_thread_and_changes_nothing(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="Ada")
    before, history = threading.active_count(), p.history.entries()
    with pytest.raises(RuntimeError):
        with p.store.action("import documents", "x") as act:
            act.insert_many("settings", [{"key": f"k{n}", "value": BIG[:20_000]} for n in range(100)])
            act.encode_ahead()                  # 2 MB: compressed in a thread
            assert threading.active_count() == before + 1
            raise RuntimeError("stop")
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before
    assert p.history.entries() == history and p.settings.get("k1") is None
