"""Segments of a prepared text: paragraphs and headings, speaker turns, sentences.

Every function returns `Span`s with code-point offsets into the text it was given.
spaCy is imported and its pipeline built only when sentences are first asked for.
"""

from __future__ import annotations

import bisect
import functools
import os
import re

from coder.text.spans import Span

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_TIME = r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?"
_ROLES = (r"Informant|Intervjuer|Intervjuar|Interviewer|Intervjuobjekt|Interviewee|Respondent|"
          r"Deltaker|Deltakar|Participant|Moderator|Speaker|Taler|IP|Int|Q|A|I|R")
_ID = r"(?:\s?(?:[A-ZÆØÅ]|\d{1,3})\b)?"
_TURN_EXPLICIT = re.compile(rf"^[ \t]*(?P<t1>{_TIME}[ \t]*)?(?P<who>(?:{_ROLES}){_ID})[ \t]*(?P<t2>{_TIME}[ \t]*)?:[ \t]*")
_TURN_NAMED = re.compile(rf"^[ \t]*(?P<t1>{_TIME}[ \t]*)?(?P<who>[A-ZÆØÅ][a-zæøåé]*(?: [A-ZÆØÅ][a-zæøåé]+)?{_ID})"
                         rf"[ \t]*(?P<t2>{_TIME}[ \t]*)?:[ \t]*")
_NOT_SPEAKERS = {"Merk", "Note", "Kilde", "Source", "Dato", "Date", "Sted", "Tid", "Figur", "Tabell",
                 "Tema", "Vedlegg", "Tittel", "Prosjekt", "Varighet"}
_TIME_ONLY = re.compile(rf"^[ \t]*{_TIME}[ \t]*$")
_HEADING_END = tuple(".,:;!?»”\"")


def paragraph_spans(text: str, turn_starts: frozenset[int] = frozenset()) -> list[Span]:
    """Blocks between blank lines, cut again where a speaker turn starts (transcripts
    often put one turn on each line). A short one-line block that reads like a title
    is a heading."""
    spans = []
    starts = sorted(turn_starts)
    for block in _BLOCK.finditer(text):
        inner = starts[bisect.bisect_right(starts, block.start()):bisect.bisect_left(starts, block.end())]
        cuts = [block.start(), *inner, block.end()]
        for start, end in zip(cuts, cuts[1:]):
            start, end = _trim(text, start, end)
            if start < end:
                kind = "heading" if _is_heading(text[start:end]) else "paragraph"
                spans.append(Span(start, end, kind))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(block: str) -> bool:
    if "\n" in block or len(block) > 120 or block.endswith(_HEADING_END) or block.startswith(("«", "•", "-", "–")):
        return False
    first = block[:1]
    return (first.isupper() or first.isdigit()) and len(block.split()) <= 14 and any(c.isalpha() for c in block)


def turn_spans(text: str, *, interview: bool) -> list[Span]:
    """Speaker turns: from a line opening with a speaker label ("Informant A:", "I:",
    "Intervjuer:", "Q:", or in an interview any "Name:") to the next such line. A
    timestamp before or after the label, or alone on the line above, stays in the turn
    and becomes its label. Outside interviews, only role labels count, and only when
    the text has at least three turns by two speakers."""
    patterns = (_TURN_EXPLICIT, _TURN_NAMED) if interview else (_TURN_EXPLICIT,)
    heads = []
    pending_time = None
    for line in _LINE.finditer(text):
        if _TIME_ONLY.match(line.group()):
            pending_time = line
            continue
        m = next(filter(None, (p.match(line.group()) for p in patterns)), None)
        if m and m.group("who").split()[0] not in _NOT_SPEAKERS and (m.end() < len(line.group())
                                                                      or interview):
            start = pending_time.start() if pending_time else line.start()
            stamp = m.group("t1") or m.group("t2") or (pending_time.group() if pending_time else None)
            heads.append((start, m.group("who").strip(), stamp.strip().strip("[]()") if stamp else None))
        pending_time = None
    if not interview and (len(heads) < 3 or len({who for _, who, _ in heads}) < 2):
        return []
    spans = []
    for (start, who, stamp), nxt in zip(heads, heads[1:] + [(len(text), None, None)]):
        s, e = _trim(text, start, nxt[0])
        if s < e:
            spans.append(Span(s, e, "turn", speaker=who, label=stamp))
    return spans


