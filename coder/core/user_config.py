"""The user's config file (identity.config_path: `$CODER_CONFIG` or the platform's config
folder): the UI language and the keymap. Read leniently (a broken file means defaults);
the language is written back by changing that one line, so the user's other keys and
comments stay as they were."""

from __future__ import annotations

import os
import re
from typing import Any

from coder.core.identity import config_path, configured_language, read_config

_LANGUAGE_LINE = re.compile(r"^\s*language\s*=.*$")
_TABLE_LINE = re.compile(r"^\s*\[")


language = configured_language


def set_language(language: str) -> None:
    """Write `language = "…"` among the top-level keys (before the first [table])."""
    path = config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    line = f'language = "{language}"'
    top = next((i for i, text in enumerate(lines) if _TABLE_LINE.match(text)), len(lines))
    found = next((i for i in range(top) if _LANGUAGE_LINE.match(lines[i])), None)
    if found is None:
        lines.insert(top, line)
    else:
        lines[found] = line
    path.parent.mkdir(parents=True, exist_ok=True)
    # Whole or not at all: the file also holds the user's name and keymap.
    partial = path.with_name(path.name + ".partial")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(partial, path)


def keymap() -> dict[str, str]:
    """[keymap]: binding id → keys ("ctrl+k" or "j,down"); nested tables join with dots."""
    table = read_config().get("keymap")
    return dict(_flatten(table)) if isinstance(table, dict) else {}


def _flatten(table: dict[str, Any], prefix: str = ""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        elif isinstance(value, str) and value.strip():
            yield f"{prefix}{key}", value.strip()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            yield f"{prefix}{key}", ",".join(v.strip() for v in value)
