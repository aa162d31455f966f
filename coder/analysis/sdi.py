"""The SDI tests after coding, as Tjora describes them: the grupperingstest (every code in
a group; group names that state their codes' essence; a restgruppe that stays small),
kodetest verdicts per code, and flags for codes that likely fail the kodetest — a code
that names a topic rather than saying what was said, or that could have been written
before reading the data because it is close to a question of the interview guide.

Codes may be single words and phrases when they are the informant's (in-vivo): length
alone is no flag. Each flag says why."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coder.core.models import Code
from coder.i18n import N_, _, ngettext
from coder.i18n.format import number
from coder.text.statements import content_words, names_topic

GUIDE_SETTING = "kodetest_guide_threshold"
GUIDE_DEFAULT = 80                    # share (0-100) of a code's content words found in one guide question
REST_SETTING = "restgruppe_max_share"
REST_DEFAULT = 10                     # per cent of all codes the restgruppe may hold before a warning

# Why a code or group is flagged (msgids: a Flag's message is translated when it is made).
FLAG_TEXT = {
    "topic": N_("names a topic («{text}»): says what was talked about, not what was said "
                "(unless these are the informant's own words)"),
    "topic_word": N_("a single word: names a topic unless it is a striking word of the informant's"),
    "guide": N_("close to the interview guide's question «{q}»: could have been written before reading the data"),
    "group_topic": N_("the group name is a bare topic («{text}»): state the essence its codes share"),
}
NO_GUIDE = N_("no interview guide imported (a document of kind guide): codes are not checked against its questions")

_WORD = re.compile(r"[^\W\d_](?:[\w'-]*\w)?|\d+", re.UNICODE)
# "Spørsmål 3:", "Q3.", "3)", "- ", "a)": what numbers or marks a guide's question
_NUMBERING = re.compile(
    r"^\s*(?:(?:spørsmål|sporsmal|question|q)\s*\d+[a-z]?\s*[:.)-]?|[-–•*·]|\d+[.):]|[a-zA-Z][.)])\s*",
    re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)")


@dataclass(frozen=True)
class Flag:
    reason: str        # topic, guide (codes); group_topic (groups)
    message: str


@dataclass(frozen=True)
class GroupingState:
    """Grupperingstest: keep grouping until every code is in a group."""
    codes: int
    grouped: int
    ungrouped: tuple[Code, ...]

    @property
    def done(self) -> bool:
        return self.codes > 0 and self.grouped == self.codes

    def summary(self) -> str:
        return ngettext("{grouped} of {n} code grouped", "{grouped} of {n} codes grouped",
                        self.codes).format(grouped=self.grouped, n=self.codes)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def grouping_state(project) -> GroupingState:
    codes = project.codes.list()
    ungrouped = set(project.grouping.ungrouped_code_ids())
    return GroupingState(len(codes), len(codes) - len(ungrouped),
                         tuple(c for c in codes if c.id in ungrouped))


# ---- kodetest flags ------------------------------------------------------------------
def guide_documents(project) -> list:
    return [d for d in project.documents.list() if d.kind == "guide"]


def guide_questions(project) -> list[str]:
    """The questions of every document of kind `guide`: its lines with "Spørsmål N:",
    numbers and bullets stripped, split into sentences. Where a guide has
    questions, only they count (not its headings and notes); a guide of topics without
    question marks counts line by line."""
    out = []
    for doc in guide_documents(project):
        lines = [_NUMBERING.sub("", line).strip() for line in project.documents.text(doc.id).split("\n")]
        parts = [part.strip() for line in lines for part in re.split(r"(?<=[?.!])\s+", line)]
        parts = [part for part in parts if len(words(part)) >= 2]
        asked = [part for part in parts if part.endswith("?")]
        out += asked or parts
    return out


def _lemmas(text: str) -> set[str]:
    from coder.text.align import lemma
    return {lemma(w.lower()) for w in content_words(text)}


def best_guide_match(text: str, questions: Sequence[str], threshold: float) -> str | None:
    """The guide question that holds most of the code's content words, if it holds at
    least `threshold` per cent of them (on lemmas; asides in brackets left out)."""
    if not questions or threshold > 100:      # above 100: the guide check is off
        return None
    mine = _lemmas(text)
    if len(mine) < 2:
        return None
    best, share = None, 0.0
    for q in questions:
        found = 100.0 * len(mine & _lemmas(_ASIDE.sub("", q))) / len(mine)
        if found > share:
            best, share = q, found
    return best if share >= threshold else None


def _flag(reason: str, key: str, **values: str) -> Flag:
    """A flag whose message is in the reader's language."""
    return Flag(reason, _(FLAG_TEXT[key]).format(**values))


def code_flags(text: str, questions: Sequence[str] = (), threshold: float = GUIDE_DEFAULT,
               own_words: bool = False) -> tuple[Flag, ...]:
    """Why a code likely fails the kodetest; empty if nothing suggests it. `own_words`:
    the code is the informant's words (coded on a passage that says it verbatim, or made
    in-vivo), which a phrase naming a topic may be."""
    flags = []
    if len(content_words(text)) == 1 and names_topic(text):
        flags.append(_flag("topic", "topic_word"))
    elif names_topic(text) and not own_words:
        flags.append(_flag("topic", "topic", text=text))
    match = best_guide_match(text, questions, threshold)
    if match is not None:
        flags.append(_flag("guide", "guide", q=match))
    return tuple(flags)


