"""The footer in the current language. Binding descriptions are catalogue msgids (English,
fixed when a class is made); this footer translates them each time it is drawn, so a
language switch shows at the next `refresh_bindings`."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as _Footer
from textual.widgets._footer import FooterKey

from coder.i18n import _


def translated(text: str | None) -> str:
    return _(text) if text else (text or "")


class Footer(_Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = translated(widget.description)
                if isinstance(widget.tooltip, str):
                    widget.tooltip = translated(widget.tooltip)
            yield widget
