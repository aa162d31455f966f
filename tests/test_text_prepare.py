"""Text preparation: PDF repair, paragraphs, turns, sentences, quotes, offsets."""

import unicodedata
from pathlib import Path

import pytest

from coder.text.prepare import Span, normalize, prepare_text
from coder.text.quotes import quote_spans
from coder.text.repair import join_wrapped, looks_pdf_extracted, repair_pdf_text

DATA = Path(__file__).parent / "data" / "text"


def texts(prepared, kind):
    return [prepared.text[s.start:s.end] for s in prepared.spans if s.kind == kind]


def double_spaced(*lines: str) -> str:
    """The seeds' shape: a blank line between every line, one trailing space."""
    return "\n\n".join(line + " " for line in lines) + "\n"


# ---- normalizing -------------------------------------------------------------------
def test_normalize_gives_nfc_and_newlines():
    raw = "\ufeffK" + unicodedata.normalize("NFD", "ø og å") + "\r\nneste\rlinje"
    assert normalize(raw) == "Kø og å\nneste\nlinje"


# ---- PDF repair ----------------------------------------------------------------------
@pytest.mark.parametrize("left, right, joined", [
    ("økt digi-", "talisering i kommunene", "økt digitalisering i kommunene"),
    ("under covid-", "19-pandemien", "under covid-19-pandemien"),
    ("innen helse-", "og omsorg", "innen helse- og omsorg"),
    ("store IKT-", "prosjekter", "store IKT-prosjekter"),
    ("perioden 2019-", "2025", "perioden 2019-2025"),
    ("under covid-19-", "pandemien", "under covid-19-pandemien"),
    ("i kommune-", "Norge", "i kommune-Norge"),
    ("kort sikt -", "og lengre", "kort sikt - og lengre"),
    ("vanlig linje", "fortsetter", "vanlig linje fortsetter"),
])
def test_line_end_hyphens(left, right, joined):
    assert join_wrapped(left, right) == joined


def test_the_document_decides_a_hyphen_it_uses_inside_lines():
    from collections import Counter
    assert join_wrapped("endre sosio-", "tekniske strukturer", Counter({"sosio-tekniske": 1})) \
        == "endre sosio-tekniske strukturer"


WIDE = "Dette er en ganske lang linje med tekst som fyller omtrent hele bredden av"


def test_double_spaced_lines_join_into_paragraphs_and_keep_breaks():
    raw = double_spaced(
        "1. Innledning",
        WIDE,
        "siden, og den fortsetter på neste linje med en digi-",
        "talisering som ble gjort i 2020.",
        " ",
        WIDE,
        "siden igjen.")
    text = repair_pdf_text(normalize(raw))
    assert text.split("\n\n") == [
        "1. Innledning",
        WIDE + " siden, og den fortsetter på neste linje med en digitalisering som ble gjort i 2020.",
        WIDE + " siden igjen."]


def test_single_spaced_paragraphs_and_bullets():
    raw = (WIDE + "\nsiden, og så slutter avsnittet her.\n\n"
           "Overskrift\n"
           "• første punkt som er kort\n"
           "• andre punkt som er\n  delt over to linjer\n")
    assert repair_pdf_text(normalize(raw)).split("\n\n") == [
        WIDE + " siden, og så slutter avsnittet her.",
        "Overskrift",
        "• første punkt som er kort",
        "• andre punkt som er delt over to linjer"]


def test_page_numbers_and_running_headers_are_dropped():
    bodies = ["første", "andre", "tredje", "fjerde"]
    pages = [f"Digitale konsekvenser for kommunal sektor\n\n{WIDE}\n{body} side slutter her.\n\n{n}\n"
             for n, body in enumerate(bodies, 1)]
    text = repair_pdf_text(normalize("\f".join(pages)))
    assert "Digitale konsekvenser for kommunal sektor" not in text
    assert text.split("\n\n") == [f"{WIDE} {body} side slutter her." for body in bodies]


def test_sidebar_copy_of_a_quote_is_dropped_but_the_quote_kept():
    raw = ("Under gjengir vi kommentarene:\n\n"
           "Effektivisering av møter og fleksibilitet i forhold til arbeidsplass.\n\n"
           "Noe annen tekst i rapporten som står her.\n\n"
           "«Effektivisering av møter og fleksibilitet i forhold til arbeidsplass.»\n")
    text = repair_pdf_text(normalize(raw))
    assert text.count("Effektivisering av møter") == 1
    assert "«Effektivisering av møter og fleksibilitet i forhold til arbeidsplass.»" in text


