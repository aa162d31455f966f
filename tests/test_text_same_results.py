"""The fast paths of text preparation give exactly what the plain ways give.

`reference_sentence_spans` is the implementation the sentence rule replaced (every
line through the blank pipeline, the sentencizer's rule read from token arrays); the
other references are the straightforward versions. They are kept here only to
compare against.
"""

import functools
import random
import re
from pathlib import Path

import pytest

from coder.core import NewSegment
from coder.ingest.segments import _CAPTION_WORDS, has_speaker_turns, indexed_spans, to_segments
from coder.text.lemmas import lemma_string, lemma_strings
from coder.text.prepare import Span, normalize, prepare_text
from coder.text.repair import looks_pdf_extracted
from coder.text.segment import _LINE, _trim, sentence_spans

REPO = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def _reference_pipeline():
    """The blank pipeline as it was: spacy.blank with the plain tokenizer."""
    import spacy
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("nb")
    nlp.tokenizer = Tokenizer(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
                              prefix_search=re.compile(r"""^[«"“‘'(\[{¿¡]""").search,
                              suffix_search=re.compile(r"""[.,;:!?»"”’')\]}…]$""").search)
    return nlp


def reference_sentence_spans(text: str, within: list[Span]) -> list[Span]:
    from spacy.attrs import IDX, ORTH

    nlp = _reference_pipeline()
    terminal = {nlp.vocab.strings.add(t) for t in (".", "!", "?", "…")}
    closing = terminal | {nlp.vocab.strings.add(t) for t in ('"', "'", "»", "”", "’", ")", "]", "}")}
    pieces = [(m.start(), m.group()) for span in within for m in _LINE.finditer(text, span.start, span.end)]
    spans = []
    for (offset, piece), doc in zip(pieces, nlp.pipe(p for _, p in pieces)):
        rows = doc.to_array([ORTH, IDX]).tolist()
        starts, n = [], len(rows)
        for t in [i for i, (orth, _) in enumerate(rows) if orth in terminal]:
            k = t + 1
            while k < n and rows[k][0] in closing:
                k += 1
            if k < n and (not starts or starts[-1] != rows[k][1]):
                starts.append(rows[k][1])
        cuts = [0] + [at for at in starts if not piece[at].islower()]
        for a, b in zip(cuts, cuts[1:] + [len(piece)]):
            s, e = _trim(piece, a, b)
            if s < e:
                spans.append(Span(offset + s, offset + e, "sentence"))
    return spans


def whole(text: str) -> list[Span]:
    return [Span(0, len(text), "paragraph")]


def corpus_texts() -> list[tuple[str, str]]:
    files = sorted((REPO / "corpus").rglob("*.txt")) + sorted((REPO / "tests" / "data").rglob("*.txt"))
    return [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files]


@pytest.mark.parametrize("name, raw", corpus_texts(), ids=lambda v: v if len(v) < 80 else "")
def test_corpus_sentences_are_unchanged(name, raw):
    text = normalize(raw)
    for kind in ("report", "interview"):
        prepared = prepare_text(text, kind=kind, pdf=looks_pdf_extracted(raw), sentences=False)
        paragraphs = [s for s in prepared.spans if s.kind == "paragraph"]
        assert sentence_spans(prepared.text, paragraphs) == reference_sentence_spans(prepared.text, paragraphs)
    assert sentence_spans(text, whole(text)) == reference_sentence_spans(text, whole(text))


def test_a_transcript_keeps_its_sentences():
    quotes = [q for p in sorted((REPO / "corpus" / "interviews").glob("informant_*.txt"))
              for q in p.read_text(encoding="utf-8").split("\n\n") if q.strip()]
    text = "".join(f"[00:{i % 60:02d}:00] Intervjuer: Kan du si mer om det?\nInformant A: {q}\n"
                   for i, q in enumerate(quotes * 3))
    prepared = prepare_text(text, kind="interview", sentences=False)
    paragraphs = [s for s in prepared.spans if s.kind == "paragraph"]
    assert len(paragraphs) > 100
    assert sentence_spans(text, paragraphs) == reference_sentence_spans(text, paragraphs)


# Pieces that stress the tokenizer: abbreviations and emoticons (special cases), runs
# of terminals and closing marks, marks alone between spaces, every kind of whitespace.
_WORDS = ["Hei", "og", "ca.", "bl.a.", "f.eks.", "Kl.", "12.", "nr.", "osv.", "dvs.", "mv.", "'", "''",
          ":)", ":-))", "(._.)", "._.", "(:", "...", "…", "?!", ".", "!", "?", "»", "«", ")", "(", "]", "”",
          "’", '"', "Det.", "det.", "slutt.»", "(se", "s.", "3).", "Ja?»", "«Nei!", "a.b", "x.)", "Å.", "ø…",
          "e.l.", "jf.", "Nei.)", "»Ja", ")Ok", "'.", ".'", "!)", "?)»"]
