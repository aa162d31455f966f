"""The real app, headless (Textual's Pilot), in a process of its own, driven by lines on
stdin, for tests that run other programs or kill -9 beside it.

Commands: `undo`, `code` (select the sentence at a fresh place and press 1: the most
recent code), `codeloop N`, `wait SECONDS`, `quit`. It prints `ready`, then for each
command `toast: …` for every notification and `done: ID …` with the history ids of the
actions the app made, as soon as they have returned (committed), then `end`."""

from __future__ import annotations

import asyncio
import sys

from coder.core import Project
from coder.tui.app import make_app
from coder.tui.widgets.reader import Reader


def say(line: str) -> None:
    print(line, flush=True)


async def main(path: str, coder: str) -> None:
    with Project.open(path, coder=coder) as project:
        app = make_app(project)
        notify = app.notify
        def notify_and_print(message, *args, **kwargs):
            say(f"toast: {message}")
            return notify(message, *args, **kwargs)
        app.notify = notify_and_print
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            host = Host(app, pilot, project)
            say("ready")
            loop = asyncio.get_running_loop()
            while line := (await loop.run_in_executor(None, sys.stdin.readline)).split():
                if line[0] == "quit":
                    break
                await host.run(line)
                say("end")


class Host:
    def __init__(self, app, pilot, project):
        self.app, self.pilot, self.project = app, pilot, project
        self.reported = set(project.history.own_actions)
        self.turn = 0

    async def run(self, line: list[str]) -> None:
        if line[0] == "undo":
            await self.pilot.press("ctrl+z")
        elif line[0] == "code":
            await self.code()
        elif line[0] == "codeloop":
            for _ in range(int(line[1])):
                await self.code()
        elif line[0] == "wait":
            await self.pilot.pause(float(line[1]))
        await self.pilot.pause()
        self.report()

    async def code(self) -> None:
        reader = self.app.screen.query_one(Reader)
        text = reader.text or ""
        if text:
            self.turn += 1
            reader.cursor = (self.turn * 997) % len(text)
            await self.pilot.press("s", "1")
        self.report()

    def report(self) -> None:
        new = sorted(set(self.project.history.own_actions) - self.reported)
        if new:
            self.reported.update(new)
            say("done: " + " ".join(map(str, new)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
