"""The "Tema / Kodegruppe / Kode" outline of a thesis appendix, both ways.

Written as Markdown ("## Tema 1 …", "### Gruppe 10 …", "- code", an indented
description line, optional "_(n quotes)_"; names backslash-escaped so they show as their
literal text, and unescaped when read back) or as the plain appendix layout.

Read from either, including text pasted out of a PDF: a "Tema / Kodegruppe / kode"
title starts the outline (and repeats as a page header: skipped), page numbers and
blank lines are skipped, and a line that starts in lower case after a long line is the
rest of a code (or group name) wrapped in two.
"""

from __future__ import annotations

import re

from coder.core.errors import CoderError
from coder.core.models import NewCode, NewCodebook, NewGroup, NewTheme
from coder.exchange.codebook_view import CodebookDetails, CodebookView, group_title, parse_title, theme_title
from coder.exchange.safe_text import md_inline, md_unescape
from coder.i18n import _, ngettext

TITLE = "Tema / Kodegruppe / Kode"
_TITLE_LINE = re.compile(r"^#*\s*tema\s*/\s*kode\s*gruppe\s*/\s*kode(r)?\s*$", re.IGNORECASE)
_NOISE = re.compile(r"^(\d{1,4}|[-–—_=*#\s]+)$")      # page numbers, rules, stray marks
_BULLET = re.compile(r"^(?:[-*•]|\d{1,4}[.)])\s+")
_COUNTS = re.compile(r"\s+_\([^()]*\)_$")
_WRAPPED_MIN = 60     # a line this long may continue on the next one
# Where the codebook ends in a Markdown export: the concepts that follow are not codes.
_CONCEPTS = re.compile(r"^#+\s*(concepts|konsepter)\s*$", re.IGNORECASE)


def _quotes(n: int) -> str:
    return ngettext("{n} quote", "{n} quotes", n).format(n=n)


def _codes(n: int) -> str:
    return ngettext("{n} code", "{n} codes", n).format(n=n)


def _groups(n: int) -> str:
    return ngettext("{n} group", "{n} groups", n).format(n=n)


# ---- writing ---------------------------------------------------------------------------

def write_outline(view: CodebookView, markdown: bool = True, descriptions: bool = False,
                  counts: bool = False, details: CodebookDetails | None = None) -> str:
    """The codebook as an appendix outline: ungrouped codes, groups under no theme
    (the restgruppe first), then each theme with its groups. With `details` (Markdown):
    memos and test verdicts as italic lines under what they belong to, and the concepts
    with their groups at the end; the outline reader passes over both."""
    from coder.exchange.codebook_export import concepts_of, verdicts_text
    out: list[str] = [f"# {TITLE}" if markdown else TITLE, ""]
    notes = details is not None and markdown
    in_concepts = concepts_of(details) if details else {}

    def note(label: str, text: str | None) -> None:
        if notes and text:
            out.extend([f"_{md_inline(label + ': ' + text)}_", ""])

    def heading(level: int, title: str, suffix: str) -> None:
        tail = f" _({suffix})_" if counts and markdown else ""
        out.extend([f"{'#' * level} {md_inline(title)}{tail}" if markdown else title, ""])

    def code_lines(codes) -> None:
        for code in codes:
            tail = f" _({_quotes(code.codings)})_" if counts and markdown else ""
            out.append(f"- {md_inline(code.text)}{tail}" if markdown else code.text)
            if descriptions and markdown and code.description:
                out.append("  " + md_inline(code.description))
            if notes and details:
                verdicts = verdicts_text(details.code_questions, details.code_verdicts.get(code.id, {}))
                lines = [(_("Memo"), code.memo), (_("Code test"), verdicts)]
                out.extend(f"  _{md_inline(label + ': ' + text)}_" for label, text in lines if text)
            if not markdown:
                out.append("")
        if markdown and codes:
            out.append("")

    def group(gv, level: int) -> None:
        heading(level, group_title(gv.group), f"{_codes(len(gv.codes))}, {_quotes(gv.quotes)}")
        note(_("Memo"), gv.group.memo)
        note(_("Concepts"), ", ".join(in_concepts.get(group_title(gv.group), [])))
        code_lines(gv.codes)

    code_lines(view.codes)
    for gv in view.groups:
        group(gv, 2)
    for tv in view.themes:
        heading(2, theme_title(tv.theme), f"{_groups(len(tv.groups))}, {_quotes(tv.quotes)}")
        note(_("Memo"), tv.theme.memo)
        for gv in tv.groups:
            group(gv, 3)
    if notes and details and details.concepts:
        out.extend([f"## {_('Concepts')}", ""])
        for c in details.concepts:
            out.append(f"- {md_inline(c.name + ': ' + ', '.join(c.groups))}")
            verdicts = verdicts_text(details.concept_questions, details.concept_verdicts.get(c.id, {}))
            out.extend(f"  _{md_inline(label + ': ' + text)}_"
                       for label, text in ((_("Memo"), c.memo), (_("Concept test"), verdicts)) if text)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- reading ---------------------------------------------------------------------------

