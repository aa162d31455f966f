"""Speed of the SDI screens and analysis on a large codebook: 5,000 sentence-long codes
(about 11 words, like the thesis in seed 003), 100 groups, half the codes grouped.

Targets: the codebook screen opens in <= 0.5 s; moving a code takes <= 20 ms.
Run: python benchmarks/bench_sdi.py   (prints the figures)"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coder.core import Project  # noqa: E402

WORDS = ("folk tenker at vi digitaliserer bort arbeidsplassene kommunen er ganske pressa og det å få "
         "kjørt en sånn prosess blir utfordring ansatte må hjelp til ta de første skrittene ved innføring "
         "av ny løsning ledelse mangler visjon strategi gevinster kommer på områdene som digitaliseres "
         "kompetanse kultur endringsvilje motstand samarbeid innbyggerne tjenester teknologi").split()
N_CODES, N_GROUPS, N_DOCS = 5000, 100, 20


def build(path: Path) -> Project:
    rng = random.Random(7)
    p = Project.create(path, coder="bench")
    doc_text = " ".join(rng.choice(WORDS) for _ in range(20000))
    docs = [p.documents.add(f"Intervju {i:02d}", f"{i} {doc_text}", kind="interview",
                           attributes={"informant": f"Informant {chr(65 + i % 8)}"}) for i in range(N_DOCS)]
    texts = set()
    while len(texts) < N_CODES:
        texts.add(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize())
    code_ids = []
    for text in sorted(texts):
        doc = rng.choice(docs)
        start = rng.randrange(0, 100000)
        # each code is created by coding two passages, the way codes are made while reading
        code_ids.append(p.codes.apply_many(text, [(doc, start, start + 120), (doc, start + 500, start + 640)])
                        and p.codes.by_text(text).id)
    for g in range(N_GROUPS):
        p.grouping.create_group(f"Gruppe av koder nummer {g}", code_ids[g * 25:(g + 1) * 25],
                       is_rest=(g == N_GROUPS - 1))
    return p


async def measure(p: Project) -> dict[str, float]:
    from textual.app import App

    from coder.tui.screens.codebook import CodebookScreen

    class Host(App):
        def __init__(self):
            super().__init__()
            self.project = p

    app = Host()
    out = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        t = time.perf_counter()
        screen = CodebookScreen(p)
        await app.push_screen(screen)
        await pilot.pause()
        out["open codebook screen (mount + first paint) s"] = time.perf_counter() - t
        t = time.perf_counter()
        screen.reload()
        out["reload all data and rows s"] = time.perf_counter() - t
        ungrouped = [r.id for r in screen.left.rows]
        groups = [g.id for g in screen.groups]
        moves, paints = [], []
        for i in range(30):
            t = time.perf_counter()
            screen.move_codes([ungrouped[i]], groups[i % len(groups)])
            moves.append(time.perf_counter() - t)
            t = time.perf_counter()
            await pilot.pause()
            paints.append(time.perf_counter() - t)
        assert len(screen.left.rows) == len(ungrouped) - 30
        out["move a code (project + redraw), median ms"] = statistics.median(moves) * 1000
        out["move a code, max ms"] = max(moves) * 1000
        out["next paint after a move, median ms"] = statistics.median(paints) * 1000
        out["idle Pilot pause (overhead in the paint figure), ms"] = await idle_pause(pilot) * 1000
        app.pop_screen()
        await pilot.pause()
        t = time.perf_counter()
        await app.push_screen(CodebookScreen(p))
        await pilot.pause()
        out["open codebook screen again (styles cached) s"] = time.perf_counter() - t
        app.pop_screen()
        from coder.tui.screens.review import ReviewScreen
        t = time.perf_counter()
        await app.push_screen(ReviewScreen(p))
        await pilot.pause()
        out["open review screen (tree, matrix, co-occurrence, bars) s"] = time.perf_counter() - t
    return out


async def idle_pause(pilot) -> float:
    times = []
    for _ in range(10):
        t = time.perf_counter()
        await pilot.pause()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        p = build(Path(tmp) / "bench.coder")
        print(f"built {N_CODES} codes, {N_GROUPS} groups, {N_DOCS} documents in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        p.grouping.move_codes([p.grouping.ungrouped_code_ids()[0]], p.grouping.groups()[0].id)
        print(f"Project.move_codes alone: {(time.perf_counter() - t) * 1000:.1f} ms")
        from coder.analysis import review, sdi
        from coder.core import similar
        for name, fn in [("check_report", lambda: sdi.check_report(p)),
                         ("review_tree", lambda: review.review_tree(p)),
                         ("matrix theme x informant", lambda: review.matrix(p, "group", "informant")),
                         ("near_duplicates (5,000 codes)", lambda: similar.near_duplicates(p))]:
            t = time.perf_counter()
            fn()
            print(f"{name}: {(time.perf_counter() - t) * 1000:.0f} ms")
        for name, value in asyncio.run(measure(p)).items():
            print(f"{name}: {value:.3f}" if name.endswith(" s") else f"{name}: {value:.1f}")
        p.close()


if __name__ == "__main__":
    main()
