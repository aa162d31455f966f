"""The results report: quotes by tema → kodegruppe → code, each with document, informant
and attributes; and the method appendix."""

import re

import docx
import pytest

from coder.core import CoderError, Project
from coder.exchange.report import build_outline, write_report
from tests.qdpx_helpers import small_project


@pytest.fixture
def project(tmp_path):
    p = small_project(tmp_path / "a.coder")
    p.codes.add("En kode som ennå ikke er gruppert")
    return p


def test_markdown_orders_quotes_by_theme_group_code(project, tmp_path):
    text = write_report(project, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    order = [text.index(s) for s in (
        "## Theme 1: Digitalisering", "### Group 1: Frykt for at jobbene forsvinner",
        "#### Vi digitaliserer bort arbeidsplassene", "> «Vi digitaliserer 😀 bort arbeidsplassene.»",
        "#### Folk tenker at vi digitaliserer", "> «Folk tenker at vi digitaliserer»",
        "## Codes not yet grouped", "#### Det er feil", "> «Det er feil.»",
        "## Rest group (judged irrelevant)", "### Rest group", "> «slett ikke.»",
        "## Method appendix")]
    assert order == sorted(order)
    assert "En kode som ennå ikke er gruppert" not in text          # no quotes: left out unless asked
    with_empty = write_report(project, tmp_path / "e.md", "md", with_empty=True).read_text(encoding="utf-8")
    assert "#### En kode som ennå ikke er gruppert\n\n_No quotes yet._" in with_empty
    assert "> — Informant A · «Intervju A» · kjønn: K" in text
    assert "> — Informant B · «Intervju B»" in text
    assert "_3 quotes from 2 informants_" in text      # under Tema 1


def test_method_appendix_counts(project, tmp_path):
    text = write_report(project, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", text, re.M))
    assert rows["Documents"] == "2" and rows["Informants"] == "2"
    assert rows["Codes"] == "5" and rows["Codings (quotes)"] == "5"
    assert rows["Code groups"] == "1 + rest group" and rows["Themes"] == "1"
    assert rows["Coders"] == "1 (Ada)"
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", rows["Coding done"])
    assert "The material consists of 2 documents from 2 informants." in text
    without = write_report(project, tmp_path / "s.md", "md", method_appendix=False).read_text(encoding="utf-8")
    assert "Method appendix" not in without


def test_html_escapes_and_holds_the_same_quotes(project, tmp_path):
    doc = project.documents.by_name("Intervju B")
    project.documents.set_attribute(doc.id, "rolle", "<leder & ansatt>")
    html = write_report(project, tmp_path / "r.html", "html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert "<blockquote>«Folk tenker at vi digitaliserer»</blockquote>" in html
    assert "rolle: &lt;leder &amp; ansatt&gt;" in html and "<leder" not in html
    assert re.search(r'<h2 id="(s\d+)">Method appendix</h2>', html)
    anchor = re.search(r'<h2 id="(s\d+)">Method appendix</h2>', html)[1]
    assert f'<a href="#{anchor}">Method appendix</a>' in html                   # the table of contents
    assert html.count('<img src="data:image/png;base64,') == 2                 # matrix and bars


def test_docx_has_headings_quotes_and_appendix_table(project, tmp_path):
    out = write_report(project, tmp_path / "r.docx", "docx")
    d = docx.Document(str(out))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    assert ("Heading 1", "Theme 1: Digitalisering") in paras
    assert ("Heading 2", "Group 1: Frykt for at jobbene forsvinner") in paras
    assert ("Heading 3", "Folk tenker at vi digitaliserer") in paras
    i = paras.index(("Quote", "«Folk tenker at vi digitaliserer»"))
    assert paras[i + 1][1] == "— Informant B · «Intervju B»"
    [table] = d.tables
    cells = {r.cells[0].text: r.cells[1].text for r in table.rows}
    assert cells["Documents"] == "2" and cells["Themes"] == "1"


def test_unknown_format_is_a_user_error(project, tmp_path):
    with pytest.raises(CoderError, match="unknown report format"):
        write_report(project, tmp_path / "r.pdf", "pdf")


def test_empty_project_reports_nothing_but_the_appendix(tmp_path):
    p = Project.create(tmp_path / "e.coder")
    outline = build_outline(p)
    assert outline.themes == [] and dict(outline.appendix)["Documents"] == "0"


def test_docx_survives_control_characters_from_pdf_text(tmp_path):
    p = Project.create(tmp_path / "c.coder")
    doc = p.documents.add("Rapport", "Side 1\x0cVi får ikke\x07 hjelp.")
    p.codes.apply("Vi får ikke hjelp", doc, 7, len("Side 1\x0cVi får ikke\x07 hjelp."))
    d = docx.Document(str(write_report(p, tmp_path / "c.docx", "docx")))
    assert "«Vi får ikke hjelp.»" in [x.text for x in d.paragraphs]
