"""The command palette (ctrl+p) offers every action of the app by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coder.tui import strings as S


class CoderCommands(Provider):
    def _commands(self):
        app = self.app
        for name, (title, help_text) in S.COMMANDS.items():
            action = getattr(app, f"action_{name}", None)
            if action is not None:
                yield title, help_text, partial(action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
