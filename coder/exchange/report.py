"""The results report: quotes by tema → kodegruppe → code in the codebook's order, ready for
a results chapter, with a short method appendix. One outline is built from the project,
turned into blocks and written as Markdown, HTML or DOCX by report_render (A4, a table
of contents, and in HTML and Word the theme × informant matrix and the quotes per theme
as pictures). Codes without quotes are left out unless asked for. Headings, the method
text and dates are in the current language (coder.i18n.using picks another)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from coder.core.errors import CoderError
from coder.exchange.report_quotes import Quote, informant_name, ordered_view, quotes_by_code
from coder.exchange.report_render import FORMATS, Heading, Para, Picture, QuoteBlock, Report, Table, write
from coder.exchange.safe_write import check_target
from coder.i18n import _, format as fmt, ngettext
from coder.i18n.collate import sort_key

__all__ = ["FORMATS", "build_outline", "write_report", "Quote", "informant_name"]


# Each count with its noun, spelled out for the catalogue (ngettext with the words themselves).
_COUNTS = {
    "quote": lambda n: ngettext("{n} quote", "{n} quotes", n),
    "informant": lambda n: ngettext("{n} informant", "{n} informants", n),
    "document": lambda n: ngettext("{n} document", "{n} documents", n),
    "code": lambda n: ngettext("{n} code close to the data", "{n} codes close to the data", n),
    "coding": lambda n: ngettext("{n} coding", "{n} codings", n),
    "group": lambda n: ngettext("{n} code group", "{n} code groups", n),
    "theme": lambda n: ngettext("{n} theme", "{n} themes", n),
}


def _count(n: int, noun: str) -> str:
    return _COUNTS[noun](n).format(n=fmt.number(n))


def _quotes(n: int) -> str:
    return _count(n, "quote")


@dataclass
class CodeSection:
    text: str
    quotes: list[Quote]


@dataclass
class GroupSection:
    title: str
    codes: list[CodeSection]


@dataclass
class ThemeSection:
    title: str
    groups: list[GroupSection]
    is_theme: bool = True         # a theme of the codebook (not "groups without a theme", …)

    def quotes(self) -> list[Quote]:
        return [q for g in self.groups for c in g.codes for q in c.quotes]

    def summary(self) -> str:
        """How much stands behind the theme: quotes and the informants they come from."""
        quotes = self.quotes()
        if quotes and all(q.informant for q in quotes):
            return _("{quotes} from {informants}").format(
                quotes=_quotes(len(quotes)),
                informants=_count(len({q.informant for q in quotes}), "informant"))
        return _("{quotes} from {documents}").format(
            quotes=_quotes(len(quotes)),
            documents=_count(len({q.document for q in quotes}), "document"))


@dataclass
class Outline:
    title: str
    themes: list[ThemeSection]
    appendix: list[tuple[str, str]] = field(default_factory=list)    # (label, value)
    method: str = ""                                                  # the appendix's paragraph


# ---- building the outline -----------------------------------------------------
def theme_heading(number: int, name: str) -> str:
    return _("Theme {number}: {name}").format(number=number, name=name)


def group_heading(group) -> str:
    if group.is_rest:
        title = _("Rest group")
        return title if group.name.casefold() in (title.casefold(), "restgruppe") else f"{title}: {group.name}"
    return _("Group {number}: {name}").format(number=group.number, name=group.name)


def build_outline(project, method_appendix: bool = True, with_empty: bool = False) -> Outline:
    view = ordered_view(project)
    quotes = quotes_by_code(project)

    def codes(items) -> list[CodeSection]:
        return [CodeSection(c.text, quotes.get(c.id, [])) for c in items if with_empty or c.id in quotes]

    def groups(gvs) -> list[GroupSection]:
        sections = [GroupSection(group_heading(gv.group), codes(gv.codes)) for gv in gvs if not gv.group.is_rest]
        return [g for g in sections if with_empty or g.codes]

    themes = [ThemeSection(theme_heading(tv.theme.number, tv.theme.name), groups(tv.groups)) for tv in view.themes]
    themes.append(ThemeSection(_("Code groups without a theme"), groups(view.groups), is_theme=False))
    themes.append(ThemeSection(_("Codes not yet grouped"), [GroupSection(_("Ungrouped codes"), codes(view.codes))],
                               is_theme=False))
    rest = [gv for gv in [*view.groups, *(g for t in view.themes for g in t.groups)] if gv.group.is_rest]
    rest_sections = [GroupSection(group_heading(gv.group), codes(gv.codes)) for gv in rest]
    themes.append(ThemeSection(_("Rest group (judged irrelevant)"), rest_sections, is_theme=False))
    for t in themes:
        t.groups = [g for g in t.groups if with_empty or g.codes]
    kept = [t for t in themes if (t.is_theme or t.groups if with_empty else t.quotes())]
    outline = Outline(_("Results: {project}").format(project=project.path.stem), kept)
    if method_appendix:
        outline.appendix, outline.method = _appendix(project)
    return outline


def _date(stamp: str) -> str:
    return fmt.date(dt.date.fromisoformat(stamp[:10]))


def _span(first: str, last: str) -> str:
    return _date(first) if first[:10] == last[:10] else f"{_date(first)} – {_date(last)}"


def _appendix(project) -> tuple[list[tuple[str, str]], str]:
    documents = project.documents.list()
    codings = project.codes.codings()
    counts = project.counts()
    groups = project.grouping.groups()
    coders = sorted({c.coder for c in codings})
    imported = sorted(d.imported_at for d in documents)
    coded = sorted(c.created_at for c in codings)
    informants = {d.attributes.get("informant") for d in documents} - {None}
    plain = sum(not g.is_rest for g in groups)
    rows = [(_("Documents"), fmt.number(counts.documents)),
            (_("Informants"), fmt.number(len(informants))),
            (_("Codes"), fmt.number(counts.codes)),
            (_("Codings (quotes)"), fmt.number(counts.codings)),
            (_("Code groups"), fmt.number(plain) + (_(" + rest group") if plain < len(groups) else "")),
            (_("Themes"), fmt.number(counts.themes)),
            (_("Coders"), fmt.number(len(coders)) + (f" ({', '.join(coders)})" if coders else ""))]
    if imported:
        rows.append((_("Documents imported"), _span(imported[0], imported[-1])))
    if coded:
        rows.append((_("Coding done"), _span(coded[0], coded[-1])))
    text = [_("The material consists of {documents} from {informants}.").format(
        documents=_count(counts.documents, "document"),
        informants=_count(len(informants), "informant"))]
    if counts.codes:
        text.append(_("It was analysed with stepwise-deductive induction (SDI, Tjora): {codes} were "
                      "developed through {codings}, sorted into {groups} and gathered in {themes}.").format(
            codes=_count(counts.codes, "code"),
            codings=_count(counts.codings, "coding"),
            groups=_count(plain, "group"),
            themes=_count(counts.themes, "theme")))
    if coded and coded[0][:10] == coded[-1][:10]:
        text.append(_("The coding was done by {coders} on {date}.").format(coders=", ".join(coders),
                                                                          date=_date(coded[0])))
    elif coded:
        text.append(_("The coding was done by {coders} in the period {first} to {last}.").format(
            coders=", ".join(coders), first=_date(coded[0]), last=_date(coded[-1])))
    return rows, " ".join(text)


# ---- the report's blocks ------------------------------------------------------
def _pictures(o: Outline) -> list:
    from coder.exchange.report_charts import quotes_per_theme_png, theme_informant_png
    themes = [t for t in o.themes if t.is_theme and t.quotes()]
    if not themes:
        return []
    tallies = [Counter(q.who for q in t.quotes()) for t in themes]
    who = sorted({w for tally in tallies for w in tally}, key=sort_key)
    matrix = [[tally[w] for w in who] for tally in tallies]
    titles = [t.title for t in themes]
    return [Heading(1, _("Overview")),
            Picture(quotes_per_theme_png(titles, [len(t.quotes()) for t in themes], _("Quotes")),
                    _("Quotes per theme")),
            Picture(theme_informant_png(titles, who, matrix, _("Informant"), _("Quotes")),
                    _("Quotes per theme and informant"))]


def report_blocks(o: Outline, pictures: bool) -> Report:
    blocks: list = _pictures(o) if pictures else []
    for theme in o.themes:
        blocks += [Heading(1, theme.title), Para(theme.summary(), italic=True)]
        for group in theme.groups:
            blocks.append(Heading(2, group.title))
            for code in group.codes:
                blocks.append(Heading(3, code.text))
                if not code.quotes:
                    blocks.append(Para(_("No quotes yet."), italic=True))
                blocks += [QuoteBlock(q.text, q.source_line()) for q in code.quotes]
    if o.appendix:
        blocks += [Heading(1, _("Method appendix")), Para(o.method), Table(o.appendix)]
    return Report(o.title, blocks)


def write_report(project, path: str | Path, fmt_name: str, method_appendix: bool = True,
                 with_empty: bool = False) -> Path:
    if fmt_name not in FORMATS:
        raise CoderError(_("{path}: unknown report format «{fmt}» (use {formats})").format(
            path=path, fmt=fmt_name, formats=", ".join(FORMATS)))
    path = Path(path)
    check_target(path)
    outline = build_outline(project, method_appendix, with_empty)
    return write(report_blocks(outline, pictures=fmt_name != "md"), path, fmt_name)
