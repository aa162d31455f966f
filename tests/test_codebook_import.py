"""Codebook import: the thesis appendix outline, REFI-QDA .qdc from other tools, CSV/XLSX;
one undoable action; bad files change nothing."""

from pathlib import Path

import pytest

from coder.core import CoderError, Project
from coder.core.models import NewCode, NewCodebook, NewGroup
from coder.exchange.codebook_import import import_codebook, read_codebook_file

DATA = Path(__file__).parent / "data"
REFI = DATA / "refi"


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.coder", coder="tester") as p:
        yield p


def _tree(p: Project) -> dict:
    """{theme number or None: {group number: [code texts]}} plus ungrouped codes under (None, None)."""
    codes = {c.id: c.text for c in p.codes.list()}
    themes = {g: t.number for t in p.grouping.themes() for g in t.group_ids}
    out: dict = {}
    for g in p.grouping.groups():
        out.setdefault(themes.get(g.id), {})[g.number] = sorted(codes[i] for i in g.code_ids)
    return out


def test_thesis_appendix_gives_4_themes_18_groups_restgruppe_and_240_codes(project, tmp_path):
    r = import_codebook(project, DATA / "thesis_appendix.txt")
    assert (r.codes_added, r.groups_added, r.themes_added, r.duplicates) == (240, 19, 4, 0)
    tree = _tree(project)
    assert sorted(tree[1]) == [9, 10, 16, 17]
    assert sorted(tree[2]) == [1, 2, 18, 19]
    assert sorted(tree[3]) == [5, 6, 11, 14]
    assert sorted(tree[4]) == [3, 4, 7, 8, 13, 15]
    assert list(tree[None]) == [12]
    rest = project.grouping.group_by_number(12)
    assert rest.is_rest and rest.name == "Restgruppe" and len(rest.code_ids) == 11
    assert sum(len(c) for groups in tree.values() for c in groups.values()) == 240
    assert project.grouping.ungrouped_code_ids() == []
    # lines wrapped in two (also a group name, and across a page header) are joined
    assert ("Det er en myte at det er de eldre som henger etter, min erfaring er at det henger mye "
            "sammen med utdanning og erfaring") in tree[1][9]
    assert ("Årlig prosess hvor enheter og ansatte kan gi innspill til kommende budsjettår og "
            "kommende handlingsplan") in tree[2][18]
    assert project.grouping.group_by_number(2).name == ("Digitalisering må til for å håndtere befolkningsvekst, "
                                               "økonomiske utfordringer og bærekraft")
    # page headers and page-break noise did not become codes
    assert not any("Kodegruppe" in c.text or c.text[0].islower() for c in project.codes.list())
    assert [t.name for t in project.grouping.themes()][0] == "Lav digital modenhet og teknologifrykt"


def test_import_is_one_undoable_action(project):
    import_codebook(project, DATA / "thesis_appendix.txt")
    assert project.history.entries()[-1].action == "import codebook"
    project.history.undo()
    c = project.counts()
    assert (c.codes, c.groups, c.themes) == (0, 0, 0)
    project.history.redo()
    assert project.counts().codes == 240


def test_shipped_thesis_codebooks_match_the_appendix(project, tmp_path):
    root = Path(__file__).parent.parent / "codebooks"
    import_codebook(project, DATA / "thesis_appendix.txt")
    expected = _tree(project)
    for name in ("thesis_codebook.md", "thesis_codebook.qdc"):
        with Project.create(tmp_path / f"{name}.coder") as other:
            import_codebook(other, root / name)
            assert _tree(other) == expected
            assert other.grouping.group_by_number(12).is_rest


def test_atlasti_qdc_sets_become_groups_and_guids_are_kept(project):
    import_codebook(project, REFI / "atlasti-win-23.4.0_codebook.qdc")
    code = project.codes.by_text("code1")
    assert (code.description, code.colour) == ("description", "#46AA00")
    (group,) = project.grouping.groups()
    assert (group.name, group.memo, group.code_ids) == ("code group 1", "kategorie 1", (code.id,))
    assert project.codebook.guids("code", [code.id]) == {code.id: "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"}
    assert project.codebook.guids("group", [group.id])[group.id] == "ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0"


def test_taguette_flat_qdc_with_empty_sets_is_accepted(project):
    r = import_codebook(project, REFI / "taguette-1.5.2_codebook.qdc")
    assert r.codes_added == 9 and project.grouping.groups() == []
    assert project.codes.by_text("digitalisering.verktøy") is not None
    code = project.codes.by_text("kompetanse")
    assert project.codebook.guids("code", [code.id])[code.id] == "F5EA9AFD-2957-539F-B96D-F29955982CB9"


def test_nested_qdc_from_another_namespace_maps_levels(tmp_path, project):
    qdc = tmp_path / "nested.qdc"
    qdc.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes>'
        '<Code guid="00000000-0000-0000-0000-000000000001" name="Work" isCodable="true">'
        '<Code guid="00000000-0000-0000-0000-000000000002" name="Stress" isCodable="true">'
        '<Code guid="00000000-0000-0000-0000-000000000003" name="Vi har for mye å gjøre" isCodable="true">'
        '<Code guid="00000000-0000-0000-0000-000000000004" name="Ingen tid til opplæring" isCodable="true"/>'
        '</Code></Code></Code>'
        '<Code guid="00000000-0000-0000-0000-000000000005" name="Løs kode" isCodable="true"/>'
        '</Codes></CodeBook>', encoding="utf-8")
    import_codebook(project, qdc)
    (theme,) = project.grouping.themes()
    (group,) = project.grouping.groups()
    assert theme.name == "Work" and group.name == "Stress" and group.theme_id == theme.id
    assert sorted(project.codes.get(i).text for i in group.code_ids) == \
        ["Ingen tid til opplæring", "Vi har for mye å gjøre"]
    assert [project.codes.get(i).text for i in project.grouping.ungrouped_code_ids()] == ["Løs kode"]


