"""Inter-coder agreement: percentage agreement, Cohen's kappa and Krippendorff's alpha,
per code and overall, for two or more coders of one project.

What is compared
  Documents: those that EVERY chosen coder has coded at least once (with any code). A
  document one of them has not started on says nothing about agreement, and counting
  its text as "both left it uncoded" would inflate every figure.
  Codes: the one asked for, or every code that a chosen coder used in those documents.

Units (`unit=`)
  character  Each character of each compared document is one unit. For a code, a coder
             gives a unit the value 1 if one of their codings with that code covers the
             character, else 0. Extent matters: coding 0–100 against 0–90 disagrees on
             ten units.
  segment    Each of the document's smallest segments is one unit: a segment that holds
             no other segment (the sentences, where the document was split into
             sentences inside paragraphs or turns). A coder gives it 1 if one of their
             codings with that code overlaps it by at least one character, else 0. Text
             between segments is not a unit. A document without segments is an error:
             use the character unit for it.

Figures (binary value per unit, per code; no missing values, as every coder is asked
about every unit)
  agreement  the share of units on which all coders give the same value.
  kappa      Cohen's kappa, two coders only: (po − pe) / (1 − pe) with pe from each
             coder's own share of 1s. None when pe = 1 (nobody used the code, or everyone
             coded everything).
  alpha      Krippendorff's alpha, nominal, from the `krippendorff` package. None when
             only one value occurs (no variation to agree on).
  overall    the same figures over the units of all compared codes pooled (each
             unit × code pair is one unit).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coder.core.errors import CoderError

UNITS = ("character", "segment")
UNIT_DEFINITIONS = {
    "character": "each character of each compared document; 1 if a coding with the code covers it",
    "segment": "each smallest segment (sentence) of each compared document; 1 if a coding with the code overlaps it",
}

Pattern = tuple[bool, ...]  # one value per coder, in the order the coders were given


@dataclass(frozen=True)
class Agreement:
    code_id: int | None          # None for the overall figures
    code: str
    units: int
    coded: dict[str, int]        # units each coder gave 1
    agreement: float
    kappa: float | None
    alpha: float | None


@dataclass(frozen=True)
class AgreementReport:
    unit: str
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    codes: tuple[Agreement, ...]
    overall: Agreement


# ---- the figures, from counts of value patterns ----------------------------------
def percent_agreement(counts: Counter[Pattern]) -> float:
    total = sum(counts.values())
    same = sum(n for pattern, n in counts.items() if len(set(pattern)) == 1)
    return same / total if total else 1.0


def cohen_kappa(counts: Counter[Pattern]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    p_a = sum(n for (a, _b), n in counts.items() if a) / total
    p_b = sum(n for (_a, b), n in counts.items() if b) / total
    p_e = p_a * p_b + (1 - p_a) * (1 - p_b)
    if p_e >= 1.0:
        return None
    return (percent_agreement(counts) - p_e) / (1 - p_e)


def value_counts(counts: Counter[Pattern]) -> list[list[int]]:
    """Rows of (coders giving 0, coders giving 1), one per unit, for `krippendorff`.

    A unit on which all m coders agree adds exactly m to one diagonal cell of the
    coincidence matrix, so K such units are passed as ONE row of K·m values: the same
    alpha, and millions of agreeing character units stay cheap. Units with mixed values
    are passed one row each."""
    rows: list[list[int]] = []
    for pattern, n in counts.items():
        m, ones = len(pattern), sum(pattern)
        if ones in (0, m):
            rows.append([n * m, 0] if ones == 0 else [0, n * m])
        else:
            rows.extend([[m - ones, ones]] * n)
    return rows


def krippendorff_alpha(counts: Counter[Pattern]) -> float | None:
    ones = sum(sum(p) * n for p, n in counts.items())
    zeros = sum((len(p) - sum(p)) * n for p, n in counts.items())
    if not ones or not zeros:
        return None
    import krippendorff  # numpy and the package load only when figures are wanted
    return float(krippendorff.alpha(value_counts=value_counts(counts), level_of_measurement="nominal"))


def figures(code_id: int | None, code: str, coders: Sequence[str], counts: Counter[Pattern]) -> Agreement:
    coded = {c: sum(n for p, n in counts.items() if p[i]) for i, c in enumerate(coders)}
    return Agreement(code_id, code, sum(counts.values()), coded, percent_agreement(counts),
                     cohen_kappa(counts) if len(coders) == 2 else None, krippendorff_alpha(counts))


# ---- units -------------------------------------------------------------------------
def character_patterns(length: int, spans: Sequence[Sequence[tuple[int, int]]]) -> Counter[Pattern]:
    """Count the characters of a text by which coders cover them (`spans` per coder)."""
    events = sorted((pos, i, step) for i, coder_spans in enumerate(spans)
                    for s, e in coder_spans for pos, step in ((s, 1), (e, -1)))
    depth = [0] * len(spans)
    counts: Counter[Pattern] = Counter()
    pos = 0
    for at, i, step in events:
        if at > pos:
            counts[tuple(d > 0 for d in depth)] += at - pos
            pos = at
        depth[i] += step
    if length > pos:
        counts[tuple(False for _ in spans)] += length - pos
    return counts


def smallest_segments(segments: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that contain no other span (duplicates counted once), by start."""
    spans = sorted(set(segments), key=lambda s: (s[0], -s[1]))
    leaves = []
    for i, (start, end) in enumerate(spans):
        j = i + 1
        while j < len(spans) and spans[j][0] < end and spans[j][1] > end:
            j += 1  # starts inside but reaches past the end: not held by this span
        if j == len(spans) or spans[j][0] >= end:
            leaves.append((start, end))
    return leaves


