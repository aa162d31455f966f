"""Search speed over 10 MB of text: python benchmarks/bench_search.py [--keep DIR]

Target: a search over 10 MB of text answers in ≤ 50 ms. Builds a project from 10 MB
of report text (the seeds' sentences, reshuffled, imported through the real pipeline),
then times each query (median of 5 runs, after one warm-up) through Project.search.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen  # noqa: E402

QUERIES = [
    ("digitalisering", {}),
    ("kommunene", {}),
    ('"psykisk helse"', {}),
    ("digital*", {}),
    ("kommune OR fylkeskommune", {}),
    ("hjemmetjeneste digitalisering", {}),
    ("kommunene", {"limit": 100}),
    ("digital*", {"limit": 100}),
    ("og", {"limit": 100}),
    (r"covid-?19", {"regex": True, "limit": 100}),
    (r"\bvelferdsteknolog\w*", {"regex": True}),
]


def build(folder: Path):
    from coder.core import Project
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
        size = project._one("SELECT sum(length(CAST(text AS BLOB))) FROM documents")
        print(f"{size / 1e6:.1f} MB of text in the project")
        for query, options in QUERIES:
            project.search(query, **options)
            times = []
            for _ in range(5):
                start = time.perf_counter()
                hits = project.search(query, **options)
                times.append((time.perf_counter() - start) * 1000)
            ms = statistics.median(times)
            flags = " ".join(f"{k}={v}" for k, v in options.items())
            print(f"{query:<32} {flags:<22} {len(hits):>6} hits  {ms:7.1f} ms  "
                  f"{'ok' if ms <= 50 else 'OVER 50 ms'}")
        project.close()


if __name__ == "__main__":
    main()
