"""The fast search finds exactly what the word-by-word search it replaced found.

The reference below is the search as it was before matching moved onto the lemma
column (commit 7810d88), without the FTS5 index that chose its segments then (dropped
in m003): every indexed segment split into words, each word compared with the query,
offsets found by walking the words. It is slow and plainly right, so the hits of
Project.search (on the FTS5 index in the file, coder/core/search_index.py) are
compared with it on a project built from corpus/, and Query.spans (the same locating
on one segment's words) on odd and random segments.
"""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import given, settings, strategies as st

from coder.core import NewDocument, Project
from coder.ingest import import_files
from coder.ingest.segments import to_segments
from coder.text.lemmas import WORD, lemma
from coder.text.prepare import prepare_text
from coder.text.query import Query, Term, parse
from tests.conftest import REPO

# ---- the reference: the word-by-word search --------------------------------------------


def _ref_matches(term: Term, k: int, words: list[str], lemmas: list[str]) -> list[int]:
    pairs = enumerate(zip(words, lemmas))
    if term.prefix:
        p = term.words[0]
        return [i for i, (w, lem) in pairs if w.startswith(p) or lem.startswith(p)]
    word, lem0 = term.words[k], term.lemmas[k]
    return [i for i, (w, lem) in pairs if lem == lem0 or w == word]


def _ref_places(term: Term, words: list[str], lemmas: list[str]) -> list[tuple[int, int]]:
    at = _ref_matches(term, 0, words, lemmas)
    for k in range(1, len(term.words)):
        following = set(_ref_matches(term, k, words, lemmas))
        at = [i for i in at if i + k in following]
    return [(i, i + len(term.words) - 1) for i in at]


def reference_spans(query: Query, text: str, lemma_column: str, language: str = "nb") -> list[tuple[int, int]]:
    words = WORD.findall(text.lower())
    lemmas = lemma_column.split()
    if len(lemmas) != len(words):
        words = [m.group().lower() for m in WORD.finditer(text)]
        lemmas = [lemma(w, language) for w in words]
    places: set[tuple[int, int]] = set()
    for group in query.alternatives:
        per_term = [_ref_places(t, words, lemmas) for t in group]
        if all(per_term):
            places.update(p for term in per_term for p in term)
    spans = [m.span() for m in WORD.finditer(text)]
    return [(spans[a][0], spans[b][1]) for a, b in sorted(places)]


def _ref_kwic(text: str, start: int, end: int, width: int = 40) -> tuple[str, int]:
    left = max(0, start - width)
    return re.sub(r"\s", " ", text[left:end + width]), start - left


def reference_search(project: Project, query: str) -> list[tuple]:
    parsed = parse(query)
    rows = project.db.conn.execute(
        "SELECT id, document_id, start, text, lemmas FROM segments WHERE lemmas != '' ORDER BY id")
    hits = []
    for seg_id, doc_id, seg_start, text, lemmas in rows:
        for a, b in reference_spans(parsed, text, lemmas):
            line, at = _ref_kwic(text, a, b)
            hits.append((doc_id, seg_start + a, seg_start + b, line, seg_id, at))
    return hits


def reference_regex(project: Project, pattern: str) -> list[tuple]:
    compiled, hits = re.compile(pattern, re.IGNORECASE), []
    for doc in sorted(project.documents.list(), key=lambda d: d.id):
        text = project.documents.text(doc.id)
        segments = project.db.conn.execute(
            "SELECT id, start, end FROM segments WHERE document_id = ? AND lemmas != '' "
            "ORDER BY start", [doc.id]).fetchall()
        starts = [s[1] for s in segments]
        for m in compiled.finditer(text):
            if m.end() > m.start():
                i = bisect.bisect_right(starts, m.start()) - 1
                seg = segments[i][0] if i >= 0 and m.start() < segments[i][2] else None
                line, at = _ref_kwic(text, m.start(), m.end())
                hits.append((doc.id, m.start(), m.end(), line, seg, at))
    return hits


def as_tuples(hits) -> list[tuple]:
    return [(h.document_id, h.start, h.end, h.text, h.segment_id, h.match_at) for h in hits]


