"""Mapping other tools' positions (code points or UTF-16 units, over text with BOM and
CRLF, maybe decomposed) onto coder's NFC/\\n text."""

import unicodedata

from hypothesis import given, settings, strategies as st

from coder.exchange.refi_offsets import SourceText, decode_bytes, on_word_boundaries


def utf16_span(raw: str, word: str) -> tuple[int, int]:
    """Where `word` sits in `raw`, counted in UTF-16 units (as NVivo for Windows does)."""
    cp = raw.index(word)
    start = len(raw[:cp].encode("utf-16-le")) // 2
    return start, start + len(word.encode("utf-16-le")) // 2


def test_bom_is_not_counted_and_crlf_counts_two():
    raw = decode_bytes("\ufeffLinje én\r\nLinje to 😀\r\nTredje linje".encode()).text
    text = SourceText(raw)
    assert text.text == "Linje én\nLinje to 😀\nTredje linje"
    [(a, b)] = text.map_spans([utf16_span(raw, "Tredje linje")], utf16=True)
    assert text.text[a:b] == "Tredje linje"
    [(a, b)] = text.map_spans([(raw.index("Tredje"), raw.index("Tredje") + 6)], utf16=False)
    assert text.text[a:b] == "Tredje"


def test_utf16_units_after_emoji_and_crlf():
    raw = "👍👍 Vaksine?\r\nNei takk 🙏 aldri.\r\nJa."
    text = SourceText(raw)
    spans = [utf16_span(raw, w) for w in ("Nei takk", "aldri", "Ja")]
    mapped = text.map_spans(spans, utf16=True)
    assert [text.text[a:b] for a, b in mapped] == ["Nei takk", "aldri", "Ja"]
    # the same numbers read as code points miss the words: the chooser sees it
    assert text.best_units(spans, prefer_utf16=False) is True


def test_code_points_win_when_they_fit_better():
    raw = "🙂 Hei 🙂 på 🙂 deg, du er fin"
    text = SourceText(raw)
    spans = [(raw.index(w), raw.index(w) + len(w)) for w in ("deg", "fin", "på")]
    assert text.best_units(spans, prefer_utf16=True) is False
    assert [text.text[a:b] for a, b in text.map_spans(spans, False)] == ["deg", "fin", "på"]


def test_decomposed_text_maps_to_composed():
    raw = unicodedata.normalize("NFD", "Blåbær og rømme\r\nvar på menyen")
    text = SourceText(raw)
    word = unicodedata.normalize("NFD", "menyen")
    start = raw.index(word)
    [(a, b)] = text.map_spans([(start, start + len(word))], utf16=False)
    assert text.text[a:b] == "menyen"
    # a position inside å (a + ring) snaps to the whole letter
    inside = raw.index("a\u030a") + 1
    [(a, b)] = text.map_spans([(0, inside)], utf16=False)
    assert text.text[a:b] == "Blå"


def test_span_between_cr_and_lf_stays_on_the_line():
    raw = "første\r\nandre"
    text = SourceText(raw)
    [(a, b)] = text.map_spans([(0, 7)], utf16=False)       # ends between \r and \n
    assert text.text[a:b] == "første"


def test_word_boundaries():
    assert on_word_boundaries("Hei på deg", 4, 6)
    assert not on_word_boundaries("Hei på deg", 5, 6)
    assert not on_word_boundaries("Hei på deg", 4, 5)


def test_latin1_file_falls_back_to_detection():
    assert decode_bytes("Blåbærsyltetøy er godt på vafler".encode("cp1252")).text.startswith("Blåbær")


words = st.lists(st.sampled_from(list("abcæøå") + ["a\u030a", "😀", "ß"]), min_size=1, max_size=6).map("".join)
breaks = st.sampled_from([" ", "\r\n", "\n", "\r", " 🙂 ", ", "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, breaks), min_size=1, max_size=25), st.booleans(), st.data())
def test_every_word_maps_onto_itself(pieces, utf16, data):
    raw = "".join(w + b for w, b in pieces)
    text = SourceText(raw)
    starts, pos = [], 0
    for w, b in pieces:
        starts.append((pos, w))
        pos += len(w) + len(b)
    picked = data.draw(st.lists(st.sampled_from(starts), min_size=1, max_size=5))
    if utf16:
        spans = [(len(raw[:s].encode("utf-16-le")) // 2, len(raw[:s + len(w)].encode("utf-16-le")) // 2)
                 for s, w in picked]
    else:
        spans = [(s, s + len(w)) for s, w in picked]
    mapped = text.map_spans(spans, utf16)
    for (_s, w), (a, b) in zip(picked, mapped):
        assert text.text[a:b] == unicodedata.normalize("NFC", w)
