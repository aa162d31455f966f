"""Passages that list codes: a codebook appendix ("Tema / Kodegruppe / Kode"), a table of
codes. Every code matches there word for word, so anchoring must not propose in them.
A code list is a run of lines where many codebook entries (codes, group and theme names)
occur verbatim, one after another, and make up most of the text: an interview that says
five codes word for word is still an interview.

    find_code_lists(texts, code_texts) -> list[CodeList]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from coder.i18n import ngettext

MIN_CODES = 5          # distinct codes that make a run of lines a list
MAX_GAP_LINES = 3      # non-blank lines between two entries of one list (a page's header or number)
MIN_CODE_WORDS = 2     # one-word codes occur anywhere
MIN_COVER = 0.6        # share of the run's letters that are entries


@dataclass(frozen=True)
class CodeList:
    document_id: int
    start: int          # offsets of the list's first and last line
    end: int
    first_line: int     # 1-based
    last_line: int
    codes: int          # distinct codes found in it

    def describe(self, name: str) -> str:
        return ngettext("skipped: the code list in {name}, lines {first}–{last} ({n} entry)",
                        "skipped: the code list in {name}, lines {first}–{last} ({n} entries)", self.codes).format(
            name=name, first=self.first_line, last=self.last_line, n=self.codes)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits, one space for any run of anything else, a word
    hyphenated at a line end joined again. Returns the string and, for each of its
    characters, the offset in `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    space = True
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and i and text[i - 1].isalpha() and i + 1 < n and text[i + 1] == "\n":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j].islower():
                i = j
                continue
        if ch.isalnum():
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
            where.append(i)
            space = False
        elif not space:
            out.append(" ")
            where.append(i)
            space = True
        i += 1
    return "".join(out), where


def _hits(text: str, needles: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, code index) of every whole-word verbatim occurrence."""
    norm, where = normalize_with_map(text)
    padded = f" {norm} "
    out = []
    for k, needle in enumerate(needles):
        probe = f" {needle} "
        at = padded.find(probe)
        while at >= 0:
            out.append((where[at], where[at + len(needle) - 1] + 1, k))
            at = padded.find(probe, at + 1)
    return sorted(out)


def find_code_lists(texts: dict[int, str], code_texts: list[str]) -> list[CodeList]:
    """The code lists of each document. `code_texts`: the codebook's entries (codes,
    group and theme names); CodeList.codes counts the distinct ones found."""
    needles = [n for n in (normalize_with_map(t)[0].strip() for t in code_texts)
               if len(n.split()) >= MIN_CODE_WORDS]
    found = []
    for doc_id, text in texts.items():
        newlines = [i for i, ch in enumerate(text) if ch == "\n"]

        def line(offset: int, newlines: list[int] = newlines) -> int:
            return bisect.bisect_right(newlines, offset - 1) + 1
        filled = [0]            # filled[n]: non-blank lines among the first n
        for a, b in zip([-1] + newlines, newlines + [len(text)]):
            filled.append(filled[-1] + bool(text[a + 1:b].strip()))
        run: list[tuple[int, int, int, int]] = []
        for start, end, k in _hits(text, needles):
            if run and filled[line(start) - 1] - filled[line(run[-1][1])] > MAX_GAP_LINES:
                found += _as_list(doc_id, text, run)
                run = []
            run.append((start, end, k, line(start)))
        found += _as_list(doc_id, text, run)
    return found


def _as_list(doc_id: int, text: str, run: list[tuple[int, int, int, int]]) -> list[CodeList]:
    codes = len({k for _, _, k, _ in run})
    if codes < MIN_CODES:
        return []
    start = text.rfind("\n", 0, run[0][0]) + 1
    end = text.find("\n", run[-1][1])
    end = len(text) if end < 0 else end
    covered, upto = 0, start
    for s, e, _, _ in run:
        covered += max(0, e - max(s, upto))
        upto = max(upto, e)
    if covered < MIN_COVER * sum(not ch.isspace() for ch in text[start:end]):
        return []
    last_line = run[0][3] + text.count("\n", run[0][0], run[-1][1])
    return [CodeList(doc_id, start, end, run[0][3], last_line, codes)]