# ---- the comparison ---------------------------------------------------------------------

QUERIES = [
    "kommune", "kommunene", "Kommunen", "digitalisering", "og", "informant", "2020",
    "digital*", "kommun*", "k*", "velferdsteknologi*",
    '"psykisk helse"', '"digital omstilling"', '"i kommunen"', '"covid 19"', '"det er"',
    "kommune digitalisering", "ledelse kompetanse endring",
    "kommune OR fylkeskommune", "digitali* OR omstilling", '"psykisk helse" OR barn*',
    "gå", "være", "har",
]

REGEXES = [r"kommun\w+", r"covid-?19", r"\bvelferdsteknolog\w*", r"(?-i:NAV)", r"\s+og\s+", r"\d+"]


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.coder"
    project = Project.create(path, coder="tester")
    import_files(project, [REPO / "corpus" / "interviews"], kind="interview")
    import_files(project, [REPO / "corpus" / "reports", REPO / "corpus" / "survey"])
    yield project
    project.close()


@pytest.mark.parametrize("query", QUERIES)
def test_word_search_finds_what_the_word_by_word_search_found(corpus_project, query):
    expected = reference_search(corpus_project, query)
    assert as_tuples(corpus_project.search.find(query)) == expected
    assert as_tuples(corpus_project.search.find(query, limit=7)) == expected[:7]



def test_segments_read_in_order_from_the_index_give_the_same_hits(corpus_project, monkeypatch):
    """Many segments' order is read from the segments_document index, few looked up."""
    from coder.core import search_index
    looked_up = {q: as_tuples(corpus_project.search.find(q)) for q in QUERIES}
    monkeypatch.setattr(search_index, "_LOOKED_UP", 0)
    assert {q: as_tuples(corpus_project.search.find(q)) for q in QUERIES} == looked_up

def test_segment_runs_give_the_hits_the_segments_give(corpus_project, monkeypatch):
    """Hits put in order by the documents' segment runs (m008) and by every segment's place."""
    from coder.core import search_index
    by_runs = {q: as_tuples(corpus_project.search.find(q)) for q in QUERIES}
    assert corpus_project.store.one("SELECT count(*) FROM segment_runs") == \
        corpus_project.store.one("SELECT count(*) FROM documents")
    monkeypatch.setattr(search_index, "_by_runs", lambda *_: None)
    assert {q: as_tuples(corpus_project.search.find(q)) for q in QUERIES} == by_runs


def test_the_comparison_covers_many_hits(corpus_project):
    assert len(reference_search(corpus_project, "kommune")) > 500
    assert len(reference_search(corpus_project, "digital*")) > 500
    assert len(reference_search(corpus_project, '"psykisk helse"')) > 0


@pytest.mark.parametrize("pattern", REGEXES)
def test_regex_search_finds_what_it_found_before(corpus_project, pattern):
    assert as_tuples(corpus_project.search.find(pattern, regex=True)) == reference_regex(corpus_project, pattern)


def test_every_segment_matches_as_word_by_word(corpus_project):
    """Not only the segments the index returns: every indexed segment, every query."""
    rows = corpus_project.db.conn.execute(
        "SELECT text, lemmas FROM segments WHERE lemmas != '' ORDER BY id").fetchall()
    for query in QUERIES:
        parsed = parse(query)
        for text, lemmas in rows[::7]:
            assert parsed.spans(text, lemmas) == reference_spans(parsed, text, lemmas), (query, text)


ODD = [
    # lowercasing İ makes the text longer; an empty or short lemma column does not fit
    ("İstanbul og kommunen i İzmir.", None),
    ("Kommunene og kommunen.", ""),
    ("Kommunene og kommunen.", "kommune"),
    ("Kommunene og kommunen.", "x y z w"),
    ("Kommunene og kommunen.", "kommune  og kommune"),
    ("Kommunene og kommunen.", "kommune\tog kommune"),
    ("Kommunene og kommunen.", " kommune og kommune"),
    # beyond Latin-1: typographic quotes and dashes
    ("«Kommunene» — “kommunen” og kommune’s kommune-\u2014psykisk helse", None),
    # underscores, digits, hyphens and line breaks split words as the index does
    ("kommune_nett covid-19 kommune\nkommunene 2020-kommunen", None),
    ("KOMMUNENE, Kommunenes og kOmMuNeN", None),
    ("psykisk\n\nhelse og psykisk-helse og psykiske helsa", None),
    ("   ", None),
]


