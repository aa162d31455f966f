"""Write an export whole or not at all: every exporter writes through `write_atomically`.

    write_atomically(path, data) -> path      data: bytes, or a function that writes to a binary file
    check_target(path)                        the same checks on the target, before any work

The file is written beside its target under a hidden temporary name, synced, and moved
over the target in one rename. On any failure (a full disk, no permission, a bug in a
writer) the temporary file is removed and an existing target is left as it was; what
the system said comes back as one CoderError line naming the target.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from coder.core.errors import CoderError
from coder.core.store import regular_file
from coder.i18n import _


def write_atomically(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    path = Path(path)
    real = check_target(path)
    try:
        fd, tmp = _create_beside(real)
    except OSError as exc:
        raise CoderError(_("{path}: cannot be written ({why})").format(path=path, why=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())        # a full disk must show here, before the old file goes
        if real.exists():
            os.chmod(tmp, stat.S_IMODE(real.stat().st_mode))
        os.replace(tmp, real)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise CoderError(_("{path}: cannot be written ({why})").format(
                path=path, why=exc.strerror or exc)) from None
        raise
    return path


def check_target(path: Path) -> Path:
    """The file to replace: a symlink's target (the link stays), never a folder or device.
    Exporters call it before their work too, so a bad target fails at once."""
    real = Path(os.path.realpath(path))
    if regular_file(path, CoderError, missing=None, unreadable=_("cannot be written"),
                    folder=_("is a folder; give a file name to write to"),
                    other=_("not a regular file; give a file name to write to")) is None:
        if not real.parent.is_dir():
            raise CoderError(_("{path}: the folder {folder} does not exist").format(path=path, folder=path.parent))
        return real
    if not os.access(path, os.W_OK):      # a rename would replace a file its owner locked
        raise CoderError(_("{path}: cannot be written (the file is read-only)").format(path=path))
    return real


def _create_beside(target: Path) -> tuple[int, str]:
    """A new hidden file in the target's folder. Not mkstemp: its mode 0600 would hide
    the export from others; this one gets the mode (umask) of any newly made file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def refuse_project_files(output: Path, project: Path) -> None:
    """An export written over the project (or its -wal/-shm) would destroy it."""
    for name in (project, *(project.with_name(project.name + s) for s in ("-wal", "-shm", "-journal"))):
        if _same_file(output, name):
            raise CoderError(_("{output}: is the project's own file; choose another name to export to")
                             .format(output=output))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)        # stat only: the project file is never opened here
    except OSError:
        return a.resolve() == b.resolve()
