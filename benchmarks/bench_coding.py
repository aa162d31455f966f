"""The coding loop at scale, against the targets of issue 16 (medians, headless):

  - key → coding on screen ≤ 16 ms, at 100,000 codings and a 20 MB document
  - key → every pane updated (reader, documents, codes) ≤ 30 ms, same project
  - palette key → redrawn ≤ 25 ms at 5,000 codes

    python benchmarks/bench_coding.py [--small]     # --small: 1 MB and 10,000 codings
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_tui import WORDS, fake_text, paragraphs, visible_render  # noqa: E402

from coder.core import NewDocument, Project  # noqa: E402

RUNS = 15


def build(path: Path, chars: int, codings: int, codes: int) -> Project:
    """One big document first (it opens), twenty interviews, `codings` spread over all."""
    project = Project.create(path, coder="bench")
    big = fake_text(chars, 0)
    small = [fake_text(50_000, seed) for seed in range(1, 21)]
    ids = project.documents.add_many([NewDocument("a big report", big, segments=paragraphs(big))] +
                                     [NewDocument(f"interview {i:02d}", t) for i, t in enumerate(small)])
    lengths = [len(big)] + [len(t) for t in small]
    rng = random.Random(1)
    code_texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))) + f" {i}" for i in range(codes)]
    per_batch = max(1, codings // codes)
    done = 0
    for text in code_texts:
        spans = []
        for _ in range(min(per_batch, codings - done)):
            k = 0 if rng.random() < 0.5 else rng.randrange(1, len(ids))
            start = rng.randrange(0, lengths[k] - 600)
            spans.append((ids[k], start, start + rng.randint(20, 600)))
        if spans:
            project.codes.apply_many(text, spans)
        elif project.codes.by_text(text) is None:
            project.codes.add(text)
        done += len(spans)
    return project


async def coding_figures(project: Project) -> dict[str, float]:
    from coder.tui.app import make_app
    app = make_app(project)
    on_screen, all_panes, panes_work, palette = [], [], [], []
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        reader = screen.reader
        await pilot.pause()
        rng = random.Random(2)
        for _ in range(RUNS):
            start = rng.randrange(0, len(reader.text) - 400)
            reader.select(start, start + 300)
            await pilot.pause()
            t0 = time.perf_counter()
            screen.action_recent(1)          # key 1: write the coding, draw it
            visible_render(reader)
            t1 = time.perf_counter()
            screen._panes_after_coding()     # then the side panes follow (scheduled after the paint)
            tp = time.perf_counter()
            screen._compositor.render_update(full=True)    # every pane drawn, the whole screen
            t2 = time.perf_counter()
            panes_work.append((tp - t1) * 1000)
            on_screen.append((t1 - t0) * 1000)
            all_panes.append((t2 - t0) * 1000)
            await pilot.pause()
        # palette: the keystroke's handler (rank, near-duplicate, options) and the redraw of
        # the whole screen; Pilot's own press adds ~60 ms of harness waiting, so it is left out.
        reader.select(1000, 1300)
        await pilot.press("c")
        await pilot.pause()
        shown = app.screen
        for query in ["folk tenker", "lederne ansv", "kompetanse"]:
            for i in range(1, len(query) + 1):
                t0 = time.perf_counter()
                shown._update(query[:i])
                shown._compositor.render_update(full=True)
                palette.append((time.perf_counter() - t0) * 1000)
                await pilot.pause()
    return {"key → coding on screen, median (ms)": statistics.median(on_screen),
            "key → side panes' data updated (before drawing), median (ms)": statistics.median(panes_work),
            "key → every pane updated and the screen drawn, median (ms)": statistics.median(all_panes),
            "palette key → redrawn, median (ms)": statistics.median(palette)}


def main() -> None:
    small = "--small" in sys.argv
    chars, codings, codes = (1_000_000, 10_000, 5_000) if small else (20_000_000, 100_000, 5_000)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"building: {chars:,} chars, {codings:,} codings, {codes:,} codes …", flush=True)
        t0 = time.perf_counter()
        project = build(Path(tmp) / "big.coder", chars, codings, codes)
        print(f"built in {time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        project.codes.apply(1, project.documents.list()[0].id, 0, 10)
        figures = {"core: one coding on the big document (ms)": (time.perf_counter() - t0) * 1000}
        figures.update(asyncio.run(coding_figures(project)))
        project.close()
    figures["load average (1 min) while measuring"] = os.getloadavg()[0]
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:8.2f}")


if __name__ == "__main__":
    main()
