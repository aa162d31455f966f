"""The command palette (ctrl+p) offers every action of the app by name, found by its words
in either language: a Norwegian finds "kodegruppe" in the English app, and "group" works
in the Norwegian one. Each command shows its key as the keymap has it now."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coder.i18n import LANGUAGES, _, using
from coder.tui import strings as S

Entry = tuple[tuple[str, ...], str, str, Callable]     # (titles in every language, title, help, callback)


def in_every_language(msgid: str) -> tuple[str, ...]:
    found: list[str] = []
    for language in LANGUAGES:
        with using(language):
            found.append(_(msgid))
    return tuple(dict.fromkeys(found))


class CoderCommands(Provider):
    def _keys(self) -> dict[str, str]:
        """action name → the key shown for it (after the user's keymap)."""
        keys: dict[str, str] = {}
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            name = binding.action.split("(")[0].rsplit(".", 1)[-1]
            keys.setdefault(name, self.app.get_key_display(binding))
        return keys

    def _entries(self) -> Iterator[Entry]:
        keys = self._keys()
        for name, (title, help_text) in S.msgid.COMMANDS.items():
            action = getattr(self.screen, f"action_{name}", None) or getattr(self.app, f"action_{name}", None)
            if action is not None:
                shown = " · ".join(part for part in (_(help_text) if help_text else "", keys.get(name, "")) if part)
                yield in_every_language(title), _(title), shown, partial(action)
        system = S.msgid.SYSTEM_COMMANDS
        for command in self.app.get_system_commands(self.screen):
            if command.title == "Keys" and hasattr(self.screen, "action_help"):
                continue            # the screen's own help, in the app's language, is offered above
            title, help_text = system.get(command.title, (command.title, command.help))
            yield in_every_language(title) + (command.title,), _(title), _(help_text), command.callback

    def _commands(self) -> Iterator[tuple[str, str, Callable]]:
        for _titles, title, help_text, callback in self._entries():
            yield title, help_text, callback

    async def discover(self) -> Hits:
        for _titles, title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for titles, title, help_text, callback in self._entries():
            score = max(matcher.match(t) for t in titles)
            if score > 0:
                shown = matcher.highlight(title) if matcher.match(title) > 0 else title
                yield Hit(score, shown, callback, text=title, help=help_text)
