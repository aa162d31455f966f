"""#14: every codebook export carries the whole codebook — groups with numbers, themes,
the restgruppe, concepts with their groups, kodetest and konsepttest verdicts, memos
(and coding memos in json and xlsx) — in the researcher's order; JSON and Taguette's
CSV come back in."""

import csv
import json
from pathlib import Path

import pytest

from coder.core import Project
from coder.exchange.codebook_export import export_codebook
from coder.exchange.codebook_import import import_codebook

REFI = Path(__file__).parent / "data" / "refi"


@pytest.fixture
def book(tmp_path):
    p = Project.create(tmp_path / "b.coder", coder="Ada")
    doc = p.documents.add("Intervju A", "Vi drikker øl. Ålen er glatt. Bær er godt.")
    ids = [p.codes.apply(t, doc, a, b) for t, a, b in (("Øl", 0, 14), ("Ål", 15, 29), ("Bær", 30, 42))]
    codes = [p.codes.coding(i).code_id for i in ids]
    p.codes.set_coding_memo(ids[0], "Sagt med et smil")
    p.codes.set_memo(codes[1], "Ålen er et bilde")
    g = p.grouping.create_group("Mat og drikke", codes)
    g2 = p.grouping.create_group("Annet", [])
    p.grouping.set_group_memo(g, "Alt som spises")
    t = p.grouping.create_theme("Hverdag", [g2, g])
    p.grouping.set_theme_memo(t, "Det daglige")
    rest = p.grouping.create_group("Restgruppe", [p.codes.add("Støy")], is_rest=True)
    assert rest
    concept = p.grouping.create_concept("Nytelse", [g], memo="Det gode liv")
    p.grouping.set_check("code", codes[0], "q1", "passed")
    p.grouping.set_check("concept", concept, "k1", "failed")
    return p


def order_in_group(p):
    g = next(g for g in p.grouping.groups() if g.name == "Mat og drikke")
    return [p.codes.get(i).text for i in g.code_ids]


def test_order_is_the_researchers_alphabetical_is_norwegian_and_reorder_undoes(book, tmp_path):
    export_codebook(book, tmp_path / "a.json", "json")
    tree = json.loads((tmp_path / "a.json").read_text())
    assert [g["name"] for g in tree["themes"][0]["groups"]] == ["Annet", "Mat og drikke"]     # as placed
    assert [c["text"] for c in tree["themes"][0]["groups"][1]["codes"]] == ["Øl", "Ål", "Bær"]
    export_codebook(book, tmp_path / "b.json", "json", alphabetical=True)
    tree = json.loads((tmp_path / "b.json").read_text())
    assert [c["text"] for c in tree["themes"][0]["groups"][1]["codes"]] == ["Bær", "Øl", "Ål"]   # Æ Ø Å
    ids = {book.codes.by_text(t).id: t for t in ("Øl", "Ål", "Bær")}
    book.grouping.reorder("code", [k for k, v in sorted(ids.items(), key=lambda kv: kv[1] != "Ål")])
    assert order_in_group(book)[0] == "Ål"
    book.history.undo()
    assert order_in_group(book) == ["Øl", "Ål", "Bær"]


def test_json_round_trips(book, tmp_path):
    export_codebook(book, tmp_path / "a.json", "json")
    tree = json.loads((tmp_path / "a.json").read_text())
    code = tree["themes"][0]["groups"][1]["codes"][0]
    assert code["code_test"] == {"q1": "passed"} and code["coding_memos"][0]["memo"] == "Sagt med et smil"
    assert tree["concepts"][0]["groups"] == ["Gruppe 1 Mat og drikke"]
    assert tree["concepts"][0]["concept_test"] == {"k1": "failed"}
    q = Project.create(tmp_path / "q.coder")
    import_codebook(q, tmp_path / "a.json")
    export_codebook(q, tmp_path / "b.json", "json")
    again = json.loads((tmp_path / "b.json").read_text())

    def tree_of(t):
        def group(g):
            return (g["number"], g["name"], g["is_rest"], g["memo"],
                    [(c["text"], c["description"], c["colour"], c["memo"]) for c in g["codes"]])
        return ([(x["number"], x["name"], x["memo"], [group(g) for g in x["groups"]]) for x in t["themes"]],
                [group(g) for g in t["groups"]], [c["text"] for c in t["codes"]])
    assert tree_of(again) == tree_of(tree)
    assert order_in_group(q) == ["Øl", "Ål", "Bær"]
    assert [(c["name"], c["memo"], c["groups"], c["concept_test"]) for c in again["concepts"]] == \
        [("Nytelse", "Det gode liv", ["Gruppe 1 Mat og drikke"], {"k1": "failed"})]
    assert again["themes"][0]["groups"][1]["codes"][0]["code_test"] == {"q1": "passed"}


