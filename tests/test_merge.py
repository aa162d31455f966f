"""Merging coders' project files: matching, clashes, dry run and undo."""

from __future__ import annotations

import pytest

from coder.core import NewSegment, Project
from coder.core.errors import CoderError

TEXT1 = "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er ikke sant."
TEXT2 = "Jeg liker å jobbe hjemme. Men jeg savner kollegene mine."


def _sentences(text: str) -> list[NewSegment]:
    first = text.index(". ") + 1
    return [NewSegment(0, first, "sentence"), NewSegment(first + 1, len(text), "sentence")]


def _coder_copy(path, coder, docs):
    """A project as one coder made it: the same documents, imported in any order."""
    p = Project.create(path, coder=coder)
    ids = {}
    for name, text in docs:
        ids[name] = p.documents.add(name, text, kind="interview", segments=_sentences(text),
                                   attributes={"informant": name[-1]})
    return p, ids


@pytest.fixture
def team(tmp_path):
    a, a_ids = _coder_copy(tmp_path / "a.coder", "Anna", [("Intervju A", TEXT1), ("Intervju B", TEXT2)])
    a.codes.apply_many("Folk tenker at vi digitaliserer bort arbeidsplassene", [(a_ids["Intervju A"], 0, 52)])
    a.codes.apply_many("Savner kollegene", [(a_ids["Intervju B"], 26, 56)])
    a.close()
    b, b_ids = _coder_copy(tmp_path / "b.coder", "Bjørn", [("Intervju B", TEXT2), ("Intervju A", TEXT1)])
    b.codes.apply_many("Folk tenker at vi digitaliserer bort arbeidsplassene", [(b_ids["Intervju A"], 0, 31)])
    b.codes.apply_many("Liker å jobbe hjemme", [(b_ids["Intervju B"], 0, 25)])
    b.close()
    target = Project.create(tmp_path / "t.coder", coder="Leder")
    yield target, tmp_path / "a.coder", tmp_path / "b.coder"
    target.close()


def _spans(p: Project):
    texts = {c.id: c.text for c in p.codes.list()}
    return sorted((c.coder, texts[c.code_id], p.documents.get(c.document_id).name,
                   p.documents.text(c.document_id)[c.start:c.end]) for c in p.codes.codings())


def test_merge_matches_documents_by_text_and_keeps_codings_per_coder(team):
    target, a, b = team
    report = target.merge.merge_projects([a, b])
    assert [d.name for d in target.documents.list()] == ["Intervju A", "Intervju B"]
    assert sorted(c.text for c in target.codes.list()) == [
        "Folk tenker at vi digitaliserer bort arbeidsplassene", "Liker å jobbe hjemme", "Savner kollegene"]
    assert _spans(target) == [
        ("Anna", "Folk tenker at vi digitaliserer bort arbeidsplassene", "Intervju A",
         "Folk tenker at vi digitaliserer bort arbeidsplassene"),
        ("Anna", "Savner kollegene", "Intervju B", "Men jeg savner kollegene mine."),
        ("Bjørn", "Folk tenker at vi digitaliserer bort arbeidsplassene", "Intervju A",
         "Folk tenker at vi digitaliserer"),
        ("Bjørn", "Liker å jobbe hjemme", "Intervju B", "Jeg liker å jobbe hjemme."),
    ]
    assert report.codings_by_coder == {"Anna": 2, "Bjørn": 2}
    assert report.matched == {"documents": 2, "codes": 1}
    assert {"Anna", "Bjørn", "Leder"} <= {r[0] for r in target.db.conn.execute("SELECT name FROM coders")}
    # segments and attributes came along once
    doc = target.documents.by_name("Intervju A")
    assert len(target.documents.segments(doc.id)) == 2
    assert doc.attributes == {"informant": "A"}
    assert target.codes.codings(coders=["Bjørn"])[0].coder == "Bjørn"


