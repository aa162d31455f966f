"""Anchoring: find where codes that arrived without codings (an imported codebook) were
said in the corpus, and propose those spans as codings for the user to review.

In-vivo codes are near-verbatim, so a fuzzy partial alignment (rapidfuzz) of the code
against the documents finds the passage: texts are compared lower-cased with
punctuation and line breaks reduced to single spaces (an offset map leads back to the
document's own offsets), scored over the overlapping windows that share enough of the
code's words, and the best windows are aligned exactly. A proposal is a span snapped to whole words.

    anchor(project, threshold=DEFAULT_THRESHOLD, accept_above=None) -> AnchorReport
    find_anchors(codes, texts, threshold) -> list[NewProposal]     (pure; no project)
"""

from __future__ import annotations

from dataclasses import dataclass

from coder.core.models import Code, NewProposal

DEFAULT_THRESHOLD = 80.0     # similarity of code and refined span (rapidfuzz ratio, 0–100)
MIN_WORDS = 4                # shorter codes ("Innsikt og involvering") match anywhere
_SLACK = 30                  # characters a refined span end may move
_SHORT_BELOW, _SHORT_PENALTY = 8, 2.5   # codes under 8 words need 2.5 points more per word
_PREFILTER_SLACK = 10        # windows scoring this much under the threshold still get aligned:
                             # the refined span often reads better than the raw window
_COMMON_SHARE = 0.2          # stems in more windows than this share are too common to select by
_SHARED_KEYS = 0.4           # a window must hold this share of a code's (selective) stems
_ALIGN_BEST = 3              # windows per code aligned and refined
_STEP = 200                  # window step; windows are twice as long, so any span up to
                             # _STEP characters lies whole inside one window


