"""Repair text extracted from PDF: wrapped lines, line-end hyphens, page furniture.

The output has one paragraph (or heading, list item, table row) per line and a blank
line between them, so no paragraph holds a hard line break. Decisions use the line's
own shape (length against the page's usual width, final punctuation, the case of what
follows) and the document's own vocabulary, so they need no dictionary.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

_TERMINAL = tuple(".!?:;»”\")")
_BULLET = re.compile(r"^(?:[•▪◦●■\-–*o]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")
_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+\S")
_PAGE_NUMBER = re.compile(r"^(?:(?:side|page|s\.)\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:av|of|/)\s*\d{1,3})?$",
                          re.IGNORECASE)
_WORD_END = re.compile(r"(\S*?)([A-Za-zÀ-ÿ0-9]+)-$")
_WORD_START = re.compile(r"^([A-Za-zÀ-ÿ0-9]+)")
# a line ending in one of these words never ends a paragraph ("kommuner og" + "Statsforvalteren")
# (not prepositions: Norwegian ends phrases with particles, "få alle med")
_FUNCTION_WORDS = {"og", "eller", "men", "som", "at", "samt"}
_CONJUNCTIONS = {"og", "eller", "and", "or", "samt", "enn", "til"}
_ATTRIBUTION = re.compile(r"[»”]\s*[-–]\s*\w[\w .]{0,40}$")
_INLINE_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:-[A-Za-zÀ-ÿ0-9]+)*(?=[^\S\n]|[.,;:!?»)])")
_HYPHENATED = re.compile(r"[a-zæøå]-$")
_DIGITS = re.compile(r"\d+")
_NOT_LETTER = re.compile(r"[^a-zæøåäöü0-9]")
_QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»", re.S)


@dataclass
class _Line:
    text: str          # stripped
    blanks: int        # empty lines before it
    spaced: bool       # a whitespace-only line before it (the seeds' paragraph mark)
    page: bool         # a form feed before it
    trailing: int      # trailing spaces in the raw line (2+ often ends a paragraph)


def looks_pdf_extracted(raw: str) -> bool:
    """True when plain text has the shape of PDF extraction: hard-wrapped lines of a
    steady width, or a blank line between nearly every line, or line-end hyphens."""
    lines = [ln.rstrip() for ln in raw.replace("\r\n", "\n").split("\n")]
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) < 8 or "\f" in raw:
        return "\f" in raw
    hyphens = sum(1 for ln in filled if _HYPHENATED.match(ln[-2:]))     # the end alone: lines are long
    pairs = [(a, b) for a, b in zip(filled, filled[1:])]
    lowercase_starts = sum(1 for _, b in pairs if b.strip()[:1].islower())
    lengths = sorted(len(ln) for ln in filled)
    width = lengths[int(len(lengths) * 0.9)]
    long_lines = sum(1 for n in lengths if n >= 0.7 * width)
    return (hyphens >= 3 or lowercase_starts / len(pairs) > 0.15) and width < 200 and long_lines / len(filled) > 0.4


def repair_pdf_text(text: str) -> str:
    """Join wrapped lines, undo line-end hyphenation, drop page numbers, repeated
    running headers/footers and duplicated sidebar text. Expects NFC with \\n ends."""
    lines = _drop_furniture(_read_lines(text))
    if not lines:
        return ""
    double = _double_spaced(lines)
    width = _usual_width(lines)
    vocabulary = _vocabulary(text)
    out: list[str] = [lines[0].text]
    for prev, line in zip(lines, lines[1:]):
        if _breaks(prev, line, double, width):
            out.append(line.text)
        else:
            out[-1] = join_wrapped(out[-1], line.text, vocabulary)
    return "\n\n".join(p for p in out if p)


def join_wrapped(left: str, right: str, vocabulary: Counter | None = None) -> str:
    """Join a line to the next, deciding whether its final hyphen is a line-end
    hyphenation (dropped) or a real hyphen (kept)."""
    if not left.endswith("-") or left.endswith(" -") or left.endswith("--"):
        return f"{left} {right}"
    first = right.split(" ", 1)[0]
    m = _WORD_END.search(left)
    if m is None:
        return f"{left} {right}"
    before, stem = m.group(1), m.group(2)
    start = _WORD_START.match(right)
    tail = start.group(1) if start else ""
    if first.lower().strip(",") in _CONJUNCTIONS:       # "helse-" + "og omsorg"
        return f"{left} {right}"
    keep = (not tail or not tail[0].islower()             # "covid-" + "19", "MS-" + "Teams"
            or stem.isupper() and len(stem) > 1            # "IKT-" + "avdeling"
            or any(c.isdigit() for c in stem)              # "2019-" + "2025"
            or "-" in before or "/" in before or "." in before  # "covid-19-", URLs
            or _real_hyphen(stem, tail, vocabulary))
    return f"{left}{right}" if keep else f"{left[:-1]}{right}"


def _real_hyphen(stem: str, tail: str, vocabulary: Counter | None) -> bool:
    """The document itself decides: the hyphenated form used inside a line beats the
    solid form, which is the default for Norwegian compounds."""
    if not vocabulary:
        return False
    solid = vocabulary.get((stem + tail).lower(), 0)
    hyphenated = vocabulary.get(f"{stem}-{tail}".lower(), 0)
    return hyphenated > solid


def _vocabulary(text: str) -> Counter:
    """Word forms used inside lines (not at a line end), hyphenated or solid, in
    lower case (each distinct form lowered once: there are ten times fewer)."""
    vocabulary: Counter = Counter()
    for form, n in Counter(_INLINE_WORD.findall(text)).items():
        vocabulary[form.lower()] += n
    return vocabulary


def _read_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blanks, spaced, page = 0, False, False
    for raw in text.split("\n"):
        if "\f" in raw:
            page = True
            raw = raw.replace("\f", "")
        body = raw.strip()
        if not body:
            if raw:
                spaced = True
            else:
                blanks += 1
            continue
        out.append(_Line(body, blanks, spaced, page, len(raw) - len(raw.rstrip(" "))))
        blanks, spaced, page = 0, False, False
    return out


def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    """Page numbers, running headers/footers and the sidebar copies of quotes."""
    repeated = _running_lines(lines)
    quoted, covered = _quoted_text(lines)
    kept: list[_Line] = []
    dropped_last = False            # the rest of a sidebar copy may be a short line
    page = False                    # a page break on a dropped line moves to the next kept one
    for i, line in enumerate(lines):
        page = page or line.page
        if _PAGE_NUMBER.match(line.text) and _isolated(lines, i) or repeated and _shape(line.text) in repeated:
            continue
        if i not in covered and _in_quotes(line.text, quoted, i, 25 if not dropped_last else 8):
            dropped_last = True
            continue
        dropped_last = False
        if kept and line.text.startswith("http") and line.text == kept[-1].text:
            continue                                    # links extracted twice
        line.page, page = page, False
        kept.append(line)
    return kept


def _isolated(lines: list[_Line], i: int) -> bool:
    """A number alone, set off from its neighbours, is a page number; in a run of
    short number lines it is a table cell."""
    line = lines[i]
    after = lines[i + 1] if i + 1 < len(lines) else None
    gap_before = line.blanks + line.spaced + line.page > 0 or i == 0
    gap_after = after is None or after.blanks + after.spaced + after.page > 0
    return gap_before and gap_after


def _shape(line: str) -> str:
    return _DIGITS.sub("#", line.lower())


def _running_lines(lines: list[_Line]) -> set[str]:
    """Lines that open or close at least three pages (form-feed separated) in the same
    shape, digits aside: running headers and footers. Only the very first and last
    lines count, so a sentence that recurs in the body is never taken for one."""
    pages: list[list[_Line]] = [[]]
    for line in lines:
        if line.page and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    if len(pages) < 3:
        return set()
    edges: Counter[str] = Counter()
    for page in pages:
        ends = [page[0], page[-1]]
        if len(page) > 2 and _PAGE_NUMBER.match(page[-1].text):
            ends.append(page[-2])                       # a footer above the page number
        for shape in {_shape(line.text) for line in ends}:
            edges[shape] += 1
    return {shape for shape, n in edges.items() if n >= max(3, len(pages) // 3) and len(shape) < 100}


def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", text.lower())


def _quoted_text(lines: list[_Line]) -> tuple[list[tuple[int, str]], set[int]]:
    """(line index, letters of each «…» quote starting there) and the indexes of the
    lines that quotes cover, for the sidebar check."""
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line.text) + 1
    text = "\n".join(line.text for line in lines)
    quotes, covered = [], set[int]()
    for m in _QUOTED.finditer(text):
        first = bisect.bisect_right(offsets, m.start()) - 1
        last = bisect.bisect_right(offsets, m.end() - 1) - 1
        covered.update(range(first, last + 1))
        quotes.append((first, _letters(m.group(0))))
    return quotes, covered


def _in_quotes(line: str, quoted: list[tuple[int, str]], i: int, least: int, window: int = 80) -> bool:
    """The line repeats a nearby «quote» word for word (PDF sidebars are extracted
    once as a text box and once in the running text)."""
    lo = bisect.bisect_left(quoted, (i - window, ""))
    hi = bisect.bisect_right(quoted, (i + window, "\uffff"))
    if lo == hi:
        return False
    letters = _letters(line)
    return len(letters) >= least and any(letters in q for _, q in quoted[lo:hi])


def _double_spaced(lines: list[_Line]) -> bool:
    """The seeds' wrapping: a blank line between nearly every pair of lines."""
    gaps = [ln.blanks for ln in lines[1:]]
    return bool(gaps) and sum(1 for g in gaps if g == 1) / len(gaps) > 0.5


