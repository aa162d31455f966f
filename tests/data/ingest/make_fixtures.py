"""Rebuild the ingest test fixtures in this folder: python tests/data/ingest/make_fixtures.py

Small files in every format and encoding `coder import` reads, plus broken ones.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NORWEGIAN = "Blåbærsyltetøy på brødskiva. Ærlig talt, sa Øystein, det går så bra i Åsane."
INTERVIEW = """Intervjuer: Hvordan har digitaliseringen påvirket arbeidet ditt?

Informant A: Vi har fått mange nye verktøy. Kommunene kjøpte inn nettbrett til alle.

Intervjuer: Hva tenker de ansatte om det?

Informant A: Folk tenker at vi digitaliserer bort arbeidsplassene.
"""


def texts() -> None:
    (HERE / "utf8.txt").write_text(NORWEGIAN + "\n", encoding="utf-8")
    (HERE / "utf8_bom.txt").write_bytes(codecs.BOM_UTF8 + (NORWEGIAN + " BOM.\n").encode())
    (HERE / "utf16.txt").write_bytes((NORWEGIAN + " UTF-16.\r\n").encode("utf-16"))
    (HERE / "cp1252.txt").write_bytes((NORWEGIAN + " «Windows» – 1252.\r\n").encode("cp1252"))
    (HERE / "interview.md").write_text(INTERVIEW, encoding="utf-8")
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (HERE / "notes.xyz").write_text("an unknown kind of file\n", encoding="utf-8")


def docx_file() -> None:
    import docx
    document = docx.Document()
    document.add_heading("Digitalisering i kommunene", level=1)
    document.add_paragraph("Første avsnitt handler om nettbrett i hjemmetjenesten.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tiltak", "Effekt"
    table.cell(1, 0).text, table.cell(1, 1).text = "Videomøter", "Mindre reising"
    document.add_paragraph("Siste avsnitt, etter tabellen.")
    document.save(HERE / "report.docx")
    (HERE / "corrupt.docx").write_bytes((HERE / "report.docx").read_bytes()[:700])
    # What Office writes for a password-protected file: an OLE compound file.
    (HERE / "encrypted.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


def odt_file() -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Velferdsteknologi"))
    document.text.addElement(P(text="Kommunen tok i bruk digitalt tilsyn om natten."))
    table = Table(name="T")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for value in ("Sensor", "Færre besøk"):
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.save(str(HERE / "report.odt"))


def pdf_files() -> None:
    (HERE / "text.pdf").write_bytes(_pdf(["Digitaliseringen av kommunene gikk raskt.",
                                          "Blåbær og brød i Ålesund."]))
    (HERE / "scan.pdf").write_bytes(_pdf([]))       # a page with a drawing, no text
    import pypdf
    writer = pypdf.PdfWriter(clone_from=HERE / "text.pdf")
    writer.encrypt("hemmelig")
    with (HERE / "encrypted.pdf").open("wb") as fh:
        writer.write(fh)
    (HERE / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\ngarbage")


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF by hand: Helvetica with WinAnsiEncoding carries æøå."""
    ops = [b"0 0 1 RG 50 50 200 100 re S"]
    for i, line in enumerate(lines):
        escaped = line.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (720 - 20 * i, escaped))
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


SURVEY_HEADER = ["RespondentID", "Gruppe", "Alder", "Hva fungerte bra?", "Hva kan bli bedre?"]
SURVEY_ROWS = [
    ["r1", "Ansatt", "34", "Videomøtene sparte oss for mye reising.", "Bedre opplæring i de nye systemene."],
    ["r2", "Leder", "51", "", "Kommunene burde samarbeide mer om innkjøp av utstyr."],
    ["r3", "Ansatt", "29", "", ""],
    ["r4", "Tillitsvalgt", "45", "Digitaliseringen ga mer fleksibilitet i hverdagen.", ""],
]


def surveys() -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([SURVEY_HEADER, *SURVEY_ROWS])
    (HERE / "survey.csv").write_bytes(buffer.getvalue().encode("cp1252"))
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(SURVEY_HEADER)
    for row in SURVEY_ROWS:
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    book.save(HERE / "survey.xlsx")
    with zipfile.ZipFile(HERE / "corrupt.xlsx", "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")


def folder() -> None:
    interviews = HERE / "interviews"
    interviews.mkdir(exist_ok=True)
    (interviews / "informant_a.txt").write_text(
        "Informant A: Vi fikk nettbrett.\n\nIntervjuer: Og så?\n\nInformant A: Det gikk fint.\n\n"
        "Intervjuer: Takk.\n", encoding="utf-8")
    (interviews / "informant_b.txt").write_text("Informant B sa at kommunen var treg.\n", encoding="utf-8")
    (interviews / "attributes.csv").write_text(
        "file,informant,role\ninformant_a.txt,A,sykepleier\ninformant_b,B,leder\n", encoding="utf-8")
    nested = interviews / "extra"
    nested.mkdir(exist_ok=True)
    (nested / "informant_a.txt").write_text("En annen tekst i en undermappe.\n", encoding="utf-8")


if __name__ == "__main__":
    texts()
    docx_file()
    odt_file()
    pdf_files()
    surveys()
    folder()
