"""The number keys 1–9 of the coding screen: each holds a code, and keeps it while it
is in use, so a researcher's fingers learn them. A code used for the first time takes
an empty key, else the key of the code used longest ago. Kept for the app's run."""

from __future__ import annotations

from collections.abc import Iterable

SIZE = 9


class Slots:
    def __init__(self) -> None:
        self.codes: list[int | None] = [None] * SIZE
        self._by_use: list[int] = []          # slot indices, used longest ago first

    def code(self, key: int) -> int | None:
        """The code on number key `key` (1–9)."""
        return self.codes[key - 1] if 1 <= key <= SIZE else None

    def keys(self) -> dict[int, int]:
        """code id → its number key."""
        return {code: i + 1 for i, code in enumerate(self.codes) if code is not None}

    def use(self, code_id: int) -> None:
        if code_id in self.codes:
            i = self.codes.index(code_id)
        elif None in self.codes:
            i = self.codes.index(None)
        else:
            i = self._by_use[0]
        self.codes[i] = code_id
        if i in self._by_use:
            self._by_use.remove(i)
        self._by_use.append(i)

    def update(self, recent: Iterable[int]) -> None:
        """Drop codes that are gone; fill empty keys with the most recent codes not on one."""
        recent = list(recent)
        known = set(recent)
        for i, code in enumerate(self.codes):
            if code is not None and code not in known:
                self.codes[i] = None
                self._by_use.remove(i)
        free = [c for c in recent if c not in self.codes]
        for i in range(SIZE):
            if self.codes[i] is None and free:
                self.codes[i] = free.pop(0)
                self._by_use.insert(0, i)      # filled, not used: first to give way
