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
_TURN_EXPLICIT = re.compile(rf"^[ \t]*(?P<t1>{_TIME}[ \t]*)?(?P<who>(?:{_ROLES}){_ID})"
                            rf"[ \t]*(?P<t2>{_TIME}[ \t]*)?:[ \t]*")
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
    """start..end without white space at either end (str.strip's white space is
    str.isspace's): by strip in C, not a loop over characters (0.5 s of 3 at 10 MB)."""
    part = text[start:end]
    rest = part.lstrip()
    if not rest:
        return end, end
    return start + len(part) - len(rest), end - len(rest) + len(rest.rstrip())


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
        if ":" not in line.group():     # neither a label nor a time: most lines, quickly
            pending_time = None
            continue
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
    model = model or os.environ.get("CODER_SPACY_MODEL") or None
    nlp = sentence_pipeline(language, model)
    pieces = [(m.start(), m.group()) for span in within for m in _LINE.finditer(text, span.start, span.end)]
    if model:
        found = (_starts(doc) for doc in nlp.pipe((p for _, p in pieces), batch_size=512))
    else:
        chunks = [_terminal_chunks(piece) for _, piece in pieces]
        rules = _rules_of(nlp)
        rules.add({piece[s:e] for (_, piece), spots in zip(pieces, chunks) for s, e in spots})
        found = (_rule_starts(piece, spots, rules) for (_, piece), spots in zip(pieces, chunks))
    spans = []
    for (offset, piece), starts in zip(pieces, found):
        cuts = [at for at in starts if not piece[at].islower()]
        if not cuts:                    # most lines are one sentence: one trim, no lists
            s, e = _trim(piece, 0, len(piece))
            spans.append(Span(offset + s, offset + e, "sentence"))      # a line is never all white space
            continue
        cuts.insert(0, 0)
        for a, b in zip(cuts, cuts[1:] + [len(piece)]):
            s, e = _trim(piece, a, b)
            if s < e:
                spans.append(Span(offset + s, offset + e, "sentence"))
    return spans


_TERMINALS = (".", "!", "?", "…")
_CLOSERS = ('"', "'", "»", "”", "’", ")", "]", "}", ".", "!", "?", "…")
_CLOSER_CHARS = frozenset(_CLOSERS)
_TERMINAL_CHAR = re.compile(r"[.!?…]")
_SPACE = re.compile(r"\s")
_CHUNK = re.compile(r"\S*")


def _chunk(piece: str, at: int) -> re.Match[str]:
    m = _CHUNK.match(piece, at)
    assert m is not None        # \S* matches anywhere, if only the empty string
    return m


_OTHER, _CLOSING, _TERMINAL = 0, 1, 2


def _orth_ids(strings) -> tuple[set[int], set[int]]:
    return {strings.add(t) for t in _TERMINALS}, {strings.add(t) for t in _CLOSERS}


def _starts(doc) -> list[int]:
    """Character offsets where sentences start after the first, as a trained
    pipeline's parser, senter or sentencizer set them."""
    from spacy.attrs import IDX, SENT_START

    rows = doc.to_array([SENT_START, IDX])
    return [int(at) for at in rows[1:, 1][rows[1:, 0] == 1]]


# Chunks whose rule is kept per process: a document's terminal chunks ("kommunen.")
# recur in the next ones (segmenting the 10 MB of benchmarks/bench_qdpx.py in a fresh
# process: 2.2 → 2.0 s CPU).
_RULES_KEPT = 1 << 18


def _rules_of(tokenizer) -> _ChunkRules:
    """The chunk rules for this tokenizer, kept from earlier texts (up to _RULES_KEPT)."""
    rules = _RULES.get(id(tokenizer))
    if rules is None or rules.tokenizer is not tokenizer or len(rules) > _RULES_KEPT:
        rules = _RULES[id(tokenizer)] = _ChunkRules(tokenizer)
    return rules


class _ChunkRules(dict):
    """chunk → what the sentencizer's rule makes of it alone: (the offsets in the
    chunk where its terminals start sentences, whether a terminal's closing marks run
    to its end, the offset of its first token that is not a closing mark or None).

    spaCy's tokenizer splits on whitespace first and tokenizes each chunk on its own,
    so the rule only needs the tokens of the chunks that hold a terminal (a tenth of
    the words): each distinct one is tokenized once, all in one doc."""

    def __init__(self, tokenizer):
        super().__init__()
        self.tokenizer = tokenizer
        self.ids = _orth_ids(tokenizer.vocab.strings)

    def add(self, chunks: set[str]) -> None:
        from spacy.attrs import IDX, ORTH

        new = [c for c in chunks if c not in self]
        if not new:
            return
        terminal, closing = self.ids
        rows = self.tokenizer("\n".join(new)).to_array([ORTH, IDX]).tolist()
        i, at = 0, 0              # rows[i] is the first token of the chunk at `at`
        for chunk in new:
            end, tokens = at + len(chunk), []
            while i < len(rows) and rows[i][1] < end:
                orth, idx = rows[i]
                if idx >= at:     # not the "\n" between chunks
                    tokens.append((_TERMINAL if orth in terminal else _CLOSING if orth in closing else _OTHER,
                                   idx - at))
                i += 1
            self[chunk] = _rule_of(tokens)
            at = end + 1

    def __missing__(self, chunk: str):
        self.add({chunk})
        return self[chunk]