@dataclass(frozen=True)
class AnchorReport:
    considered: int          # codes without codings
    too_short: int           # skipped: fewer than MIN_WORDS words
    anchored: int            # codes with a proposal at or above the threshold
    proposals: int           # proposals added (spans already proposed are not repeated)
    accepted: int            # of those, accepted at once (score ≥ accept_above)
    threshold: float


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits, one space for any run of anything else, a word
    hyphenated at a line end joined again. Returns the string and, for each of its
    characters, the offset in `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    space = True
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and i and text[i - 1].isalpha() and i + 1 < n and text[i + 1] == "\n":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():
                i = j
                continue
        if ch.isalnum():
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
            where.append(i)
            space = False
        elif not space:
            out.append(" ")
            where.append(i)
            space = True
        i += 1
    return "".join(out), where


def _windows(norm: str, size: int) -> list[tuple[int, str]]:
    starts = range(0, max(1, len(norm) - size + _STEP), _STEP)
    return [(s, norm[s:s + size]) for s in starts]


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _refine(needle: str, norm: str, a: int, b: int) -> tuple[float, int, int]:
    """Move the aligned span's ends to the word boundaries nearby that make the span
    read most like the code (the alignment often starts or ends a word off)."""
    from rapidfuzz import fuzz

    lo, hi = max(0, a - _SLACK), min(len(norm), b + _SLACK)
    starts = [i for i in range(lo, a + _SLACK) if i < len(norm) and norm[i] != " " and (i == 0 or norm[i - 1] == " ")]
    ends = [i for i in range(max(b - _SLACK, a + 1), hi + 1)
            if norm[i - 1] != " " and (i == len(norm) or norm[i] == " ")]
    best = (fuzz.ratio(needle, norm[a:b]), a, b)
    for s in starts:
        for e in ends:
            if e > s:
                score = fuzz.ratio(needle, norm[s:e])
                if score > best[0]:
                    best = (score, s, e)
    return best


def required_score(threshold: float, words: int) -> float:
    """Short codes match by chance more easily, so they must match better."""
    return min(100.0, threshold + _SHORT_PENALTY * max(0, _SHORT_BELOW - words))


def _keys(norm: str) -> set[str]:
    """Crude stems: the first five letters of each word of three letters or more."""
    return {w[:5] for w in norm.split() if len(w) >= 3}


class _Corpus:
    """All documents cut into overlapping windows of normalised text, with an index from
    word stems to windows, so a code is only scored against windows that share enough
    of its words (scoring every window costs seconds per 100,000 characters)."""

    def __init__(self, texts: dict[int, str], size: int):
        self.docs = {doc_id: (text, *normalize_with_map(text)) for doc_id, text in texts.items()}
        self.windows = [(doc_id, offset, w) for doc_id, (_, norm, _) in self.docs.items()
                        for offset, w in _windows(norm, size)]
        index: dict[str, list[int]] = {}
        for i, (_, _, w) in enumerate(self.windows):
            for key in _keys(w):
                index.setdefault(key, []).append(i)
        common = _COMMON_SHARE * len(self.windows)
        self.index = {k: v for k, v in index.items() if len(v) <= max(common, 1)}

    def candidates(self, needle: str) -> list[int]:
        stems = _keys(needle)
        keys = [k for k in stems if k in self.index]
        if not keys and stems:          # every word common: nothing to select by
            return list(range(len(self.windows)))
        need = min(len(keys), max(2, int(_SHARED_KEYS * len(keys) + 0.5)))
        hits: dict[int, int] = {}
        for k in keys:
            for i in self.index[k]:
                hits[i] = hits.get(i, 0) + 1
        return [i for i, n in hits.items() if n >= need]


def find_anchors(codes: list[Code], texts: dict[int, str], threshold: float = DEFAULT_THRESHOLD) -> list[NewProposal]:
    """The best span (≥ threshold) for each code across all documents."""
    from rapidfuzz import fuzz, process

    needles = [(c, normalize_with_map(c.text)[0]) for c in codes]
    needles = [(c, n) for c, n in needles if n.strip()]
    if not needles or not texts:
        return []
    corpus = _Corpus(texts, size=max(2 * _STEP, 2 * max(len(n) for _, n in needles)))
    out = []
    for code, needle in needles:
        cands = corpus.candidates(needle)
        found = process.extract(needle, [corpus.windows[i][2] for i in cands], scorer=fuzz.partial_ratio,
                                score_cutoff=threshold - _PREFILTER_SLACK, limit=_ALIGN_BEST)
        best = None
        for _, _, pos in found:
            doc_id, offset, window = corpus.windows[cands[pos]]
            hit = fuzz.partial_ratio_alignment(needle, window)
            if hit is None or hit.dest_end <= hit.dest_start:
                continue
            text, norm, where = corpus.docs[doc_id]
            score, a, b = _refine(needle, norm, offset + hit.dest_start, offset + hit.dest_end)
            if best is None or score > best[0]:
                best = (score, doc_id, *_snap(text, where[a], where[b - 1] + 1))
        if best and best[0] >= required_score(threshold, len(needle.split())):
            out.append(NewProposal(code.id, best[1], best[2], best[3], round(best[0], 1)))
    return out


def anchor(project, threshold: float = DEFAULT_THRESHOLD, accept_above: float | None = None,
           code_ids: list[int] | None = None, kinds: list[str] | None = None) -> AnchorReport:
    """Propose codings for the codes that have none (or for `code_ids`), in the documents
    of the given `kinds` (all by default: but an in-vivo code belongs in the interview,
    not in a report that quotes it); with `accept_above`, accept the proposals scoring
    at least that at once (its own action)."""
    wanted = None if code_ids is None else set(code_ids)
    codes = [c for c in project.codes.list(order="id")
             if c.codings == 0 and (wanted is None or c.id in wanted)]
    long_enough = [c for c in codes if len(c.text.split()) >= MIN_WORDS]
    texts = {d.id: project.documents.text(d.id) for d in project.documents.list()
             if kinds is None or d.kind in kinds}
    found = find_anchors(long_enough, texts, threshold)
    ids = project.proposals.add(found, source=f"anchoring ≥ {threshold:g}") if found else []
    accepted = 0
    if accept_above is not None and ids:
        chosen = [p.id for p in project.proposals.list(min_score=accept_above) if p.id in set(ids)]
        accepted = len(project.proposals.accept(chosen)) if chosen else 0
    return AnchorReport(considered=len(codes), too_short=len(codes) - len(long_enough),
                        anchored=len({p.code_id for p in found}), proposals=len(ids),
                        accepted=accepted, threshold=threshold)
