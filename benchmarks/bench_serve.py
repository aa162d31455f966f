"""`coder serve` under load on 127.0.0.1: 10 coders in 10 browser sessions (Debian's
chromium through Playwright) code one project in turns for a bounded time, every app
open and taking in the others' changes.

Figures: key (`1`, apply the most recent code) → the coding on that coder's screen,
median and 90th percentile over all codings; a coding → counted on every other coder's
screen (target ≤ 2 s); and a check that nothing was lost:
PRAGMA integrity_check, every coding a coder saw land is in the project under their
name, and each has its history row. Target: median ≤ 100 ms.
Run: python benchmarks/bench_serve.py [--sessions 10] [--seconds 60]"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from coder.core import Project  # noqa: E402
from coder.serve.access import add_user  # noqa: E402
from tests import serve_host as host  # noqa: E402

DOCUMENT = "intervju"
TARGET_MEDIAN_S = 0.100
TARGET_OTHERS_S = 2.0
SEEN_BY_OTHERS = 5  # codings whose arrival on the other screens is timed
TURNS = 40          # rounds at most (each coder codes one paragraph a round)


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--sessions", type=int, default=10)
    args.add_argument("--seconds", type=float, default=60)
    opts = args.parse_args()
    if not shutil.which("chromium"):
        print("skipped: Debian's chromium is not installed (apt-get install chromium)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path, users = Path(tmp) / "study.coder", Path(tmp) / "users.toml"
        with Project.create(path, coder="setup") as p:
            p.documents.add(DOCUMENT, host.paragraphs_text(opts.sessions * TURNS), kind="interview")
        tokens = {f"c{i:02d}": add_user(users, f"c{i:02d}") for i in range(1, opts.sessions + 1)}
        seen, latencies, others = run(path, users, tokens, opts.seconds)
        return report(path, seen, latencies, others)


def run(path: Path, users: Path, tokens: dict[str, str], seconds: float):
    server = host.Server(str(path), "--users", str(users))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=host.chromium())
            sessions = {c: host.open_coding(browser, f"{server.base}/?token={t}", DOCUMENT) for c, t in tokens.items()}
            seen, latencies = host.code_in_turns(sessions, seconds, TURNS)
            first = next(iter(sessions))
            rounds = seen[first]
            seen[first] += SEEN_BY_OTHERS
            others = seen_by_others(path, sessions, rounds)
            browser.close()
    finally:
        server.stop()
    return seen, latencies, others


def shown_total(session: host.Session) -> int | None:
    """The codings column of the document's row in the documents pane."""
    for line in session.screen.screen.display:
        if DOCUMENT in line.split("│")[0]:
            cells = line.split("│")[0].split()
            return int(cells[-1]) if cells[-1].isdigit() else None
    return None


def seen_by_others(path: Path, sessions: dict[str, host.Session], rounds: int) -> list[float]:
    """The first coder codes SEEN_BY_OTHERS more paragraphs, one at a time; for each, the
    seconds from its coding on their screen until every other session's documents pane
    counts it (the apps look for others' changes once a second)."""
    coder, *rest = sessions.values()
    times = []
    with Project.open(path) as reader:
        for i in range(SEEN_BY_OTHERS):
            paragraph = (rounds + i) * len(sessions)
            host.go_to_line(coder, 2 * paragraph + 1)
            coder.press("s", "1")
            host.wait_coded(coder, paragraph)
            start, total = time.perf_counter(), reader.counts().codings
            for other in rest:
                while shown_total(other) != total:
                    other.page.wait_for_timeout(5)
            times.append(time.perf_counter() - start)
    return times


def report(path: Path, seen: dict[str, int], latencies: list[float], others: list[float]) -> int:
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    with Project.open(path) as p:
        stored = {c: 0 for c in seen}
        for coding in p.codes.codings():
            stored[coding.coder] = stored.get(coding.coder, 0) + 1
        history = {c: 0 for c in seen}
        for entry in p.history.entries():
            if entry.action in ("apply coding", "add code") and entry.coder in history:
                history[entry.coder] += 1
    lost = {c: (n, stored.get(c, 0)) for c, n in seen.items() if stored.get(c, 0) != n}
    unrecorded = {c: (n, history[c]) for c, n in seen.items() if history[c] < n}
    median = statistics.median(latencies)
    p90 = statistics.quantiles(latencies, n=10)[-1]
    print(f"{len(seen)} sessions, {sum(seen.values())} codings seen on screen; integrity_check: {integrity}")
    print(f"  lost (seen, stored): {lost or 'none'}; without a history row: {unrecorded or 'none'}")
    print(f"  key → coding on screen: median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms "
          f"(target median ≤ {TARGET_MEDIAN_S * 1000:.0f} ms) {'OK' if median <= TARGET_MEDIAN_S else 'SLOW'}")
    print(f"  a coding → counted on every other session's screen: median {statistics.median(others):.2f} s, "
          f"slowest {max(others):.2f} s (target ≤ 2 s) {'OK' if max(others) <= TARGET_OTHERS_S else 'SLOW'}")
    return 0 if integrity == "ok" and not lost and not unrecorded else 1


if __name__ == "__main__":
    sys.exit(main())
