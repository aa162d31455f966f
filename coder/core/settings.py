"""Project settings (`project.settings`): JSON values by key, each change an action."""

from __future__ import annotations

import json
from typing import Any

from coder.i18n import N_
from coder.core import identity
from coder.core.base import Service, writes


class Settings(Service):
    def get(self, key: str, default: Any = None) -> Any:
        return self.store.setting(key, default)

    @writes
    def set(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, ensure_ascii=False)
        with self.store.action(N_("set setting"), key, f"{key} = {encoded}") as act:
            row_id = self.store.one("SELECT id FROM settings WHERE key = ?", [key])
            if row_id is None:
                act.insert("settings", {"key": key, "value": encoded})
            else:
                act.update("settings", row_id, {"value": encoded})
        if key == "coder" and isinstance(value, str) and value.strip():
            self.store.coder = identity.resolve(None, value)

    def set_memo(self, memo: str | None) -> None:
        """The project's own memo."""
        self.set("memo", memo)
