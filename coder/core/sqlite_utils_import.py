"""sqlite-utils, imported without numpy and pandas.

sqlite-utils imports numpy and pandas at import time, only to map their scalar types to
column types. coder never hands it such values, and numpy alone costs ~0.1 s on every
`coder` command, so they are hidden while sqlite-utils loads and visible again after.
"""

from __future__ import annotations

import sys

_HIDDEN = ("numpy", "pandas")


def _load():
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import sqlite_utils
        from sqlite_utils.migrations import Migrations
    finally:
        for name in hidden:
            del sys.modules[name]
    return sqlite_utils.Database, Migrations


Database, Migrations = _load()
