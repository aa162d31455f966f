"""Foundation targets: applying one coding ≤ 5 ms median on a project holding 100,000
codings, and `coder info` on that project ≤ 0.5 s.

    python benchmarks/bench_core.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coder.core import NewSegment, Project  # noqa: E402

SENTENCE = "Folk tenker at vi digitaliserer bort arbeidsplassene i kommunen. "


def build(path: Path, n_codings: int = 100_000) -> None:
    text = SENTENCE * 20_000                       # ~1.3 MB
    with Project.create(path, coder="bench") as p:
        step = len(SENTENCE)
        segments = [NewSegment(i * step, (i + 1) * step - 1, "sentence") for i in range(0, 20_000, 10)]
        doc = p.documents.add("stort intervju", text, kind="interview", segments=segments)
        codes = [p.codes.add(f"Informant sier noe om tema nummer {i} i kommunen") for i in range(200)]
        per_code = n_codings // len(codes)
        for k, code in enumerate(codes):
            spans = [(doc, (k * per_code + i) * 7 % (len(text) - 80),
                      (k * per_code + i) * 7 % (len(text) - 80) + 60) for i in range(per_code)]
            p.codes.apply_many(code, spans, action="bench setup")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.coder"
        t0 = time.perf_counter()
        build(path)
        print(f"setup: 100,000 codings built in {time.perf_counter() - t0:.1f} s")
        with Project.open(path, coder="bench") as p:
            assert p.counts().codings >= 100_000
            doc = p.documents.list()[0].id
            code = p.codes.list()[0].id
            times = []
            for i in range(500):
                t = time.perf_counter()
                p.codes.apply(code, doc, i * 3, i * 3 + 40)
                times.append((time.perf_counter() - t) * 1000)
            undo_times = []
            for _ in range(50):
                t = time.perf_counter()
                p.history.undo()
                undo_times.append((time.perf_counter() - t) * 1000)
        print(f"apply one coding: median {statistics.median(times):.2f} ms, "
              f"p95 {sorted(times)[int(len(times) * 0.95)]:.2f} ms (target ≤ 5 ms median)")
        print(f"undo one coding:  median {statistics.median(undo_times):.2f} ms")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "coder", "info", str(path)], env=env, check=True,
                           capture_output=True)
            runs.append(time.perf_counter() - t)
        print(f"coder info (whole command, process start included): median "
              f"{statistics.median(runs):.3f} s (target ≤ 0.5 s)")


if __name__ == "__main__":
    main()
