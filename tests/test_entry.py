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


def test_the_early_parse_knows_every_option_of_import_that_takes_a_value():
    """entry.py reads the arguments before click is imported; it must skip the same
    option values that `coder import` takes, or a value could pass for a file."""
    from coder.cli import cli
    valued = {opt for p in cli.commands["import"].params if p.param_type_name == "option" and not p.is_flag
              for opt in p.opts if opt.startswith("--")}
    assert valued == entry._VALUED
