"""REFI-QDA exchange speed: export and import of a 10 MB project as .qdpx, ≤ 5 s each.

The project: 100 documents of 100,000 characters (10 M characters cut from the seed
reports in ../shared/seeds, or varied sentences without them), 400 codes in 40 groups
under 5 themes, and 20,000 codings. Reports (md, docx) are timed too. Import includes
segmenting and lemmatizing the text for search, as ingest does (sentences included:
the bench adds its documents bare, so the import segments them as another tool's).

The import is timed twice over. Once in this process, right after building the source
project: its lemmas are then in memory already, the most favourable case. Then --runs
times (default 5) each in a fresh process, as `coder import-qdpx` runs (modules
loaded, timed from the call; the worker starts within it), which loads simplemma's
dictionary and meets every word for the first time; and "rich": the same project with
~36,000 more distinct words (compounds, see RICH_EVERY), as a real project's
vocabulary would be. The import fills the project's search index (m004) as it writes
the segments. CPU seconds of the process and of its worker are printed beside the
wall clock.

    python benchmarks/bench_qdpx.py [--runs N]
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from coder.core import Project  # noqa: E402
from coder.exchange.qdpx_export import write_qdpx  # noqa: E402
from coder.exchange.qdpx_import import _kind, import_qdpx  # noqa: E402
from coder.exchange.report import write_report  # noqa: E402
from coder.ingest.service import document_segments  # noqa: E402
from coder.text.lemmas import _LINES  # noqa: E402

# ../shared/seeds beside the repository (or beside the folder of worktrees)
SEEDS = next((p / "shared" / "seeds" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
             REPO.parent / "shared" / "seeds")
SENTENCES = [
    "Folk tenker at vi digitaliserer bort arbeidsplassene i kommunen.",
    "Jeg får ikke nok hjelp når systemet 😀 faller ut midt i vakta.",
    "Det er lederne som bestemmer, vi blir aldri spurt om noe som helst.",
    "Opplæringen kom for sent og var for kort til at noen lærte det ordentlig.",
    "Vi har blitt flinkere til å snakke sammen på tvers av avdelingene.",
]
DOCS, DOC_CHARS, CODES, CODINGS = 100, 100_000, 400, 20_000


def corpus() -> str:
    """Real Norwegian text (the seed reports) when they are there, else varied sentences."""
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        return "\n\n".join(f.read_text(encoding="utf-8") for f in seeds)
    return "\n\n".join(f"{SENTENCES[i % 5]} ({i})" for i in range(60_000))


# The seeds hold some 12,000 distinct words; a project from another tool holds 40-50,000
# that coder has never lemmatized. "Rich" documents make up the difference with
# compounds of two of the seeds' words (every 25th word of four letters or more gets
# another appended: ~36,000 new ones), the costly kind for simplemma to see first.
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
RICH_EVERY = 25


def enriched(text: str, rng: random.Random, words: list[str]) -> str:
    count = iter(range(1, len(text)))
    return _LONG_WORD.sub(lambda m: m.group(0) + rng.choice(words) if next(count) % RICH_EVERY == 0
                          else m.group(0), text)


def build(path: Path, rich: bool = False) -> Project:
    p = Project.create(path, coder="bench")
    text = corpus()
    rng, words = random.Random(7), sorted({w.lower() for w in _LONG_WORD.findall(text)})
    docs = []
    for i in range(DOCS):
        start = (i * 7919 * 13) % max(1, len(text) - DOC_CHARS)
        body = (text * 2)[start:start + DOC_CHARS]
        body = enriched(body, rng, words) if rich else body
        docs.append(p.documents.add(f"Intervju {i:03d}", f"Intervju {i}\n\n{body}", kind="interview",
                                   attributes={"informant": f"I{i:03d}", "sted": "Trondheim"}))
    texts = {d: p.documents.text(d) for d in docs}
    per_code = CODINGS // CODES
    for c in range(CODES):
        spans = []
        for k in range(per_code):
            doc = docs[(c * per_code + k) % DOCS]
            t = texts[doc]
            start = t.find(" ", (c * 997 + k * 7919) % (len(t) - 400)) + 1
            end = t.find(" ", start + 80)
            spans.append((doc, start, end))
        p.codes.apply_many(f"Kode {c}: folk tenker at vi digitaliserer bort arbeidsplassene", spans)
    code_ids = [c.id for c in p.codes.list(order="id")]
    groups = [p.grouping.create_group(f"Gruppe {g}", code_ids[g * 10:(g + 1) * 10]) for g in range(40)]
    for t in range(5):
        p.grouping.create_theme(f"Tema {t}", groups[t * 8:(t + 1) * 8])
    return p


def timed(label: str, fn, target: float | None = None):
    start = time.perf_counter()
    value = fn()
    took = time.perf_counter() - start
    verdict = "" if target is None else ("  OK" if took <= target else "  TOO SLOW")
    print(f"{label:<34}{took:7.2f} s{'' if target is None else f'  (target ≤ {target:.0f} s)'}{verdict}")
    return value


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def import_once(qdpx: Path, work: Path) -> dict:
    """One import into a new project, in this (fresh) process: seconds and CPU seconds."""
    dst = Project.create(work / f"run{os.getpid()}.coder", coder="bench")
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
    report = import_qdpx(dst, qdpx)
    seconds, cpu = time.perf_counter() - start, cpu_seconds(resource.RUSAGE_SELF) - cpu
    dst.close()
    return {"seconds": seconds, "cpu": cpu, "worker_cpu": cpu_seconds(resource.RUSAGE_CHILDREN),
            "codings": report.result.codings_added}


def in_process(qdpx: Path, work: Path) -> dict:
    """One import in a new process: every word's lemma is new to it."""
    out = subprocess.run([sys.executable, __file__, "--one", str(qdpx), str(work)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def fresh_processes(qdpx: Path, rich: Path, work: Path, runs: int) -> None:
    cases = {"": qdpx, "rich": rich}
    results: dict[str, list[dict]] = {name: [] for name in cases}
    for _ in range(runs):                   # alternating, so that drift touches all alike
        for name, archive in cases.items():
            results[name].append(in_process(archive, work))
    for name, rs in results.items():
        secs = sorted(r["seconds"] for r in rs)
        print(f"import .qdpx, fresh process {name:<5} median {statistics.median(secs):5.2f} s, "
              f"min {secs[0]:5.2f} s, max {secs[-1]:5.2f} s (target ≤ 5 s)  {'OK' if secs[-1] <= 5 else 'TOO SLOW'}; "
              f"cpu {statistics.median(r['cpu'] for r in rs):4.2f} s + worker "
              f"{statistics.median(r['worker_cpu'] for r in rs):4.2f} s")
        print("  runs: " + " ".join(f"{s:.2f}" for s in (r["seconds"] for r in rs)))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(import_once(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = timed("build project (setup)", lambda: build(tmp / "src.coder"))
        mb = sum(d.length for d in src.documents.list()) / 1e6
        print(f"project: {len(src.documents.list())} documents, {mb:.1f} M characters, "
              f"{src.counts().codes} codes, {src.counts().codings} codings")
        out = timed("export .qdpx", lambda: write_qdpx(src, tmp / "p.qdpx"), 5)
        print(f"  .qdpx size {out.stat().st_size / 1e6:.1f} MB")
        dst = Project.create(tmp / "dst.coder", coder="bench")
        report = timed("import .qdpx (in this process)", lambda: import_qdpx(dst, out), 5)
        print(f"  imported {report.result.documents_added} documents, {report.result.codings_added} codings")
        texts = [dst.documents.text(d.id) for d in dst.documents.list()]
        _LINES.clear()       # as before the import (the words' lemmas stay known)
        timed("  of which: segments + lemmas", lambda: [document_segments(t, _kind(t), "nb") for t in texts])
        rich = timed("build + export rich (setup)",
                     lambda: write_qdpx(build(tmp / "rich.coder", rich=True), tmp / "rich.qdpx"))
        fresh_processes(out, rich, tmp, runs)
        timed("report (md)", lambda: write_report(src, tmp / "r.md", "md"))
        timed("report (docx)", lambda: write_report(src, tmp / "r.docx", "docx"))


if __name__ == "__main__":
    main()
