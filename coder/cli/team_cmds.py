"""Several coders on one study: merge their project files, measure their agreement."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from coder import i18n
from coder.analysis.agreement import LEVELS, UNITS
from coder.cli.common import coder_option, echo_json, json_option, open_project, project_argument, user_errors
from coder.cli.translated import Command, command
from coder.core.errors import CoderError
from coder.exchange.report import FORMATS as REPORT_FORMATS
from coder.i18n import N_, _, format as fmt, ngettext
from coder.i18n.collate import sort_key

ALPHA = "alpha"      # Krippendorff's alpha: the statistic's name in every language


def _rows(table: str, n: int) -> str:
    """How a merge report counts the rows it adds to a table."""
    texts = {
        "documents": lambda: ngettext("{n} document", "{n} documents", n),
        "document_attributes": lambda: ngettext("{n} attribute", "{n} attributes", n),
        "segments": lambda: ngettext("{n} segment", "{n} segments", n),
        "codes": lambda: ngettext("{n} code", "{n} codes", n),
        "codings": lambda: ngettext("{n} coding", "{n} codings", n),
        "code_groups": lambda: ngettext("{n} group", "{n} groups", n),
        "group_members": lambda: ngettext("{n} code placed in groups", "{n} codes placed in groups", n),
        "themes": lambda: ngettext("{n} theme", "{n} themes", n),
        "theme_members": lambda: ngettext("{n} group placed in themes", "{n} groups placed in themes", n),
        "concepts": lambda: ngettext("{n} concept", "{n} concepts", n),
        "concept_groups": lambda: ngettext("{n} concept link", "{n} concept links", n),
        "checks": lambda: ngettext("{n} test verdict", "{n} test verdicts", n),
        "check_questions": lambda: ngettext("{n} test question", "{n} test questions", n),
        "coders": lambda: ngettext("{n} coder", "{n} coders", n),
        "settings": lambda: ngettext("{n} setting", "{n} settings", n),
    }
    return texts[table]().format(n=n) if table in texts else f"{n} {table}"


@command(help=N_(
    "Merge the SOURCE projects into TARGET as one undoable action.\n\n"
    "Documents are matched by the sha256 of their text, codes by their text (near-identical texts are "
    "reported, never merged), codings are kept per coder; groups, themes, concepts and memos come along, "
    "with clashing numbers renumbered and reported."))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help=N_("Report what would change; change nothing."))
@json_option
@coder_option
@user_errors
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool, as_json: bool, coder_name: str | None) -> None:
    with open_project(target, coder_name) as project:
        report = project.merge.merge_projects(sources, dry_run=dry_run)
    if as_json:
        echo_json(dataclasses.asdict(report))
        return
    names = ", ".join(p.name for p in sources)
    if dry_run:
        click.echo(_("dry run: merging {names} into {target} would add (nothing was changed):")
                   .format(names=names, target=target))
    else:
        click.echo(_("merged {names} into {target} as one history entry (`coder undo` takes it back):")
                   .format(names=names, target=target))
    added = [_rows(t, n) for t, n in report.added.items() if n]
    click.echo(_("  added: {rows}").format(rows=", ".join(added) or _("nothing")))
    if report.matched:
        click.echo(_("  already here: {rows}").format(rows=", ".join(_rows(k, n) for k, n in report.matched.items())))
    if report.codings_by_coder:
        by_coder = sorted(report.codings_by_coder.items(), key=lambda item: sort_key(item[0]))
        click.echo(_("  codings by coder: {counts}").format(counts=", ".join(f"{c} {n}" for c, n in by_coder)))
    if report.identical_codings:
        click.echo(_("  identical codings skipped: {n}").format(n=report.identical_codings))
    if report.near_identical:
        click.echo(_("  near-identical codes, kept apart (merge them with care if they say the same):"))
        for incoming, existing, score in report.near_identical:
            click.echo(f"    «{incoming}» ≈ «{existing}» ({score:g})")
    for note in report.notes:
        click.echo(_("  note: {note}").format(note=note))


class _GreedyCoders(Command):
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


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@command(cls=_GreedyCoders, help=N_(
    "Inter-coder agreement per code, kodegruppe or tema, overall and per document: the units both / only one / "
    "neither coded, percentage agreement, Cohen's kappa (two coders) or Fleiss' kappa (more), and Krippendorff's "
    "alpha. By default every document any of the coders coded is compared."))
@project_argument
@click.option("--coders", "coders", multiple=True, required=True, metavar="A B [C…]",
              help=N_("The coders to compare (two or more)."))
@click.option("--code", "code", metavar="TEXT", help=N_("Only this code (its exact text)."))
@click.option("--unit", type=click.Choice(UNITS), default="character", show_default=True,
              help=N_("What one unit is: a character, sentence, paragraph, speaker turn or whole document."))
@click.option("--level", type=click.Choice(LEVELS), default="code", show_default=True,
              help=N_("Compare per code, per kodegruppe or per tema (codings count for their code's group/theme)."))
@click.option("--by", "by", type=click.Choice(["document"]), help=N_("Also give the figures per document."))
@click.option("--include-uncoded", is_flag=True,
              help=N_("Compare every document of the project, also those none of the coders coded."))
@click.option("--coded-by-all", is_flag=True,
              help=N_("Compare only the documents every coder coded (the behaviour before coder 0.2)."))
@click.option("--json", "as_json", is_flag=True, help=N_("JSON (to -o FILE, or printed)."))
@click.option("--csv", "as_csv", is_flag=True, help=N_("Write the table as CSV to -o FILE."))
@click.option("--xlsx", "as_xlsx", is_flag=True, help=N_("Write the table as an .xlsx workbook to -o FILE."))
@click.option("--report", "report_fmt", type=click.Choice(REPORT_FORMATS),
              help=N_("Write a coding-comparison report (for a method chapter) to -o FILE."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=N_("The file to write."))
@user_errors
def agreement(path: Path, coders: tuple[str, ...], code: str | None, unit: str, level: str, by: str | None,
              include_uncoded: bool, coded_by_all: bool, as_json: bool, as_csv: bool, as_xlsx: bool,
              report_fmt: str | None, output: Path | None) -> None:
    from coder.analysis.agreement import agreement_report
    from coder.cli.export_cmds import refuse_project_files
    from coder.exchange.agreement_table import report_json, write_table
    formats = [f for f, on in (("json", as_json), ("csv", as_csv), ("xlsx", as_xlsx), ("report", report_fmt)) if on]
    if len(formats) > 1:
        raise CoderError(_("{path}: choose one of --json, --csv, --xlsx and --report").format(path=path))
    if include_uncoded and coded_by_all:
        raise CoderError(_("{path}: --include-uncoded and --coded-by-all exclude each other").format(path=path))
    if formats and formats[0] != "json" and output is None or output is not None and not formats:
        raise CoderError((_("{path}: --csv, --xlsx and --report write to a file: name it with -o FILE") if formats
                          else _("{path}: -o goes with --json, --csv, --xlsx or --report")).format(path=path))
    if output is not None:
        refuse_project_files(output, path)
    documents = "project" if include_uncoded else "all" if coded_by_all else "any"
    # JSON is for programs: its texts stay English whatever the reader's language.
    with open_project(path) as project, project.snapshot(), i18n.using("en" if as_json else None):
        report = agreement_report(project, coders, code=code, unit=unit, level=level,
                                  by_document=by == "document", documents=documents)
        if report_fmt and output is not None:
            from coder.exchange.agreement_doc import write_comparison
            write_comparison(project, report, output, report_fmt)
    if as_json and output is None:
        echo_json(report_json(report))
        return
    if report_fmt:
        click.echo(_("wrote the coding-comparison report to {output}").format(output=output))
    elif formats and output is not None:
        write_table(report, output, formats[0])
        click.echo(_("wrote the agreement table to {output}").format(output=output))
    _print_context(report)
    if not formats:
        _print_table(report)


def _print_context(report) -> None:
    """What was compared and why: before the table, and after a file is written."""
    from coder.exchange.agreement_table import LEVEL_NAMES
    click.echo(_("Agreement of {coders} per {level}; unit: {unit} ({definition})")
               .format(coders=", ".join(report.coders), level=_(LEVEL_NAMES[report.level]), unit=report.unit,
                       definition=report.unit_definition))
    click.echo(_("Documents compared: {n}, {rule}: {documents}")
               .format(n=len(report.documents), rule=report.documents_rule, documents=", ".join(report.documents)))
    for name, why in report.left_out:
        click.echo(_("  left out: {name} ({why})").format(name=name, why=why))
    for note in report.notes:
        click.echo(_("  note: {note}").format(note=note))


def _print_table(report) -> None:
    from coder.exchange.agreement_table import (
        LEVEL_NAMES,
        count_columns,
        count_values,
        fmt_figure,
        fmt_percent,
        ordered_rows,
    )
    level = _(LEVEL_NAMES[report.level])
    counts, rows = count_columns(report.coders), ordered_rows(report)
    shown = {id(r): [fmt.number(v) for v in count_values(r, report.coders)] for r in rows}
    widths = [max(len(c), *(len(shown[id(r)][i]) for r in rows)) + 2 for i, c in enumerate(counts)]
    units_head, agree_head = _("units"), _("agree")
    units = max(len(units_head), *(len(fmt.number(r.units)) for r in rows)) + 1
    head = "".join(f"{c:>{w}}" for c, w in zip(counts, widths))
    kappa = "kappa" if len(report.coders) == 2 else "Fleiss"
    click.echo(f"{level:<40} {units_head:>{units}}{head} {agree_head:>7} {kappa:>6} {ALPHA:>6}")
    for row in rows:
        name = row.item if row.document is None else f"  {row.document}"
        values = "".join(f"{v:>{w}}" for v, w in zip(shown[id(row)], widths))
        click.echo(f"{_short(name):<40} {fmt.number(row.units):>{units}}{values} {fmt_percent(row.agreement):>7} "
                   f"{fmt_figure(row.kappa):>6} {fmt_figure(row.alpha):>6}")
    click.echo(_("kappa: {kappa}; alpha: Krippendorff's alpha (nominal); – where a figure is undefined "
                 "(no variation)").format(kappa=report.kappa_name))


COMMANDS = [merge, agreement]
