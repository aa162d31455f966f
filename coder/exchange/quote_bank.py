"""The quote bank (sitatbank): every quote, with its informant and document, under its code,
its group or its theme, in the codebook's order — what a researcher picks quotes from
while writing. Markdown, HTML or Word (report_render: A4, a table of contents).

    write_quote_bank(project, path, fmt, by="code"|"group"|"theme", with_empty=False)
"""

from __future__ import annotations

from pathlib import Path

from coder.core.errors import CoderError
from coder.exchange.report import group_heading, theme_heading
from coder.exchange.report_quotes import ordered_view, quotes_by_code
from coder.exchange.report_render import FORMATS, Heading, Para, QuoteBlock, Report, write
from coder.exchange.safe_write import check_target
from coder.i18n import _

LEVELS = ("code", "group", "theme")


def _sections(project, by: str) -> list[tuple[str, list, str]]:
    """(heading, the codes under it, where it sits) in codebook order."""
    view = ordered_view(project)
    placed = [(tv, gv) for tv in view.themes for gv in tv.groups] + [(None, gv) for gv in view.groups]

    def where(tv, gv) -> str:
        return " › ".join(x for x in (theme_heading(tv.theme.number, tv.theme.name) if tv else "",
                                      group_heading(gv.group) if gv else "") if x)
    if by == "theme":
        sections = [(theme_heading(tv.theme.number, tv.theme.name), [c for gv in tv.groups for c in gv.codes], "")
                    for tv in view.themes]
        loose = [c for gv in view.groups for c in gv.codes] + list(view.codes)
        return sections + ([(_("Not in a theme"), loose, "")] if loose else [])
    if by == "group":
        return [(group_heading(gv.group), list(gv.codes), where(tv, None)) for tv, gv in placed] + \
            ([(_("Ungrouped codes"), list(view.codes), "")] if view.codes else [])
    return [(c.text, [c], where(tv, gv)) for tv, gv in placed for c in gv.codes] + \
        [(c.text, [c], _("Ungrouped codes")) for c in view.codes]


def quote_bank(project, by: str = "code", with_empty: bool = False) -> Report:
    quotes = quotes_by_code(project)
    title = {"code": _("Quotes by code"), "group": _("Quotes by code group"), "theme": _("Quotes by theme")}[by]
    report = Report(_("{title}: {project}").format(title=title, project=project.path.stem))
    for heading, codes, where in _sections(project, by):
        found = [q for c in codes for q in quotes.get(c.id, [])]
        if not found and not with_empty:
            continue
        report.blocks.append(Heading(1, heading))
        if where:
            report.blocks.append(Para(where, italic=True))
        if not found:
            report.blocks.append(Para(_("No quotes yet."), italic=True))
        report.blocks += [QuoteBlock(q.text, q.source_line(with_code=by != "code")) for q in found]
    return report


def write_quote_bank(project, path: str | Path, fmt: str, by: str = "code", with_empty: bool = False) -> Path:
    path = Path(path)
    if fmt not in FORMATS:
        raise CoderError(_("{path}: unknown report format «{fmt}» (use {formats})").format(
            path=path, fmt=fmt, formats=", ".join(FORMATS)))
    if by not in LEVELS:
        raise CoderError(_("{path}: quotes are gathered by code, group or theme, not «{by}»").format(path=path, by=by))
    check_target(path)
    return write(quote_bank(project, by, with_empty), path, fmt)