_SPACES = [" ", " ", " ", " ", "  ", "\t", "\xa0", " \t", "\t ", "\u2003", " \xa0 "]


def random_piece(rng: random.Random) -> str:
    parts = [rng.choice(_SPACES) if rng.random() < 0.1 else ""]
    for _ in range(rng.randint(1, 14)):
        parts += [rng.choice(_WORDS), rng.choice(_SPACES)]
    return "".join(parts[:-1] if rng.random() < 0.7 else parts)


def test_random_tricky_lines_keep_their_sentences():
    rng = random.Random(7)
    text = "\n".join(random_piece(rng) for _ in range(4000))
    paragraphs = [Span(m.start(), m.end(), "paragraph") for m in _LINE.finditer(text)]
    assert sentence_spans(text, paragraphs) == reference_sentence_spans(text, paragraphs)


# ---- lemmas and the search index -------------------------------------------------
def reference_indexed_spans(spans: list[Span]) -> set[int]:
    order = sorted((i for i, s in enumerate(spans) if s.kind != "quote"), key=lambda i: (spans[i].start, -spans[i].end))
    return {i for pos, i in enumerate(order)
            if pos + 1 == len(order) or spans[order[pos + 1]].start >= spans[i].end}


def test_lemma_strings_are_each_texts_lemma_string():
    texts = ["Kommunene har ansatt flere rådgivere.", "", "  – ", "snake_case og e-post, 12.3 «sitat»!",
             "Tabs\tog\xa0harde mellomrom", "Kommunene  har", "ÆØÅ æøå café naïve 2020-tallet"]
    rng = random.Random(3)
    texts += [random_piece(rng) for _ in range(300)]
    assert lemma_strings(texts) == [lemma_string(t) for t in texts]


def test_indexed_spans_on_shuffled_and_nested_spans():
    rng = random.Random(5)
    kinds = ["paragraph", "sentence", "turn", "quote", "heading", "response"]
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 50)
            spans.append(Span(start, start + rng.randint(1, 20), rng.choice(kinds)))
        assert indexed_spans(spans) == reference_indexed_spans(spans)


def test_segments_of_a_transcript_have_each_leafs_lemma_string():
    text = normalize((REPO / "corpus" / "interviews" / "informant_c.txt").read_text(encoding="utf-8"))
    prepared = prepare_text(text, kind="interview")
    leaves = reference_indexed_spans(prepared.spans)
    segments = [NewSegment(*s) for s in to_segments(prepared, "nb")]
    assert [(s.start, s.end, s.kind, s.speaker, s.label) for s in segments] == \
        [(s.start, s.end, s.kind, s.speaker, s.label) for s in prepared.spans]
    assert [s.lemmas for s in segments] == [lemma_string(prepared.text[s.start:s.end]) if i in leaves else ""
                                            for i, s in enumerate(prepared.spans)]


def reference_has_speaker_turns(text: str) -> bool:
    from collections import Counter

    turn = re.compile(r"^[ \t]*(?:\[[\d:.]+\][ \t]*)?"
                      r"([A-ZÆØÅ][\wæøåÆØÅ.]*(?:[ \t][A-ZÆØÅ0-9][\wæøåÆØÅ.]*){0,2}):[ \t]+\S",
                      re.MULTILINE)
    labels = Counter(m.group(1) for m in turn.finditer(text) if m.group(1).split()[0].casefold() not in _CAPTION_WORDS)
    repeated = [n for n in labels.values() if n >= 2]
    return len(repeated) >= 2 and sum(repeated) >= 0.6 * sum(labels.values())


def test_has_speaker_turns_as_before():
    rng = random.Random(11)
    lines = ["Informant A: Ja, det stemmer.", "I: Hvordan da?", "[00:01:02] Intervjuer: Og så?", "Figur 2: Andel",
             "Kilde: SSB", "  Informant B:\tNei.", "Q:no space", "Ola Nordmann: Hei", "R1: svar", "", "\r", "tekst"]
    texts = [raw for _, raw in corpus_texts()]
    texts += ["\n".join(rng.choice(lines) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    texts += [t.replace("\n", "\r\n") for t in texts[-50:]]
    assert [has_speaker_turns(t) for t in texts] == [reference_has_speaker_turns(t) for t in texts]
    assert any(has_speaker_turns(t) for t in texts) and not all(has_speaker_turns(t) for t in texts)
