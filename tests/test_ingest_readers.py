"""Readers: every encoding and format gives the right text; broken files one clear line."""

from pathlib import Path

import pytest

from coder.ingest.decode import decode_text
from coder.ingest.errors import UnreadableFile
from coder.ingest.readers import READERS
from coder.ingest.segments import has_speaker_turns
from coder.ingest.survey import read_survey

DATA = Path(__file__).parent / "data" / "ingest"
NORWEGIAN = "Blåbærsyltetøy på brødskiva. Ærlig talt, sa Øystein, det går så bra i Åsane."


def read(name: str):
    path = DATA / name
    return READERS[path.suffix](path)


@pytest.mark.parametrize("name", ["utf8.txt", "utf8_bom.txt", "utf16.txt", "cp1252.txt"])
def test_plain_text_in_every_common_encoding_keeps_aeoeaa(name):
    text = read(name).text
    assert text.startswith(NORWEGIAN)          # no BOM left, æøå/ÆØÅ intact
    if name == "cp1252.txt":
        assert "«Windows» – 1252." in text


def test_short_windows_1252_text_is_not_read_as_an_asian_encoding():
    assert decode_text("Æ, Ø og Å.".encode("cp1252"), "x.txt") == "Æ, Ø og Å."
    assert decode_text("Blåbær".encode("latin-1"), "x.txt") == "Blåbær"


def test_docx_gives_headings_paragraphs_and_table_text_in_order():
    assert read("report.docx").text == (
        "Digitalisering i kommunene\n\nFørste avsnitt handler om nettbrett i hjemmetjenesten."
        "\n\nTiltak | Effekt\n\nVideomøter | Mindre reising\n\nSiste avsnitt, etter tabellen.")


def test_odt_gives_headings_paragraphs_and_table_text():
    assert read("report.odt").text == (
        "Velferdsteknologi\n\nKommunen tok i bruk digitalt tilsyn om natten.\n\nSensor | Færre besøk")


def test_pdf_text_layer_is_read_and_marked_as_pdf_text():
    raw = read("text.pdf")
    assert raw.pdf and "Digitaliseringen av kommunene gikk raskt." in raw.text
    assert "Blåbær og brød i Ålesund." in raw.text


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "the file is empty"),
    ("binary.txt", "a binary file, not text"),
    ("corrupt.docx", "corrupt .docx"),
    ("encrypted.docx", "password-protected"),
    ("corrupt.pdf", "corrupt PDF"),
    ("encrypted.pdf", "encrypted (password-protected)"),
    ("scan.pdf", "no text layer; run OCR first"),
])
def test_bad_files_give_one_line_naming_file_and_reason(name, reason):
    with pytest.raises(UnreadableFile) as info:
        read(name)
    message = str(info.value)
    assert message.startswith(str(DATA / name) + ": ") and reason in message
    assert "\n" not in message


def test_speaker_turns_make_an_interview_but_report_labels_do_not():
    assert has_speaker_turns(read("interview.md").text)
    report = "Kilde: SSB\n\nTekst.\n\nKilde: KS\n\nFigur 1: Andel\n\nTabell 2: Antall\n"
    assert not has_speaker_turns(report)
    # a list of figures and their captions repeat each label twice: still a report
    assert not has_speaker_turns("".join(f"Figur {n}: Andel {n}\n" for n in range(1, 9)) * 2)
    # a focus group: the moderator and many informants
    group = "".join(f"Moderator: Spørsmål {n}?\nInformant {'ABCDEF'[n % 6]}: Svar.\n" for n in range(12))
    assert has_speaker_turns(group)


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
def test_survey_detects_text_and_id_columns_and_skips_empty_answers(name):
    survey = read_survey(DATA / name, kind="survey", language="nb")
    assert [d.name for d in survey.documents] == ["r1", "r2", "r4"]
    assert survey.empty_answers == 4 and survey.empty_respondents == 1
    r2 = survey.documents[1]
    assert r2.attributes == {"Gruppe": "Leder", "Alder": "51"}
    (seg,) = r2.segments
    assert seg.kind == "response" and seg.label == "Hva kan bli bedre?"
    assert r2.text[seg.start:seg.end] == "Kommunene burde samarbeide mer om innkjøp av utstyr."
    assert "kommune" in seg.lemmas.split()


def test_survey_with_named_columns_and_unknown_column():
    survey = read_survey(DATA / "survey.csv", kind="survey", language="nb",
                         text_columns=["Hva fungerte bra?"], id_name="respondentid")
    assert [d.name for d in survey.documents] == ["r1", "r4"]
    assert survey.documents[0].attributes == {"Gruppe": "Ansatt", "Alder": "34",
                                              "Hva kan bli bedre?": "Bedre opplæring i de nye systemene."}
    with pytest.raises(UnreadableFile, match=r"survey.csv: no column «Svar» \(columns: RespondentID"):
        read_survey(DATA / "survey.csv", kind="survey", language="nb", text_columns=["Svar"])


def test_corrupt_xlsx_is_refused():
    with pytest.raises(UnreadableFile, match="corrupt.xlsx: corrupt .xlsx"):
        read_survey(DATA / "corrupt.xlsx", kind="survey", language="nb")
