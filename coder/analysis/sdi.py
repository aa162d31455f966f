"""The SDI tests after coding: grupperingstest (how many codes sit in a group), kodetest
verdicts per code, and flags for codes that likely fail the kodetest — too short, a bare
topic word, or an echo of a question in the interview guide."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coder.core.models import Code

SHORT_WORDS = 3                       # codes of 1..3 words are flagged
GUIDE_SETTING = "kodetest_guide_threshold"
GUIDE_DEFAULT = 80                    # rapidfuzz score (0-100) above which a code echoes the guide

FLAG_TEXT = {
    "short": "only {n} words: a code usually states what was said in a sentence",
    "topic": "a bare topic word: says what was talked about, not what was said",
    "guide": "close to the interview guide question «{q}»: could be made before reading",
}

# Function words that do not make a topic into a statement ("Om økonomien" is still a topic).
_STOPWORDS = frozenset("""
og i på for om av med til fra det den de en et ei å er var som at så men eller ikke
the of a an and in on for about to with
""".split())
_WORD = re.compile(r"[^\W\d_](?:[\w'-]*\w)?|\d+", re.UNICODE)
_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d+[.)]|[a-zA-Z][.)])\s+")


@dataclass(frozen=True)
class Flag:
    reason: str        # short, topic, guide
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
        return f"{self.grouped} of {self.codes} codes grouped"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def grouping_state(project) -> GroupingState:
    codes = project.codes.list()
    ungrouped = set(project.grouping.ungrouped_code_ids())
    return GroupingState(len(codes), len(codes) - len(ungrouped),
                         tuple(c for c in codes if c.id in ungrouped))


# ---- kodetest flags ------------------------------------------------------------------
def guide_questions(project) -> list[str]:
    """The questions of every document of kind `guide`: its non-empty lines, bullets and
    numbers stripped, split after each question mark."""
    out = []
    for doc in project.documents.list():
        if doc.kind != "guide":
            continue
        for line in project.documents.text(doc.id).split("\n"):
            line = _BULLET.sub("", line).strip()
            for part in re.split(r"(?<=\?)\s+", line):
                if len(words(part)) >= 2:
                    out.append(part)
    return out


def code_flags(text: str, questions: Sequence[str] = (), threshold: float = GUIDE_DEFAULT) -> tuple[Flag, ...]:
    """Why a code likely fails the kodetest; empty if nothing suggests it."""
    flags = []
    ws = words(text)
    if len(ws) <= SHORT_WORDS:
        flags.append(Flag("short", FLAG_TEXT["short"].format(n=len(ws))))
        content = [w for w in ws if w.lower() not in _STOPWORDS]
        if len(content) <= 1:
            flags.append(Flag("topic", FLAG_TEXT["topic"]))
    match = best_guide_match(text, questions, threshold)
    if match is not None:
        flags.append(Flag("guide", FLAG_TEXT["guide"].format(q=match)))
    return tuple(flags)


def best_guide_match(text: str, questions: Sequence[str], threshold: float) -> str | None:
    if not questions or threshold > 100:      # above 100: the guide check is off
        return None
    from rapidfuzz import fuzz, process, utils
    # token_sort_ratio: same words in any order, but a short code is not a match for a long question.
    found = process.extractOne(text, questions, scorer=fuzz.token_sort_ratio,
                               processor=utils.default_process, score_cutoff=threshold)
    return None if found is None else found[0]


def all_flags(project, codes: list[Code] | None = None) -> dict[int, tuple[Flag, ...]]:
    """Flags of every (given) code that has any."""
    codes = project.codes.list() if codes is None else codes
    questions = guide_questions(project)
    threshold = float(project.settings.get(GUIDE_SETTING, GUIDE_DEFAULT))
    out = {}
    for code in codes:
        flags = code_flags(code.text, questions, threshold)
        if flags:
            out[code.id] = flags
    return out


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


def check_report(project) -> dict:
    """The state of the tests, as `coder check --json` prints it."""
    state = grouping_state(project)
    codes = project.codes.list()
    code_verdicts = verdicts(project, "code", [c.id for c in codes])
    flags = all_flags(project, codes)
    concept_verdicts = verdicts(project, "concept")
    def tally(vs):
        return {v: sum(1 for x in vs.values() if x == v) for v in ("passed", "failed", "unchecked")}
    by_id = {c.id: c for c in codes}
    return {
        "codes": state.codes,
        "grouped": state.grouped,
        "ungrouped": state.codes - state.grouped,
        "ungrouped_codes": [c.text for c in state.ungrouped],
        "kodetest": {**tally(code_verdicts), "flagged": len(flags)},
        "flagged": [{"text": by_id[i].text, "verdict": code_verdicts[i],
                     "reasons": [f.reason for f in fs]} for i, fs in flags.items()],
        "konsepttest": tally(concept_verdicts),
    }
