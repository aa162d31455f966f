"""Inter-coder agreement for two or more coders of one project: per code, kodegruppe or
tema, overall and (if asked) per document, each figure with the counts behind it.

What is compared
  Documents (`documents=`):
    "any"  (the default) every document at least one of the coders has coded. A coder who
           coded nothing in it said "not this code" to every unit there.
    "all"  only the documents every coder has coded (coder before issue 18 did only this).
    "project"  every document of the project, also those none of them has coded.
  A document with no units of the chosen kind (no speaker turns, say) is left out and
  named. The report says which documents were compared and why, and which were not.
  Items (`level=`):
    "code"   each code a chosen coder used in the compared documents (or the one asked for).
    "group"  each kodegruppe: a coder's codings with any code in the group count for the
             group, so two coders who used different codes of one group agree on it.
    "theme"  each tema, likewise through its groups.
  Codes in no group (groups in no theme) are not counted at those levels; a note says so.

Units: coder/analysis/agreement_units.py (UNIT_DEFINITIONS). Figures and the counts behind
them: coder/analysis/agreement_figures.py. Overall: the units of all items pooled (each
unit × item pair is one unit).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from coder.analysis.agreement_figures import (
    Pattern,
    Tally,
    kappa,
    kappa_name,
    krippendorff_alpha,
    percent_agreement,
    tally,
)
from coder.analysis.agreement_units import UNIT_DEFINITIONS, UNITS, character_patterns, smallest_segments, unit_counter  # noqa: F401  (re-exported)
from coder.core.errors import CoderError
from coder.i18n import N_, _, ngettext
from coder.i18n.collate import sort_key

LEVELS = ("code", "group", "theme")
DOCUMENT_CHOICES = ("any", "all", "project")
# Which documents are compared, in words (for the report and the table's notes).
DOCUMENT_RULES = {
    "any": N_("coded by at least one of {coders}; where a coder coded nothing, that coder counts as not having "
              "used the item"),
    "all": N_("coded by every one of {coders} (documents only some of them coded are left out)"),
    "project": N_("every document of the project, also those none of them coded"),
}


@dataclass(frozen=True)
class Agreement:
    item_id: int | None          # a code, group or theme id; None for the overall figures
    item: str                    # its text or "Group N: name" / "Theme N: name", in the reader's language
    document: str | None         # None: over all compared documents
    tally: Tally
    agreement: float
    kappa: float | None
    alpha: float | None

    @property
    def units(self) -> int:
        return self.tally.units

    @property
    def coded(self) -> dict[str, int]:
        return self.tally.coded


@dataclass(frozen=True)
class AgreementReport:
    unit: str
    unit_definition: str
    level: str
    coders: tuple[str, ...]
    kappa_name: str
    documents: tuple[str, ...]                       # compared
    documents_rule: str                              # why these
    left_out: tuple[tuple[str, str], ...]            # (document, why not)
    items: tuple[Agreement, ...]                     # per item, over all compared documents
    by_document: tuple[Agreement, ...]               # per item and document (if asked)
    overall: Agreement
    notes: tuple[str, ...] = ()


def figures(item_id, item: str, document: str | None, coders: tuple[str, ...],
            counts: Counter[Pattern]) -> Agreement:
    return Agreement(item_id, item, document, tally(coders, counts), percent_agreement(counts),
                     kappa(counts, len(coders)), krippendorff_alpha(counts))


# ---- what is compared ---------------------------------------------------------------
def check_coders(project, coders: Sequence[str]) -> None:
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise CoderError(_("{path}: name two or more different coders").format(path=project.path))
    have = {c.coder for c in project.codes.codings(coders=coders)}
    missing = [c for c in coders if c not in have]
    if missing:
        known = sorted({c.coder for c in project.codes.codings()}, key=sort_key)
        raise CoderError(_("{path}: no codings by {missing} (coders with codings: {known})")
                         .format(path=project.path, missing=", ".join(missing), known=", ".join(known) or _("none")))


def choose_documents(project, coders: Sequence[str], documents: str = "any"):
    """(compared, rule, left_out): the documents, why they, and the others with why not."""
    if documents not in DOCUMENT_CHOICES:
        raise CoderError(_("{path}: documents are one of {document_choices}, not «{documents}»")
                         .format(path=project.path, document_choices=', '.join(DOCUMENT_CHOICES), documents=documents))
    by_doc: dict[int, set[str]] = {}
    for c in project.codes.codings(coders=coders):
        by_doc.setdefault(c.document_id, set()).add(c.coder)
    names = ", ".join(coders)
    compared, left_out = [], []
    for d in project.documents.list():
        who = by_doc.get(d.id, set())
        if documents == "project" or (who and (documents == "any" or who >= set(coders))):
            compared.append(d)
        elif not who:
            left_out.append((d, _("coded by none of them")))
        else:
            left_out.append((d, _("not coded by {coders}").format(coders=", ".join(c for c in coders if c not in who))))
    rule = _(DOCUMENT_RULES[documents]).format(coders=names)
    return compared, rule, left_out


def compared_documents(project, coders: Sequence[str], documents: str = "any") -> list:
    return choose_documents(project, coders, documents)[0]


def item_map(project, level: str, code_id: int | None):
    """(item of code, item names, notes): which item each code's codings count for; the
    names of groups and themes in their order (by number, the restgruppe last)."""
    codes = {c.id: c for c in project.codes.list()}
    if level == "code":
        return ({cid: cid for cid in codes if code_id in (None, cid)},
                {cid: c.text for cid, c in codes.items()}, [])
    groups = sorted(project.grouping.groups(), key=lambda g: (g.is_rest, g.number))
    if level == "group":
        names = {g.id: (_("Rest group: {name}").format(name=g.name) if g.is_rest
                        else _("Group {number}: {name}").format(number=g.number, name=g.name)) for g in groups}
        of_code = {cid: g.id for g in groups for cid in g.code_ids}
        missing = [cid for cid in codes if cid not in of_code]
        note = ngettext("{n} code in no code group: its codings are not counted at this level",
                        "{n} codes in no code group: their codings are not counted at this level",
                        len(missing)).format(n=len(missing))
        return of_code, names, [note] if missing else []
    theme_of_group = {g.id: g.theme_id for g in groups}
    names = {t.id: _("Theme {number}: {name}").format(number=t.number, name=t.name) for t in project.grouping.themes()}
    of_code = {cid: theme_of_group[g.id] for g in groups for cid in g.code_ids if theme_of_group[g.id]}
    missing = [cid for cid in codes if cid not in of_code]
    note = ngettext("{n} code in no theme (or in no code group): its codings are not counted at this level",
                    "{n} codes in no theme (or in no code group): their codings are not counted at this level",
                    len(missing)).format(n=len(missing))
    return of_code, names, [note] if missing else []


# ---- the report ----------------------------------------------------------------------
def agreement_report(project, coders: Sequence[str], code: str | None = None, unit: str = "character",
                     level: str = "code", by_document: bool = False, documents: str = "any") -> AgreementReport:
    coders = tuple(coders)
    where = project.path
    if unit not in UNITS:
        raise CoderError(_("{where}: the unit is one of {units}, not «{unit}»")
                         .format(where=where, units=', '.join(UNITS), unit=unit))
    if level not in LEVELS:
        raise CoderError(_("{where}: the level is one of {levels}, not «{level}»")
                         .format(where=where, levels=', '.join(LEVELS), level=level))
    check_coders(project, coders)
    only = None
    if code is not None:
        if level != "code":
            raise CoderError(_("{where}: a single code goes with the code level, not «{level}»")
                             .format(where=where, level=level))
        found = project.codes.by_text(code)
        if found is None:
            raise CoderError(_("{where}: no code «{code}»").format(where=where, code=code))
        only = found.id
    docs, rule, left_out = choose_documents(project, coders, documents)
    count, no_units = unit_counter(project, docs, unit)
    skipped = {d.id for d, _why in no_units}
    docs = [d for d in docs if d.id not in skipped]
    left_out = sorted(left_out + no_units, key=lambda x: sort_key(x[0].name))
    if not docs:
        none = _("{where}: no document to compare ({rule}; none of them has units of the kind «{unit}»)") \
            if no_units else _("{where}: no document to compare ({rule})")
        raise CoderError(none.format(where=where, rule=rule, unit=unit))
    of_code, names, notes = item_map(project, level, only)
    spans = _spans(project, coders, {d.id for d in docs}, of_code, only)
    empty: list[list] = [[] for _ in coders]
    per_item: list = []
    per_doc: list = []
    pooled: Counter = Counter()
    if level == "code":
        order = sorted(spans, key=lambda i: sort_key(names[i]))
    else:                                           # by group (theme) number, as in the codebook
        rank = {i: n for n, i in enumerate(names)}
        order = sorted(spans, key=rank.__getitem__)
    for item in order:
        counts: Counter[Pattern] = Counter()
        for d in docs:
            doc_spans = spans[item].get(d.id)
            doc_counts = count(d, doc_spans or empty)
            counts.update(doc_counts)
            if by_document and doc_spans:
                per_doc.append(figures(item, names[item], d.name, coders, doc_counts))
        pooled.update(counts)
        per_item.append(figures(item, names[item], None, coders, counts))
    if only is not None and not per_item:   # the code asked for was not used in these documents
        counts = Counter()
        for d in docs:
            counts.update(count(d, empty))
        pooled.update(counts)
        per_item.append(figures(only, names[only], None, coders, counts))
    return AgreementReport(unit, _(UNIT_DEFINITIONS[unit]), level, coders, kappa_name(len(coders)),
                           tuple(d.name for d in docs), rule,
                           tuple((d.name, why) for d, why in left_out), tuple(per_item), tuple(per_doc),
                           figures(None, "overall", None, coders, pooled), tuple(notes))


def _spans(project, coders, doc_ids, of_code, only):
    """spans[item][document_id][coder index] → list of (start, end)."""
    out: dict[int, dict[int, list[list[tuple[int, int]]]]] = {}
    index = {c: i for i, c in enumerate(coders)}
    for c in project.codes.codings(code_id=only, coders=coders):
        item = of_code.get(c.code_id)
        if item is not None and c.document_id in doc_ids:
            per_doc = out.setdefault(item, {}).setdefault(c.document_id, [[] for _ in coders])
            per_doc[index[c.coder]].append((c.start, c.end))
    return out