def group_flags(name: str, is_rest: bool = False) -> tuple[Flag, ...]:
    """The grupperingstest's second half: a group's name states what its codes share."""
    if is_rest or not names_topic(name):
        return ()
    return (_flag("group_topic", "group_topic", text=name),)


def _squeeze(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


def topic_phrase(text: str) -> bool:
    """A phrase that names a topic, which the informant's own words may be."""
    return len(content_words(text)) > 1 and names_topic(text)


def own_words(project, codes: list[Code]) -> set[int]:
    """Of the codes whose phrase names a topic, those that are the informant's words:
    made in-vivo, or coded on a passage that holds the code's words as they stand."""
    codes = [c for c in codes if topic_phrase(c.text)]
    out = {c.id for c in codes if c.in_vivo}
    wanted = {c.id: _squeeze(c.text) for c in codes if c.codings and c.id not in out}
    if wanted:
        for q in project.sdi.quotes(code_ids=list(wanted)):
            if q.code_id not in out and f" {wanted[q.code_id]} " in f" {_squeeze(q.text)} ":
                out.add(q.code_id)
    return out


def all_flags(project, codes: list[Code] | None = None) -> dict[int, tuple[Flag, ...]]:
    """Flags of every (given) code that has any."""
    codes = project.codes.list() if codes is None else codes
    questions = guide_questions(project)
    threshold = float(project.settings.get(GUIDE_SETTING, GUIDE_DEFAULT))
    mine = own_words(project, codes)
    out = {}
    for code in codes:
        flags = code_flags(code.text, questions, threshold, code.id in mine)
        if flags:
            out[code.id] = flags
    return out


@dataclass(frozen=True)
class RestShare:
    """How much of the codebook the restgruppe holds: codes judged irrelevant should be few."""
    codes: int
    of: int
    max_share: float        # per cent

    @property
    def share(self) -> float:
        return 100.0 * self.codes / self.of if self.of else 0.0

    @property
    def too_large(self) -> bool:
        return self.share > self.max_share

    def summary(self) -> str:
        text = ngettext("restgruppe: {rest} of {n} code ({share} %)", "restgruppe: {rest} of {n} codes ({share} %)",
                        self.of).format(rest=self.codes, n=self.of, share=number(self.share, 0))
        if self.too_large:
            text += _(" — more than {max} %: are these codes really irrelevant?").format(max=number(self.max_share))
        return text


def rest_share(project, groups=None, codes: int | None = None, max_share: float | None = None) -> RestShare:
    groups = project.grouping.groups() if groups is None else groups
    codes = len(project.codes.list()) if codes is None else codes
    rest = len({c for g in groups if g.is_rest for c in g.code_ids})
    if max_share is None:
        max_share = float(project.settings.get(REST_SETTING, REST_DEFAULT))
    return RestShare(rest, codes, max_share)


# ---- kodetest / konsepttest verdicts ------------------------------------------------------
def verdict(answers: dict[str, str], keys: list[str]) -> str:
    """One verdict for an entity: failed if any question failed, passed if all passed."""
    values = [answers.get(k, "unchecked") for k in keys]
    if "failed" in values:
        return "failed"
    if values and all(v == "passed" for v in values):
        return "passed"
    return "unchecked"


def verdicts(project, applies_to: str = "code", entity_ids: list[int] | None = None) -> dict[int, str]:
    keys = [q["key"] for q in project.grouping.check_questions(applies_to)]
    answers = project.grouping.checks(applies_to)
    if entity_ids is None:
        entities = project.codes.list() if applies_to == "code" else project.grouping.concepts()
        entity_ids = [e.id for e in entities]
    return {i: verdict(answers.get(i, {}), keys) for i in entity_ids}


def check_report(project, rest_max: float | None = None) -> dict:
    """The state of the tests, as `coder check --json` prints it; `rest_max`: the
    restgruppe's largest share without a warning, instead of the project's setting."""
    state = grouping_state(project)
    codes = project.codes.list()
    groups = project.grouping.groups()
    code_verdicts = verdicts(project, "code", [c.id for c in codes])
    flags = all_flags(project, codes)
    concept_verdicts = verdicts(project, "concept")
    def tally(vs):
        return {v: sum(1 for x in vs.values() if x == v) for v in ("passed", "failed", "unchecked")}
    by_id = {c.id: c for c in codes}
    rest = rest_share(project, groups, len(codes), rest_max)
    guides = guide_documents(project)
    def reasons(fs):
        return [{"reason": f.reason, "message": f.message} for f in fs]
    return {
        "codes": state.codes,
        "grouped": state.grouped,
        "ungrouped": state.codes - state.grouped,
        "ungrouped_codes": [c.text for c in state.ungrouped],
        "restgruppe": {"codes": rest.codes, "share": round(rest.share, 1), "max_share": rest.max_share,
                       "too_large": rest.too_large},
        "group_flags": [{"group": g.number, "name": g.name, "flags": reasons(fs)}
                        for g in groups if (fs := group_flags(g.name, g.is_rest))],
        "kodetest": {**tally(code_verdicts), "flagged": len(flags)},
        "guide": {"documents": len(guides), "questions": len(guide_questions(project)),
                  "note": None if guides else _(NO_GUIDE)},
        "flagged": [{"text": by_id[i].text, "verdict": code_verdicts[i],
                     "reasons": [f.reason for f in fs]} for i, fs in flags.items()],
        "flags": [{"text": by_id[i].text, "verdict": code_verdicts[i], "flags": reasons(fs)}
                  for i, fs in flags.items()],
        "konsepttest": tally(concept_verdicts),
    }
