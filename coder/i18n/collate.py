"""Norwegian order for names: case-insensitive, æ ø å after z, accents sorted with their letter.

Babel has no collation and PyICU is a C++ build for one rule, so the rule is here: the Norwegian
alphabet (a–z, æ, ø, å), with ä/ö/ü sorted as æ/ø/y and other accents dropped, as the Norwegian
standard (NS 4113) orders them. Used for bokmål and English alike: a Norwegian codebook in an
English UI still holds Norwegian words."""

from __future__ import annotations

import unicodedata

# Letters after z, as the private characters just above 'z' ('{', '|', '}') order them.
_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}", "ü": "y"}


def _primary(text: str) -> str:
    out = []
    for char in text.casefold():
        if char in _AFTER_Z:
            out.append(_AFTER_Z[char])
            continue
        base = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


def sort_key(text: str) -> tuple[str, str]:
    """Key for sorted(): the Norwegian order, then the exact text so equal keys stay stable."""
    return _primary(text), text
