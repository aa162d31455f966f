"""Where coders disagree, passage by passage, to discuss and resolve.

Per code and document (over the documents any compared coder has coded, as for the
agreement figures: a document one coder left uncoded disagrees wherever another coded),
the compared coders' codings are clustered: codings that overlap,
directly or through others, form one cluster. A cluster is a disagreement when the
coders did not cover the same characters in it: one coded a passage the other did not,
or they coded it with different extents. Its `passages` are the stretches where the
coverage differs, with who coded each. Resolved clusters (Project.team.resolve_disagreement)
are left out while their codings stay as they were resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coder.analysis.agreement import compared_documents
from coder.core.errors import CoderError
from coder.core.models import Coding
from coder.i18n import _
from coder.i18n.collate import sort_key


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    coders: tuple[str, ...]       # the compared coders who coded this stretch (not all of them)


@dataclass(frozen=True)
class Disagreement:
    code_id: int
    code: str
    document_id: int
    document: str
    start: int
    end: int
    codings: tuple[Coding, ...]
    passages: tuple[Passage, ...]

    def sides(self, coders: Sequence[str]) -> dict[str, tuple[Coding, ...]]:
        return {c: tuple(k for k in self.codings if k.coder == c) for c in coders}


def clusters(codings: Sequence[Coding]) -> list[list[Coding]]:
    """Group codings (of one code in one document) that overlap, directly or in a chain."""
    out: list[list[Coding]] = []
    reach = -1
    for c in sorted(codings, key=lambda k: (k.start, k.end)):
        if out and c.start < reach:
            out[-1].append(c)
            reach = max(reach, c.end)
        else:
            out.append([c])
            reach = c.end
    return out


def differing_passages(cluster: Sequence[Coding], coders: Sequence[str]) -> list[Passage]:
    """Maximal stretches where some but not all coders have coded, with who did."""
    cuts = sorted({p for c in cluster for p in (c.start, c.end)})
    out: list[Passage] = []
    for a, b in zip(cuts, cuts[1:]):
        who = tuple(x for x in coders if any(c.coder == x and c.start < b and c.end > a for c in cluster))
        if not who or len(who) == len(coders):
            continue
        if out and out[-1].end == a and out[-1].coders == who:
            out[-1] = Passage(out[-1].start, b, who)
        else:
            out.append(Passage(a, b, who))
    return out


def disagreements(project, coders: Sequence[str], code_id: int | None = None) -> list[Disagreement]:
    coders = tuple(coders)
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise CoderError(_("{path}: name two or more different coders").format(path=project.path))
    docs = {d.id: d.name for d in compared_documents(project, coders)}
    texts = {c.id: c.text for c in project.codes.list()}
    resolved = project.team.resolved_disagreements()
    groups: dict[tuple[int, int], list[Coding]] = {}
    for c in project.codes.codings(code_id=code_id, coders=coders):
        if c.document_id in docs:
            groups.setdefault((c.code_id, c.document_id), []).append(c)
    out = []
    for (code, doc), codings in groups.items():
        for cluster in clusters(codings):
            passages = differing_passages(cluster, coders)
            spans = {(c.coder, c.start, c.end) for c in cluster}
            done = any(spans <= kept for kept in resolved.get((code, doc, tuple(sorted(coders))), ()))
            if passages and not done:
                out.append(Disagreement(code, texts[code], doc, docs[doc], cluster[0].start,
                                        max(c.end for c in cluster), tuple(cluster), tuple(passages)))
    return sorted(out, key=lambda d: (sort_key(d.code), sort_key(d.document), d.start))


@dataclass(frozen=True)
class GroupedCodes:
    group_id: int | None          # None: the codes in no kodegruppe
    codes: tuple[tuple[int, str, int], ...]    # (code id, code, disagreements), by code


def by_group(project, found: Sequence[Disagreement]) -> list[GroupedCodes]:
    """The codes with disagreements, under their kodegruppe (by group number); the codes
    in no group last."""
    per_code: dict[int, tuple[str, int]] = {}
    for d in found:
        per_code[d.code_id] = (d.code, per_code.get(d.code_id, ("", 0))[1] + 1)
    out, placed = [], set()
    for g in project.grouping.groups():
        codes = [(cid, *per_code[cid]) for cid in g.code_ids if cid in per_code]
        placed.update(g.code_ids)
        if codes:
            out.append(GroupedCodes(g.id, tuple(sorted(codes, key=lambda c: sort_key(c[1])))))
    loose = [(cid, text, n) for cid, (text, n) in per_code.items() if cid not in placed]
    if loose:
        out.append(GroupedCodes(None, tuple(sorted(loose, key=lambda c: sort_key(c[1])))))
    return out
