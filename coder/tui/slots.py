"""The number keys 1–9 of the coding screen: each holds a code, and keeps it while it
is in use, so a researcher's fingers learn them. A code used for the first time takes
the next free key, else the key of the code used longest ago. A code that goes (undo,
merge, delete) gives up its key and the keys after it close up. Kept for the app's run."""

from __future__ import annotations

from collections.abc import Iterable

SIZE = 9


class Slots:
    def __init__(self) -> None:
        self.codes: list[int] = []           # code ids, key 1 first
        self._by_use: list[int] = []         # the same ids, used longest ago first

    def code(self, key: int) -> int | None:
        """The code on number key `key` (1–9)."""
        return self.codes[key - 1] if 1 <= key <= len(self.codes) else None

    def keys(self) -> dict[int, int]:
        """code id → its number key."""
        return {code: i + 1 for i, code in enumerate(self.codes)}

    def use(self, code_id: int) -> None:
        if code_id not in self.codes:
            if len(self.codes) < SIZE:
                self.codes.append(code_id)
            else:
                oldest = self._by_use.pop(0)
                self.codes[self.codes.index(oldest)] = code_id
        if code_id in self._by_use:
            self._by_use.remove(code_id)
        self._by_use.append(code_id)

    def update(self, recent: Iterable[int]) -> None:
        """Drop codes that are gone; fill free keys with the most recent codes not on one."""
        recent = list(recent)
        known = set(recent)
        self.codes = [c for c in self.codes if c in known]
        self._by_use = [c for c in self._by_use if c in known]
        for code in recent:
            if len(self.codes) >= SIZE:
                break
            if code not in self.codes:
                self.codes.append(code)
                self._by_use.insert(0, code)      # given a key, not used: the first to give way
