"""Speed of text preparation, step by step, in one process: python benchmarks/bench_prepare.py

The cases of bench_import (the five seeds, a 5 MB transcript, 20,000 survey rows), but
only the pure text steps, each timed on its own (CPU seconds, the best of three runs
after a first, cold one), so a change to one step shows in its own figure. The import
as a whole, with its helper process and storage, is bench_import's business.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen  # noqa: E402


def timed(label: str, fn, runs: int = 3):
    """Print the first (cold) run's CPU seconds and the best of `runs` more."""
    start = time.process_time()
    result = fn()
    cold = time.process_time() - start
    best = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        best.append(time.process_time() - start)
    print(f"  {label:<48} {cold:6.3f} s cold {min(best):6.3f} s warm")
    return result


def documents(name: str, paths: list[Path]) -> None:
    from coder.ingest.readers import read_plain
    from coder.ingest.segments import has_speaker_turns, to_segments
    from coder.text.prepare import draft_text, finish
    from coder.text.segment import sentence_spans

    print(f"{name}: {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB in {len(paths)} file(s)")
    raws = timed("read_plain (decode, looks_pdf_extracted)", lambda: [read_plain(p) for p in paths])
    kinds = timed("has_speaker_turns", lambda: ["interview" if has_speaker_turns(r.text) else "report" for r in raws])
    drafts = timed("draft_text (repair, turns, paragraphs, quotes)",
                   lambda: [draft_text(r.text, kind=k, pdf=r.pdf) for r, k in zip(raws, kinds)])
    found = timed("sentence_spans", lambda: [sentence_spans(d.text, d.paragraphs) for d in drafts])
    prepared = timed("finish (speakers, order)", lambda: [finish(d, s) for d, s in zip(drafts, found)])
    timed("to_segments (leaves, lemmas)", lambda: [to_segments(p, "nb") for p in prepared])
    print(f"  {'spans':<48} {sum(len(p.spans) for p in prepared):6d}")


def main() -> None:
    print("(CPU seconds; on a shared machine the figures still wander by 10-20 %)")
    from coder.text.segment import sentence_pipeline
    start = time.process_time()
    sentence_pipeline("nb")
    print(f"spaCy import + tokenizer (once per process): {time.process_time() - start:.2f} s")
    # In an import spaCy lives in the helper process: its objects must not make the
    # garbage collector's rounds here longer than they are beside the other steps.
    gc.freeze()
    with tempfile.TemporaryDirectory() as tmp:
        documents("seeds", corpus_gen.seed_files())
        documents("transcript", [corpus_gen.transcript(Path(tmp) / "intervju.txt")])
        from coder.ingest.survey import read_survey
        survey = corpus_gen.survey_csv(Path(tmp) / "comments.csv")
        print(f"survey: {survey.stat().st_size / 1e6:.1f} MB")
        timed("read_survey", lambda: read_survey(survey, kind="survey", language="nb"))


if __name__ == "__main__":
    main()
