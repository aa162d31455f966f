"""Segments of a prepared text: paragraphs and headings, speaker turns, sentences.

Every function returns `Span`s with code-point offsets into the text it was given.
spaCy is imported and its pipeline built only when sentences are first asked for.
"""

from __future__ import annotations

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
_TURN_NAMED = re.compile(rf"^[ \t]*(?P<t1>{_TIME}[ \t]*)?(?P<who>[A-ZÆØÅ][a-zæøåé]+(?: [A-ZÆØÅ][a-zæøåé]+)?{_ID})"
                         rf"[ \t]*(?P<t2>{_TIME}[ \t]*)?:[ \t]*")
_NOT_SPEAKERS = {"Merk", "Note", "Kilde", "Source", "Dato", "Date", "Sted", "Tid", "Figur", "Tabell",
                 "Tema", "Vedlegg", "Tittel", "Prosjekt", "Varighet"}
_TIME_ONLY = re.compile(rf"^[ \t]*{_TIME}[ \t]*$")
_HEADING_END = tuple(".,;!?»”\"")


def paragraph_spans(text: str, turn_starts: frozenset[int] = frozenset()) -> list[Span]:
    """Blocks between blank lines, cut again where a speaker turn starts (transcripts
    often put one turn on each line). A short one-line block that reads like a title
    is a heading."""
    spans = []
    for block in _BLOCK.finditer(text):
        cuts = [block.start()] + [s for s in sorted(turn_starts) if block.start() < s < block.end()] + [block.end()]
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
    pieces = [(m.start(), m.group()) for span in within
              for m in _LINE.finditer(text, span.start, span.end)]
    nlp = sentence_pipeline(language, model or os.environ.get("CODER_SPACY_MODEL") or None)
    spans = []
    for (offset, piece), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=512)):
        for sent in doc.sents:
            s, e = _trim(piece, sent.start_char, sent.end_char)
            if s < e:
                spans.append(Span(offset + s, offset + e, "sentence"))
    return spans


@functools.lru_cache(maxsize=4)
def sentence_pipeline(language: str = "nb", model: str | None = None):
    """A spaCy pipeline that only finds sentences: blank (fast tokenizer + sentencizer)
    unless a trained pipeline is named, loaded without the components sentences don't need."""
    import spacy

    if model:
        nlp = spacy.load(model, exclude=["ner", "lemmatizer", "attribute_ruler", "textcat"])
        if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
            nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.blank(language)
        except (ImportError, KeyError, ValueError):
            nlp = spacy.blank("xx")
        nlp.tokenizer = _plain_tokenizer(nlp)
        nlp.add_pipe("sentencizer")
        _lean_lexemes(nlp)
    _register_fixes()
    nlp.add_pipe("coder_sentence_fixes", last=True)
    return nlp


def _lean_lexemes(nlp) -> None:
    """Every new word form gets ~20 lexical attributes computed in Python; the
    sentencizer reads only is_punct, so compute only that (halves a cold run)."""
    from spacy.attrs import IS_PUNCT

    nlp.vocab.lex_attr_getters = {IS_PUNCT: _is_punct}


def _is_punct(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def _plain_tokenizer(nlp):
    """Whitespace tokens with punctuation split off the ends, plus the language's
    abbreviations ("bl.a.", "f.eks."): sentences need no more, and it is ~6x faster
    than the full rule set over a report."""
    from spacy.tokenizer import Tokenizer

    prefix = re.compile(r"""^[«"“‘'(\[{¿¡]""")
    suffix = re.compile(r"""[.,;:!?»"”’')\]}…]$""")
    return Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
                     prefix_search=prefix.search, suffix_search=suffix.search)


@functools.cache
def _register_fixes() -> None:
    from spacy.language import Language

    @Language.component("coder_sentence_fixes")
    def fixes(doc):
        """"2020." and "covid-19." end a sentence when a capital follows (the plain
        tokenizer splits their period off); a period followed by a lower-case word is an
        ordinal or abbreviation ("12. mars", "ca. 40"), not a sentence end."""
        for token in doc[1:]:
            if token.is_sent_start and token.text[:1].islower() and doc[token.i - 1].text == ".":
                token.is_sent_start = False
        return doc
