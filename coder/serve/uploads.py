"""Files from the browser: a page to upload them into the coder's own folder beside the
project, which is where that coder's app process runs, so the import dialog (`i`) opens
on it. Files from outside are hostile: only a plain base name is kept, nothing is
overwritten, and a size limit holds."""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp import BodyPartReader, web

MAX_BYTES = 200 * 1024 * 1024
CHUNK = 64 * 1024


class TooLarge(Exception):
    pass


def folder(project: Path, coder: str) -> Path:
    """The coder's upload folder: <project>-uploads/<coder>, the name made safe as a folder."""
    safe = re.sub(r"[^\w.-]+", "_", coder).lstrip(".") or "_"
    path = project.with_name(f"{project.stem}-uploads") / safe
    path.mkdir(parents=True, exist_ok=True)
    return path


def safe_name(name: str | None) -> str | None:
    """The base name a browser gave, if it is a plain one (no folders, no dot-files)."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    if not base or base.startswith(".") or "\x00" in base:
        return None
    return base


def free_path(where: Path, name: str) -> Path:
    """name, or "stem (2).suffix" … where a file of that name is there already."""
    path, n = where / name, 1
    while path.exists():
        n += 1
        path = where / f"{Path(name).stem} ({n}){Path(name).suffix}"
    return path


async def receive(request: web.Request, where: Path) -> list[str]:
    """Save every file part of a multipart upload; the names saved."""
    saved: list[str] = []
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name != "file":
            continue
        name = safe_name(part.filename)
        if name is None:
            continue
        target = free_path(where, name)
        partial = target.with_name(f".{target.name}.part")
        size = 0
        try:
            with partial.open("wb") as out:
                while chunk := await part.read_chunk(CHUNK):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise TooLarge(name)
                    out.write(chunk)
            partial.rename(target)
        finally:
            partial.unlink(missing_ok=True)
        saved.append(target.name)
    return saved