def test_csv_with_norwegian_headers_and_semicolons(tmp_path, project):
    f = tmp_path / "koder.csv"
    f.write_text("Tema;Kodegruppe;Kode;Beskrivelse\n"
                 "Tema 1 Ledelse;Gruppe 3 Gevinster;Vi sparte åtte årsverk;tall fra rådmannen\n"
                 ";Gruppe 12 Restgruppe;Siste året gikk til sammenslåing;\n"
                 ";;Løs kode uten gruppe;\n", encoding="utf-8")
    import_codebook(project, f)
    (theme,) = project.grouping.themes()
    assert (theme.number, theme.name) == (1, "Ledelse")
    g3, g12 = project.grouping.group_by_number(3), project.grouping.group_by_number(12)
    assert g3.theme_id == theme.id and g12.is_rest and g12.theme_id is None
    assert project.codes.by_text("Vi sparte åtte årsverk").description == "tall fra rådmannen"
    assert [project.codes.get(i).text for i in project.grouping.ungrouped_code_ids()] == ["Løs kode uten gruppe"]


def test_existing_codes_are_reused_and_taken_numbers_renumbered(project):
    existing = project.codes.add("Folk er redde for at vi skal digitalisere")
    project.grouping.create_group("Noe annet", number=10)
    r = import_codebook(project, DATA / "thesis_appendix.txt")
    assert (r.codes_added, r.codes_existing) == (239, 1)
    assert "Gruppe 10 → 20" in r.renumbered
    moved = project.grouping.group_by_number(20)
    assert moved.name == "Ansatte sin frykt for digitale løsninger" and existing in moved.code_ids
    assert project.counts().codes == 240


def test_a_code_twice_in_one_codebook_is_kept_once(project):
    book = NewCodebook(groups=(NewGroup("A", (NewCode("Samme kode her"),), 1),
                               NewGroup("B", (NewCode("Samme  kode her"), NewCode("En annen kode")), 2)))
    r = project.codebook.import_codebook(book, "dup")
    assert (r.codes_added, r.duplicates) == (2, 1)
    assert project.grouping.group_by_number(1).code_ids == (project.codes.by_text("Samme kode her").id,)


@pytest.mark.parametrize("name, content, message", [
    ("x.docx", b"whatever", "unknown codebook kind"),
    ("bad.qdc", b"<CodeBook><Codes><Code name='a'", "not well-formed XML"),
    ("evil.qdc", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook/>', "entity"),
    ("project.qdc", b"<Project xmlns='urn:QDA-XML:project:1.0'/>", "not a REFI-QDA codebook"),
    ("nocode.csv", b"tema,gruppe\nA,B\n", "no «code» column"),
    ("empty.md", b"\n\n  \n", "no «Tema N"),
    ("transcript.txt", "Intervjuer: Hva tenker du?\nInformant: Vi må digitalisere mer.\n".encode(), "no «Tema N"),
])
def test_bad_files_raise_one_line_naming_the_file_and_change_nothing(tmp_path, project, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    before = project.counts()
    with pytest.raises(CoderError) as info:
        import_codebook(project, f)
    text = str(info.value)
    assert str(f) in text and message in text and "\n" not in text
    assert project.counts() == before and project.history.entries() == []


def test_outline_reader_is_shared_by_md_and_txt(tmp_path):
    md = tmp_path / "cb.md"
    md.write_text("# Tema / Kodegruppe / Kode\n\n- Løs kode uten gruppe her\n\n## Gruppe 4 Irrelevant (restgruppe)\n\n"
                  "- En kode i resten _(2 quotes)_\n  med en beskrivelse\n\n## Tema 2 Ledelse _(1 group, 0 quotes)_\n\n"
                  "### Gruppe 7 Endringsledelse\n\n- Som leder må du være fremoverlent\n", encoding="utf-8")
    book = read_codebook_file(md)
    assert [c.text for c in book.codes] == ["Løs kode uten gruppe her"]
    (rest,) = book.groups
    assert (rest.number, rest.name, rest.is_rest) == (4, "Irrelevant", True)
    assert rest.codes[0] == NewCode("En kode i resten", "med en beskrivelse")
    (theme,) = book.themes
    assert (theme.number, theme.name, theme.groups[0].number) == (2, "Ledelse", 7)


def test_importing_the_same_codebook_again_changes_nothing(project):
    import_codebook(project, DATA / "thesis_appendix.txt")
    before = _tree(project)
    r = import_codebook(project, Path(__file__).parent.parent / "codebooks" / "thesis_codebook.qdc")
    assert (r.codes_added, r.codes_existing, r.groups_added, r.themes_added, r.renumbered) == (0, 240, 0, 0, ())
    assert _tree(project) == before
