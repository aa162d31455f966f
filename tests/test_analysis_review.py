from coder.analysis import review
from tests.sdi_fixtures import CODES, build


def test_tree_counts_at_every_level(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    tree = review.review_tree(p)
    (theme,) = tree.themes
    assert theme.label == "Tema 1 Lav digital modenhet og teknologifrykt"
    assert [g.number for g in theme.groups] == [1, 2]
    frykt = theme.groups[0]
    assert {c.text: c.quotes for c in frykt.codes} == {
        CODES["fear_jobs"]: 1, CODES["fear"]: 2, CODES["techfear"]: 1}
    assert frykt.quotes == 4 and theme.quotes == 5
    (rest,) = tree.groups_without_theme
    assert rest.rest and rest.number == 3 and rest.quotes == 1
    assert {c.id for c in tree.ungrouped_codes} == {ids["courage"], ids["plan"], ids["guide_echo"]}
    data = tree.to_json()
    assert data["themes"][0]["groups"][0]["codes"][0] == {"text": CODES["fear"], "quotes": 2}
    assert data["groups_without_theme"][0]["rest"] is True
    assert review.bar_data(tree)["themes"] == [(theme.label, 5)]


def test_matrix_by_document_and_by_informant(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    m = review.matrix(p, rows="group", columns="document")
    assert m.rows == ["Gruppe 1 Ansatte sin frykt for digitale løsninger", "Gruppe 2 Presset arbeidshverdag",
                      "Gruppe 3 Restgruppe"]
    assert m.columns == ["Intervju A", "Intervju B", "Intervjuguide"]
    assert [[m.count(r, c) for c in range(3)] for r in range(3)] == [[3, 1, 0], [1, 0, 0], [1, 0, 0]]
    m = review.matrix(p, rows="theme", columns="informant")
    assert m.columns == ["Informant A", "Informant B", review.NO_VALUE]
    assert (m.count(0, 0), m.count(0, 1), m.row_total(0), m.column_total(1)) == (4, 1, 5, 1)
    quotes = p.sdi.quotes(coding_ids=m.cells[(0, 1)])
    assert [q.text for q in quotes] == ["Det handler om teknologifrykt."]
    assert quotes[0].informant == "Informant B" and quotes[0].document == "Intervju B"


def test_cooccurrence_counts_overlapping_codings(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    tree = review.review_tree(p)
    code_ids = review.group_code_ids(tree, group_id=ref["frykt"])
    pairs = review.cooccurrence(p, code_ids)
    key = (min(ids["fear"], ids["fear_jobs"]), max(ids["fear"], ids["fear_jobs"]))
    # the long "fear" coding overlaps the "fear_jobs" coding; the two "fear" codings are one code
    assert pairs == {key: 1}
    # at theme level, "pressed" touches nothing (adjacent is not overlapping)
    assert review.cooccurrence(p, review.group_code_ids(tree, theme_id=ref["theme"])) == {key: 1}
