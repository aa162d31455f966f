"""Import speed and memory: python benchmarks/bench_import.py

Targets: the five seeds (0.8 MB) ≤ 2 s; 20,000 survey comments in one .csv ≤ 5 s; one
5 MB transcript ≤ 5 s; peak memory ≤ 500 MB. Each case runs in a fresh process (so the
time includes loading spaCy and the lemma tables, but not Python's start) and reports
the peak resident memory of that process or of its worker, whichever is
higher. CPU seconds (of the process and, apart, of its worker) are printed
beside the wall-clock seconds: on a shared machine they show what the import costs.
Then `coder import` itself is timed as a user runs it, from process start to exit
(median of 3): the verdict is on that figure, which is what a user waits for (it
includes Python's start; the ingest service starts the sentence worker as the import begins).
Python's bytecode cache is on for it (in a temporary folder, filled by one untimed
run), as it is for a user: `pip install .` compiles the modules, while this machine's
PYTHONDONTWRITEBYTECODE would otherwise have every run compile them from source.
Every run is a fresh process, so it loads simplemma's dictionary and meets every
word for the first time, as for material coder has not seen before; its time includes
filling the project's search index (triggers, in the import's transaction).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen  # noqa: E402

CASES = {"seeds": 2.0, "survey": 5.0, "transcript": 5.0}


def prepare(case: str, work: Path) -> Path:
    if case == "seeds":
        folder = work / "seeds"
        folder.mkdir()
        for f in corpus_gen.seed_files():
            shutil.copy(f, folder / f.name)
        return folder
    if case == "survey":
        return corpus_gen.survey_csv(work / "comments.csv")
    return corpus_gen.transcript(work / "intervju.txt")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(owner, name: str, parts: dict) -> None:
    """Wrap owner.name so its seconds add up in parts[name]: CPU seconds, except for
    waiting (Pending.result), which counts wall-clock seconds."""
    original = getattr(owner, name)
    clock = time.perf_counter if name == "result" else cpu_seconds

    def wrapper(*args, **kwargs):
        before = clock()
        try:
            return original(*args, **kwargs)
        finally:
            parts[name] = parts.get(name, 0.0) + clock() - before
    setattr(owner, name, wrapper)


def run_one(case: str, source: Path, work: Path) -> dict:
    start, cpu_start = time.perf_counter(), cpu_seconds()
    from coder.core import Project
    from coder.core.documents import Documents
    from coder.ingest import import_files, pipeline
    from coder.text import worker
    parts: dict[str, float] = {}
    for name in ("draft_text", "finish", "to_segments", "read_survey"):
        timed(pipeline, name, parts)
    timed(worker.Pending, "result", parts)   # waiting for the worker's sentences: wall time
    timed(Documents, "add_many", parts)
    with Project.create(work / f"{case}.coder", coder="bench") as project:
        report = import_files(project, [source])
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
        counts = project.counts()
    helper = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, helper.ru_maxrss) / 1024
    return {"case": case, "seconds": round(seconds, 2), "cpu": round(cpu, 2),
            "worker_cpu": round(helper.ru_utime + helper.ru_stime, 2), "documents": counts.documents,
            "segments": counts.segments, "problems": report.problems, "peak_mb": round(peak_mb),
            "parts": {k: round(v, 2) for k, v in parts.items()}}


def cli_seconds(source: Path, work: Path, runs: int = 3) -> float:
    """Median wall-clock seconds of `coder import` as a user runs it, from process start
    (Python's start-up and the command's imports included) to exit."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for n in range(-1, runs):          # -1: compiles the modules, untimed
        project = work / f"cli{n}.coder"
        subprocess.run([sys.executable, "-m", "coder", "new", str(project)], env=env, check=True,
                       capture_output=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "coder", "import", str(project), str(source)], env=env,
                       check=True, capture_output=True)
        if n >= 0:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(run_one(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[3]).parent)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        for case, target in CASES.items():
            work = Path(tmp) / case
            work.mkdir()
            source = prepare(case, work)
            size = sum(f.stat().st_size for f in ([source] if source.is_file() else source.iterdir()))
            out = subprocess.run([sys.executable, __file__, "--one", case, str(source)],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            cli = cli_seconds(source, work)
            verdict = "ok" if cli <= target and r["peak_mb"] <= 500 else "OVER TARGET"
            print(f"{case:<11} {size / 1e6:5.1f} MB  {r['seconds']:5.2f} s (cpu {r['cpu']:5.2f} s + worker "
                  f"{r['worker_cpu']:4.2f} s); coder import {cli:5.2f} s; target {target} s  "
                  f"{r['documents']:>6} documents {r['segments']:>7} segments  "
                  f"peak {r['peak_mb']} MB  {verdict}{'  problems: ' + str(r['problems']) if r['problems'] else ''}")
            steps = ", ".join(f"{k} {v:.2f} s" for k, v in r["parts"].items())
            print(f"{'':<11} by step (cpu; waiting for the worker: wall): " + steps)


if __name__ == "__main__":
    main()
