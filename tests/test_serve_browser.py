"""`coder serve` in a real browser (Debian's chromium through Playwright): the token opens
the app, keys code a passage that lands in the project as the signed-in coder, two coders
see each other's codings, and no token, a wrong one or a forged name gets nowhere."""

from __future__ import annotations

import re

import pytest

from coder.core import Project
from coder.serve.access import add_user
from tests.serve_host import CODES, Server, Session, chromium, code_in_turns, open_coding, paragraphs_text

playwright = pytest.importorskip("playwright.sync_api")

TEXT = ("Anna sa at kommunen digitaliserer for fort.\n\n"
        "Bob svarte at ingen ble spurt om det.\n\n"
        "Alle var enige om at det tar tid.\n")
FIRST = (0, TEXT.index("\n"))


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium())
        yield browser
        browser.close()


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "study.coder"
    with Project.create(path, coder="setup") as p:
        p.documents.add("intervju A", TEXT, kind="interview")
    return path


@pytest.fixture
def team(tmp_path):
    users = tmp_path / "users.toml"
    return users, {name: add_user(users, name) for name in ("anna", "bob")}


def url_of(server: Server) -> str:
    match = re.search(r"http://\S+", server.first_line)
    assert match, server.first_line
    return match.group(0)


def open_app(browser, url: str, **kwargs) -> Session:
    session = Session(browser, url, **kwargs)
    session.wait_for("intervju A · line")
    session.page.focus(".xterm-helper-textarea")
    session.wait_quiet()
    return session


def code_sentence(session: Session, code: str) -> None:
    session.press("s", "c")
    session.wait_for("type to find a code")
    session.type(code)
    session.press("Enter")
    session.wait_for(code)


def codings(path) -> list[tuple[str, int, int, str]]:
    with Project.open(path) as p:
        texts = {c.id: c.text for c in p.codes.list()}
        return sorted((c.coder, c.start, c.end, texts[c.code_id]) for c in p.codes.codings())


def test_the_printed_url_opens_the_app_and_keys_code_as_its_coder(browser, project):
    server = Server(str(project), "--coder", "kari")
    try:
        session = open_app(browser, url_of(server))
        shown = session.screen.text()
        assert "Documents" in shown and "intervju A" in shown
        code_sentence(session, "Kommunen går for fort fram")
        session.close()
    finally:
        server.stop()
    assert codings(project) == [("kari", *FIRST, "Kommunen går for fort fram")]


def test_two_coders_code_at_once_and_see_each_other(browser, project, team):
    users, tokens = team
    server = Server(str(project), "--users", str(users))
    try:
        anna = open_app(browser, f"{server.base}/?token={tokens['anna']}")
        bob = open_app(browser, f"{server.base}/?token={tokens['bob']}")
        code_sentence(anna, "Det går for fort")
        bob.wait_for("Det går for fort", timeout=10)      # the app polls once a second
        bob.wait_for("anna")                              # the line saying who did what
        bob.press("ArrowDown", "ArrowDown")
        code_sentence(bob, "Ingen ble spurt")
        anna.wait_for("Ingen ble spurt", timeout=10)
        anna.close()
        bob.close()
    finally:
        server.stop()
    coded = codings(project)
    assert [(c[0], c[3]) for c in coded] == [("anna", "Det går for fort"), ("bob", "Ingen ble spurt")]
    assert coded[0][1:3] == FIRST and coded[1][1:3] == (TEXT.index("Bob"), TEXT.index("\n\nAlle"))


