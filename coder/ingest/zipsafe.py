"""Open zip archives from other programs without trusting them.

A .qdpx is a zip, and so are .docx, .odt and .xlsx. Before anything is read the whole
directory of the archive is checked: no absolute paths or `..` (zip-slip), no archive
that would unpack to more than its limit (MAX_TOTAL, or less for one document), and
nothing compressed more than MAX_RATIO to one (zip bombs): no large entry, and not the
archive as a whole, so many small bombs cannot add up. Text compresses 3-30 times.
Reading an entry stops at its declared size, so a lying header cannot blow up memory
(Python's zipfile, which python-docx, odfpy and openpyxl use, stops there too).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from coder.core.errors import CoderError
from coder.i18n import _
from coder.i18n.format import number

MAX_TOTAL = 2 * 1024 ** 3          # 2 GiB unpacked: far beyond any text project
DOCUMENT_MAX_TOTAL = 512 * 1024 ** 2   # one .docx/.odt/.xlsx, pictures included (Word's own limit)
MAX_ENTRIES = 100_000
MAX_RATIO = 200                    # text compresses ~3-30×; bombs compress ~1000×
RATIO_FLOOR = 1024 * 1024          # below this an entry, or a whole archive, may compress as it likes


class UnsafeArchive(CoderError):
    pass


def _shown(name: str) -> str:
    """An entry's name on one line, not too long: it comes from the archive."""
    name = "".join(ch if ch.isprintable() else "?" for ch in name)
    return name if len(name) <= 80 else name[:80] + "…"


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


def _bomb(size: int, packed: int) -> bool:
    return size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1)


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.1f} GiB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:,.1f} MiB"


class SafeZip:
    """A checked, read-only view of a zip archive; entries are found case-insensitively."""

    def __init__(self, path: str | Path, max_total: int | None = None):
        self.path = Path(path)
        self.max_total = MAX_TOTAL if max_total is None else max_total
        try:
            self._zip = zipfile.ZipFile(self.path)
        except Exception as exc:  # zipfile's errors on a damaged directory are of many kinds
            raise CoderError(_("{path}: not a readable zip archive ({exc})")
                             .format(path=self.path, exc=_shown(str(exc)))) from None
        try:
            self._check()
        except UnsafeArchive:
            self._zip.close()
            raise
        self._by_lower = {i.filename.lower(): i for i in self._zip.infolist() if not i.is_dir()}

    def _check(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(_("{path}: refused, the archive has {n} entries")
                                .format(path=self.path, n=number(len(infos))))
        for info in infos:
            if _unsafe_name(info.filename):
                raise UnsafeArchive(_("{path}: refused, entry «{filename}» points outside the archive")
                                    .format(path=self.path, filename=_shown(info.filename)))
            if _bomb(info.file_size, info.compress_size):
                raise UnsafeArchive(_("{path}: refused, entry «{name}» is compressed {ratio} to 1 (a zip bomb?)")
                                    .format(path=self.path, name=_shown(info.filename),
                                            ratio=number(info.file_size // max(info.compress_size, 1))))
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
        if total > self.max_total:
            raise UnsafeArchive(_("{path}: refused, the archive would unpack to {total}")
                                .format(path=self.path, total=_size(total)))
        if _bomb(total, packed):
            raise UnsafeArchive(_("{path}: refused, its {n} entries are compressed {ratio} to 1 and would unpack "
                                  "to {size} (a zip bomb?)").format(path=self.path, n=number(len(infos)),
                                                                    ratio=number(total // max(packed, 1)),
                                                                    size=_size(total)))

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
            raise CoderError(_("{path}: no entry «{name}» in the archive").format(path=self.path, name=_shown(name)))
        try:
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
            raise CoderError(_("{path}: cannot read entry «{name}» ({exc})")
                             .format(path=self.path, name=_shown(name), exc=exc)) from None
        if len(data) > info.file_size:
            raise UnsafeArchive(_("{path}: refused, entry «{name}» is larger than its header says")
                                .format(path=self.path, name=_shown(name)))
        return data

    def close(self) -> None:
        self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
