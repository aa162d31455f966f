"""Binding ids, so the user's `[keymap]` (config.toml) can remap any key, as posting does.

Each screen's BINDINGS pass through `with_ids(prefix, …)`: a binding without an id gets
`prefix.action`, its arguments joined by dots ("coding.code", "coding.recent.3",
"reader.move.-1.true"); the app applies the keymap with Textual's `App.set_keymap`."""

from __future__ import annotations

import re
from dataclasses import replace

from textual.binding import Binding, BindingType

_SEPARATORS = re.compile(r"\s*[(),]\s*")


def binding_id(prefix: str, action: str) -> str:
    name, _, args = action.partition("(")
    parts = [name.rsplit(".", 1)[-1]] + [a.lower() for a in _SEPARATORS.split(args) if a]
    return ".".join([prefix, *parts])


def with_ids(prefix: str, bindings: list[BindingType]) -> list[BindingType]:
    out: list[BindingType] = []
    for b in bindings:
        binding = b if isinstance(b, Binding) else Binding(*b)
        out.append(binding if binding.id else replace(binding, id=binding_id(prefix, binding.action)))
    return out
