"""SDI after coding: `check` (grupperingstest and kodetest state) and `review` (the
theme → group → code tree with quote counts)."""

from __future__ import annotations

from pathlib import Path

import click

from coder import i18n
from coder.cli.common import echo_json, json_option, open_project, project_argument, user_errors
from coder.cli.translated import command
from coder.i18n import N_, _, format as fmt, ngettext

# Verdicts as `check` shows them (--json keeps these keys).
VERDICTS = {"passed": N_("passed"), "failed": N_("failed"), "unchecked": N_("unchecked")}


@command(help=N_("The state of the SDI tests: codes grouped, group names, the restgruppe's share, "
                 "kodetest verdicts, and codes flagged with the reason."))
@project_argument
@click.option("--rest-max", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help=N_("Warn when the restgruppe holds more than this share of the codes "
                      "(default: the project's restgruppe_max_share, else 10)."))
@json_option
@user_errors
def check(path: Path, rest_max: float | None, as_json: bool) -> None:
    from coder.analysis.sdi import check_report
    # --json is for programs: its messages stay English whatever the reader's language.
    with open_project(path) as project, project.snapshot(), i18n.using("en" if as_json else None):
        report = check_report(project, rest_max)
    if as_json:
        echo_json(report)
        return
    codes = report["codes"]
    grouped = ngettext("Grupperingstest: {grouped} of {n} code grouped",
                       "Grupperingstest: {grouped} of {n} codes grouped", codes)
    click.echo(grouped.format(grouped=report["grouped"], n=codes))
    for text in report["ungrouped_codes"]:
        click.echo(_("  ungrouped: {code}").format(code=text))
    rest = report["restgruppe"]
    share = ngettext("restgruppe: {rest} of {n} code ({share} %)", "restgruppe: {rest} of {n} codes ({share} %)", codes)
    warning = _(" — more than {max} %: are these codes really irrelevant?") if rest["too_large"] else ""
    click.echo("  " + share.format(rest=rest["codes"], n=codes, share=fmt.number(rest["share"], 0))
               + warning.format(max=fmt.number(rest["max_share"])))
    for g in report["group_flags"]:
        for f in g["flags"]:
            click.echo(_("  Gruppe {number}: {message}").format(number=g["group"], message=f["message"]))
    k = report["kodetest"]
    click.echo(_("Kodetest: {passed} passed, {failed} failed, {unchecked} unchecked, {flagged} flagged").format(**k))
    if report["guide"]["note"]:
        click.echo(f"  {report['guide']['note']}")
    for item in report["flags"]:
        verdict = VERDICTS[item["verdict"]]
        click.echo(_("  flagged ({verdict}): {code}").format(verdict=_(verdict), code=item["text"]))
        for f in item["flags"]:
            click.echo(f"    {f['message']}")
    click.echo(_("Konsepttest: {passed} passed, {failed} failed, {unchecked} unchecked")
               .format(**report["konsepttest"]))


def _counts(codes: int | None, groups: int | None, quotes: int) -> str:
    parts = [] if codes is None else [ngettext("{n} code", "{n} codes", codes).format(n=codes)]
    parts += [] if groups is None else [ngettext("{n} group", "{n} groups", groups).format(n=groups)]
    return ", ".join([*parts, ngettext("{n} quote", "{n} quotes", quotes).format(n=quotes)])


@command(help=N_("The theme → group → code tree, with the number of quotes at every level."))
@project_argument
@json_option
@user_errors
def review(path: Path, as_json: bool) -> None:
    from coder.analysis.review import review_tree
    with open_project(path) as project, project.snapshot():
        tree = review_tree(project)
    if as_json:
        echo_json(tree.to_json())
        return

    def show_group(g, indent: str) -> None:
        rest = " (restgruppe)" if g.rest else ""
        click.echo(f"{indent}{g.label}{rest} — {_counts(len(g.codes), None, g.quotes)}")
        for c in g.codes:
            click.echo(f"{indent}  [{c.quotes}] {c.text}")

    for t in tree.themes:
        click.echo(f"{t.label} — {_counts(None, len(t.groups), t.quotes)}")
        for g in t.groups:
            show_group(g, "  ")
    if tree.groups_without_theme:
        click.echo(_("Groups without a theme"))
        for g in tree.groups_without_theme:
            show_group(g, "  ")
    if tree.ungrouped_codes:
        click.echo(_("Ungrouped codes ({n})").format(n=len(tree.ungrouped_codes)))
        for c in tree.ungrouped_codes:
            click.echo(f"  [{c.quotes}] {c.text}")


COMMANDS = [check, review]
