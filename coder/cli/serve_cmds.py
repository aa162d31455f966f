"""`coder serve`: the app in a browser (coder/serve), for one person or a team."""

from __future__ import annotations

from pathlib import Path

import click

from coder.cli.common import coder_option, fail, open_project, user_errors
from coder.cli.translated import command
from coder.i18n import N_, _, ngettext


@command(help=N_("Serve PATH to browsers: each session runs the app as one coder.\n\n"
                 "Without --users, it listens on this machine only and prints a URL with a fresh token "
                 "(your own way in, as whoever you are here). With --users, everyone opens it with their "
                 "own token, and their codings carry their name."))
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--demo", is_flag=True, help=N_("Serve the demo project."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help=N_("Address to listen on; another than this machine's needs --users."))
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--users", type=click.Path(dir_okay=False, path_type=Path),
              help=N_("A users file: each coder's name and the hash of their token."))
@click.option("--add-user", metavar="NAME", help=N_("Give NAME a new token in the --users file, print it, and stop."))
@click.option("--public-url", metavar="URL", help=N_("The address browsers use, behind a reverse proxy "
                                                     "(https://coding.example.org)."))
@coder_option
@user_errors
def serve(path: Path | None, demo: bool, host: str, port: int, users: Path | None, add_user: str | None,
          public_url: str | None, coder_name: str | None) -> None:
    from coder.serve import access as access_mod
    from coder.serve.server import CoderServer
    base = (public_url or f"http://{host}:{port}").rstrip("/")
    if add_user:
        _add_user(users, add_user.strip(), base)
        return
    project = _project_path(path, demo)
    if users is None and not access_mod.is_loopback(host):
        fail(_("refusing to listen on {host} without --users: anyone who can reach it could code "
               "in your name (see «coder serve --help»)").format(host=host), 2)
    with open_project(project, coder_name) as opened:
        coder = opened.coder
    try:
        if users is None:
            access, token = access_mod.Access.single(coder)
            announce = _("Serving {project} as {coder} at {url}").format(
                project=project, coder=coder, url=f"{base}/?token={token}")
        else:
            access = access_mod.load_users(users)
            n = len(access.coders)
            announce = ngettext("Serving {project} to the {n} coder in {users} at {url} (who adds ?token=THEIR-TOKEN)",
                                "Serving {project} to the {n} coders in {users} at {url} "
                                "(each adds ?token=THEIR-TOKEN)", n).format(project=project, n=n, users=users,
                                                                           url=base + "/")
    except access_mod.AccessError as exc:
        fail(str(exc))
    server = CoderServer(project.resolve(), access, host, port, public_url)
    server.announce = announce + "\n" + _("Press Ctrl+C to stop.")
    server.serve()          # until Ctrl+C; each session's app process ends with its websocket


def _add_user(users: Path | None, name: str, base: str) -> None:
    from coder.serve.access import AccessError, add_user
    if users is None or not name:
        raise click.UsageError(_("--add-user NAME needs --users FILE"))
    try:
        token = add_user(users, name)
    except AccessError as exc:
        fail(str(exc))
    click.echo(_("{name} can now open the project with this token (shown only now): {token}").format(
        name=name, token=token))
    click.echo(_("Their address: {url}").format(url=f"{base}/?token={token}"))


def _project_path(path: Path | None, demo: bool) -> Path:
    if demo == (path is not None):
        raise click.UsageError(_("name a project file, or give --demo (not both)"))
    if path is not None:
        return path
    from coder.demo import demo_path, ensure_demo
    return ensure_demo(demo_path())


COMMANDS = [serve]
