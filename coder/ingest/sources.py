"""What to import: files, folders (recursively, by extension) and globs, each with the
document name it gets and the attributes a sidecar attributes.csv gives it."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from coder.i18n import _
from coder.ingest.decode import decode_text
from coder.ingest.errors import UnreadableFile
from coder.ingest.readers import READERS, read_bytes
from coder.ingest.survey import csv_rows

SURVEY_SUFFIXES = {".csv", ".xlsx"}
SIDECAR = "attributes.csv"


def known_suffixes() -> list[str]:
    return sorted({*READERS, *SURVEY_SUFFIXES})


def expand(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """(files, problems): each file with its document name — the file name without its
    extension, or the path below the folder given, so two folders' a.txt stay apart."""
    files: list[tuple[Path, str]] = []
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = [(f, f.relative_to(path).with_suffix("").as_posix())
                     for f in sorted(path.rglob("*")) if _wanted(f)]
            files.extend(found)
            if not found:
                problems.append(_("{path}: no file coder can read in this folder ({suffixes})")
                                .format(path=given, suffixes=", ".join(known_suffixes())))
        elif path.exists() or path.is_symlink():
            files.append((path, path.stem))
        elif glob.has_magic(str(given)):
            matches = [Path(p) for p in sorted(glob.glob(str(given), recursive=True))]
            files.extend((m, m.stem) for m in matches if _wanted(m))
            if not matches:
                problems.append(_("{path}: no file matches").format(path=given))
        else:
            problems.append(_("{path}: no such file or folder").format(path=given))
    return files, problems


def _wanted(path: Path) -> bool:
    return (path.is_file() and path.suffix.lower() in known_suffixes()
            and path.name != SIDECAR and not path.name.startswith((".", "~$")))


def check_suffix(path: Path) -> None:
    if path.suffix.lower() not in known_suffixes():
        suffix = path.suffix or _("no extension")
        raise UnreadableFile(_("{path}: unknown file type «{suffix}» (coder reads {suffixes})")
                             .format(path=path, suffix=suffix, suffixes=", ".join(known_suffixes())))


class Sidecars:
    """attributes.csv per folder, read once: columns file, then one per attribute."""

    def __init__(self) -> None:
        self._cache: dict[Path, dict[str, dict[str, str]] | UnreadableFile] = {}

    def attributes(self, path: Path) -> dict[str, str]:
        folder = path.parent
        if folder not in self._cache:
            try:
                self._cache[folder] = _read_sidecar(folder / SIDECAR)
            except UnreadableFile as exc:
                self._cache[folder] = exc
        table = self._cache[folder]
        if isinstance(table, UnreadableFile):
            raise table
        return table.get(path.name) or table.get(path.stem) or {}


def _read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    rows = csv_rows(decode_text(read_bytes(path), path), path)
    header = [h.strip() for h in rows[0]]
    if not header or header[0].lower() != "file":
        raise UnreadableFile(_("{path}: the first column must be «file»").format(path=path))
    table = {}
    for row in rows[1:]:
        if row and row[0].strip():
            values = {h: v.strip() for h, v in zip(header[1:], row[1:]) if h and v.strip()}
            table[row[0].strip()] = values
    return table