class _Entry:
    def __init__(self, kind: str, text: str, title=None):
        self.kind, self.text, self.title = kind, text, title
        self.description: str | None = None
        self.last_line = text


def _entries(lines: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    for raw in lines:
        line = raw.strip()
        if _CONCEPTS.match(line):
            break
        if not line or _NOISE.match(line) or _TITLE_LINE.match(line) or line.startswith(("_", ">")):
            continue          # "_Memo: …_": a note in a Markdown export (its own text escapes a "_")
        prev = entries[-1] if entries else None
        bullet = _BULLET.match(line)
        if prev and prev.kind == "code-md" and not bullet and raw[:2].isspace() and not line.startswith("#"):
            line = md_unescape(line)
            prev.description = f"{prev.description} {line}" if prev.description else line
            continue
        text = _COUNTS.sub("", line[bullet.end():] if bullet else line.lstrip("#").strip())
        if bullet or line.startswith("#"):      # Markdown, as write_outline escapes it
            text = md_unescape(text)
        title = None if bullet else parse_title(text)
        if title:
            entries.append(_Entry(title.kind, text, title))
        elif (prev and not bullet and not line.startswith("#") and line[0].islower()
              and len(prev.last_line) >= _WRAPPED_MIN):
            prev.text = f"{prev.text} {text}"        # a line wrapped in two
            prev.last_line = text
            if prev.title:
                prev.title = parse_title(prev.text)
        else:
            entries.append(_Entry("code-md" if bullet else "code", text))
    return entries


def parse_outline(text: str, where: str) -> NewCodebook:
    lines = text.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if _TITLE_LINE.match(line.strip())), None)
    entries = _entries(lines[start or 0:])
    if start is None and not any(e.kind != "code" for e in entries):
        # Plain lines alone could be any text (a transcript): refuse rather than make codes of it.
        raise CoderError(_("{file}: no «Tema N …» or «Gruppe N …» lines, «{title}» title or «- code» list found")
                         .format(file=where, title=TITLE))
    themes: list[dict] = []
    loose_groups: list[dict] = []
    loose_codes: list[NewCode] = []
    theme = group = None
    for e in entries:
        if e.kind == "theme":
            theme, group = {"title": e.title, "groups": []}, None
            themes.append(theme)
        elif e.kind == "group":
            group = {"title": e.title, "codes": []}
            (theme["groups"] if theme else loose_groups).append(group)
        else:
            code = NewCode(" ".join(e.text.split()), e.description)
            (group["codes"] if group else loose_codes).append(code)
    if not (themes or loose_groups or loose_codes):
        raise CoderError(_("{file}: no «Tema N …» or «Gruppe N …» lines or codes found").format(file=where))

    def new_group(g: dict) -> NewGroup:
        t = g["title"]
        return NewGroup(t.name, tuple(g["codes"]), t.number, t.is_rest)

    return NewCodebook(
        themes=tuple(NewTheme(t["title"].name, tuple(new_group(g) for g in t["groups"]), t["title"].number)
                     for t in themes),
        groups=tuple(new_group(g) for g in loose_groups),
        codes=tuple(loose_codes))
