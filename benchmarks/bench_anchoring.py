"""Anchoring against the gold set (tests/data/thesis_gold.tsv, built by reading; see
tests/data/README.md): precision and recall per threshold, as a new user would meet them,
on a project of corpus/interviews and corpus/reports with the thesis codebook.

    python benchmarks/bench_anchoring.py [-v]     # -v: list the misses and wrong proposals

Targets at the default threshold: precision ≥ 0.95, recall ≥ 0.85, verbatim recall ≥ 0.95.
A proposal is right when it overlaps the passage of its code in the same informant file.
Then the same with every kind of document searched: the code list in the thesis is skipped.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.core import Project  # noqa: E402
from coder.exchange.anchoring import DEFAULT_THRESHOLD, anchor  # noqa: E402
from coder.exchange.codebook_import import import_codebook  # noqa: E402
from coder.ingest import import_files  # noqa: E402
from tests.anchoring_gold import missed, score, wrong  # noqa: E402

THRESHOLDS = range(50, 101, 5)
TARGETS = {"precision": 0.95, "recall": 0.85, "verbatim_recall": 0.95}


def proposals(p: Project) -> list[tuple[str, str, int, int, float]]:
    docs = {d.id: d.name for d in p.documents.list()}
    codes = {c.id: c.text for c in p.codes.list(order="id")}
    return [(codes[x.code_id], docs[x.document_id], x.start, x.end, x.score) for x in p.proposals.list()]


def show(p: Project, found: list, t: float) -> None:
    text = {d.name: p.documents.text(d.id) for d in p.documents.list()}
    for code, doc, start, end, sc in wrong(found, t):
        print(f"    wrong {sc:5.1f} {code} | {doc}: {' '.join(text[doc][start:end].split())[:120]}")
    for g in missed(found, t):
        near = [f"{x[4]:.1f} «{' '.join(text[x[1]][x[2]:x[3]].split())[:70]}»" for x in found if x[0] == g.code][:2]
        print(f"    missed {g.kind} {g.code} | {'; '.join(near) or 'nothing proposed'}")


def main() -> int:
    corpus = ROOT / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "study.coder", coder="bench") as p:
            import_files(p, sorted((corpus / "interviews").glob("*.txt")), kind="interview")
            import_files(p, sorted((corpus / "reports").glob("*.txt")))
            import_codebook(p, ROOT / "codebooks" / "thesis_codebook.qdc")
            start = time.process_time()
            report = anchor(p, threshold=min(THRESHOLDS))
            seconds = time.process_time() - start
            print(f"anchoring {report.considered} codes in {report.documents} documents ({', '.join(report.kinds)}): "
                  f"{seconds:.2f} s CPU")
            found = [x for x in proposals(p) if x[1].startswith("informant_")]
            print(" threshold  proposals  right  precision  recall  verbatim recall")
            status = 0
            for t in THRESHOLDS:
                s = score(found, t)
                mark = " (default)" if t == DEFAULT_THRESHOLD else ""
                print(f"  {t:7.0f}  {s.proposals:9d}  {s.right:5d}  {s.precision:9.3f}  {s.recall:6.3f}  "
                      f"{s.verbatim_recall:15.3f}{mark}")
                if t == DEFAULT_THRESHOLD:
                    misses = [k for k, v in TARGETS.items() if getattr(s, k) < v]
                    status = 1 if misses else 0
                    print(f"           targets {'met' if not misses else 'MISSED: ' + ', '.join(misses)}")
                    if "-v" in sys.argv:
                        show(p, found, t)
            p.proposals.reject()
            start = time.process_time()
            every = anchor(p, kinds=sorted({d.kind for d in p.documents.list()}))
            seconds = time.process_time() - start
            outside = [x for x in proposals(p) if not x[1].startswith("informant_")]
            print(f"every kind ({every.documents} documents): {seconds:.2f} s CPU, {every.proposals} proposals, "
                  f"{len(outside)} outside the informant files")
            for line in every.skipped:
                print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
