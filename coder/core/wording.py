"""What a history row says of its object and details, kept so it can be read in any language.

A `Wording` is a message id of the catalogue and its values (a plural pair and a count where
a number of things is told). Values are names (a code's text, a document's name, what the
user typed: never translated), numbers, or wordings themselves (one detail of two parts:
"{documents}, {segments}"). The history keeps it as JSON beside the English text
(`Store.action`), and shows it in the reader's language (`HistoryEntry.shown_object`).

A history row may come from someone else's file: `from_json` takes only the shapes
`to_json` writes, and `text` formats only plain `{name}` fields of the values it has.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from coder.i18n import N_, _, ngettext, using

Value = Union[str, int, float, "Wording"]

# How deep wordings may nest in a row read back (ours nest two deep).
_MAX_DEPTH = 4
_FIELDS = string.Formatter()


@dataclass(frozen=True)
class Wording:
    message: str
    values: dict[str, Value] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None

    def text(self) -> str:
        """In the current language; ValueError if the message does not fit its values."""
        if self.plural is not None and self.n is not None:
            template = ngettext(self.message, self.plural, self.n)
            values: dict[str, Value] = {"n": self.n, **self.values}
        else:
            template = _(self.message) if self.message else ""
            values = self.values
        shown = {k: v.text() if isinstance(v, Wording) else v for k, v in values.items()}
        for _literal, name, spec, conversion in _FIELDS.parse(template):
            if name is not None and (name not in shown or spec or conversion):
                raise ValueError(f"{template!r} does not fit its values")
        return template.format(**shown)

    def english(self) -> str:
        with using("en"):
            return self.text()

    def __str__(self) -> str:
        return self.text()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"m": self.message}
        if self.values:
            data["v"] = {k: v.to_json() if isinstance(v, Wording) else v for k, v in self.values.items()}
        if self.plural is not None:
            data["p"], data["n"] = self.plural, self.n
        return data

    @classmethod
    def from_json(cls, data: Any, depth: int = 0) -> Wording:
        """The wording `to_json` gave; ValueError for anything else."""
        if depth > _MAX_DEPTH or not isinstance(data, dict) or not isinstance(data.get("m"), str) \
                or set(data) - {"m", "v", "p", "n"}:
            raise ValueError("not a wording")
        plural, n = data.get("p"), data.get("n")
        if (plural is None) != (n is None) or not (plural is None or isinstance(plural, str)) \
                or not (n is None or type(n) is int):
            raise ValueError("not a plural wording")
        raw = data.get("v", {})
        if not isinstance(raw, dict):
            raise ValueError("not a wording's values")
        values: dict[str, Value] = {}
        for key, value in raw.items():
            if isinstance(value, dict):
                values[key] = cls.from_json(value, depth + 1)
            elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
                values[key] = value
            else:
                raise ValueError("not a wording's value")
        return cls(data["m"], values, plural, n)


Said = Union[str, Wording]      # what Store.action takes: a name as it is, or a wording


def said(message: str, **values: Value) -> Wording:
    """`message` (an N_() msgid) with its values: said(N_("document {id}"), id=3)."""
    return Wording(message, values)


def said_n(singular: str, plural: str, n: int, **values: Value) -> Wording:
    """A count of something: said_n(N_("{n} code"), "{n} codes", 3). Mark the singular with
    N_() and put the plural beside it: the catalogue keeps the pair under the singular."""
    return Wording(singular, values, plural, n)


def english(what: Said) -> str:
    """The English text of a wording (a name: itself), as the history's text columns keep it."""
    return what.english() if isinstance(what, Wording) else what


# Counted things in the history (the singular marks the pair for the catalogue).
COUNTED = {
    "codes": (N_("{n} code"), "{n} codes"), "codings": (N_("{n} coding"), "{n} codings"),
    "documents": (N_("{n} document"), "{n} documents"), "segments": (N_("{n} segment"), "{n} segments"),
    "groups": (N_("{n} group"), "{n} groups"), "themes": (N_("{n} theme"), "{n} themes"),
    "proposals": (N_("{n} proposal"), "{n} proposals"), "passages": (N_("{n} passage"), "{n} passages"),
    "GUIDs": (N_("{n} GUID"), "{n} GUIDs"),
    "near-identical codes": (N_("{n} near-identical code"), "{n} near-identical codes"),
}


def counted(what: str, n: int) -> Wording:
    """"3 codes", "1 document": `what` is a key of COUNTED."""
    singular, plural = COUNTED[what]
    return said_n(singular, plural, n)


# ---- the objects the history names -----------------------------------------------------

def document(document_id: int) -> Wording:
    return said(N_("document {id}"), id=document_id)


