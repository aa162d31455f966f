"""Anchoring: find where codes that arrived without codings (an imported codebook) were
said, and propose those passages as codings for the user to review.

An in-vivo code is the informant's words, often abridged or lightly reworded, so each
code is aligned word by word, on lemmas and in order, with the passages of the documents
where informants speak (coder/text/align.py). Every place that scores at least the
threshold is proposed, best first; a proposal starts and ends where the code's words do,
widened to the whole sentence or quote when only a few words are left outside it.
Codes of under four words are only anchored where their words occur, verbatim, once.
Passages that list codes (a codebook appendix) are never searched; they are reported.

    anchor(project, threshold=DEFAULT_THRESHOLD, accept_above=None, kinds=None) -> AnchorReport
    find_anchors(codes, texts, threshold, ...) -> list[NewProposal]     (pure; no project)
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from coder.core.errors import CoderError
from coder.core.models import Code, NewProposal
from coder.core.wording import said
from coder.exchange.code_lists import CodeList, find_code_lists, normalize_with_map  # noqa: F401
from coder.i18n import N_, _
from coder.text.align import FUNCTION_WORDS, Token, align, key, tokens

DEFAULT_THRESHOLD = 75.0     # alignment score (0–100) a passage needs to be proposed
MIN_WORDS = 4                # shorter codes are anchored only where they occur verbatim, once
SPEAKING_KINDS = ("interview", "survey")   # documents where informants speak (and any with speaker
SPEAKER_ATTRIBUTE = "informant"            # turns, or whose attributes name the informant)
_SHORT_BELOW, _SHORT_PENALTY = 8, 2.0      # codes under 8 words need 2 points more per word
_SHARED_KEYS = 0.5           # a passage must hold this share of a code's content lemmas
_SNAP_WORDS = 6              # a span takes its whole sentence when it leaves out at most this many
_SNAP_CONTENT = 1            # words, of which at most this many content words ("Så da er det jo sånn at")
_WINDOW_MIN, _WINDOW_PER_WORD = 60, 3      # passage length (tokens) aligned at once
_BLOCK_KINDS = ("paragraph", "heading", "turn", "response")   # a span stays in one
_SENTENCE_KINDS = ("sentence", "quote")
_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+|«")


@dataclass(frozen=True)
class AnchorReport:
    considered: int          # codes without codings
    short: int               # of those, under MIN_WORDS words
    anchored: int            # codes with at least one proposal
    proposals: int           # proposals added (spans already proposed are not repeated)
    accepted: int            # of those, accepted at once (score ≥ accept_above)
    threshold: float
    documents: int = 0       # documents searched
    kinds: tuple[str, ...] = ()
    skipped: tuple[str, ...] = field(default_factory=tuple)   # code lists left out, described


@dataclass
class _Doc:
    id: int
    text: str
    toks: list[Token]
    starts: list[int]                      # each token's start, for bisecting
    blocks: list[tuple[int, int]]          # token index ranges that a span may not leave
    sentences: list[tuple[int, int]]       # character ranges a span is snapped to


def required_score(threshold: float, words: int) -> float:
    """Short codes match by chance more easily, so they must match better."""
    return min(100.0, threshold + _SHORT_PENALTY * max(0, _SHORT_BELOW - words))


def _code_words(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.low]


def _prepare(doc_id: int, text: str, blocks: list[tuple[int, int]] | None,
             sentences: list[tuple[int, int]] | None, skip: list[tuple[int, int]]) -> _Doc:
    toks = tokens(text)
    starts = [t.start for t in toks]
    if not blocks:
        blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    pieces = []
    for a, b in _minus(blocks, skip):
        i, j = _token_range(starts, toks, a, b)
        if j > i:
            pieces.append((i, j))
    if not sentences:
        sentences = _sentences(text, blocks)
    return _Doc(doc_id, text, toks, starts, pieces, sorted(sentences))


def _minus(ranges: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in ranges:
        for s, e in sorted(skip):
            if e <= a or s >= b:
                continue
            if s > a:
                out.append((a, s))
            a = max(a, e)
        if b > a:
            out.append((a, b))
    return out


def _token_range(starts: list[int], toks: list[Token], a: int, b: int) -> tuple[int, int]:
    """The tokens wholly inside a..b."""
    i = bisect.bisect_left(starts, a)
    j = bisect.bisect_left(starts, b, lo=i)
    if j > i and toks[j - 1].end > b:
        j -= 1
    return i, j


def _sentences(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in blocks:
        pos = a
        for m in _SENTENCE_END.finditer(text, a, b):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if b > pos:
            out.append((pos, b))
    return out


def _windows(block: tuple[int, int], size: int) -> list[tuple[int, int]]:
    a, b = block
    if b - a <= size:
        return [(a, b)]
    step = size // 2
    return [(s, min(b, s + size)) for s in range(a, b - step, step)]


class _Index:
    """Windows of every document, with an index from content lemmas to windows, so a
    code is aligned only with the passages that hold enough of its words."""

    def __init__(self, docs: list[_Doc], size: int):
        self.docs = {d.id: d for d in docs}
        self.windows: list[tuple[int, int, int]] = []
        self.index: dict[str, list[int]] = {}
        for d in docs:
            for block in d.blocks:
                for a, b in _windows(block, size):
                    n = len(self.windows)
                    self.windows.append((d.id, a, b))
                    for k in {key(t) for t in d.toks[a:b]}:
                        if k is not None:
                            self.index.setdefault(k, []).append(n)

    def candidates(self, code: list[Token]) -> list[int]:
        keys = {k for k in map(key, code) if k is not None}
        if not keys:
            return []
        need = max(1, math.ceil(_SHARED_KEYS * len(keys)))
        hits: dict[int, int] = {}
        for k in keys:
            for n in self.index.get(k, ()):
                hits[n] = hits.get(n, 0) + 1
        return sorted(n for n, c in hits.items() if c >= need)


def _places(code: list[Token], toks: list[Token], a: int, b: int, need: float,
            depth: int = 0) -> list[tuple[float, int, int]]:
    """Every place in toks[a:b] the code aligns at `need` or better: the best one, then
    the best in what is left on either side of it."""
    found = align(code, toks[a:b])
    if found is None or found.score < need:
        return []
    first, last = a + found.first, a + found.last
    out = [(found.score, first, last)]
    if depth < 3:
        if first - a >= len(code) // 2:
            out += _places(code, toks, a, first, need, depth + 1)
        if b - last - 1 >= len(code) // 2:
            out += _places(code, toks, last + 1, b, need, depth + 1)
    return out


def _snap(doc: _Doc, first: int, last: int) -> tuple[int, int]:
    """The matched words, widened to their sentence (or quote) when few words are left
    outside; never beyond it."""
    toks = doc.toks
    start, end = toks[first].start, toks[last].end
    for s, e in doc.sentences:
        if s <= start < e:
            a, b = _token_range(doc.starts, toks, s, e)
            inside = toks[a:b]
            before = [t for t in inside if t.end <= start]
            after = [t for t in inside if t.start >= end]
            if inside and _little(before) and end <= e:
                start = _next_word(inside, start)
            if inside and _little(after) and end <= e:
                end = _last_word(inside, end)
            break
    return start, end


def _little(words: list[Token]) -> bool:
    said = [t for t in words if not t.filler]
    return len(said) <= _SNAP_WORDS and sum(t.low not in FUNCTION_WORDS for t in said) <= _SNAP_CONTENT


def _next_word(inside: list[Token], start: int) -> int:
    return next((t.start for t in inside if t.low), start)


def _last_word(inside: list[Token], end: int) -> int:
    return next((t.end for t in reversed(inside) if t.low), end)


def _short_places(code: list[Token], docs: list[_Doc]) -> list[tuple[int, int, int]]:
    """Where a short code's words occur in a row (fillers aside), as (doc, first, last)."""
    out = []
    code = [c for c in code if not c.filler]
    n = len(code)
    for d in docs:
        for a, b in d.blocks:
            words = [i for i in range(a, b) if not d.toks[i].filler]
            for k in range(len(words) - n + 1):
                run = words[k:k + n]
                if all(d.toks[i].lemma == c.lemma or d.toks[i].low == c.low for i, c in zip(run, code)):
                    out.append((d.id, run[0], run[-1]))
    return out


