"""SDI after coding: `check` (grupperingstest and kodetest state) and `review` (the
theme → group → code tree with quote counts)."""

from __future__ import annotations

from pathlib import Path

import click

from coder.cli.common import echo_json, json_option, open_project, project_argument, user_errors


@click.command()
@project_argument
@click.option("--rest-max", type=click.FloatRange(0, 100), default=None, metavar="PERCENT",
              help="Warn when the restgruppe holds more than this share of the codes "
                   "(default: the project's restgruppe_max_share, else 10).")
@json_option
@user_errors
def check(path: Path, rest_max: float | None, as_json: bool) -> None:
    """The state of the SDI tests: codes grouped, group names, the restgruppe's share,
    kodetest verdicts, and codes flagged with the reason."""
    from coder.analysis.sdi import check_report
    with open_project(path) as project, project.snapshot():
        report = check_report(project, rest_max)
    if as_json:
        echo_json(report)
        return
    k = report["kodetest"]
    click.echo(f"Grupperingstest: {report['grouped']} of {report['codes']} codes grouped")
    for text in report["ungrouped_codes"]:
        click.echo(f"  ungrouped: {text}")
    rest = report["restgruppe"]
    warning = f" — more than {rest['max_share']:g} %: are these codes really irrelevant?" if rest["too_large"] else ""
    click.echo(f"  restgruppe: {rest['codes']} of {report['codes']} codes ({rest['share']:.0f} %){warning}")
    for g in report["group_flags"]:
        for f in g["flags"]:
            click.echo(f"  Gruppe {g['group']}: {f['message']}")
    click.echo(f"Kodetest: {k['passed']} passed, {k['failed']} failed, {k['unchecked']} unchecked, "
               f"{k['flagged']} flagged")
    if report["guide"]["note"]:
        click.echo(f"  {report['guide']['note']}")
    for item in report["flags"]:
        click.echo(f"  flagged ({item['verdict']}): {item['text']}")
        for f in item["flags"]:
            click.echo(f"    {f['message']}")
    c = report["konsepttest"]
    click.echo(f"Konsepttest: {c['passed']} passed, {c['failed']} failed, {c['unchecked']} unchecked")


@click.command()
@project_argument
@json_option
@user_errors
def review(path: Path, as_json: bool) -> None:
    """The theme → group → code tree, with the number of quotes at every level."""
    from coder.analysis.review import review_tree
    with open_project(path) as project, project.snapshot():
        tree = review_tree(project)
    if as_json:
        echo_json(tree.to_json())
        return

    def show_group(g, indent: str) -> None:
        rest = " (restgruppe)" if g.rest else ""
        click.echo(f"{indent}{g.label}{rest} — {len(g.codes)} codes, {g.quotes} quotes")
        for c in g.codes:
            click.echo(f"{indent}  [{c.quotes}] {c.text}")

    for t in tree.themes:
        click.echo(f"{t.label} — {len(t.groups)} groups, {t.quotes} quotes")
        for g in t.groups:
            show_group(g, "  ")
    if tree.groups_without_theme:
        click.echo("Groups without a theme")
        for g in tree.groups_without_theme:
            show_group(g, "  ")
    if tree.ungrouped_codes:
        click.echo(f"Ungrouped codes ({len(tree.ungrouped_codes)})")
        for c in tree.ungrouped_codes:
            click.echo(f"  [{c.quotes}] {c.text}")


COMMANDS = [check, review]
