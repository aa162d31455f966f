"""Pilot tests: whole coding tasks through the real app, checked in the project."""

from __future__ import annotations

import asyncio

import pytest

from coder.core import Project
from coder.tui.app import make_app
from coder.tui.widgets.reader import Reader

TEXT = ("Intervju med informant A.\n\n"
        "Eh, altså vi er liksom redde for at jobbene forsvinner. Folk tenker at vi "
        "digitaliserer bort arbeidsplassene. Men lederne har et stort ansvar.\n\n"
        "Neste avsnitt handler om noe annet. Det er kort.\n")


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="ann")
    p.add_document("intervju A", TEXT, kind="interview", attributes={"informant": "A"})
    yield p
    p.close()


def run(coro):
    return asyncio.run(coro)


def reader_of(app) -> Reader:
    return app.screen.query_one(Reader)


def test_select_sentence_new_code_invivo_undo_redo(project):
    doc = project.documents()[0]

    async def task():
        app = make_app(project)
        async with app.run_test(size=(140, 40)) as pilot:
            reader = reader_of(app)
            reader.cursor = TEXT.index("redde")
            await pilot.press("s")
            assert reader.selection == (TEXT.index("Eh,"), TEXT.index("forsvinner.") + len("forsvinner."))
            await pilot.press("c")
            await pilot.press(*"Frykt for at jobbene forsvinner")
            await pilot.press("enter")
            await pilot.pause()
            # s again on the next sentence, then in-vivo from its words
            reader.cursor = TEXT.index("Folk")
            await pilot.press("s", "v")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            codes = {c.text: c for c in project.codes()}
            assert "Frykt for at jobbene forsvinner" in codes
            assert codes["Folk tenker at vi digitaliserer bort arbeidsplassene"].in_vivo
            codings = project.codings(document_id=doc.id)
            spans = sorted((c.start, c.end) for c in codings)
            assert spans == [(TEXT.index("Eh,"), TEXT.index("Folk") - 1),
                             (TEXT.index("Folk"), TEXT.index(" Men"))]
            assert all(c.coder == "ann" for c in codings)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert len(project.codings()) == 1 and project.code_by_text("Folk tenker at vi digitaliserer bort arbeidsplassene") is None
            assert len(reader._marks) == 1
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert len(project.codings()) == 2
            assert len(reader._marks) == 2
            await pilot.press("q")
        assert app.return_code == 0 or app.return_code is None
    run(task())
