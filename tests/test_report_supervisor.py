"""#14: reports a supervisor can take — the informant named once, A4, a table of contents,
the theme × informant matrix and quotes per theme as pictures, codes without quotes left
out, the quote bank per code, group or theme, and the whole report in Norwegian on ask."""

import re
import zipfile

import docx
import pytest
from docx.shared import Mm

from coder.exchange.quote_bank import write_quote_bank
from coder.exchange.report import write_report
from coder.i18n import using
from tests.qdpx_helpers import small_project


@pytest.fixture
def project(tmp_path):
    p = small_project(tmp_path / "a.coder")
    doc = p.documents.by_name("Intervju B")
    p.documents.set_attribute(doc.id, "informant", "Informant B")     # as QualCoder and many projects write it
    p.codes.add("En kode uten sitater")
    return p


def test_the_informant_is_named_once(project, tmp_path):
    text = write_report(project, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    assert "> — Informant B · «Intervju B»" in text and "Informant Informant" not in text
    assert "> — Informant A · «Intervju A»" in text


def test_docx_is_a4_with_contents_pictures_and_a_fitted_appendix_table(project, tmp_path):
    out = write_report(project, tmp_path / "r.docx", "docx")
    d = docx.Document(str(out))
    s = d.sections[0]
    assert (round(s.page_width / Mm(1)), round(s.page_height / Mm(1))) == (210, 297)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*>TOC \\o", xml)                   # the table of contents field
    assert "updateFields" in zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert len(d.inline_shapes) == 2                                      # matrix and bars
    assert [p.text for p in d.paragraphs if p.style.name == "Caption"] == [
        "Quotes per theme", "Quotes per theme and informant"]
    assert "En kode uten sitater" not in [p.text for p in d.paragraphs]
    table = d.tables[0]
    assert table.columns[0].width < table.columns[1].width


def test_a_report_in_norwegian_has_norwegian_headings_and_dates(project, tmp_path):
    with using("nb"):
        text = write_report(project, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    for heading in ("# Resultater: a", "## Tema 1: Digitalisering", "### Kodegruppe 1: Frykt for at jobbene forsvinner",
                    "## Restgruppe (vurdert som ikke relevant)", "## Metodevedlegg", "| Mål | Verdi |"):
        assert heading in text
    assert "_3 sitater fra 2 informanter_" in text
    assert "Materialet består av 2 dokumenter fra 2 informanter." in text
    assert "gjennom 5 kodinger ble det utviklet 5 empirinære koder" in text
    assert "Kodingen ble gjort av Ada " in text
    assert re.search(r"\| Koding utført \| \d{1,2}\\?\. (januar|februar|mars|april|mai|juni|juli|august|september|"
                     r"oktober|november|desember) \d{4} \|", text)


@pytest.mark.parametrize("by", ["code", "group", "theme"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_quote_bank_has_every_quote_with_informant_and_document_in_codebook_order(project, tmp_path, by, fmt):
    out = write_quote_bank(project, tmp_path / f"q.{fmt}", fmt, by=by)
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        text = out.read_text(encoding="utf-8")
    quotes = ["Vi digitaliserer 😀 bort arbeidsplassene.", "Folk tenker at vi digitaliserer bort arbeidsplassene.",
              "Folk tenker at vi digitaliserer", "Det er feil.", "slett ikke."]
    places = [text.index(f"«{q}»") for q in quotes]
    assert sorted(places[:3]) == places[:3] or by != "code"
    assert text.count("Informant B · «Intervju B»") == 3 and text.count("Informant A · «Intervju A»") == 2
    assert "En kode uten sitater" not in text
    if by != "code":
        assert "code: Det er feil" in text


def test_cli_exports_in_the_language_asked_whatever_the_ui(project, tmp_path):
    from tests.conftest import run_cli
    project.close()
    path = str(tmp_path / "a.coder")
    run = run_cli("export", path, "--report", "md", "--lang", "nb", "-o", str(tmp_path / "r.md"))
    assert run.returncode == 0, run.stderr
    assert "## Metodevedlegg" in (tmp_path / "r.md").read_text(encoding="utf-8")
    run = run_cli("export", path, "--quotes", "html", "--by", "theme", "--lang", "en", "-o", str(tmp_path / "q.html"))
    assert run.returncode == 0, run.stderr
    assert "<title>Quotes by theme: a</title>" in (tmp_path / "q.html").read_text(encoding="utf-8")
    run = run_cli("export", path, "--codebook", "xlsx", "--lang", "nb", "-o", str(tmp_path / "k.xlsx"))
    assert run.returncode == 0, run.stderr
    import openpyxl
    sheet = openpyxl.load_workbook(tmp_path / "k.xlsx")["Kodebok"]
    assert [c.value for c in sheet[1]][:3] == ["tema", "kodegruppe", "kode"]