def code(code_id: int) -> Wording:
    return said(N_("code {id}"), id=code_id)


def group(group_id: int) -> Wording:
    return said(N_("group {id}"), id=group_id)


def theme(theme_id: int) -> Wording:
    return said(N_("theme {id}"), id=theme_id)


def concept(concept_id: int) -> Wording:
    return said(N_("concept {id}"), id=concept_id)


def numbered_group(number: int, name: str | None = None) -> Wording:
    """A code group by its number (and name), as the codebook shows it."""
    if name is None:
        return said(N_("Group {number}"), number=number)
    return said(N_("Group {number} {name}"), number=number, name=name)


def numbered_theme(number: int, name: str) -> Wording:
    return said(N_("Theme {number} {name}"), number=number, name=name)


def span(document_id: int, start: int, end: int) -> Wording:
    return said(N_("document {id} [{start}:{end}]"), id=document_id, start=start, end=end)


def test_question(applies_to: str, key: str) -> Wording:
    """A kodetest or konsepttest question by its key."""
    if applies_to == "concept":
        return said(N_("concept test {key}"), key=key)
    return said(N_("code test {key}"), key=key)


def entity(applies_to: str, entity_id: int) -> Wording:
    """A code or concept by id (what a test verdict is given on)."""
    return concept(entity_id) if applies_to == "concept" else code(entity_id)


def documents_and_segments(documents: int, segments: int) -> Wording:
    return said(N_("{documents}, {segments}"), documents=counted("documents", documents),
                segments=counted("segments", segments))


def step_of(verb: str, entry_id: int, action: str) -> Wording:
    """What an undo or redo row says of the entry it undid or redid."""
    message = N_("undo of #{entry_id} {action}") if verb == "undo" else N_("redo of #{entry_id} {action}")
    return said(message, entry_id=entry_id, action=said(action))


# ---- details of several parts ------------------------------------------------------------

def codebook_imported(codes: int, existing: int, groups: int, themes: int) -> Wording:
    return said(N_("{codes} added, {existing} existing, {groups}, {themes}"), codes=counted("codes", codes),
                existing=existing, groups=counted("groups", groups), themes=counted("themes", themes))


def project_imported(documents: int, codes: int, codings: int) -> Wording:
    return said(N_("{documents}, {codes}, {codings}"), documents=counted("documents", documents),
                codes=counted("codes", codes), codings=counted("codings", codings))


def merged(documents: int, codes: int, codings: int, groups: int, themes: int, near: int) -> Wording:
    """What a merge of projects added."""
    counts = {"documents": documents, "codes": codes, "codings": codings, "groups": groups, "themes": themes}
    return said(N_("{documents}, {codes}, {codings}, {groups}, {themes} added; {near}"),
                near=counted("near-identical codes", near), **{k: counted(k, n) for k, n in counts.items()})


def codes_merged(source: str, source_id: int, codings: int, target_id: int) -> Wording:
    return said(N_("«{source}» (id {source_id}, {codings}) merged into id {target_id}"), source=source,
                source_id=source_id, codings=counted("codings", codings), target_id=target_id)


def resized(document_id: int, start: int, end: int, new_start: int, new_end: int) -> Wording:
    return said(N_("{span} → [{start}:{end}]"), span=span(document_id, start, end), start=new_start, end=new_end)


def resolved(document_id: int, kept: str, removed: int) -> Wording:
    """A disagreement resolved: the coders whose side was kept, the codings removed."""
    return said(N_("{document}: kept {coders}, removed {codings}"), document=document(document_id),
                coders=kept, codings=counted("codings", removed))


def autocoded(query: str, unit: str, passages: int) -> Wording:
    return said(N_("«{query}» by {unit}: {passages}"), query=query, unit=said(unit),
                passages=counted("passages", passages))


def score_at_least(score: object) -> Wording:
    return said(N_("score ≥ {score}"), score=str(score))


# ---- rows written before the wording was kept (m007) -------------------------------------
# Each pattern the English text of an older coder took, and the wording it says; anything
# else is left as it was written. (The plural of "1 documents, 12 segments" is mended.)