def test_markdown_carries_memos_verdicts_concepts_and_reads_back(book, tmp_path):
    export_codebook(book, tmp_path / "a.md", "md")
    text = (tmp_path / "a.md").read_text()
    for wanted in ("Alt som spises", "Det daglige", "Ålen er et bilde", "Kodetest Q1: passed", "## Concepts",
                   "- Nytelse: Gruppe 1 Mat og drikke", "Konsepttest: failed", "Gruppe 3 Restgruppe"):
        assert wanted in text
    q = Project.create(tmp_path / "q.coder")
    result = import_codebook(q, tmp_path / "a.md")
    assert sorted(c.text for c in q.codes.list()) == ["Bær", "Støy", "Ål", "Øl"] and result.codes_added == 4


def test_docx_is_a4_without_empty_columns_and_with_widths(book, tmp_path):
    import docx
    from docx.shared import Mm
    export_codebook(book, tmp_path / "a.docx", "docx", descriptions=True)
    d = docx.Document(str(tmp_path / "a.docx"))
    s = d.sections[0]
    assert (round(s.page_width / Mm(1)), round(s.page_height / Mm(1))) == (210, 297)
    header = [c.text for c in d.tables[1].rows[0].cells]
    assert header == ["Code", "Memo", "Code test"]           # no description written: no column
    widths = [c.width for c in d.tables[1].columns]
    assert widths[0] > widths[2] and sum(widths) <= Mm(161)
    texts = [p.text for p in d.paragraphs]
    assert "Alt som spises" in texts and "Concepts: Nytelse" in texts and "Concept test: Konsepttest: failed" in texts


def test_xlsx_has_bold_frozen_headers_fitted_widths_and_coding_memos(book, tmp_path):
    import openpyxl
    export_codebook(book, tmp_path / "a.xlsx", "xlsx")
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert wb.sheetnames == ["Codebook", "Concepts", "Coding memos"]
    sheet = wb["Codebook"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.column_dimensions["B"].width >= len("Gruppe 1 Mat og drikke")
    rows = list(sheet.iter_rows(values_only=True))
    ol = next(r for r in rows if r[2] == "Øl")
    assert ol[7] == "Kodetest Q1: passed" and ol[8] == "Nytelse" and ol[9] == "Alt som spises"
    assert list(wb["Coding memos"].iter_rows(values_only=True))[1] == ("Øl", "Intervju A", "Ada", 0, 14,
                                                                       "Sagt med et smil")


def test_taguette_csv_both_ways(book, tmp_path):
    export_codebook(book, tmp_path / "t.csv", "taguette")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"tag,description\n")              # no BOM: Taguette reads the first column name
    rows = list(csv.DictReader(raw.decode().splitlines()))
    assert [r["tag"] for r in rows] == ["Støy", "Øl", "Ål", "Bær"]
    q = Project.create(tmp_path / "q.coder")
    assert import_codebook(q, tmp_path / "t.csv").codes_added == 4
    t = Project.create(tmp_path / "t.coder")
    result = import_codebook(t, REFI / "taguette-1.5.2_codebook.csv")
    assert result.codes_added == 29
    assert t.codes.by_text("interesting").description == "Further review required"


def test_a_csv_import_keeps_the_order_of_its_rows(tmp_path):
    (tmp_path / "c.csv").write_text("group,code\nG,Ål\nG,Bær\nG,Øl\n", encoding="utf-8")
    p = Project.create(tmp_path / "p.coder")
    import_codebook(p, tmp_path / "c.csv")
    g = p.grouping.groups()[0]
    assert [p.codes.get(i).text for i in g.code_ids] == ["Ål", "Bær", "Øl"]
