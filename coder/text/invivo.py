"""In-vivo code candidates: the informant's own words from a selection, with fillers
("eh", "altså", "liksom", "på en måte") and stray punctuation removed."""

from __future__ import annotations

import functools
import re
from importlib import resources

_EDGE = re.compile(r"^[\s,;:–—\-.…]+|[\s,;:–—\-.…]+$")


@functools.cache
def fillers(language: str = "nb") -> tuple[str, ...]:
    """The filler list for a language, longest phrase first so phrases win over words."""
    data = resources.files("coder.text").joinpath("data", f"fillers_{language}.txt")
    try:
        lines = data.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ()
    words = {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(words, key=lambda w: (-len(w.split()), -len(w), w)))


@functools.cache
def _filler_pattern(language: str) -> re.Pattern | None:
    phrases = fillers(language)
    if not phrases:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    # A filler is a whole word or phrase, with the commas that often set it off.
    return re.compile(rf"(?:,\s*)?(?<!\w)(?:{alternatives})(?!\w)\s*,?", re.IGNORECASE)


def invivo_text(selected: str, language: str = "nb") -> str:
    """The selected words trimmed of fillers, ready to be edited into a code."""
    text = re.sub(r"\s+", " ", selected)
    pattern = _filler_pattern(language)
    if pattern is not None:
        text = pattern.sub(" ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r"\s+", " ", text)
    text = _EDGE.sub("", text.strip())
    text = text.strip("«»\"'“”").strip()
    return text[:1].upper() + text[1:] if text else text