_RULES: dict[int, _ChunkRules] = {}


def _rule_of(tokens: list[tuple[int, int]]) -> tuple[tuple[int, ...], bool, int | None]:
    starts: list[int] = []
    runs_out = False
    for k, (kind, _) in enumerate(tokens):
        if kind == _TERMINAL:
            after = next((offset for kind, offset in tokens[k + 1:] if kind == _OTHER), None)
            if after is None:
                runs_out = True
            elif not starts or starts[-1] != after:
                starts.append(after)
    return tuple(starts), runs_out, next((offset for kind, offset in tokens if kind == _OTHER), None)


def _terminal_chunks(piece: str) -> list[tuple[int, int]]:
    """Where the whitespace-delimited chunks (what spaCy's tokenizer splits a text
    into first) that hold a terminal lie in `piece`."""
    spots, end = [], 0
    for m in _TERMINAL_CHAR.finditer(piece):
        at = m.start()
        if at < end:
            continue
        start = piece.rfind(" ", 0, at) + 1
        while space := _SPACE.search(piece, start, at):     # other whitespace: rare
            start = space.end()
        end = _chunk(piece, at).end()
        spots.append((start, end))
    return spots


def _rule_starts(piece: str, spots: list[tuple[int, int]], rules: _ChunkRules) -> list[int]:
    """Offsets in `piece` where sentences start after the first, by the sentencizer's
    rule: at the first token after a terminal and its closing marks. A blank pipeline
    tokenizes the piece just so; `spots` are its chunks that hold a terminal. (A
    lower-case word never starts a sentence: after "12." or "ca." it is an ordinal or
    abbreviation; the caller drops those.)"""
    starts: list[int] = []
    for start, end in spots:
        inside, runs_out, _ = rules[piece[start:end]]
        for offset in inside:
            if not starts or starts[-1] != start + offset:
                starts.append(start + offset)
        if runs_out:
            at = _after_chunk(piece, end, rules)
            if at is not None and (not starts or starts[-1] != at):
                starts.append(at)
    return starts


def _after_chunk(piece: str, end: int, rules: _ChunkRules) -> int | None:
    """Offset of the first token after `end` (where a chunk ends in a run of closing
    marks) that is not a closing mark; None when the piece ends first. Between chunks
    spaCy makes a token of any whitespace but a single space (which it drops)."""
    while True:
        if end == len(piece):
            return None
        if piece[end] != " ":
            return end
        if end + 1 == len(piece):
            return None
        if piece[end + 1] not in _CLOSER_CHARS:      # more whitespace, or a word
            return end + 1
        m = _chunk(piece, end + 1)
        lead = rules[m.group()][2]
        if lead is not None:
            return m.start() + lead
        end = m.end()


class PipelineNotFound(ValueError):
    """The configured spaCy pipeline cannot be loaded. One line naming it; text/ may not
    import coder.core, so callers above turn it into a CoderError."""


@functools.lru_cache(maxsize=4)
def sentence_pipeline(language: str = "nb", model: str | None = None):
    """What splits sentences: a trained spaCy pipeline when one is named, loaded
    without the components sentences don't need; otherwise a plain tokenizer, whose
    tokens `_rule_starts` applies the sentencizer's rule to."""
    if not model:
        return _plain_tokenizer(language)
    import spacy

    try:
        nlp = spacy.load(model, exclude=["ner", "lemmatizer", "attribute_ruler", "textcat"])
    except (OSError, ValueError, ImportError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PipelineNotFound(f"{model}: cannot load this spaCy pipeline (CODER_SPACY_MODEL): {first}") from None
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("sentencizer")
    return nlp


def _plain_tokenizer(language: str):
    """Whitespace tokens with punctuation split off the ends, plus the language's
    abbreviations ("bl.a.", "f.eks."): sentences need no more, and it is ~6x faster
    than the full rule set over a report. Built on its own, not in a blank pipeline
    (0.2 s more), and its vocabulary computes no lexical attributes for new words."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import get_lang_class
    from spacy.vocab import Vocab

    try:
        defaults = get_lang_class(language).Defaults
    except (ImportError, KeyError, ValueError):
        defaults = get_lang_class("xx").Defaults
    prefix = re.compile(r"""^[«"“‘'(\[{¿¡]""")
    suffix = re.compile(r"""[.,;:!?»"”’')\]}…]$""")
    return Tokenizer(Vocab(), rules=defaults.tokenizer_exceptions,
                     prefix_search=prefix.search, suffix_search=suffix.search)
