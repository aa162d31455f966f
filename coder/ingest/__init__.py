"""Readers and the import pipeline: files → documents with attributes and segments."""

from coder.ingest.pipeline import KINDS, ImportedFile, ImportReport, import_files

__all__ = ["import_files", "ImportReport", "ImportedFile", "KINDS"]
