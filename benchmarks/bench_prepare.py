"""Speed of text preparation.

    python benchmarks/bench_prepare.py [SEEDS_DIR]    # default ../shared/seeds

Targets: the five seeds (0.8 MB) prepared well under ~1.2 s (import of all five within
2 s including storage); a 5 MB transcript well under 5 s with memory <= 500 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(label: str, fn):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(f"{label:<56} {time.perf_counter() - start:6.2f} s wall {time.process_time() - cpu:6.2f} s cpu")
    return result


def transcript(size: int) -> str:
    """A synthetic interview: the corpus's informant quotes as timed turns, repeated."""
    quotes = [q for p in sorted((ROOT / "corpus" / "interviews").glob("informant_*.txt"))
              for q in p.read_text(encoding="utf-8").split("\n\n") if q.strip()]
    lines, total, i = [], 0, 0
    while total < size:
        minute, second = divmod(i * 7, 60)
        turn = (f"[{minute // 60:02d}:{minute % 60:02d}:{second:02d}] Intervjuer: Kan du si mer om det?\n"
                f"Informant A: {quotes[i % len(quotes)]}\n")
        lines.append(turn)
        total += len(turn.encode("utf-8"))
        i += 1
    return "".join(lines)


def main() -> None:
    print("(wall time suffers when other processes share the cores; cpu time less so)")
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    raws = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    size = sum(len(r.encode("utf-8")) for r in raws)
    print(f"{len(raws)} seeds, {size / 1e6:.2f} MB")

    from coder.text.prepare import prepare_text
    from coder.text.repair import looks_pdf_extracted, repair_pdf_text
    from coder.text.segment import sentence_pipeline

    timed("spaCy import + blank pipeline (once per process)", lambda: sentence_pipeline("nb"))
    timed("looks_pdf_extracted, five seeds", lambda: [looks_pdf_extracted(r) for r in raws])
    timed("repair_pdf_text, five seeds", lambda: [repair_pdf_text(r) for r in raws])
    prepared = timed("prepare_text, five seeds (cold vocabulary)", lambda: [prepare_text(r, pdf=True) for r in raws])
    timed("prepare_text, five seeds (again, warm)", lambda: [prepare_text(r, pdf=True) for r in raws])
    print(f"{'spans':<52} {sum(len(p.spans) for p in prepared):6d}")

    text = transcript(5_000_000)
    result = timed(f"prepare_text, {len(text.encode()) / 1e6:.1f} MB transcript (interview)",
                   lambda: prepare_text(text, kind="interview"))
    turns = sum(1 for s in result.spans if s.kind == "turn")
    print(f"{'turns / spans':<52} {turns} / {len(result.spans)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory of the process (RSS)':<52} {peak:6.0f} MB")


if __name__ == "__main__":
    main()