def test_looks_pdf_extracted():
    assert looks_pdf_extracted((DATA / "seed000.txt").read_text(encoding="utf-8"))
    assert looks_pdf_extracted((DATA / "seed002.txt").read_text(encoding="utf-8"))
    plain = "\n\n".join(f"Avsnitt {i} er skrevet i et tekstbehandlingsprogram. Det har ingen harde linjeskift."
                        for i in range(12))
    transcript = "\n".join(f"{'I' if i % 2 else 'Informant A'}: Svar nummer {i}." for i in range(20))
    assert not looks_pdf_extracted(plain)
    assert not looks_pdf_extracted(transcript)


def test_seed_repair_leaves_no_hard_breaks_in_paragraphs():
    prepared = prepare_text((DATA / "seed003.txt").read_text(encoding="utf-8"), pdf=True)
    assert all("\n" not in t for t in texts(prepared, "paragraph"))
    assert all("\n" not in t for t in texts(prepared, "sentence"))
    assert "5.1.1 Ansatte sin frykt for digitale løsninger" in texts(prepared, "heading")


# ---- sentences --------------------------------------------------------------------
def test_sentences_end_after_years_and_covid_but_not_dates_or_abbreviations():
    p = prepare_text("Det startet 12. mars 2020. Vi fikk covid-19. Mange jobbet bl.a. hjemme, "
                     "dvs. på kjøkkenet. Det gikk bra.")
    assert texts(p, "sentence") == ["Det startet 12. mars 2020.", "Vi fikk covid-19.",
                                    "Mange jobbet bl.a. hjemme, dvs. på kjøkkenet.", "Det gikk bra."]


def test_sentences_never_cross_a_line_break():
    p = prepare_text("En linje uten punktum\nneste linje. Og mer")
    assert texts(p, "sentence") == ["En linje uten punktum", "neste linje.", "Og mer"]


def test_a_configured_pipeline_is_used(tmp_path, monkeypatch):
    import spacy
    nlp = spacy.blank("nb")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipeline")
    monkeypatch.setenv("CODER_SPACY_MODEL", str(tmp_path / "pipeline"))
    p = prepare_text("Først dette. Så det.")
    assert texts(p, "sentence") == ["Først dette.", "Så det."]


def test_sentences_can_be_skipped():
    assert not texts(prepare_text("Først dette. Så det.", sentences=False), "sentence")


# ---- turns ------------------------------------------------------------------------
TRANSCRIPT = """Intervju 3, mars 2021

Intervjuer: Kan du fortelle om digitaliseringen?
Informant A: Ja. Vi startet i 2020. Det var krevende.
Det tok tid.
[00:12:31]
I: Og så?
A [00:13:02]: Vel, «det er slik vi gjør det her», sa sjefen.
[00:14:10] Q: Takk.
"""


def test_turns_have_speakers_and_keep_their_timestamps():
    p = prepare_text(TRANSCRIPT, kind="interview")
    turns = [s for s in p.spans if s.kind == "turn"]
    assert [(t.speaker, t.label) for t in turns] == [
        ("Intervjuer", None), ("Informant A", None), ("I", "00:12:31"), ("A", "00:13:02"), ("Q", "00:14:10")]
    assert p.text[turns[1].start:turns[1].end] == "Informant A: Ja. Vi startet i 2020. Det var krevende.\nDet tok tid."
    assert p.text[turns[2].start:turns[2].end] == "[00:12:31]\nI: Og så?"
    assert p.text[turns[4].start:turns[4].end] == "[00:14:10] Q: Takk."


def test_spans_inside_a_turn_carry_its_speaker():
    p = prepare_text(TRANSCRIPT, kind="interview")
    by_kind = {(s.kind, p.text[s.start:s.end]): s.speaker for s in p.spans}
    assert by_kind[("sentence", "Vi startet i 2020.")] == "Informant A"
    assert by_kind[("quote", "«det er slik vi gjør det her»")] == "A"
    assert by_kind[("heading", "Intervju 3, mars 2021")] is None


def test_interview_labels_may_be_names_or_codes():
    p = prepare_text("P1: Hei.\nK: Ja, det stemmer.\nKari Nordmann [00:01:02]: Slik.\n", kind="interview")
    assert [(s.speaker, s.label) for s in p.spans if s.kind == "turn"] == [
        ("P1", None), ("K", None), ("Kari Nordmann", "00:01:02")]


