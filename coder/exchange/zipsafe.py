"""Open zip archives from other programs without trusting them.

A .qdpx is a zip. Before anything is imported the whole directory of the archive is
checked: no absolute paths or `..` (zip-slip), no archive that would unpack to more
than MAX_TOTAL bytes, and no entry compressed more than MAX_RATIO to one (zip bombs).
Reading an entry stops at its declared size, so a lying header cannot blow up memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from coder.core.errors import CoderError

MAX_TOTAL = 2 * 1024 ** 3          # 2 GiB unpacked: far beyond any text project
MAX_ENTRIES = 100_000
MAX_RATIO = 200                    # text compresses ~3-10×; bombs compress ~1000×
RATIO_FLOOR = 1024 * 1024          # small entries may compress as they like


class UnsafeArchive(CoderError):
    pass


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


class SafeZip:
    """A checked, read-only view of a zip archive; entries are found case-insensitively."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise CoderError(f"{self.path}: not a readable zip archive ({exc})") from None
        self._check()
        self._by_lower = {i.filename.lower(): i for i in self._zip.infolist() if not i.is_dir()}

    def _check(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(f"{self.path}: refused, the archive has {len(infos):,} entries")
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise UnsafeArchive(f"{self.path}: refused, entry «{info.filename}» points outside the archive")
            total += info.file_size
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeArchive(f"{self.path}: refused, entry «{info.filename}» is compressed "
                                    f"{info.file_size // max(info.compress_size, 1):,} to 1 (a zip bomb?)")
        if total > MAX_TOTAL:
            raise UnsafeArchive(f"{self.path}: refused, the archive would unpack to {total / 1024 ** 3:.1f} GiB")

    def names(self) -> list[str]:
        return [i.filename for i in self._by_lower.values()]

    def unpacked_size(self) -> int:
        return sum(i.file_size for i in self._by_lower.values())

    def find(self, name: str) -> str | None:
        info = self._by_lower.get(name.lower())
        return None if info is None else info.filename

    def read(self, name: str) -> bytes:
        info = self._by_lower.get(name.lower())
        if info is None:
            raise CoderError(f"{self.path}: no entry «{name}» in the archive")
        try:
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
            raise CoderError(f"{self.path}: cannot read entry «{name}» ({exc})") from None
        if len(data) > info.file_size:
            raise UnsafeArchive(f"{self.path}: refused, entry «{name}» is larger than its header says")
        return data

    def close(self) -> None:
        self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
