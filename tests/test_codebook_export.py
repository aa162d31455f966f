"""Codebook export: every format shows the same tree; .qdc validates and keeps its GUIDs;
files read back give the same codebook."""

import csv
import json
from pathlib import Path

import pytest
from lxml import etree

from coder.core import CoderError, Project
from coder.exchange.codebook_export import FORMATS, export_codebook
from coder.exchange.codebook_import import import_codebook

DATA = Path(__file__).parent / "data"
XSD = etree.XMLSchema(etree.parse(str(DATA / "refi" / "Codebook.xsd")))


@pytest.fixture
def thesis(tmp_path):
    with Project.create(tmp_path / "thesis.coder", coder="tester") as p:
        import_codebook(p, DATA / "thesis_appendix.txt")
        doc = p.documents.add("informant A", "Folk tenker at vi digitaliserer bort arbeidsplassene. Ja.")
        code = p.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene")
        p.codes.apply(code.id, doc, 0, 52)
        p.codes.describe(code.id, "Frykt for å miste jobben")
        p.codes.recolour(code.id, "#aa3300")
        p.codes.add("En kode som ikke er gruppert ennå")
        yield p


def test_qdc_validates_and_nests_themes_groups_codes(thesis, tmp_path):
    out = tmp_path / "cb.qdc"
    assert export_codebook(thesis, out, "qdc") == 241
    doc = etree.parse(str(out))
    assert XSD.validate(doc), XSD.error_log
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    themes = doc.xpath("/q:CodeBook/q:Codes/q:Code[starts-with(@name, 'Tema ')]", namespaces=ns)
    assert [t.get("name") for t in themes][0] == "Tema 1 Lav digital modenhet og teknologifrykt"
    assert all(t.get("isCodable") == "false" for t in themes)
    group10 = doc.xpath("//q:Code[@name='Gruppe 10 Ansatte sin frykt for digitale løsninger']", namespaces=ns)[0]
    assert group10.getparent() is themes[0]
    code = group10.xpath("q:Code[@name='Folk tenker at vi digitaliserer bort arbeidsplassene']", namespaces=ns)[0]
    assert code.get("color") == "#aa3300" and code.get("isCodable") == "true"
    assert code.findtext("q:Description", namespaces=ns) == "Frykt for å miste jobben"
    assert len(doc.xpath("//q:Code[@isCodable='true']", namespaces=ns)) == 241


def test_qdc_guids_stay_the_same_across_exports_and_reopening(thesis, tmp_path):
    a, b, c = tmp_path / "a.qdc", tmp_path / "b.qdc", tmp_path / "c.qdc"
    export_codebook(thesis, a, "qdc")
    export_codebook(thesis, b, "qdc")
    with Project.open(thesis.path) as again:
        export_codebook(again, c, "qdc")
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    guids = etree.parse(str(a)).xpath("//@guid")
    assert len(guids) == len(set(guids)) == 241 + 19 + 4


def test_export_gets_an_ordinary_file_mode(thesis, tmp_path):
    import os
    mask = os.umask(0o022)
    try:
        export_codebook(thesis, tmp_path / "cb.md", "md")
    finally:
        os.umask(mask)
    assert (tmp_path / "cb.md").stat().st_mode & 0o777 == 0o644


def test_every_format_reads_back_to_the_same_codebook(thesis, tmp_path):
    reference = tmp_path / "reference.md"
    export_codebook(thesis, reference, "md")
    for fmt in ("md", "csv", "xlsx", "qdc"):
        out = tmp_path / f"cb.{fmt}"
        export_codebook(thesis, out, fmt)
        with Project.create(tmp_path / f"{fmt}.coder") as other:
            import_codebook(other, out)
            export_codebook(other, tmp_path / f"{fmt}.md", "md")
        assert (tmp_path / f"{fmt}.md").read_text(encoding="utf-8") == reference.read_text(encoding="utf-8"), fmt


def test_markdown_outline_with_descriptions_and_counts(thesis, tmp_path):
    out = tmp_path / "cb.md"
    export_codebook(thesis, out, "md", descriptions=True, counts=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Tema / Kodegruppe / Kode"
    assert lines.index("- En kode som ikke er gruppert ennå _(0 quotes)_") < \
        next(i for i, line in enumerate(lines) if line.startswith("## Gruppe 12 Restgruppe"))
    assert "### Gruppe 10 Ansatte sin frykt for digitale løsninger _(4 codes, 1 quote)_" in lines
    i = lines.index("- Folk tenker at vi digitaliserer bort arbeidsplassene _(1 quote)_")
    assert lines[i + 1] == "  Frykt for å miste jobben"


def test_csv_and_xlsx_have_one_row_per_code(thesis, tmp_path):
    export_codebook(thesis, tmp_path / "cb.csv", "csv")
    with (tmp_path / "cb.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 241
    row = next(r for r in rows if r["code"] == "Folk tenker at vi digitaliserer bort arbeidsplassene")
    assert row == {"theme": "Tema 1 Lav digital modenhet og teknologifrykt",
                   "group": "Gruppe 10 Ansatte sin frykt for digitale løsninger",
                   "code": "Folk tenker at vi digitaliserer bort arbeidsplassene",
                   "description": "Frykt for å miste jobben", "colour": "#aa3300", "quotes": "1",
                   "memo": "", "code test": "", "concepts": "", "group memo": "", "theme memo": ""}
    import openpyxl
    export_codebook(thesis, tmp_path / "cb.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "cb.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:6] == ("theme", "group", "code", "description", "colour", "quotes") and len(values) == 242


def test_json_is_the_whole_tree_with_ids_and_guids(thesis, tmp_path):
    export_codebook(thesis, tmp_path / "cb.json", "json")
    tree = json.loads((tmp_path / "cb.json").read_text(encoding="utf-8"))
    assert [t["number"] for t in tree["themes"]] == [1, 2, 3, 4]
    assert [g["number"] for g in tree["groups"]] == [12] and tree["groups"][0]["is_rest"]
    assert [c["text"] for c in tree["codes"]] == ["En kode som ikke er gruppert ennå"]
    g10 = next(g for g in tree["themes"][0]["groups"] if g["number"] == 10)
    code = next(c for c in g10["codes"] if c["quotes"] == 1)
    assert code["id"] == thesis.codes.by_text(code["text"]).id and len(code["guid"]) == 36


def test_docx_has_headings_and_code_tables(thesis, tmp_path):
    import docx
    export_codebook(thesis, tmp_path / "cb.docx", "docx", descriptions=True, counts=True)
    d = docx.Document(str(tmp_path / "cb.docx"))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings[0] == "Tema / Kodegruppe / Kode"
    assert "Tema 1 Lav digital modenhet og teknologifrykt (1 quote)" in headings
    cells = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
    assert ["Folk tenker at vi digitaliserer bort arbeidsplassene", "Frykt for å miste jobben", "1"] in cells
    assert sum(1 for r in cells if r[0] != "Code") == 241


def test_empty_project_and_bad_target_are_clear_errors(tmp_path):
    with Project.create(tmp_path / "empty.coder") as p:
        for fmt in FORMATS:
            with pytest.raises(CoderError, match="codebook is empty"):
                export_codebook(p, tmp_path / f"x.{fmt}", fmt)
        p.codes.add("En kode")
        with pytest.raises(CoderError, match="does not exist"):
            export_codebook(p, tmp_path / "no" / "x.md", "md")
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(("x.", ".x."))]
