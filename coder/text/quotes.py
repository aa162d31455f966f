"""«Quotes» as segments, with the speaker when the text names one.

«…» marks interview quotes and survey comments, but also titles (seed 001): every
quote becomes a segment, and only a named informant/respondent becomes its speaker,
so a title never gets one. Choosing which quotes to keep is the user's confirm step.
"""

from __future__ import annotations

import re

from coder.text.spans import Span

_PAIRS = {"«": "»", "“": "”"}
_SPEAKER = re.compile(
    r"\b((?:[Ii]nformant|[Rr]espondent|[Dd]eltaker|[Dd]eltakar|[Ii]ntervjuobjekt|[Pp]articipant|[Ii]nterviewee)"
    r"\s(?:[A-ZÆØÅ]\b|\d{1,3}\b))")
_LOOK_BACK = 240


def quote_spans(text: str, min_words: int = 3) -> list[Span]:
    """Outermost «…» (or “…”) quotes of at least `min_words` words. A quote does not
    run past a blank line: an unclosed mark is a typo, not a 10-page quote."""
    spans: list[Span] = []
    i = 0
    while True:
        i = _next_open(text, i)
        if i < 0:
            return spans
        end = _close(text, i)
        if end is None:
            i += 1
            continue
        if len(text[i + 1:end - 1].split()) >= min_words:
            spans.append(Span(i, end, "quote", speaker=named_speaker(text, i, end)))
        i = end


def _next_open(text: str, start: int) -> int:
    found = [p for p in (text.find(mark, start) for mark in _PAIRS) if p >= 0]
    return min(found) if found else -1


def _close(text: str, start: int) -> int | None:
    """End (exclusive) of the quote opening at `start`, allowing nested quotes."""
    opener = text[start]
    closer = _PAIRS[opener]
    depth = 0
    for j in range(start, min(len(text), start + 20000)):
        c = text[j]
        if c == opener:
            depth += 1
        elif c == closer:
            depth -= 1
            if depth == 0:
                return j + 1
        elif c == "\n" and text.startswith("\n\n", j) and opener == "“":
            return None
        elif c == "\n" and _blank_line_at(text, j):
            return None
    return None


def _blank_line_at(text: str, j: int) -> bool:
    k = j + 1
    while k < len(text) and text[k] in " \t":
        k += 1
    return k < len(text) and text[k] == "\n"


def named_speaker(text: str, start: int, end: int) -> str | None:
    """"Informant C uttaler: «…»", "… mener Informant F «…»", or "«…» (Informant B)":
    the nearest named speaker in the clause before the quote (the paragraph before,
    when it ends in a colon) or right after it."""
    after = text[end:end + 40]
    m = re.match(r"\s*[(,–-]\s*(?:sier\s+|sa\s+)?" + _SPEAKER.pattern, after)
    if m:
        return m.group(1)
    before = text[max(0, start - _LOOK_BACK):start]
    line_start = [m.end() for m in re.finditer(r"(?<!\n)\n(?!\n)", before)]
    if line_start:
        before = before[line_start[-1]:]      # a hard-wrapped line (a transcript's turn) stands alone
    cut = before.rfind("\n\n")
    if cut >= 0:
        own, previous = before[cut:], before[:cut].rstrip()
        if own.strip():
            before = own                      # mid-paragraph: only this paragraph leads in
        elif previous.endswith(":"):
            before = previous                 # "Informant E uttaler:" then the quote alone
        else:
            return None
    # the clause that leads into the quote, with earlier quotes taken out; failing that,
    # the lead-in when it names one speaker only
    lead = re.sub(r"«[^«»]*»|“[^“”]*”", " ", before)
    clause = re.split(r"[.!?]\s+(?=[A-ZÆØÅ])", lead)[-1]
    names = [_tidy(n) for n in _SPEAKER.findall(clause)] or sorted({_tidy(n) for n in _SPEAKER.findall(lead)})
    return names[-1] if len(set(names)) == 1 or _SPEAKER.search(clause) else None


def _tidy(name: str) -> str:
    return name[:1].upper() + name[1:]
