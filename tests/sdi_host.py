"""A minimal host app for driving the SDI screens with Pilot: `screen_factory(project)`
makes the screen, which gets the project in its constructor."""

from __future__ import annotations

from textual.app import App


class Host(App):
    def __init__(self, project, screen_factory):
        super().__init__()
        self.project = project
        self.screen_factory = screen_factory
        self.opened: list[tuple[int, int, int]] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory(self.project))

    def on_open_quote(self, message) -> None:
        self.opened.append((message.document_id, message.start, message.end))
