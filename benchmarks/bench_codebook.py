"""Codebook speed: export of a 5,000-code codebook in every format (target ≤ 0.5 s),
import of it, and anchoring of the thesis codebook over the thesis' chapter 5.

    python benchmarks/bench_codebook.py

Times are CPU seconds of this process. Each export is timed warm (median of 3, after one untimed run that loads the
format's library); the first, cold run is printed beside it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.core import Project  # noqa: E402
from coder.core.models import NewCode, NewCodebook, NewGroup, NewTheme  # noqa: E402
from coder.exchange.anchoring import anchor  # noqa: E402
from coder.exchange.codebook_export import FORMATS, export_codebook  # noqa: E402
from coder.exchange.codebook_import import import_codebook  # noqa: E402
from coder.ingest import import_files  # noqa: E402

N_CODES, N_GROUPS, N_THEMES = 5000, 250, 10
TARGET_S = 0.5


def synthetic_codebook() -> NewCodebook:
    per_group = N_CODES // N_GROUPS
    groups = [NewGroup(f"Kodegruppe om tema nummer {g}",
                       tuple(NewCode(f"Informant {g % 7} sier at vi må jobbe annerledes med sak {g}-{c} i kommunen",
                                     f"Beskrivelse {g}-{c}" if c % 3 == 0 else None)
                             for c in range(per_group)), number=g + 1, is_rest=(g == 0))
              for g in range(N_GROUPS)]
    per_theme = N_GROUPS // N_THEMES
    return NewCodebook(themes=tuple(NewTheme(f"Tema om område {t}",
                                             tuple(groups[1 + t * per_theme:1 + (t + 1) * per_theme]),
                                             number=t + 1) for t in range(N_THEMES)),
                       groups=(groups[0],))


def timed(fn) -> float:
    """CPU seconds of this process: on a shared, busy machine wall time mostly measures
    the neighbours (the wall time is printed once, at the end, for comparison)."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with Project.create(tmp / "big.coder", coder="bench") as p:
            book = synthetic_codebook()
            seconds = timed(lambda: p.codebook.import_codebook(book, "bench"))
            print(f"import {N_CODES:,} codes as one action: {seconds:.2f} s")
            p.codebook.project_uuid()
            print(f"codebook export, {p.counts().codes:,} codes, {p.counts().groups} groups, "
                  f"{p.counts().themes} themes (target ≤ {TARGET_S} s):")
            for fmt in FORMATS:
                out = tmp / f"cb.{fmt}"
                def export(out=out, fmt=fmt):
                    return export_codebook(p, out, fmt, descriptions=True, counts=True)
                cold = timed(export)
                warm = statistics.median(timed(export)
                                         for _ in range(3))
                verdict = "ok" if warm <= TARGET_S else "OVER"
                wall = time.perf_counter()
                export_codebook(p, out, fmt, descriptions=True, counts=True)
                wall = time.perf_counter() - wall
                print(f"  {fmt:<5} {warm:6.3f} s warm   {cold:6.3f} s cold   ({wall:5.3f} s wall)  "
                      f"{out.stat().st_size / 1e6:5.2f} MB  {verdict}")
            for fmt in ("md", "csv", "qdc"):
                with Project.create(tmp / f"re_{fmt}.coder") as q:
                    seconds = timed(lambda q=q, fmt=fmt: import_codebook(q, tmp / f"cb.{fmt}"))
                    print(f"  re-import .{fmt}: {seconds:.2f} s")
        with Project.create(tmp / "thesis.coder", coder="bench") as p:
            import_files(p, [ROOT / "tests" / "data" / "thesis_chapter5.txt"], kind="interview")
            import_codebook(p, ROOT / "codebooks" / "thesis_codebook.md")
            result = []
            seconds = timed(lambda: result.append(anchor(p)))
            print(f"anchoring 240 thesis codes over chapter 5 ({p.documents.get(1).length:,} characters): "
                  f"{seconds:.2f} s, {result[0].anchored} anchored ≥ {result[0].threshold:g}")


if __name__ == "__main__":
    main()