def sentence_spans(text: str, within: list[Span], language: str = "nb", model: str | None = None) -> list[Span]:
    """Sentences of each span's lines, by spaCy. Lines are processed separately, so no
    sentence holds a hard line break."""
    pieces = [(m.start(), m.group()) for span in within for m in _LINE.finditer(text, span.start, span.end)]
    nlp = sentence_pipeline(language, model or os.environ.get("CODER_SPACY_MODEL") or None)
    spans = []
    ids = _orth_ids(nlp.vocab.strings)
    for (offset, piece), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=512)):
        cuts = [0] + [at for at in _starts(doc, ids) if not piece[at].islower()]
        for a, b in zip(cuts, cuts[1:] + [len(piece)]):
            s, e = _trim(piece, a, b)
            if s < e:
                spans.append(Span(offset + s, offset + e, "sentence"))
    return spans


_TERMINALS = (".", "!", "?", "…")
_CLOSERS = ('"', "'", "»", "”", "’", ")", "]", "}", ".", "!", "?", "…")


def _orth_ids(strings) -> tuple[set[int], set[int]]:
    return {strings.add(t) for t in _TERMINALS}, {strings.add(t) for t in _CLOSERS}


def _starts(doc, ids: tuple[set[int], set[int]]) -> list[int]:
    """Character offsets where sentences start after the first. A trained pipeline's
    parser or senter sets them; otherwise the sentencizer's rule (a sentence starts at
    the first token after a terminal and its closing marks), read from token arrays
    because building a Token object per word costs more than tokenizing. A lower-case
    word never starts a sentence: after "12." or "ca." it is an ordinal or abbreviation."""
    from spacy.attrs import IDX, ORTH, SENT_START

    if doc.has_annotation("SENT_START"):
        rows = doc.to_array([SENT_START, IDX])
        return [int(at) for at in rows[1:, 1][rows[1:, 0] == 1]]
    rows = doc.to_array([ORTH, IDX]).tolist()
    terminal, closing = ids
    starts, n = [], len(rows)
    for t in [i for i, (orth, _) in enumerate(rows) if orth in terminal]:
        k = t + 1
        while k < n and rows[k][0] in closing:
            k += 1
        if k < n and (not starts or starts[-1] != rows[k][1]):
            starts.append(rows[k][1])
    return starts


class PipelineNotFound(ValueError):
    """The configured spaCy pipeline cannot be loaded. One line naming it; text/ may not
    import coder.core, so callers above turn it into a CoderError."""


@functools.lru_cache(maxsize=4)
def sentence_pipeline(language: str = "nb", model: str | None = None):
    """A spaCy pipeline for sentences: blank (a plain tokenizer; `_starts` applies the
    sentencizer's rule) unless a trained pipeline is named, loaded without the
    components sentences don't need."""
    import spacy

    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "lemmatizer", "attribute_ruler", "textcat"])
        except (OSError, ValueError, ImportError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise PipelineNotFound(f"{model}: cannot load this spaCy pipeline (CODER_SPACY_MODEL): {first}") from None
        if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
            nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.blank(language)
        except (ImportError, KeyError, ValueError):
            nlp = spacy.blank("xx")
        nlp.tokenizer = _plain_tokenizer(nlp)
        _lean_lexemes(nlp)
    return nlp


def _lean_lexemes(nlp) -> None:
    """Every new word form gets ~20 lexical attributes computed in Python; sentences
    need none of them (a cold run over the seeds takes half the time)."""
    nlp.vocab.lex_attr_getters = {}


def _plain_tokenizer(nlp):
    """Whitespace tokens with punctuation split off the ends, plus the language's
    abbreviations ("bl.a.", "f.eks."): sentences need no more, and it is ~6x faster
    than the full rule set over a report."""
    from spacy.tokenizer import Tokenizer

    prefix = re.compile(r"""^[«"“‘'(\[{¿¡]""")
    suffix = re.compile(r"""[.,;:!?»"”’')\]}…]$""")
    return Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
                     prefix_search=prefix.search, suffix_search=suffix.search)