def test_reports_get_no_turns_from_stray_labels():
    p = prepare_text("Kilde: SSB.\n\nMerk: tallene er foreløpige.\n\nTabell 2: Svar.")
    assert not [s for s in p.spans if s.kind == "turn"]


# ---- quotes -----------------------------------------------------------------------
def test_quote_speakers_come_only_from_named_informants():
    text = ("Informant C uttaler: «Jeg tror det viktigste er å skape trygghet.» Dette mener "
            "Informant F «(...) så kommunen er ganske pressa altså» og mer.\n\n"
            "Prosjektet «Kommunenes erfaringer fra koronapandemien så langt» er ferdig.\n\n"
            "Informant E oppsummerer slik:\n\n«De er veldig redd for at vi skal digitalisere.»\n\n"
            "Han var litt «treg» i starten.")
    spans = quote_spans(text)
    got = [(text[s.start:s.end][:20], s.speaker) for s in spans]
    assert got == [("«Jeg tror det viktig", "Informant C"), ("«(...) så kommunen e", "Informant F"),
                   ("«Kommunenes erfaring", None), ("«De er veldig redd f", "Informant E")]


def test_nested_and_unclosed_quotes():
    text = "«Mindre uformell samhandling. Mister «hverdags-møtene».» Og «en som aldri\n\nslutter"
    spans = quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["«Mindre uformell samhandling. Mister «hverdags-møtene».»"]


def test_seed_001_titles_are_quotes_without_speakers():
    p = prepare_text((DATA / "seed001.txt").read_text(encoding="utf-8"), pdf=True, sentences=False)
    titles = [s for s in p.spans if s.kind == "quote"
              and p.text[s.start:s.end] == "«Kommunenes erfaringer fra koronapandemien så langt»"]
    assert titles and all(s.speaker is None for s in titles)


# ---- offsets ------------------------------------------------------------------------
@pytest.mark.parametrize("name, pdf, kind", [("seed000.txt", True, "report"), (None, False, "interview")])
def test_spans_are_trimmed_offsets_into_the_text(name, pdf, kind):
    raw = (DATA / name).read_text(encoding="utf-8") if name else TRANSCRIPT
    p = prepare_text(raw, pdf=pdf, kind=kind)
    assert p.text == unicodedata.normalize("NFC", p.text) and "\r" not in p.text
    for s in p.spans:
        assert isinstance(s, Span) and 0 <= s.start < s.end <= len(p.text)
        assert p.text[s.start:s.end] == p.text[s.start:s.end].strip()
    assert p.spans == sorted(p.spans, key=lambda s: (s.start, -s.end, s.kind))


# ---- properties -----------------------------------------------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

_pieces = st.sampled_from(["Informant A: ", "I: ", "[00:12:31] ", "«", "»", "digi-", "talisering", "2020.",
                           " ", "  ", "\n", "\n\n", "\n \n", "\f", "Ja", "nei", ".", "covid-19", "Tema 1:",
                           "\r\n", "ø", "o\u0308", "12. mars"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=40), st.booleans(), st.sampled_from(["report", "interview"]))
def test_any_text_gives_trimmed_spans_inside_it(parts, pdf, kind):
    p = prepare_text("".join(parts), pdf=pdf, kind=kind)
    for s in p.spans:
        assert 0 <= s.start < s.end <= len(p.text)
        assert p.text[s.start:s.end] == p.text[s.start:s.end].strip()
        if s.kind == "sentence":
            assert "\n" not in p.text[s.start:s.end]
    if pdf:
        assert all("\n" not in para for para in p.text.split("\n\n"))


def test_a_pipeline_that_cannot_load_is_a_one_line_error(tmp_path, monkeypatch):
    from coder.text.segment import PipelineNotFound
    monkeypatch.setenv("CODER_SPACY_MODEL", str(tmp_path / "missing"))
    with pytest.raises(PipelineNotFound) as err:
        prepare_text("Først dette. Så det.")
    assert str(err.value).startswith(str(tmp_path / "missing")) and "\n" not in str(err.value)


def test_a_paragraph_runs_on_across_a_page_break_and_its_furniture():
    words = ["første", "andre", "tredje"]
    pages = [f"Rapport om digitalisering\n\n{WIDE}\n{w} side, og avsnittet fortsetter på\n\n{n}\n"
             for n, w in enumerate(words, 1)]
    pages.append("Rapport om digitalisering\n\nneste side der det slutter.\n\n4\n")
    text = repair_pdf_text(normalize("\f".join(pages)))
    assert text.split("\n\n")[-1] == f"{WIDE} tredje side, og avsnittet fortsetter på neste side der det slutter."