def test_no_token_or_a_wrong_one_gets_only_the_login_page(browser, project, team):
    users, tokens = team
    server = Server(str(project), "--users", str(users))
    try:
        for url in (f"{server.base}/", f"{server.base}/?token=not-a-token",
                    f"{server.base}/?token={tokens['anna'][:-1]}"):
            context = browser.new_context()
            page = context.new_page()
            response = page.goto(url)
            assert response.status == 401
            assert page.locator("#token").count() == 1 and page.locator("#terminal").count() == 0
            assert (page.locator("#refused").count() == 1) == ("token=" in url)
            for path in ("/ws", "/static/js/textual.js", "/download/anything", "/upload"):
                assert context.request.get(server.base + path).status == 401
            context.close()
        # in the browser's language
        context = browser.new_context(locale="nb-NO")
        page = context.new_page()
        page.goto(server.base + "/?token=wrong")
        assert page.locator("button").inner_text() == "Logg inn" and "nøkkelen" in page.locator("#refused").inner_text()
        context.close()
        # the login form with the right token opens the app
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(server.base + "/")
        page.fill("#token", tokens["bob"])
        page.click("button[type=submit]")
        page.wait_for_selector("#terminal")
        assert page.url == server.base + "/"
        context.close()
    finally:
        server.stop()
    assert codings(project) == []


def test_a_coder_cannot_act_as_another(browser, project, team, tmp_path):
    """Whatever the browser sends (a name in the URL, cookies, headers), the coding is the
    signed-in coder's; and a name in the server's own environment does not leak in."""
    users, tokens = team
    server = Server(str(project), "--users", str(users), env={"CODER_SERVE_CODER": "bob", "CODER_CONFIG": "/dev/null"})
    try:
        session = Session(browser, f"{server.base}/?token={tokens['anna']}&coder=bob",
                          extra_headers={"X-Coder": "bob"})
        session.wait_for("intervju A · line")
        session.page.focus(".xterm-helper-textarea")
        session.wait_quiet()
        assert "coder=bob" in session.page.url and "token" not in session.page.url
        code_sentence(session, "Det går for fort")
        session.close()
    finally:
        server.stop()
    assert codings(project) == [("anna", *FIRST, "Det går for fort")]


def test_several_coders_coding_at_once_lose_nothing(browser, tmp_path):
    """The load benchmark (benchmarks/bench_serve.py) small and untimed: three coders code
    in turns; every coding each saw land is in the project under their name, with its
    history row, and the file is sound."""
    path, users = tmp_path / "study.coder", tmp_path / "users.toml"
    with Project.create(path, coder="setup") as p:
        p.documents.add("intervju", paragraphs_text(12), kind="interview")
    tokens = {name: add_user(users, name) for name in ("c1", "c2", "c3")}
    server = Server(str(path), "--users", str(users))
    try:
        sessions = {c: open_coding(browser, f"{server.base}/?token={t}", "intervju") for c, t in tokens.items()}
        seen, _latencies = code_in_turns(sessions, seconds=3600, turns=3)
        for session in sessions.values():
            session.close()
    finally:
        server.stop()
    assert seen == {"c1": 3, "c2": 3, "c3": 3}
    with Project.open(path) as p:
        assert p.store.one("PRAGMA integrity_check") == "ok"
        texts = {c.id: c.text for c in p.codes.list()}
        stored = sorted((c.coder, c.start) for c in p.codes.codings())
        assert set(texts.values()) == set(CODES[:3])
        applied = [e.coder for e in p.history.entries() if e.action == "apply coding"]
    text = paragraphs_text(12)
    # `1` applies the project's most recent code, whoever used it last: the places and the
    # coders are what each session did
    assert stored == sorted((f"c{i + 1}", text.index(f"Informant {turn * 3 + i} sa"))
                            for i in range(3) for turn in range(3))
    assert sorted(applied) == ["c1"] * 3 + ["c2"] * 3 + ["c3"] * 3


