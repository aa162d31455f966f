"""Readers and the import pipeline: files → documents with attributes and segments,
through the ingest service (service.py)."""

from coder.ingest.pipeline import KINDS, ImportedFile, ImportReport
from coder.ingest.service import Ingest, import_files

__all__ = ["Ingest", "import_files", "ImportReport", "ImportedFile", "KINDS"]
