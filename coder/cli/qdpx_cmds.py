"""`coder import-qdpx`: bring in a REFI-QDA project from MAXQDA, NVivo, ATLAS.ti, …"""

from __future__ import annotations

from pathlib import Path

import click

from coder.cli.common import coder_option, open_project, project_argument, user_errors
from coder.cli.translated import command
from coder.i18n import N_


@command("import-qdpx", help=N_(
    "Import FILE (.qdpx, or a bare .qde) into the project at PATH as one undoable action: its text sources, "
    "codes (tree levels become kodegrupper and temaer) and codings."))
@project_argument
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@coder_option
@user_errors
def import_qdpx_command(path: Path, file: Path, coder_name: str | None) -> None:
    from coder.exchange.qdpx_import import import_qdpx
    from coder.ingest import Ingest
    with open_project(path, coder_name) as project, Ingest() as ingest:
        report = import_qdpx(project, file, ingest)
    for line in report.lines():
        click.echo(line)


COMMANDS = [import_qdpx_command]
