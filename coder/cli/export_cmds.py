"""`coder export`: the codebook (md, csv, xlsx, json, docx, qdc, or Taguette's csv), the
whole project as REFI-QDA .qdpx, a results report or a quote bank (md, docx, html), in
the language --lang names (default: the current one). Every writer goes through
coder.exchange.safe_write, which also judges the target (a folder, a device, a missing
folder: one line); here the project's own files are refused as a target."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from coder.cli.common import open_project, project_argument, user_errors
from coder.cli.translated import command
from coder.core.errors import CoderError
from coder.exchange.codebook_export import FORMATS as CODEBOOK_FORMATS, export_codebook
from coder.exchange.safe_write import refuse_project_files
from coder.i18n import LANGUAGES, N_, _, ngettext, using

REPORT_FORMATS = ("md", "docx", "html")


def _writer(module: str, name: str, option: str):
    """A writer from a module that may not be part of this build yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise CoderError(_("export {option}: not available yet in this version of coder")
                         .format(option=option)) from None


@command(help=N_("Write the codebook, the project (.qdpx) or a report of PATH to the file -o."))
@project_argument
@click.option("--codebook", "codebook_fmt", type=click.Choice(CODEBOOK_FORMATS),
              help=N_("Export the codebook (themes > groups > codes) in this format."))
@click.option("--qdpx", is_flag=True, help=N_("Export the whole project as REFI-QDA .qdpx."))
@click.option("--report", "report_fmt", type=click.Choice(REPORT_FORMATS),
              help=N_("Export a results report in this format."))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help=N_("The file to write."))
@click.option("--quotes", "quotes_fmt", type=click.Choice(REPORT_FORMATS),
              help=N_("Export a quote bank (sitatbank): every quote with informant and document."))
@click.option("--by", type=click.Choice(("code", "group", "theme")), default="code", show_default=True,
              help=N_("Quote bank: gather the quotes under each code, group or theme."))
@click.option("--descriptions", is_flag=True, help=N_("Codebook md/docx: add code descriptions."))
@click.option("--counts", is_flag=True, help=N_("Codebook md/docx: add quote counts."))
@click.option("--alphabetical", is_flag=True,
              help=N_("Codebook: codes in alphabetical (Norwegian) order, not the codebook's own."))
@click.option("--with-empty", is_flag=True, help=N_("Report and quote bank: keep codes that have no quotes."))
@click.option("--lang", type=click.Choice(LANGUAGES),
              help=N_("Write headings and labels in this language (default: the current one)."))
@user_errors
def export(path: Path, codebook_fmt: str | None, qdpx: bool, report_fmt: str | None, output: Path,
           quotes_fmt: str | None, by: str, descriptions: bool, counts: bool, alphabetical: bool,
           with_empty: bool, lang: str | None) -> None:
    chosen = [c for c in (codebook_fmt and "--codebook", qdpx and "--qdpx", report_fmt and "--report",
                          quotes_fmt and "--quotes") if c]
    if len(chosen) != 1:
        raise CoderError(_("{path}: choose one of --codebook FORMAT, --qdpx, --report FORMAT or --quotes FORMAT")
                         .format(path=path))
    refuse_project_files(output, path)
    options = {"descriptions": descriptions, "counts": counts, "alphabetical": alphabetical,
               "with_empty": with_empty, "by": by}
    options["lang"] = lang
    with open_project(path) as project, project.snapshot():
        _export(project, output, codebook_fmt, qdpx, report_fmt, quotes_fmt, options)


def _export(project, output: Path, codebook_fmt: str | None, qdpx: bool, report_fmt: str | None,
            quotes_fmt: str | None, options: dict) -> None:
    lang = options["lang"]
    if codebook_fmt:
        with using(lang):       # the file in --lang; what we say here in the user's language
            n = export_codebook(project, output, codebook_fmt, descriptions=options["descriptions"],
                                counts=options["counts"], alphabetical=options["alphabetical"])
        click.echo(ngettext("wrote the codebook ({n} code) to {output}", "wrote the codebook ({n} codes) to {output}",
                            n).format(n=n, output=output))
    elif qdpx:
        _writer("coder.exchange.qdpx_export", "write_qdpx", "--qdpx")(project, output)
        click.echo(_("wrote the project to {output}").format(output=output))
    elif quotes_fmt:
        with using(lang):
            _writer("coder.exchange.quote_bank", "write_quote_bank", "--quotes")(
                project, output, quotes_fmt, by=options["by"], with_empty=options["with_empty"])
        click.echo(_("wrote the quote bank to {output}").format(output=output))
    else:
        with using(lang):
            _writer("coder.exchange.report", "write_report", "--report")(
                project, output, report_fmt, method_appendix=True, with_empty=options["with_empty"])
        click.echo(_("wrote the report to {output}").format(output=output))


COMMANDS = [export]
