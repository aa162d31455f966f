"""`coder export`: the codebook (md, csv, xlsx, json, docx, qdc), the whole project as
REFI-QDA .qdpx, or a report (md, docx, html). Every writer goes through
coder.exchange.safe_write, which also judges the target (a folder, a device, a missing
folder: one line); here the project's own files are refused as a target."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from coder.cli.common import open_project, project_argument, user_errors
from coder.core.errors import CoderError
from coder.exchange.codebook_export import FORMATS as CODEBOOK_FORMATS, export_codebook
from coder.exchange.safe_write import refuse_project_files

REPORT_FORMATS = ("md", "docx", "html")


def _writer(module: str, name: str, option: str):
    """A writer from a module that may not be part of this build yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise CoderError(f"export {option}: not available yet in this version of coder") from None


@click.command()
@project_argument
@click.option("--codebook", "codebook_fmt", type=click.Choice(CODEBOOK_FORMATS),
              help="Export the codebook (themes > groups > codes) in this format.")
@click.option("--qdpx", is_flag=True, help="Export the whole project as REFI-QDA .qdpx.")
@click.option("--report", "report_fmt", type=click.Choice(REPORT_FORMATS),
              help="Export a results report in this format.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The file to write.")
@click.option("--descriptions", is_flag=True, help="Codebook md/docx: add code descriptions.")
@click.option("--counts", is_flag=True, help="Codebook md/docx: add quote counts.")
@user_errors
def export(path: Path, codebook_fmt: str | None, qdpx: bool, report_fmt: str | None, output: Path,
           descriptions: bool, counts: bool) -> None:
    """Write the codebook, the project (.qdpx) or a report of PATH to the file -o."""
    chosen = [c for c in (codebook_fmt and "--codebook", qdpx and "--qdpx", report_fmt and "--report") if c]
    if len(chosen) != 1:
        raise CoderError(f"{path}: choose one of --codebook FORMAT, --qdpx or --report FORMAT")
    refuse_project_files(output, path)
    with open_project(path) as project, project.snapshot():
        _export(project, output, codebook_fmt, qdpx, report_fmt, descriptions, counts)


def _export(project, output: Path, codebook_fmt: str | None, qdpx: bool, report_fmt: str | None,
            descriptions: bool, counts: bool) -> None:
    if codebook_fmt:
        n = export_codebook(project, output, codebook_fmt, descriptions=descriptions, counts=counts)
        click.echo(f"wrote the codebook ({n} codes) to {output}")
    elif qdpx:
        _writer("coder.exchange.qdpx_export", "write_qdpx", "--qdpx")(project, output)
        click.echo(f"wrote the project to {output}")
    else:
        _writer("coder.exchange.report", "write_report", "--report")(
            project, output, report_fmt, method_appendix=True)
        click.echo(f"wrote the report to {output}")


COMMANDS = [export]
