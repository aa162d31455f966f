"""Shared bits for the qdpx and report tests: sample paths, the schema, a small project."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from coder.core import Project

REFI = Path(__file__).parent / "data" / "refi"
NVIVO_WIN = REFI / "nvivo-win-12.6_oltas0517.qdpx"
NVIVO_MAC = REFI / "nvivo-mac-15.0.0_nvivo_project.qdpx"
MAXQDA = REFI / "maxqda-24.7.0_ICLS_just10.qdpx"
ATLAS_QDE = REFI / "atlasti-8.4.0-mac_standard-project.qde"

_schema = None


def project_schema() -> etree.XMLSchema:
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(REFI / "Project.xsd")))
    return _schema


def make_zip(path: Path, entries: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def small_project(path: Path) -> Project:
    """Two interviews with informants, codes in a group under a theme, one ungrouped code,
    a restgruppe; text with an emoji and Norwegian letters."""
    p = Project.create(path, coder="Ada")
    a = p.documents.add("Intervju A", "Hei på deg.\nVi digitaliserer 😀 bort arbeidsplassene.\n\nNei, slett ikke.",
                       kind="interview", attributes={"informant": "A", "kjønn": "K"})
    b = p.documents.add("Intervju B", "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er feil.",
                       kind="interview", attributes={"informant": "B"})
    p.codes.apply("Vi digitaliserer bort arbeidsplassene", a, 12, 52)
    p.codes.apply("Folk tenker at vi digitaliserer", b, 0, 31, memo="in vivo")
    p.codes.apply("Vi digitaliserer bort arbeidsplassene", b, 0, 53)
    p.codes.apply("Det er feil", b, 54, 66)
    p.codes.apply("Slett ikke", a, 59, 70)
    codes = {c.text: c.id for c in p.codes.list()}
    group = p.grouping.create_group("Frykt for at jobbene forsvinner",
                           [codes["Vi digitaliserer bort arbeidsplassene"], codes["Folk tenker at vi digitaliserer"]])
    p.grouping.create_theme("Digitalisering", [group])
    p.grouping.create_group("Restgruppe", [codes["Slett ikke"]], is_rest=True)
    return p


def as_another_tools(qdpx: Path, out: Path) -> Path:
    """A copy of coder's .qdpx without coder's own entry (the segments as they were):
    what another tool's file of the same project would hold."""
    from coder.exchange.qdpx_sidecar import ENTRY
    with zipfile.ZipFile(qdpx) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            if name != ENTRY:
                zout.writestr(name, zin.read(name))
    return out