def test_an_export_in_the_browser_is_downloaded(browser, tmp_path):
    """The disagreement table (`D`, then `e`) is written beside the project and delivered
    to the browser as a download."""
    path = tmp_path / "team.coder"
    with Project.create(path, coder="anna") as p:
        doc = p.documents.add("intervju A", TEXT, kind="interview")
        p.codes.apply_many("Det går for fort", [(doc, *FIRST)])
        p.coder = "bob"
        p.codes.apply_many("Det går for fort", [(doc, 4, FIRST[1])])
    server = Server(str(path), "--coder", "anna")
    try:
        session = open_app(browser, url_of(server))
        session.press("D")
        session.wait_for("Det går for fort")
        session.wait_quiet()
        session.press("e")
        session.wait_for("team-agreement")
        downloads: list = []         # what the browser fetches from the download URL it is sent

        def fetched(route) -> None:
            response = route.fetch()
            downloads.append((response.status, response.headers, response.body()))
            route.fulfill(response=response)
        session.context.route("**/download/*", fetched)
        session.press("Enter")
        for _ in range(400):
            if downloads:
                break
            session.page.wait_for_timeout(50)
        assert downloads, session.screen.messages
        session.close()
    finally:
        server.stop()
    written = next(tmp_path.glob("team-agreement-*.xlsx"))
    status, headers, body = downloads[0]
    assert status == 200 and headers["content-disposition"] == f"attachment; filename={written.name}"
    assert body == written.read_bytes() and body[:2] == b"PK"


def test_a_file_uploaded_from_the_browser_is_imported_from_the_import_dialog(browser, project, team):
    users, tokens = team
    server = Server(str(project), "--users", str(users))
    try:
        session = open_app(browser, f"{server.base}/?token={tokens['anna']}")
        upload = session.context.new_page()
        upload.goto(server.base + "/upload")
        upload.set_input_files("#file", files=[
            {"name": "../../intervju B.txt", "mimeType": "text/plain",
             "buffer": "Informant B sa at opplæringen kom for sent.\n".encode()},
            {"name": ".hidden", "mimeType": "text/plain", "buffer": b"x"}])
        upload.click("button[type=submit]")
        assert "intervju B.txt" in upload.locator("#saved").inner_text()
        folder = project.with_name("study-uploads") / "anna"
        assert sorted(p.name for p in folder.iterdir()) == ["intervju B.txt"]
        session.press("i")
        session.wait_for("intervju B.txt")           # the dialog opens on the coder's folder
        session.press("Enter")                       # import the folder
        session.wait_for("intervju B    report")
        # bob's folder is his own
        other = browser.new_context()
        other.new_page().goto(f"{server.base}/upload?token={tokens['bob']}")
        assert list((project.with_name("study-uploads") / "bob").iterdir()) == []
        other.close()
        session.close()
    finally:
        server.stop()
    with Project.open(project) as p:
        uploaded = p.documents.by_name("intervju B")
        assert uploaded is not None and len(p.documents.list()) == 2
        assert p.documents.text(uploaded.id).startswith("Informant B sa at opplæringen kom for sent.")


def test_a_drag_with_the_mouse_selects_what_is_then_coded(browser, project):
    """What the terminal does, the browser does: a mouse drag over "kommunen digitaliserer"
    selects those words (snapped to words), and c codes exactly them."""
    server = Server(str(project), "--coder", "kari")
    try:
        session = open_app(browser, url_of(server))
        rows = session.screen.screen.display
        row = next(i for i, line in enumerate(rows) if "Anna sa at kommunen" in line)
        start_col = rows[row].index("kommunen")
        end_col = rows[row].index("digitaliserer") + len("digitaliserer") - 1
        box = session.page.locator(".xterm-screen").bounding_box()
        assert box is not None
        cell_w, cell_h = box["width"] / len(rows[0]), box["height"] / len(rows)
        y = box["y"] + (row + 0.5) * cell_h
        mouse = session.page.mouse
        mouse.move(box["x"] + (start_col + 0.5) * cell_w, y)
        mouse.down()
        mouse.move(box["x"] + (end_col + 0.5) * cell_w, y, steps=8)
        mouse.up()
        session.wait_quiet()
        session.press("c")
        session.wait_for("type to find a code")
        session.type("For fort")
        session.press("Enter")
        session.wait_for("For fort")
        session.close()
    finally:
        server.stop()
    [(coder, start, end, code)] = codings(project)
    assert (coder, code) == ("kari", "For fort")
    assert TEXT[start:end] == "kommunen digitaliserer"
