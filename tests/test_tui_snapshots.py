"""SVG snapshots of the coding screen: coded passages, overlaps, the margin lanes."""

from __future__ import annotations

from coder.core import Project
from coder.tui.app import make_app

TEXT = ("Informant B forteller om hverdagen på kontoret.\n\n"
        "Vi var redde for at jobbene skulle forsvinne da systemet kom. Folk tenker at vi "
        "digitaliserer bort arbeidsplassene, men det har ikke skjedd hos oss. Lederne tok "
        "ansvar og snakket med alle ansatte før endringen.\n\n"
        "Nå bruker vi det nye systemet hver dag, og de fleste er fornøyde. Noen savner "
        "fortsatt de gamle rutinene.\n")


def coded_project(path) -> Project:
    p = Project.create(path, coder="ann")
    doc = p.documents.add("intervju B", TEXT, kind="interview", attributes={"informant": "B"})
    def span(phrase: str) -> tuple[int, int]:
        i = TEXT.index(phrase)
        return i, i + len(phrase)
    p.codes.apply("Vi var redde for at jobbene skulle forsvinne", doc, *span(
        "Vi var redde for at jobbene skulle forsvinne da systemet kom. Folk tenker at vi digitaliserer "
        "bort arbeidsplassene"))
    p.codes.apply("Folk tenker at vi digitaliserer bort arbeidsplassene", doc, *span(
        "Folk tenker at vi digitaliserer bort arbeidsplassene, men det har ikke skjedd hos oss."))
    p.codes.apply("Lederne snakket med alle før endringen", doc, *span("Lederne tok ansvar"))
    p.documents.add("intervju C", "Kort dokument uten kodinger.\n", kind="interview",
                   attributes={"informant": "C"})
    return p


def test_main_screen_with_overlapping_codings(snap_compare, tmp_path):
    project = coded_project(tmp_path / "p.coder")
    assert snap_compare(make_app(project), terminal_size=(150, 30))


def test_code_palette(snap_compare, tmp_path):
    project = coded_project(tmp_path / "p.coder")

    async def select_and_open_palette(pilot):
        pilot.app.screen.query_one("Reader").cursor = TEXT.index("Nå bruker")
        await pilot.press("s", "c", *"folk tenker")
        # A blinking cursor would make the picture depend on the machine's speed.
        pilot.app.screen.query_one("Input").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(project), terminal_size=(150, 30), run_before=select_and_open_palette)