def test_merge_is_one_history_entry_and_undoes(team):
    target, a, b = team
    before = len(target.history.entries())
    target.merge.merge_projects([a, b])
    entries = target.history.entries()
    assert len(entries) == before + 1
    assert entries[-1].action == "merge" and entries[-1].object == "a.coder, b.coder"
    target.history.undo()
    c = target.counts()
    assert (c.documents, c.codes, c.codings, c.segments) == (0, 0, 0, 0)
    target.history.redo()
    assert target.counts().codings == 4


def test_dry_run_reports_the_same_and_changes_nothing(team):
    target, a, b = team
    dry = target.merge.merge_projects([a, b], dry_run=True)
    assert target.counts().documents == 0 and target.history.entries() == []
    real = target.merge.merge_projects([a, b])
    assert dry.dry_run and not real.dry_run
    assert (dry.added, dry.codings_by_coder, dry.notes) == (real.added, real.codings_by_coder, real.notes)
    assert real.added["codings"] == 4 and real.added["documents"] == 2


def test_merging_again_adds_nothing(team):
    target, a, b = team
    target.merge.merge_projects([a, b])
    n = len(target.history.entries())
    again = target.merge.merge_projects([a])
    assert again.identical_codings == 2 and again.added == {}
    assert len(target.history.entries()) == n
    assert target.counts().codings == 4


def test_near_identical_codes_are_reported_not_merged(team, tmp_path):
    target, a, _ = team
    c = Project.create(tmp_path / "c.coder", coder="Cecilie")
    doc = c.documents.add("Intervju A", TEXT1)
    c.codes.apply_many("Folk tenker at vi digitaliserer bort arbeidsplassene!", [(doc, 0, 52)])
    c.close()
    report = target.merge.merge_projects([a, tmp_path / "c.coder"])
    assert report.near_identical == [("Folk tenker at vi digitaliserer bort arbeidsplassene!",
                                      "Folk tenker at vi digitaliserer bort arbeidsplassene", 100.0)]
    assert target.counts().codes == 3


def test_group_and_theme_numbers_that_clash_are_renumbered(team, tmp_path):
    target, a, _ = team
    code_here = target.codes.add("Liker å jobbe hjemme")
    target.grouping.create_group("Hjemmekontor", [code_here], number=1)
    rest_here = target.grouping.create_group("Restgruppe", number=9, is_rest=True)
    target.grouping.create_theme("Arbeid", number=1)
    src = Project.open(a, coder="Anna")
    savner = src.codes.by_text("Savner kollegene").id
    folk = src.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene").id
    g1 = src.grouping.create_group("Kolleger", [savner], number=1)
    src.grouping.create_group("Irrelevant", [folk], number=2, is_rest=True)
    src.grouping.create_theme("Arbeid", [g1], number=1)
    src.grouping.create_theme("Fellesskap", number=2)
    src.grouping.set_group_memo(g1, "Savn av kolleger")
    src.close()
    report = target.merge.merge_projects([a])
    groups = {g.number: g for g in target.grouping.groups()}
    assert sorted((n, g.name, g.is_rest) for n, g in groups.items()) == [
        (1, "Hjemmekontor", False), (9, "Restgruppe", True), (10, "Kolleger", False)]
    assert groups[10].memo == "Savn av kolleger"
    savner_here = target.codes.by_text("Savner kollegene").id
    folk_here = target.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene").id
    assert groups[10].code_ids == (savner_here,)
    assert groups[9].id == rest_here and groups[9].code_ids == (folk_here,)
    themes = {t.number: t for t in target.grouping.themes()}
    assert [(n, t.name) for n, t in sorted(themes.items())] == [(1, "Arbeid"), (2, "Fellesskap")]
    assert themes[1].group_ids == (groups[10].id,)
    assert any("Gruppe 1 «Kolleger»" in n and "Gruppe 10" in n for n in report.notes)


