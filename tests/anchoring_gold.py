"""The gold set of where the thesis codes were said (tests/data/thesis_gold.tsv, see
tests/data/README.md) and how anchoring is scored against it; used by
tests/test_anchoring_gold.py and benchmarks/bench_anchoring.py."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from coder.exchange.anchoring import MIN_WORDS, _code_words, required_score

DATA = Path(__file__).parent / "data"
INTERVIEWS = Path(__file__).parent.parent / "corpus" / "interviews"


@dataclass(frozen=True)
class Place:
    code: str
    document: str       # name of the document: the file name in corpus/interviews, less .txt
    kind: str           # verbatim, abridged, paraphrase
    start: int
    end: int


@dataclass(frozen=True)
class Scores:
    threshold: float
    proposals: int
    right: int
    found: int          # gold places with a right proposal
    places: int
    verbatim_found: int
    verbatim: int

    @property
    def precision(self) -> float:
        return self.right / self.proposals if self.proposals else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.places

    @property
    def verbatim_recall(self) -> float:
        return self.verbatim_found / self.verbatim


def gold() -> tuple[list[Place], set[str], set[str]]:
    """The places codes were said, the codes said nowhere, the codes left unscored."""
    places, nowhere, unclear = [], set(), set()
    with (DATA / "thesis_gold.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["kind"] == "nowhere":
                nowhere.add(row["code"])
            elif row["kind"] == "unclear":
                unclear.add(row["code"])
            else:
                text = (INTERVIEWS / row["document"]).read_text(encoding="utf-8")
                start = text.index(row["passage"])
                places.append(Place(row["code"], Path(row["document"]).stem, row["kind"],
                                    start, start + len(row["passage"])))
    return places, nowhere, unclear


def qualifies(code: str, score: float, threshold: float) -> bool:
    words = len(_code_words(code))
    return words < MIN_WORDS or score >= required_score(threshold, words)


def score(proposals: list[tuple[str, str, int, int, float]], threshold: float) -> Scores:
    """proposals: (code, document name, start, end, score), over the informant files."""
    places, _, unclear = gold()
    chosen = [p for p in proposals if p[0] not in unclear and qualifies(p[0], p[4], threshold)]
    def hit(p, g):
        return p[0] == g.code and p[1] == g.document and p[2] < g.end and g.start < p[3]
    right = sum(any(hit(p, g) for g in places) for p in chosen)
    found = [g for g in places if any(hit(p, g) for p in chosen)]
    verbatim = [g for g in places if g.kind == "verbatim"]
    return Scores(threshold, len(chosen), right, len(found), len(places),
                  sum(g.kind == "verbatim" for g in found), len(verbatim))


def wrong(proposals: list[tuple[str, str, int, int, float]], threshold: float) -> list[tuple]:
    places, _, unclear = gold()
    return [p for p in proposals if p[0] not in unclear and qualifies(p[0], p[4], threshold)
            and not any(p[0] == g.code and p[1] == g.document and p[2] < g.end and g.start < p[3] for g in places)]


def missed(proposals: list[tuple[str, str, int, int, float]], threshold: float) -> list[Place]:
    places, _, _ = gold()
    chosen = [p for p in proposals if qualifies(p[0], p[4], threshold)]
    return [g for g in places if not any(p[0] == g.code and p[1] == g.document and p[2] < g.end
                                         and g.start < p[3] for p in chosen)]
