"""Speed of team work on a large study: two coders, each with 20 interviews (about 3 M
characters, ~40,000 sentence segments), 300 sentence-long codes and 3,000 codings, the
second coder's codings being the first's shifted or dropped now and then.

Figures: merging both files into an empty project (and the dry run of it), merging again
(nothing new), agreement by character, segment and sentence over all codes, per kodegruppe
(18 groups) and tema (4), per document, the list of disagreements, and `coder agreement`
run as a command (text, --xlsx, --report docx).
Run: python benchmarks/bench_team.py [--keep FILE]   (prints the figures; --keep saves the
merged project to FILE, to time other versions of the command on it)"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coder.analysis.agreement import agreement_report  # noqa: E402
from coder.analysis.disagreements import disagreements  # noqa: E402
from coder.core import NewDocument, NewSegment, Project  # noqa: E402

WORDS = ("folk tenker at vi digitaliserer bort arbeidsplassene kommunen er ganske pressa og det å få "
         "kjørt en sånn prosess blir utfordring ansatte må hjelp til ta de første skrittene ved innføring "
         "av ny løsning ledelse mangler visjon strategi gevinster kommer på områdene som digitaliseres").split()
N_DOCS, N_CODES, N_CODINGS = 20, 300, 3000
N_GROUPS, N_THEMES = 18, 4
ROOT = Path(__file__).resolve().parents[1]


def corpus(rng: random.Random) -> list[NewDocument]:
    docs = []
    for i in range(N_DOCS):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                     for _ in range(2000)]
        text = f"Intervju {i}. " + " ".join(sentences)
        segs = tuple(NewSegment(m.start(), m.end(), "sentence") for m in re.finditer(r"[^.]+\.", text))
        docs.append(NewDocument(f"Intervju {i:02d}", text, kind="interview", segments=segs))
    return docs


def coder_file(path: Path, coder: str, docs, plan) -> None:
    with Project.create(path, coder=coder) as p:
        ids = p.documents.add_many(docs)
        by_code: dict[str, list] = {}
        for code, doc, start, end in plan:
            by_code.setdefault(code, []).append((ids[doc], start, end))
        for code, spans in by_code.items():
            p.codes.apply_many(code, spans)


def timed(label: str, fn):
    t = time.perf_counter()
    result = fn()
    print(f"{label:<46}{time.perf_counter() - t:>8.2f} s")
    return result


def group_codes(t: Project) -> None:
    """The thesis' shape: codes dealt round 18 kodegrupper, the groups round 4 temaer."""
    codes = [c.id for c in t.codes()]
    groups = [t.grouping.create_group(f"Gruppe for {n}", codes[n::N_GROUPS]) for n in range(N_GROUPS)]
    for n in range(N_THEMES):
        t.grouping.create_theme(f"Tema {n}", groups[n::N_THEMES])


def command(label: str, path: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    timed(label, lambda: subprocess.run([sys.executable, "-m", "coder", "agreement", str(path), "--coders",
                                         "Anna", "Bjørn", *args], env=env, check=True, capture_output=True))


def overall(r) -> None:
    print(f"    overall: {r.overall.units:,} units, agreement {r.overall.agreement:.4f}, "
          f"kappa {r.overall.kappa:.4f}, alpha {r.overall.alpha:.4f}")


def main() -> None:
    rng = random.Random(11)
    docs = corpus(rng)
    codes = [" ".join(rng.choice(WORDS) for _ in range(11)).capitalize() + f" {n}" for n in range(N_CODES)]
    plan_a = []
    for _ in range(N_CODINGS):
        doc = rng.randrange(N_DOCS)
        start = rng.randrange(0, len(docs[doc].text) - 400)
        plan_a.append((rng.choice(codes), doc, start, start + rng.randint(40, 400)))
    plan_b = [(c, d, s + rng.choice((0, 0, 0, 15)), e) for c, d, s, e in plan_a if rng.random() > 0.1]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        coder_file(tmp / "a.coder", "Anna", docs, plan_a)
        coder_file(tmp / "b.coder", "Bjørn", docs, plan_b)
        chars = sum(len(d.text) for d in docs)
        segs = sum(len(d.segments) for d in docs)
        print(f"{N_DOCS} documents, {chars:,} characters, {segs:,} segments; "
              f"codings: Anna {len(plan_a):,}, Bjørn {len(plan_b):,}")
        with Project.create(tmp / "t.coder", coder="Leder") as t:
            timed("merge --dry-run (2 files)",
                  lambda: t.merge.merge_projects([tmp / "a.coder", tmp / "b.coder"], dry_run=True))
            timed("merge (2 files, one action)", lambda: t.merge.merge_projects([tmp / "a.coder", tmp / "b.coder"]))
            timed("merge again (nothing new)", lambda: t.merge.merge_projects([tmp / "a.coder"]))
            timed("undo the merge", t.undo)
            t.redo()
            group_codes(t)
            both = ["Anna", "Bjørn"]
            for unit in ("character", "segment", "sentence"):
                overall(timed(f"agreement, unit {unit}, all codes", lambda u=unit: agreement_report(t, both, unit=u)))
            for level in ("group", "theme"):
                overall(timed(f"agreement, unit character, per {level}",
                              lambda lv=level: agreement_report(t, both, level=lv)))
            r = timed("agreement, character, per code and document",
                      lambda: agreement_report(t, both, by_document=True))
            print(f"    {len(r.by_document):,} rows per code and document")
            found = timed("disagreements, all codes", lambda: disagreements(t, both))
            print(f"    {len(found):,} disagreements")
        command("coder agreement (the command, text)", tmp / "t.coder")
        command("coder agreement --xlsx", tmp / "t.coder", "--by", "document", "--xlsx", "-o", str(tmp / "a.xlsx"))
        command("coder agreement --report docx", tmp / "t.coder", "--report", "docx", "-o", str(tmp / "a.docx"))
        if "--keep" in sys.argv:
            shutil.copy(tmp / "t.coder", sys.argv[sys.argv.index("--keep") + 1])


if __name__ == "__main__":
    main()