def test_conflicts_keep_this_projects_value_and_are_reported(team, tmp_path):
    target, a, _ = team
    doc = target.documents.add("Intervju A", TEXT1, attributes={"informant": "X"})
    target.documents.set_memo(doc, "Mitt notat")
    other = target.documents.add("Intervju B", "Et helt annet intervju.")
    src = Project.open(a, coder="Anna")
    src_doc = src.documents.by_name("Intervju A").id
    src.documents.set_attribute(src_doc, "alder", "34")
    src.documents.set_memo(src_doc, "Annas notat")
    src.close()
    report = target.merge.merge_projects([a])
    d = target.documents.get(doc)
    assert d.attributes == {"informant": "X", "alder": "34"}
    assert d.memo == "Mitt notat\n\n[a.coder] Annas notat"
    assert target.documents.get(other).name == "Intervju B"
    assert target.documents.by_name("Intervju B (a.coder)").length == len(TEXT2)
    assert any("attribute informant is «A» there, «X» here" in n for n in report.notes)
    assert any("added as «Intervju B (a.coder)»" in n for n in report.notes)


def test_bad_sources_leave_the_project_unchanged(team, tmp_path):
    target, a, _ = team
    with pytest.raises(CoderError, match="no such project"):
        target.merge.merge_projects([a, tmp_path / "missing.coder"])
    (tmp_path / "notes.txt").write_text("not a project")
    with pytest.raises(CoderError, match="not a coder project"):
        target.merge.merge_projects([tmp_path / "notes.txt"])
    with pytest.raises(CoderError, match="being merged into"):
        target.merge.merge_projects([tmp_path / "t.coder"])
    assert target.counts().documents == 0 and target.history.entries() == []


def test_near_twins_inside_one_source_are_not_reported(team, tmp_path):
    target, _, _ = team
    c = Project.create(tmp_path / "c.coder", coder="Cecilie")
    doc = c.documents.add("Intervju A", TEXT1)
    c.codes.apply_many("Det er ikke sant", [(doc, 53, 69)])
    c.codes.apply_many("Det er ikke sant!", [(doc, 53, 70)])
    c.close()
    report = target.merge.merge_projects([tmp_path / "c.coder"])
    assert report.near_identical == [] and target.counts().codes == 2


def test_guids_from_another_tool_go_with_the_rows_added(team):
    target, a, _ = team
    guid = "5E2F4B6A-0C1D-4E8F-9A7B-3C2D1E0F9A8B"
    taken = "11111111-2222-4333-8444-555555555555"
    src = Project.open(a, coder="Anna")
    savner = src.codes.by_text("Savner kollegene").id
    folk = src.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene").id
    group = src.grouping.create_group("Kolleger", [savner], number=4)
    src.codebook.remember_guids("code", {savner: guid, folk: taken})
    src.codebook.remember_guids("group", {group: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE"})
    src.close()
    mine = target.codes.add("En kode her fra før")
    target.codebook.remember_guids("code", {mine: taken})
    report = target.merge.merge_projects([a])
    savner_here = target.codes.by_text("Savner kollegene").id
    folk_here = target.codes.by_text("Folk tenker at vi digitaliserer bort arbeidsplassene").id
    assert target.codebook.guids("code", [savner_here]) == {savner_here: guid}
    assert target.codebook.guids("code", [folk_here])[folk_here] != taken
    assert target.codebook.guids("code", [mine]) == {mine: taken}
    group_here = target.grouping.group_by_number(4).id
    assert target.codebook.guids("group", [group_here]) == {group_here: "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE"}
    assert any(f"code GUID {taken} is taken here" in n for n in report.notes)
    target.history.undo()
    assert target.codebook.guids("code", [mine]) == {mine: taken}


def test_a_code_grouped_differently_stays_in_its_group_here(team):
    target, a, _ = team
    here = target.codes.add("Savner kollegene")
    target.grouping.create_group("Hjemmekontor", [here], number=1)
    src = Project.open(a, coder="Anna")
    src.grouping.create_group("Kolleger", [src.codes.by_text("Savner kollegene").id], number=2)
    src.close()
    report = target.merge.merge_projects([a])
    assert target.grouping.group_of_code(here) == target.grouping.group_by_number(1).id
    assert target.grouping.group_by_number(2).code_ids == ()
    assert f"{a.name}: «Savner kollegene» is in Gruppe 1 here and in Gruppe 2 there; kept Gruppe 1" in report.notes
