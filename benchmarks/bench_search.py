"""Search speed over 10 MB of text: python benchmarks/bench_search.py [--keep DIR]

Target: a search over 10 MB of text answers in ≤ 50 ms. Builds a project from 10 MB
of report text (the seeds' sentences, reshuffled, imported through the real pipeline),
then times each query (median of 5 runs, after one warm-up) through Project.search:
locating every hit (with the cost per hit; a word search also knows its total), the
first page the TUI asks for (501 hits), and making every hit's SearchHit with its
context line (what `coder search` prints). First, each word query as the first
search of a fresh process, as `coder search` runs it: the index is in the file (m004),
so nothing is laid out first; the time is from opening the project to the search's
answer, with the modules (numpy among them) imported before, and also with
simplemma's dictionary loaded by the query's first lemma (once per process).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen  # noqa: E402

from coder.core import Project  # noqa: E402

QUERIES = [
    ("digitalisering", {}),
    ("kommunene", {}),
    ('"psykisk helse"', {}),
    ("digital*", {}),
    ("kommune OR fylkeskommune", {}),
    ("hjemmetjeneste digitalisering", {}),
    ("og", {}),
    (r"covid-?19", {"regex": True}),
    (r"\bvelferdsteknolog\w*", {"regex": True}),
    # No literal every match must hold: the plain case-insensitive scan of every text.
    (r"\b\w+ing\b", {"regex": True}),
    (r"\w+ing\s+og\b", {"regex": True}),
]
FIRST_PAGE = 501        # what the TUI's search screen asks for


def build(folder: Path):
    from coder.ingest import import_files
    path = folder / "search.coder"
    if path.exists():
        return Project.open(path)
    source = corpus_gen.corpus(folder / "corpus")
    start = time.perf_counter()
    project = Project.create(path, coder="bench")
    report = import_files(project, [source])
    print(f"built: {report.documents} documents, {report.segments} segments "
          f"in {time.perf_counter() - start:.1f} s")
    return project


def main() -> None:
    keep = Path(sys.argv[2]) if len(sys.argv) == 3 and sys.argv[1] == "--keep" else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        project = build(folder)
        size = project.store.one("SELECT sum(length(CAST(text AS BLOB))) FROM documents")
        print(f"{size / 1e6:.1f} MB of text in the project")
        path = project.path
        project.close()
        for query, options in QUERIES:
            if not options:
                first_search(path, query)
        project = Project.open(path)
        print(f"{'query':<40} {'hits':>6} {'all hits':>9} {'per hit':>8}   {'first 501':>9}   {'made':>8}")
        for query, options in QUERIES:
            n, ms = timed(project, query, **options)
            _, page_ms = timed(project, query, limit=FIRST_PAGE, **options)
            _, made_ms = timed(project, query, made=True, **options)
            label = query + (" (regex)" if options.get("regex") else "")
            per_hit = f"{1000 * ms / n:5.1f} µs" if n >= 1000 else "       -"
            print(f"{label:<40} {n:>6} {ms:6.1f} ms {per_hit}   "
                  f"{page_ms:6.1f} ms   {made_ms:6.0f} ms  {'ok' if ms <= 50 else 'all hits OVER 50 ms'}"
                  f"{'' if page_ms <= 50 else ', first page OVER 50 ms'}")
        project.close()


FIRST = """
import sys, time
import numpy
from coder.core import Project
from coder.core import search_index, search_hits
from coder.text import query
from coder.text.lemmas import lemma
if sys.argv[3] == "loaded":
    lemma("og")
start = time.perf_counter()
project = Project.open(sys.argv[1])
hits = project.search.find(sys.argv[2])
shown = hits[:501]
print(len(hits), 1000 * (time.perf_counter() - start))
"""


def first_search(path: Path, query: str) -> None:
    """The query as the first search of a fresh process (median of 3 processes), with
    simplemma's dictionary loaded before and without."""
    root = str(Path(__file__).resolve().parent.parent)
    figures = []
    for dictionary in ("loaded", "not loaded"):
        runs = [subprocess.run([sys.executable, "-c", FIRST, str(path), query, dictionary], check=True,
                               cwd=root, capture_output=True, text=True).stdout.split() for _ in range(3)]
        figures.append(statistics.median(float(r[1]) for r in runs))
    print(f"first search in a fresh process: {query:<32} {runs[0][0]:>6} hits, first 501 made: "
          f"{figures[0]:6.1f} ms  {'ok' if figures[0] <= 50 else 'OVER 50 ms'}; "
          f"with loading simplemma's dictionary {figures[1]:6.1f} ms")


def timed(project, query: str, made: bool = False, **options) -> tuple[int, float]:
    """Number of hits and the median time in ms of 5 runs after a warm-up; `made`:
    with every SearchHit made."""
    project.search.find(query, **options)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        hits = project.search.find(query, **options)
        if made:
            hits = list(hits)
        times.append((time.perf_counter() - start) * 1000)
    return len(hits), statistics.median(times)


if __name__ == "__main__":
    main()
