"""`coder import` starts the sentence worker before the command line's imports, and
only when a file can have sentences."""

from __future__ import annotations

import pytest

from coder import entry
from coder.text import worker


@pytest.mark.parametrize("args, started", [
    (["import", "p.coder", "a.txt"], ["nb"]),
    (["import", "p.coder", "--language", "en", "notes/"], ["en"]),
    (["import", "p.coder", "--kind", "survey", "svar.csv", "more.XLSX"], []),
    (["import", "p.coder", "--text-column", "a.txt", "svar.csv"], []),   # a column name, not a file
    (["search", "p.coder", "a.txt"], []),
    ([], []),
])
def test_the_worker_starts_early_only_for_an_import_with_sentences(monkeypatch, args, started):
    calls = []
    monkeypatch.setattr(worker, "warm_up", calls.append)
    entry.start_helpers(args)
    assert calls == started


def test_the_worker_starts_early_for_a_large_qdpx_import(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(worker, "start", calls.append)
    small, large = tmp_path / "small.qdpx", tmp_path / "large.qdpx"
    small.write_bytes(b"x" * 100)
    large.write_bytes(b"x" * entry._LARGE_QDPX)
    entry.start_helpers(["import-qdpx", "p.coder", "--coder", "ann", str(small)])
    entry.start_helpers(["import-qdpx", "p.coder", str(tmp_path / "missing.qdpx")])
    assert calls == []
    entry.start_helpers(["import-qdpx", "p.coder", "--coder", "ann", str(large)])
    assert calls == ["coder.exchange.qdpx_import"]


def test_the_early_parse_knows_every_option_of_import_that_takes_a_value():
    """entry.py reads the arguments before click is imported; it must skip the same
    option values that `coder import` takes, or a value could pass for a file."""
    from coder.cli import cli
    valued = {opt for command in ("import", "import-qdpx") for p in cli.commands[command].params
              if p.param_type_name == "option" and not p.is_flag for opt in p.opts if opt.startswith("--")}
    assert valued == entry._VALUED
