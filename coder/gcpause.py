"""Pausing Python's cyclic garbage collector around bulk work.

An import makes millions of small objects (spans, segments, lemma strings) that hold
no reference cycles; the collector's repeated passes over them cost ~10% of an
import. Reference counting still frees everything as usual meanwhile.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
