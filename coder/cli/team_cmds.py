"""Several coders on one study: merge their project files, measure their agreement."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from coder.cli.common import coder_option, echo_json, json_option, open_project, project_argument, user_errors

# How merge reports name the tables it adds rows to.
_ROW_NAMES = {
    "documents": "documents", "document_attributes": "attributes", "segments": "segments",
    "codes": "codes", "codings": "codings", "code_groups": "groups", "group_members": "codes placed in groups",
    "themes": "themes", "theme_members": "groups placed in themes", "concepts": "concepts",
    "concept_groups": "concept links", "checks": "test verdicts", "check_questions": "test questions",
    "coders": "coders", "settings": "settings",
}


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@json_option
@coder_option
@user_errors
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool, as_json: bool, coder_name: str | None) -> None:
    """Merge the SOURCE projects into TARGET as one undoable action.

    Documents are matched by the sha256 of their text, codes by their text (near-identical
    texts are reported, never merged), codings are kept per coder; groups, themes,
    concepts and memos come along, with clashing numbers renumbered and reported.
    """
    with open_project(target, coder_name) as project:
        report = project.merge.merge_projects(sources, dry_run=dry_run)
    if as_json:
        echo_json(dataclasses.asdict(report))
        return
    names = ", ".join(p.name for p in sources)
    if dry_run:
        click.echo(f"dry run: merging {names} into {target} would add (nothing was changed):")
    else:
        click.echo(f"merged {names} into {target} as one history entry (`coder undo` takes it back):")
    added = [f"{n} {_ROW_NAMES.get(t, t)}" for t, n in report.added.items() if n]
    click.echo(f"  added: {', '.join(added) or 'nothing'}")
    if report.matched:
        click.echo("  already here: " + ", ".join(f"{n} {k}" for k, n in report.matched.items()))
    if report.codings_by_coder:
        click.echo("  codings by coder: " + ", ".join(f"{c} {n}" for c, n in sorted(report.codings_by_coder.items())))
    if report.identical_codings:
        click.echo(f"  identical codings skipped: {report.identical_codings}")
    if report.near_identical:
        click.echo("  near-identical codes, kept apart (merge them with care if they say the same):")
        for incoming, existing, score in report.near_identical:
            click.echo(f"    «{incoming}» ≈ «{existing}» ({score:g})")
    for note in report.notes:
        click.echo(f"  note: {note}")


class _GreedyCoders(click.Command):
    """Lets `--coders A B C` take several names: each name after the option, up to the
    next option, is passed on as its own `--coders NAME`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out, greedy = [], False
        for arg in args:
            if arg == "--coders":
                greedy = True
                continue
            if arg.startswith("-"):
                greedy = False
            out.extend(["--coders", arg] if greedy else [arg])
        return super().parse_args(ctx, out)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _short(text: str, width: int = 46) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@click.command(cls=_GreedyCoders)
@project_argument
@click.option("--coders", "coders", multiple=True, required=True, metavar="A B [C…]",
              help="The coders to compare (two or more).")
@click.option("--code", "code", metavar="TEXT", help="Only this code (its exact text).")
@click.option("--unit", type=click.Choice(["character", "segment"]), default="character", show_default=True,
              help="character: every character is a unit; segment: every smallest segment (sentence).")
@json_option
@user_errors
def agreement(path: Path, coders: tuple[str, ...], code: str | None, unit: str, as_json: bool) -> None:
    """Inter-coder agreement per code and overall: percentage agreement, Cohen's kappa
    (two coders) and Krippendorff's alpha, over the documents every coder has coded."""
    from coder.analysis.agreement import UNIT_DEFINITIONS, agreement_report
    with open_project(path) as project, project.snapshot():
        report = agreement_report(project, coders, code=code, unit=unit)
    if as_json:
        echo_json({**dataclasses.asdict(report), "unit_definition": UNIT_DEFINITIONS[unit]})
        return
    click.echo(f"Agreement of {', '.join(report.coders)}; unit: {report.unit} ({UNIT_DEFINITIONS[unit]})")
    click.echo(f"Documents coded by all of them: {len(report.documents)} ({', '.join(report.documents)})")
    coder_cols = "".join(f"{_short(c, 10):>11}" for c in report.coders)
    click.echo(f"{'code':<46} {'units':>9}{coder_cols} {'agree':>6} {'kappa':>6} {'alpha':>6}")
    for row in (*report.codes, report.overall):
        coded = "".join(f"{row.coded[c]:>11,}" for c in report.coders)
        click.echo(f"{_short(row.code):<46} {row.units:>9,}{coded} {row.agreement:>6.1%} "
                   f"{_pct(row.kappa):>6} {_pct(row.alpha):>6}")


COMMANDS = [merge, agreement]
