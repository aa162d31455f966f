"""`coder serve` in a process of its own, and browser sessions on it: Playwright driving
Debian's chromium (never a browser of Playwright's own download).

The page draws the terminal on a canvas, so a session reads its screen the way the page
does: every frame the server sends over the websocket is fed to a terminal emulator
(pyte) of the size the page asked for."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest

COLUMNS, ROWS = 140, 40


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it with apt-get)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`coder serve PROJECT --port P …` until stopped; `url` is the address it printed."""

    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "coder", "serve", *args, "--port", str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, "CODER_LANG": "en", **(env or {})})
        assert self.proc.stdout is not None
        self.first_line = self.proc.stdout.readline()
        self.base = f"http://127.0.0.1:{self.port}"
        self._wait_listening()

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(f"coder serve ended: {self.first_line}") from None
                time.sleep(0.05)
        raise AssertionError("coder serve did not start listening")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Screen:
    """What the page shows: the server's frames through a terminal emulator."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = 0

    def opened(self, url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        if "width" in query and "height" in query:
            self.screen.resize(int(query["height"][0]), int(query["width"][0]))

    def sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)
            self.frames += 1

    def text(self) -> str:
        return "\n".join(self.screen.display)


class Session:
    """One browser tab on the server, with its screen."""

    def __init__(self, browser, url: str, extra_headers: dict[str, str] | None = None):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900},
                                           extra_http_headers=extra_headers or {})
        self.page = self.context.new_page()
        self.screen = Screen()
        self.page.on("websocket", self._watch)
        self.response = self.page.goto(url)

    def _watch(self, ws) -> None:
        self.screen.opened(ws.url)
        ws.on("framesent", self.screen.sent)
        ws.on("framereceived", self.screen.received)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen.text()
            if text in shown:
                return shown
            self.page.wait_for_timeout(20)
        raise AssertionError(f"{text!r} not on screen within {timeout} s:\n{self.screen.text()}")

    def wait_quiet(self, quiet_s: float = 0.3) -> None:
        """Until the server has sent nothing for a moment (the screen is drawn)."""
        last, since = self.screen.frames, time.monotonic()
        while time.monotonic() - since < quiet_s:
            self.page.wait_for_timeout(20)
            if self.screen.frames != last:
                last, since = self.screen.frames, time.monotonic()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def close(self) -> None:
        self.context.close()


def project_path(tmp: Path) -> Path:
    return tmp / "study.coder"
