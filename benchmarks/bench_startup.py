"""Start-up as the user sees it, against the targets of issue 16:

  - first paint ≤ 1 s from the shell command (`coder PROJECT` on an existing project)
  - demo ready ≤ 5 s on the first run (fresh data folder), progress shown on the terminal

Each run starts the real `coder` command in a pseudo-terminal (80×24) and times until the
screen shows the footer of the main screen (first paint) or the welcome panel (demo).

    python benchmarks/bench_startup.py
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78NOMc])")
TIMEOUT = 60.0


def seconds_until(args: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from starting `args` in an 80×24 pseudo-terminal until `marker` is drawn."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True, close_fds=True)
    os.close(slave)
    seen, needle = b"", marker.encode()
    try:
        while time.perf_counter() - t0 < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if needle in ESCAPES.sub(b"", seen):
                return time.perf_counter() - t0
        raise RuntimeError(f"{marker!r} never drawn; the terminal showed:\n"
                           + ESCAPES.sub(b"", seen).decode(errors="replace")[-2000:])
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        os.close(master)


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24", CODER_LANG="en",
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               CODER_CONFIG=str(home / "config.toml"))
    env.pop("TEXTUAL", None)
    return env


def coder_command() -> list[str]:
    return [sys.executable, "-m", "coder"]


def main() -> None:
    from coder.i18n import _, using
    with using("en"):
        palette = _("Commands")          # the footer's last label: the whole footer is drawn
        welcome = _("Welcome to coder")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        demos = []
        for run in range(3):
            fresh = home / f"run{run}"
            demos.append(seconds_until(coder_command(), welcome, environment(fresh)))
        demo = next((home / "run0" / "data").rglob("*.coder"))
        paints = [seconds_until(coder_command() + [str(demo)], palette, environment(home / "run0"))
                  for _ in range(3)]
    figures["first paint: `coder PROJECT` → footer drawn, median of 3 (s)"] = statistics.median(paints)
    figures["demo ready: `coder` first run → welcome panel, median of 3 (s)"] = statistics.median(demos)
    figures["load average (1 min) while measuring"] = os.getloadavg()[0]
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
