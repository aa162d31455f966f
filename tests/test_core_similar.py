from coder.core import Project, similar


def test_near_duplicates_pair_reworded_codes_with_the_more_used_first(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="t")
    doc = p.documents.add("d", "abcdefghij" * 10)
    a = p.codes.add("Folk er redde for at vi skal digitalisere")
    b = p.codes.add("folk er redde for at vi skal digitalisere alt")
    c = p.codes.add("Vi har ikke en plan for digital transformasjon")
    p.codes.apply(b, doc, 0, 5)
    pairs = similar.near_duplicates(p)
    assert [(x.a.id, x.b.id) for x in pairs] == [(b, a)]
    assert pairs[0].score >= similar.DEFAULT
    p.settings.set(similar.SETTING, 99)
    assert similar.near_duplicates(p) == []
    assert c not in {x.a.id for x in pairs} | {x.b.id for x in pairs}


def test_word_order_does_not_hide_a_duplicate():
    from coder.core.models import Code
    codes = [Code(1, "redde for digitalisering er folk", None, None, False, None, "", None),
             Code(2, "folk er redde for digitalisering", None, None, False, None, "", None)]
    pairs = similar.similar_pairs(codes)
    assert len(pairs) == 1 and pairs[0].score == 100


def test_the_palette_warns_by_the_same_rule_and_threshold():
    """A new code's warning in the palette and the merge offer are one rule: the same
    pairs, the same scores, at the project's threshold."""
    from coder.analysis.ranking import CodeIndex
    from coder.core.models import Code
    texts = ["Folk er redde for at vi skal digitalisere", "Vi har ikke en plan for digital transformasjon",
             "Lederne har et stort ansvar for digitaliseringen"]
    codes = [Code(i, t, None, None, False, None, "", None) for i, t in enumerate(texts)]
    new = "redde for at vi skal digitalisere er folk"      # the first, reworded
    [pair] = similar.similar_pairs(codes + [Code(9, new, None, None, False, None, "", None)])
    code, score = CodeIndex(codes).closest(new)
    assert code.id == 0 and score == pair.score
    assert CodeIndex(codes, near_cutoff=score + 1).closest(new) is None
    assert CodeIndex(codes, near_cutoff=score).closest(new) == (code, score)