def find_anchors(codes: list[Code], texts: dict[int, str], threshold: float = DEFAULT_THRESHOLD,
                 blocks: dict[int, list[tuple[int, int]]] | None = None,
                 sentences: dict[int, list[tuple[int, int]]] | None = None,
                 skip: dict[int, list[tuple[int, int]]] | None = None) -> list[NewProposal]:
    """Every place each code is said (≥ threshold), best first per code. `blocks`:
    paragraphs or turns a span stays inside; `sentences`: what spans snap to; `skip`:
    ranges never proposed in. Without blocks and sentences, blank lines and sentence
    ends are taken."""
    blocks, sentences, skip = blocks or {}, sentences or {}, skip or {}
    docs = [_prepare(i, t, blocks.get(i), sentences.get(i), skip.get(i, [])) for i, t in texts.items()]
    words = {c.id: _code_words(c.text) for c in codes}
    longest = max((len(w) for w in words.values()), default=0)
    index = _Index(docs, max(_WINDOW_MIN, _WINDOW_PER_WORD * longest))
    out = []
    for code in codes:
        cw = words[code.id]
        if not cw:
            continue
        if len(cw) < MIN_WORDS:
            places = _short_places(cw, docs) if len(cw) >= 2 else []
            found = [(100.0, *places[0])] if len(places) == 1 else []
        else:
            need = required_score(threshold, len(cw))
            found = []
            for n in index.candidates(cw):
                doc_id, a, b = index.windows[n]
                found += [(s, doc_id, first, last)
                          for s, first, last in _places(cw, index.docs[doc_id].toks, a, b, need)]
        out += [NewProposal(code.id, doc_id, *span, score) for score, doc_id, span in _distinct(found, index)]
    return out


