"""`coder serve` in a process of its own, and browser sessions on it: Playwright driving
Debian's chromium (never a browser of Playwright's own download).

The page draws the terminal on a canvas, so a session reads its screen the way the page
does: every frame the server sends over the websocket is fed to a terminal emulator
(pyte) of the size the page asked for."""

from __future__ import annotations

import json
import os
import re
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
        self.messages: list[str] = []      # the page's own messages (downloads, URLs to open)

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
        else:
            self.messages.append(payload)

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

    def wait_quiet(self, quiet_s: float = 0.3, at_most_s: float = 3.0) -> None:
        """Until the server has sent nothing for a moment (the screen is drawn), or at most
        `at_most_s` (others' changes keep a busy session's screen moving)."""
        last, since, until = self.screen.frames, time.monotonic(), time.monotonic() + at_most_s
        while time.monotonic() - since < quiet_s and time.monotonic() < until:
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


# ---- many coders at once (tests/test_serve_browser.py, benchmarks/bench_serve.py) ----

def paragraphs_text(n: int) -> str:
    """n short one-line paragraphs: each coding is one paragraph, the next is two lines down."""
    return "\n\n".join(f"Informant {i} sa at endringen kom for fort for oss." for i in range(n)) + "\n"


def open_coding(browser, url: str, document: str) -> Session:
    session = Session(browser, url)
    session.wait_for(f"{document} · line", timeout=60)
    session.page.focus(".xterm-helper-textarea")
    session.wait_quiet()
    return session


def coded_on_screen(session: Session, paragraph: int) -> bool:
    """The reader shows a margin bar beside paragraph `paragraph` (see paragraphs_text)."""
    words = f"Informant {paragraph} sa at"
    for line in session.screen.screen.display:
        at = line.find(words)
        if at >= 0:
            return "┃" in line[line.find("│"):at]
    return False


def wait_coded(session: Session, paragraph: int, timeout: float = 20.0) -> float:
    """Seconds until the paragraph shows as coded (polling every 2 ms)."""
    start = time.perf_counter()
    while not coded_on_screen(session, paragraph):
        if time.perf_counter() - start > timeout:
            raise AssertionError(f"paragraph {paragraph} not coded on screen within {timeout} s:\n"
                                 f"{session.screen.text()}")
        session.page.wait_for_timeout(2)
    return time.perf_counter() - start


def go_to_line(session: Session, line: int) -> None:
    """Move the reader's cursor to `line` (1-based) with the arrow keys, reading where it is
    from the status line ("intervju · line 5/80"); the last selection is cleared first (else
    `s` would extend it), and the cursor goes to the line's start (the arrows keep the column)."""
    session.press("Escape")
    session.wait_quiet(0.15, at_most_s=0.5)
    found = re.search(r"· line (\d+)/", session.screen.text())
    assert found, session.screen.text()
    steps = line - int(found.group(1))
    session.press(*(["ArrowDown"] * steps if steps > 0 else ["ArrowUp"] * -steps), "Home")


# One code per coder, far enough apart that the palette never offers one for another.
CODES = ("Det går for fort", "Ingen ble spurt om endringen", "Lederne lytter ikke til oss",
         "Vi mister arbeidsplassene", "Systemet er vanskelig å bruke", "Opplæringen kom for sent",
         "Kommunen sparer penger", "Innbyggerne merker lite", "IT-avdelingen er presset", "Tilliten ble borte")


def code_in_turns(sessions: dict[str, Session], seconds: float, turns: int) -> tuple[dict[str, int], list[float]]:
    """Each coder in turn codes their next paragraph (coder i of n codes paragraphs i, n + i,
    2n + i, …; its own code, made with `c` on the first turn, then applied with `1`, the most
    recent code; CODES[i] for coder i), while the others' apps stay open and take in the change. Stops after
    `seconds` of rounds with `1` or `turns` rounds. Returns the codings each coder saw land on their screen,
    and the seconds from the key `1` to the coding on screen."""
    seen = dict.fromkeys(sessions, 0)
    latencies: list[float] = []
    n, start = len(sessions), time.perf_counter()
    for turn in range(turns):
        if turn == 1:
            start = time.perf_counter()         # the first round (making the codes) is not timed
        elif time.perf_counter() - start > seconds:
            break
        for i, (coder, session) in enumerate(sessions.items()):
            paragraph = turn * n + i
            go_to_line(session, 2 * paragraph + 1)
            session.press("s")
            if turn == 0:
                session.press("c")
                session.wait_for("type to find a code")
                session.type(CODES[i])
                session.press("Enter")
                wait_coded(session, paragraph)
            else:
                session.wait_quiet(0.05)        # the selection is drawn: the key alone is timed
                session.press("1")
                latencies.append(wait_coded(session, paragraph))
            seen[coder] += 1
    return seen, latencies
