"""Readers and the import pipeline: files → documents with attributes and segments,
through the ingest service (service.py).

The names below are loaded when first used (PEP 562 `__getattr__`): the helper
process (coder/text/worker.py) runs coder.ingest.segments, and importing the pipeline
and the core under it as well cost its start ~0.25 s, which a 10 MB .qdpx import waits
for (benchmarks/bench_qdpx.py)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coder.ingest.pipeline import KINDS, ImportedFile, ImportReport
    from coder.ingest.service import Ingest, import_files

__all__ = ["Ingest", "import_files", "ImportReport", "ImportedFile", "KINDS"]
_MODULE = {"KINDS": "pipeline", "ImportedFile": "pipeline", "ImportReport": "pipeline",
           "Ingest": "service", "import_files": "service"}


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"coder.ingest.{_MODULE[name]}"), name)