def _distinct(found: list[tuple[float, int, int, int]], index: _Index) -> list[tuple[float, int, tuple[int, int]]]:
    """The best of overlapping places (windows overlap), snapped, best first."""
    kept: list[tuple[float, int, int, int]] = []
    for score, doc_id, first, last in sorted(found, key=lambda f: (-f[0], f[1], f[2])):
        if any(d == doc_id and first <= l2 and f2 <= last for _, d, f2, l2 in kept):
            continue
        kept.append((score, doc_id, first, last))
    return [(score, doc_id, _snap(index.docs[doc_id], first, last)) for score, doc_id, first, last in kept]


# ---- on a project ---------------------------------------------------------------------
def searched_documents(project, kinds: list[str] | None):
    """The documents to search: those of `kinds`, or by default those where informants
    speak (an interview or survey, speaker turns, an `informant` attribute). An unknown
    kind is an error that names the kinds present."""
    docs = project.documents.list()
    if kinds:
        present = sorted({d.kind for d in docs})
        unknown = [k for k in kinds if k not in present]
        if unknown:
            raise CoderError(_("{path}: no documents of kind {kinds}; the kinds present are {present}").format(
                path=project.path, kinds=", ".join(unknown), present=", ".join(present) or _("none (no documents)")))
        return [d for d in docs if d.kind in kinds]
    return [d for d in docs if d.kind in SPEAKING_KINDS or d.attributes.get(SPEAKER_ATTRIBUTE)
            or project.documents.segments(d.id, kind="turn")]


def _segments(project, doc_id: int, kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in project.documents.segments(doc_id) if s.kind in kinds]


def _same_file(source: str | None, other: Path) -> bool:
    try:
        return source is not None and Path(source).resolve() == other.resolve()
    except OSError:
        return False


def anchor(project, threshold: float = DEFAULT_THRESHOLD, accept_above: float | None = None,
           code_ids: list[int] | None = None, kinds: list[str] | None = None,
           codebook_file: Path | None = None) -> AnchorReport:
    """Propose codings for the codes that have none (or for `code_ids`), in the documents
    of the given `kinds` (by default those where informants speak: an in-vivo code belongs
    in the interview, not in a report that quotes it); with `accept_above`, accept the
    proposals scoring at least that at once (its own action). A document imported from
    `codebook_file`, the file the codebook came from, is not searched."""
    docs = searched_documents(project, kinds)
    own = [d for d in docs if codebook_file is not None and _same_file(d.source_path, codebook_file)]
    docs = [d for d in docs if d not in own]
    wanted = None if code_ids is None else set(code_ids)
    all_codes = project.codes.list(order="id")
    codes = [c for c in all_codes if c.codings == 0 and (wanted is None or c.id in wanted)]
    texts = {d.id: project.documents.text(d.id) for d in docs}
    entries = ([c.text for c in all_codes] + [g.name for g in project.grouping.groups()]
               + [t.name for t in project.grouping.themes()])
    lists = find_code_lists(texts, entries)
    skip: dict[int, list[tuple[int, int]]] = {}
    for cl in lists:
        skip.setdefault(cl.document_id, []).append((cl.start, cl.end))
    found = find_anchors(codes, texts, threshold,
                         blocks={d: _segments(project, d, _BLOCK_KINDS) for d in texts},
                         sentences={d: _segments(project, d, _SENTENCE_KINDS) for d in texts}, skip=skip)
    ids = project.proposals.add(found, source=f"anchoring ≥ {threshold:g}",
                                label=said(N_("anchoring ≥ {threshold}"), threshold=f"{threshold:g}")) if found else []
    accepted = 0
    if accept_above is not None and ids:
        chosen = [p.id for p in project.proposals.list(min_score=accept_above) if p.id in set(ids)]
        accepted = len(project.proposals.accept(chosen)) if chosen else 0
    names = {d.id: d.name for d in docs}
    return AnchorReport(considered=len(codes), short=sum(len(_code_words(c.text)) < MIN_WORDS for c in codes),
                        anchored=len({p.code_id for p in found}), proposals=len(ids), accepted=accepted,
                        threshold=threshold, documents=len(docs), kinds=tuple(sorted({d.kind for d in docs})),
                        skipped=tuple(_("skipped: {name}, the file the codebook came from").format(name=d.name)
                                      for d in own)
                        + tuple(cl.describe(names[cl.document_id]) for cl in lists))