class SegmentUnits:
    """One document's unit segments, ready to count codings against."""

    def __init__(self, segments: Iterable[tuple[int, int]]):
        self.units = smallest_segments(segments)
        # no unit holds another, so ordered by start they are ordered by end too
        self.ends = [e for _s, e in self.units]

    def patterns(self, spans: Sequence[Sequence[tuple[int, int]]]) -> Counter[Pattern]:
        """Count segments by which coders' spans overlap them. Only touched segments are
        visited: the rest are counted at once as coded by nobody."""
        units, marks = self.units, dict[int, list[bool]]()
        for i, coder_spans in enumerate(spans):
            for s, e in coder_spans:
                k = bisect.bisect_right(self.ends, s)
                while k < len(units) and units[k][0] < e:
                    if units[k][1] > s:
                        marks.setdefault(k, [False] * len(spans))[i] = True
                    k += 1
        counts = Counter(tuple(m) for m in marks.values())
        if len(units) > len(marks):
            counts[tuple(False for _ in spans)] += len(units) - len(marks)
        return counts


# ---- the report ----------------------------------------------------------------------
def compared_documents(project, coders: Sequence[str]) -> list:
    """Documents that every one of `coders` has coded at least once."""
    by_doc: dict[int, set[str]] = {}
    for c in project.codes.codings(coders=coders):
        by_doc.setdefault(c.document_id, set()).add(c.coder)
    return [d for d in project.documents.list() if by_doc.get(d.id, set()) >= set(coders)]


def check_coders(project, coders: Sequence[str]) -> None:
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise CoderError(f"{project.path}: name two or more different coders")
    have = {c.coder for c in project.codes.codings(coders=coders)}
    missing = [c for c in coders if c not in have]
    if missing:
        known = sorted({c.coder for c in project.codes.codings()})
        raise CoderError(f"{project.path}: no codings by {', '.join(missing)} "
                         f"(coders with codings: {', '.join(known) or 'none'})")


def agreement_report(project, coders: Sequence[str], code: str | None = None,
                     unit: str = "character") -> AgreementReport:
    if unit not in UNITS:
        raise CoderError(f"{project.path}: the unit is one of {', '.join(UNITS)}, not «{unit}»")
    coders = tuple(coders)
    check_coders(project, coders)
    only = None
    if code is not None:
        found = project.codes.by_text(code)
        if found is None:
            raise CoderError(f"{project.path}: no code «{code}»")
        only = found.id
    docs = compared_documents(project, coders)
    if not docs:
        raise CoderError(f"{project.path}: no document has codings by all of {', '.join(coders)}")
    # spans[code_id][document_id][coder index] → list of (start, end)
    spans: dict[int, dict[int, list[list[tuple[int, int]]]]] = {}
    doc_ids = {d.id for d in docs}
    for c in project.codes.codings(code_id=only, coders=coders):
        if c.document_id in doc_ids:
            per_doc = spans.setdefault(c.code_id, {}).setdefault(c.document_id, [[] for _ in coders])
            per_doc[coders.index(c.coder)].append((c.start, c.end))
    code_ids = [only] if only is not None else list(spans)
    texts = {c.id: c.text for c in project.codes.list()}
    units = _unit_maker(project, docs, unit)
    per_code, pooled = [], Counter[Pattern]()
    for code_id in sorted(code_ids, key=lambda i: texts[i].casefold()):
        counts: Counter[Pattern] = Counter()
        for d in docs:
            counts.update(units(d, spans.get(code_id, {}).get(d.id, [[] for _ in coders])))
        pooled.update(counts)
        per_code.append(figures(code_id, texts[code_id], coders, counts))
    return AgreementReport(unit, coders, tuple(d.name for d in docs), tuple(per_code),
                           figures(None, "overall", coders, pooled))


def _unit_maker(project, docs, unit: str):
    if unit == "character":
        return lambda doc, doc_spans: character_patterns(doc.length, doc_spans)
    units = {}
    for d in docs:
        units[d.id] = SegmentUnits((s.start, s.end) for s in project.documents.segments(d.id))
        if not units[d.id].units:
            raise CoderError(f"{project.path}: document «{d.name}» has no segments; use --unit character")
    return lambda doc, doc_spans: units[doc.id].patterns(doc_spans)