_OLD_TEXTS: list[tuple[str, Callable[..., Wording]]] = [
    (r"document (\d+)", lambda i: document(int(i))),
    (r"code (\d+)", lambda i: code(int(i))),
    (r"group (\d+)", lambda i: group(int(i))),
    (r"theme (\d+)", lambda i: theme(int(i))),
    (r"concept (\d+)", lambda i: concept(int(i))),
    (r"Gruppe (\d+)", lambda number: numbered_group(int(number))),
    (r"Gruppe (\d+) (.+)", lambda number, name: numbered_group(int(number), name)),
    (r"Tema (\d+) (.+)", lambda number, name: numbered_theme(int(number), name)),
    (r"ungrouped", lambda: said(N_("ungrouped"))),
    (r"no theme", lambda: said(N_("no theme"))),
    (r"(\d+) (codes|codings|groups|themes|proposals|documents|GUIDs)", lambda n, what: counted(what, int(n))),
    (r"(\d+) documents, (\d+) segments", lambda d, s: documents_and_segments(int(d), int(s))),
    (r"document (\d+) \[(\d+):(\d+)\]", lambda i, s, e: span(int(i), int(s), int(e))),
    (r"(\d+) codings removed", lambda n: codings_removed(int(n))),
    (r"(\d+) codes ungrouped", lambda n: codes_ungrouped(int(n))),
    (r"(undo|redo) of #(\d+) (.+)", lambda verb, i, action: step_of(verb, int(i), action)),
    (r"(\d+) codes → Gruppe (\d+) (.*)", lambda n, number, name: codes_split_off(int(n), int(number), name)),
    (r"score ≥ (.+)", score_at_least),
    (r"(\d+) codes added, (\d+) existing, (\d+) groups, (\d+) themes",
     lambda *n: codebook_imported(*map(int, n))),
    (r"(\d+) documents, (\d+) codes, (\d+) codings", lambda *n: project_imported(*map(int, n))),
    (r"(\d+) documents, (\d+) codes, (\d+) codings, (\d+) groups, (\d+) themes added; "
     r"(\d+) near-identical codes", lambda *n: merged(*map(int, n))),
    (r"«(.*)» \(id (\d+), (\d+) codings\) merged into id (\d+)",
     lambda text, i, n, target: codes_merged(text, int(i), int(n), int(target))),
    (r"document (\d+) \[(\d+):(\d+)\] → \[(\d+):(\d+)\]", lambda *n: resized(*map(int, n))),
    (r"document (\d+): kept (.+), removed (\d+) codings", lambda i, kept, n: resolved(int(i), kept, int(n))),
    (r"«(.*)» by (\w+): (\d+) spans", lambda query, unit, n: autocoded(query, unit, int(n))),
]
_OLD = [(re.compile(text), make) for text, make in _OLD_TEXTS]
# Objects of the test-question actions: "code q1" is a question's key, not a code's id.
_QUESTION_ACTIONS = ("add test question", "edit test question", "delete test question")
_QUESTION = re.compile(r"(code|concept) (\S+)")
_VERDICT = re.compile(r"(\S+): (passed|failed|unchecked)")
# Actions whose object is a name (a document named "document 3" is a name), and those whose
# details are what the user typed: never read as a pattern.
_NAMED_OBJECT = (
    "import document", "import documents", "rename document", "delete document", "remember guids",
    "import codebook", "rename theme", "create concept", "rename concept", "renumber group", "merge",
    "import project", "propose codings", "add code", "rename code", "describe code", "recolour code",
    "memo code", "delete code", "merge codes", "apply coding", "autocode", "remove coding",
    "resize coding", "memo coding", "set setting")
_TYPED_DETAILS = ("set attribute", "describe code", "recolour code", "add test question", "edit test question",
                  "rename group", "set setting")


def codings_removed(n: int) -> Wording:
    return said(N_("{codings} removed"), codings=counted("codings", n))


def codes_ungrouped(n: int) -> Wording:
    return said(N_("{codes} ungrouped"), codes=counted("codes", n))


def codes_split_off(n: int, number: int, name: str) -> Wording:
    return said(N_("{codes} → {group}"), codes=counted("codes", n), group=numbered_group(number, name))


def verdict(question_key: str, verdict_: str) -> Wording:
    """A kodetest or konsepttest verdict ("passed", "failed", "unchecked") on one question."""
    return said(N_("{question}: {verdict}"), question=question_key, verdict=said(verdict_))


def from_old_text(action: str, text: str, part: str) -> Wording | None:
    """The wording an older coder's English `text` (the row's "object" or "details" `part`)
    says, if it is one of its known patterns without doubt; None to keep the text as it is."""
    if (part == "object" and action in _NAMED_OBJECT) or (part == "details" and action in _TYPED_DETAILS):
        return None
    if part == "object" and action in _QUESTION_ACTIONS and (match := _QUESTION.fullmatch(text)):
        return test_question(*match.groups())
    if part == "details" and action == "check" and (match := _VERDICT.fullmatch(text)):
        return verdict(*match.groups())
    for pattern, make in _OLD:
        if match := pattern.fullmatch(text):
            return make(*match.groups())
    return None