@pytest.mark.parametrize("text, column", ODD)
@pytest.mark.parametrize("query", ["kommune", "kommunene", "kommun*", '"psykisk helse"',
                                   "istanbul", "i", "19 covid", "nett OR 2020"])
def test_odd_segments_match_as_word_by_word(text, column, query):
    parsed = parse(query)
    if column is None:
        column = " ".join(lemma(w) for w in WORD.findall(text))
    assert parsed.spans(text, column) == reference_spans(parsed, text, column)


def test_kwic_lines_flatten_white_space_as_before(project):
    text = "Innledning\tom\nkommunen\u00a0og\u2028kommunene i nord.\n\nMer tekst om kommune."
    prepared = prepare_text(text, kind="report", language="nb")
    project.documents.add_many([NewDocument("d", prepared.text, segments=to_segments(prepared, "nb"))])
    assert as_tuples(project.search.find("kommune")) == reference_search(project, "kommune")
    assert as_tuples(project.search.find(r"kommun\w+", regex=True)) == reference_regex(project, r"kommun\w+")


@pytest.mark.parametrize("query", ["kommune", "kommunene", "kommun*", '"psykisk helse"', "istanbul", "i",
                                   "19 covid", "nett OR 2020", "æøå", "ærlig"])
def test_odd_texts_in_a_project_are_found_as_word_by_word(project, query):
    """Through the FTS5 index: its tokenizer (unicode61) must split and number words as
    WORD does, beyond Latin-1 too."""
    texts = dict.fromkeys([t for t, _ in ODD] + ["Ærlig talt: æøå og ÆØÅ, ſkip og i̇ og ǅ."])
    for n, text in enumerate(texts):
        prepared = prepare_text(text, kind="report", language="nb")
        if prepared.text.strip():
            project.documents.add_many([NewDocument(f"d{n}", prepared.text, segments=to_segments(prepared, "nb"))])
    assert as_tuples(project.search.find(query)) == reference_search(project, query)

PIECES = ["kommune", "Kommunene", "KOMMUNEN", "kommunenes", "fylkeskommune", "psykisk", "helse",
          "Psykiske", "og", "i", "İzmir", "covid", "19", "nett", "æøå", "Ærlig", "ſkip", "digitale"]
GAPS = [" ", " ", " ", "-", "\n", ", ", "«", "»", "“", "—", "_", "", "\u00a0", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=14),
       st.sampled_from(["kommune", "kommunene", "kommun*", "k*", '"psykisk helse"', "og i",
                        "helse OR ærlig", "izmir", "19 covid", '"og i"', "nett*"]),
       st.sampled_from(["fits", "short", "empty"]))
def test_random_segments_match_as_word_by_word(pieces, query, column_kind):
    text = "".join(p + g for p, g in pieces)
    column = " ".join(lemma(w) for w in WORD.findall(text))
    if column_kind == "short":
        column = column.rpartition(" ")[0]
    elif column_kind == "empty":
        column = ""
    parsed = parse(query)
    assert parsed.spans(text, column) == reference_spans(parsed, text, column)


def test_a_query_words_stored_lemma_is_simplemmas(corpus_project):
    """The search takes a query word's lemma from the index where a text has the word
    as typed (saving simplemma's dictionary load); it must be the lemma simplemma gives."""
    from coder.core.search_index import stored_lemma
    rows = corpus_project.db.conn.execute("SELECT text FROM segments WHERE lemmas != '' ORDER BY id").fetchall()
    words = sorted({w for (text,) in rows[::5] for w in WORD.findall(text) if w.islower()})
    stored = {w: stored_lemma(corpus_project.db.conn, w, "nb") for w in words[::3]}
    assert sum(v is not None for v in stored.values()) > 1000
    assert {w: v for w, v in stored.items() if v is not None} == {w: lemma(w) for w, v in stored.items() if v is not None}
