"""The pure parts under the coding screen: in-vivo trimming, word snapping, sentences,
coverage, margin lanes, soft wrapping, palette ranking."""

from __future__ import annotations

from hypothesis import given, strategies as st

from coder.analysis.ranking import CodeIndex
from coder.core.models import Code
from coder.text.invivo import fillers, invivo_text
from coder.tui.spans import assign_lanes, coverage, regex_sentences, snap_to_words
from coder.tui.wrap import Wrapped


def test_invivo_drops_fillers_speaker_and_edges():
    assert invivo_text("Informant C: Eh, altså vi er liksom redde for at jobbene, på en måte, forsvinner.") \
        == "Vi er redde for at jobbene forsvinner"
    assert invivo_text("«Folk tenker at vi digitaliserer bort arbeidsplassene»") \
        == "Folk tenker at vi digitaliserer bort arbeidsplassene"
    assert invivo_text("Hvorfor det, altså?") == "Hvorfor det?"
    # words that merely contain a filler stay
    assert invivo_text("ehmm, hmm, mmm ja") == "Ehmm mmm ja"
    assert "på en måte" in fillers("nb") and "altså" in fillers("nb")


def test_snap_to_words_widens_and_trims():
    text = "Vi digitaliserer bort arbeidsplassene."
    assert snap_to_words(text, 5, 13) == (3, 16)           # inside two words → both whole
    assert text[slice(*snap_to_words(text, 2, 4))] == "digitaliserer"
    assert snap_to_words(text, 10, 3) == (3, 16)            # backwards drag


def test_regex_sentences_and_coverage_and_lanes():
    text = "Første setning. Andre setning! Tredje?\n\nNytt avsnitt uten punktum\n\nSiste."
    assert [text[s:e] for s, e in regex_sentences(text)] == [
        "Første setning.", "Andre setning!", "Tredje?", "Nytt avsnitt uten punktum", "Siste."]
    assert coverage([(0, 10), (5, 15), (20, 25)]) == 20
    assert assign_lanes([(0, 10), (5, 15), (12, 20), (16, 18)]) == [0, 1, 0, 1]


@given(st.text(alphabet="ab \n", max_size=300), st.integers(min_value=8, max_value=40))
def test_wrapping_covers_the_text_in_order_within_the_width(text, width):
    w = Wrapped(text, width)
    assert w.starts[0] == 0 and w.ends[-1] == len(text)
    for s, e in zip(w.starts, w.ends):
        assert 0 <= e - s <= width
    for (s1, e1), s2 in zip(zip(w.starts, w.ends), w.starts[1:]):
        assert s2 in (e1, e1 + 1) and s1 <= e1      # the next line starts at or after the break
    for offset in range(len(text) + 1):
        line = w.line_of(offset)
        assert w.starts[line] <= offset


def test_palette_ranks_by_the_words_typed_and_spots_near_duplicates():
    codes = [Code(i, t, None, None, False, None, "", None) for i, t in enumerate([
        "Lederne har et stort ansvar for digitaliseringen",
        "Folk tenker at vi digitaliserer bort arbeidsplassene",
        "Vi må ta vare på de ansatte"])]
    index = CodeIndex(codes)
    assert index.rank("digitalisrer arbeids")[0][0].id == 1          # typo and prefix
    assert index.rank("")[0][0].id == 0                                # empty: given order
    assert index.exact("vi må  ta vare på de ansatte").id == 2
    close = index.closest("Folk tenker at vi digitaliserte bort arbeidsplassene")
    assert close is not None and close[0].id == 1
    assert index.closest("Noe helt annet om budsjettet") is None