def _usual_width(lines: list[_Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines)
    return max(20, lengths[int(len(lengths) * 0.8)])


def _breaks(prev: _Line, line: _Line, double: bool, width: int) -> bool:
    """Whether `line` starts a new paragraph instead of continuing `prev`."""
    a, b = prev.text, line.text
    gap = line.blanks - (1 if double and line.blanks else 0)
    continues = (b[:1].islower() and not _BULLET.match(b) and not a.endswith(_TERMINAL)
                 or a.rsplit(" ", 1)[-1] in _FUNCTION_WORDS and not _BULLET.match(b) and not _SECTION.match(a))
    if a.endswith("-") and not a.endswith(" -") and b[:1].isalnum() or a.endswith(("«", "“")):
        continues = True                                # a hyphenated word or a quote goes on
    if gap > 0 or line.spaced or line.page:
        return not continues
    if continues:
        return False
    if _BULLET.match(b) or _SECTION.match(b) and len(b) < 0.8 * width:
        return True
    if _SECTION.match(a) and not a.endswith(_TERMINAL) and len(a) < 1.2 * width:
        return True                                     # a numbered heading
    if _ATTRIBUTION.search(a) and b[:1].isupper():
        return True                                     # «…» – Kommunalsjef
    short = len(a) < 0.7 * width
    if a.endswith(_TERMINAL):
        if b[:1].isupper() and len(b) < 0.5 * width and not b.endswith(_TERMINAL):
            return True                                 # a short title after a sentence
        return short or double and prev.trailing >= 2
    if short and (b[:1].isupper() or b[:1].isdigit() or not b[:1].isalnum()):
        return True                                     # a heading, label or table row
    return False
