"""Stable colours for codes and coders: a code's own colour if it has one, else one
picked from a palette of well-separated hues by its id (coders: by name)."""

from __future__ import annotations

import zlib

PALETTE = ("#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
           "#f032e6", "#bfef45", "#fabed4", "#469990", "#dcbeff", "#9a6324", "#fffac8",
           "#800000", "#aaffc3", "#808000", "#ffd8b1", "#a9a9a9")


def code_colour(code_id: int, own: str | None = None) -> str:
    return own or PALETTE[code_id % len(PALETTE)]


def coder_colour(name: str) -> str:
    return PALETTE[zlib.crc32(name.encode()) % len(PALETTE)]


def blend(colour: str, base: str, share: float) -> str:
    """`share` of colour over base, as #rrggbb (terminal cells have no alpha)."""
    c = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * share + y * (1 - share)):02x}" for x, y in zip(c, b))
