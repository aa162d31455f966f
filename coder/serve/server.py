"""textual-serve's server with coder's door in front of it.

textual-serve runs one app process per browser websocket and has no access control of
its own. Here every route but the login page asks for a session (coder/serve/access.py);
the websocket starts the app as the session's coder, a name the server passes to the
process in its environment (coder/tui/served.py reads it), so nothing the browser sends
can choose it. The page links the font textual-serve ships instead of Google's.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve import server as textual_server
from textual_serve.app_service import AppService

from coder import i18n
from coder.i18n import _
from coder.serve import CODER_ENV, uploads
from coder.serve.access import Access

log = logging.getLogger("coder.serve")

COOKIE = "coder_session"
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(textual_server.__file__).parent / "static"


class SessionService(AppService):
    """One browser session's app process, started as the coder the server signed in, in
    their upload folder (where the import dialog opens)."""

    def __init__(self, command: str, *, coder: str, language: str | None, cwd: Path, **kwargs: Any) -> None:
        super().__init__(f"cd {shlex.quote(str(cwd))} && exec {command}", **kwargs)
        self.coder, self.language = coder, language

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[CODER_ENV] = self.coder
        if self.language:
            environment["CODER_LANG"] = self.language
        return environment


class CoderServer(textual_server.Server):
    def __init__(self, project: Path, access: Access, host: str, port: int, public_url: str | None = None):
        self.project = project
        command = f"{shlex.quote(sys.executable)} -m coder.tui.served {shlex.quote(str(project))}"
        super().__init__(command, host=host, port=port, title=project.name, public_url=public_url,
                         statics_path=STATIC, templates_path=TEMPLATES)
        self.fixed_public_url = public_url
        self.access = access
        self.announce = ""                     # printed when the server is up (the URL to open)

    # ---- the door --------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_post("/login", self.handle_login)
        app.router.add_get("/upload", self.handle_upload)
        app.router.add_post("/upload", self.handle_upload)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """A token in the URL opens a session (and is taken out of the address bar); without
        a session, every route answers with the login page."""
        if request.path == "/login":
            return await handler(request)
        token = request.query.get("token")
        if token is not None:
            coder = self.access.coder_for_token(token)
            if coder is None:
                return self.login_page(request, refused=True)
            rest = {k: v for k, v in request.query.items() if k != "token"}
            return self.signed_in(request, coder, request.rel_url.with_query(rest))
        coder = self.access.coder_for_session(request.cookies.get(COOKIE))
        if coder is None:
            return self.login_page(request, refused=False)
        request["coder"] = coder
        return await handler(request)

    async def handle_login(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        token = form.get("token")
        coder = self.access.coder_for_token(token if isinstance(token, str) else None)
        if coder is None:
            return self.login_page(request, refused=True)
        return self.signed_in(request, coder, "/")

    def signed_in(self, request: web.Request, coder: str, location: Any) -> web.StreamResponse:
        response = web.Response(status=303, headers={"Location": str(location)})
        response.set_cookie(COOKIE, self.access.open_session(coder), httponly=True, samesite="Strict",
                            secure=self.base_url(request).startswith("https:"), path="/")
        return response

    def login_page(self, request: web.Request, refused: bool) -> web.StreamResponse:
        with i18n.using(browser_language(request)) as language:
            words = {"lang": language, "title": _("coder: sign in"), "token": _("Your access token"),
                     "sign_in": _("Sign in"),
                     "refused": _("That token does not open this project. Ask whoever runs the server for yours.")}
        return aiohttp_jinja2.render_template("login.html", request, {"words": words, "refused": refused},
                                              status=401)

    # ---- files from the browser ------------------------------------------------------
    async def handle_upload(self, request: web.Request) -> web.StreamResponse:
        where = uploads.folder(self.project, request["coder"])
        saved: list[str] = []
        refused = ""
        if request.method == "POST":
            try:
                saved = await uploads.receive(request, where)
            except uploads.TooLarge as exc:
                refused = _("{name}: larger than {mb} MB; nothing of it was kept").format(
                    name=exc, mb=uploads.MAX_BYTES // 2**20)
        with i18n.using(browser_language(request)) as language:
            words = {"lang": language, "title": _("Upload files to import"), "upload": _("Upload"),
                     "how": _("Files go to your folder on the server, {folder}. In the app, press i: the "
                              "import dialog opens on that folder.").format(folder=where),
                     "saved": _("Uploaded: {names}").format(names=", ".join(saved))}
        return aiohttp_jinja2.render_template("upload.html", request,
                                              {"words": words, "saved": saved, "refused": refused})

    # ---- the page and the app processes (textual-serve's, with the session's coder) ----
    def base_url(self, request: web.Request) -> str:
        """Where browsers reach us: --public-url behind a proxy, else the address they used."""
        return (self.fixed_public_url or f"{request.scheme}://{request.host}").rstrip("/")

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        base = self.base_url(request)
        router = request.app.router
        websocket = base.replace("https:", "wss:", 1).replace("http:", "ws:", 1) + str(router["websocket"].url_for())
        with i18n.using(browser_language(request)) as language:
            words = {"lang": language, "start": _("Start"), "ended": _("Session ended."), "restart": _("Restart")}
        return {"font_size": textual_server.to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": websocket, "words": words,
                "config": {"static": {"url": base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"}},
                "application": {"name": self.title}}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, starting the app as the session's coder; a page of
        another site cannot open it (the Origin must be ours)."""
        origin = request.headers.get("Origin")
        if origin and urlsplit(origin).netloc not in (request.host, urlsplit(self.base_url(request)).netloc):
            raise web.HTTPForbidden()
        websocket = web.WebSocketResponse(heartbeat=15)
        width = textual_server.to_int(request.query.get("width", "80"), 80)
        height = textual_server.to_int(request.query.get("height", "24"), 24)
        service: SessionService | None = None
        try:
            await websocket.prepare(request)
            coder = request["coder"]
            service = SessionService(self.command, coder=coder, language=browser_language(request),
                                     cwd=uploads.folder(self.project, coder),
                                     write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close, download_manager=self.download_manager)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket

    # ---- what the terminal shows ---------------------------------------------------
    def initialize_logging(self) -> None:
        """Plain lines, no request log and no tracebacks with locals: both could show tokens."""
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(self.announce, highlight=False, markup=False, soft_wrap=True)


def browser_language(request: web.Request) -> str | None:
    """nb or en when the browser's first choice is one of them (the page and the app speak it)."""
    first = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0]
    return i18n.normalise(first)
