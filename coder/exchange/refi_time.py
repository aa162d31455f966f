"""Time stamps in REFI-QDA files: written in UTC ending in `Z` (as MAXQDA and NVivo
write them; xsd:dateTime takes either, but a reader that appends `Z` to an offset, as
QualCoder 4.0 does, makes `+00:00Z`); read from any tool, that form included."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

_OFFSET_AND_Z = re.compile(r"([+-]\d{2}:?\d{2})Z$")


@lru_cache(maxsize=4096)           # a project's codings share many a time stamp
def read_stamp(value: str | None) -> str | None:
    """Any tool's stamp → coder's form (UTC, milliseconds, `+00:00`); None if no date."""
    value = _OFFSET_AND_Z.sub(r"\1", (value or "").strip())
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        return stamp.astimezone(UTC).isoformat(timespec="milliseconds")
    except (ValueError, OverflowError):      # not a date, or year 1 in a time zone east of UTC
        return None


def refi_stamp(value: str) -> str:
    """coder's stamp → UTC ending in `Z`, as REFI-QDA tools write it."""
    stamp = read_stamp(value)
    if stamp is None:
        raise ValueError(f"not a time stamp: {value!r}")
    return stamp.removesuffix("+00:00") + "Z"
