"""Importing REFI-QDA projects written by NVivo (Windows, Mac), MAXQDA and ATLAS.ti, and
odd-but-valid packages: the codings must cover the text the other tool meant."""

import zipfile

from lxml import etree

from coder.core import Project
from coder.exchange.qdpx_import import import_qdpx
from coder.exchange.refi_offsets import on_word_boundaries
from tests.qdpx_helpers import ATLAS_QDE, MAXQDA, NVIVO_MAC, NVIVO_WIN, make_zip

NS = "{urn:QDA-XML:project:1.0}"


def nvivo_expected():
    """The NVivo for Windows sample, read independently: (source name, code name,
    selected text) with positions as UTF-16 units over the file without its BOM."""
    with zipfile.ZipFile(NVIVO_WIN) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        codes = {c.get("guid"): c.get("name") for c in root.iter(NS + "Code")}
        out = []
        for src in root.iter(NS + "TextSource"):
            raw = zf.read("Sources/" + src.get("plainTextPath").split("//")[1]).decode("utf-8-sig")
            units = raw.encode("utf-16-le")
            for sel in src.iter(NS + "PlainTextSelection"):
                a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
                chosen = units[2 * a:2 * b].decode("utf-16-le").replace("\r\n", "\n")
                for ref in sel.iter(NS + "CodeRef"):
                    out.append((src.get("name"), codes[ref.get("targetGUID")], chosen))
    return sorted(out)


def test_nvivo_windows_utf16_crlf_bom(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="Me")
    report = import_qdpx(p, NVIVO_WIN)
    assert report.result.codings_added == 303 and report.result.documents_added == 2
    assert report.utf16_sources == ["videos_10_selected"]
    docs = {d.id: d for d in p.documents.list()}
    texts = {d: p.documents.text(d) for d in docs}
    codes = {c.id: c.text for c in p.codes.list()}
    got = sorted((docs[c.document_id].name, codes[c.code_id], texts[c.document_id][c.start:c.end])
                 for c in p.codes.codings())
    assert got == nvivo_expected()
    boundaries = sum(on_word_boundaries(texts[c.document_id], c.start, c.end) for c in p.codes.codings())
    assert boundaries >= 300                       # three of NVivo's own selections cut a word
    assert all("\r" not in t and not t.startswith("\ufeff") for t in texts.values())
    assert {c.coder for c in p.codes.codings()} <= {"Gergo", "floriansipos"}
    # the code tree: top-level parents became kodegrupper or temaer
    assert any(g.name == "1. Oltás típusa" and len(g.code_ids) == 2 for g in p.grouping.groups())


def test_import_is_one_undoable_action(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="Me")
    import_qdpx(p, NVIVO_WIN)
    assert [h.action for h in p.history.entries()] == ["import project"]
    p.history.undo()
    counts = p.counts()
    assert (counts.documents, counts.codes, counts.codings, counts.groups, counts.themes) == (0, 0, 0, 0, 0)
    p.history.redo()
    assert p.counts().codings == 303


def test_maxqda_sources_codes_and_sets(tmp_path):
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, MAXQDA)
    docs = p.documents.list()
    assert len(docs) == 10 and report.result.codings_added == 0
    assert {d.attributes["set"] for d in docs} == {"ICLS 2024", "ICLS 2025"}
    assert p.documents.text(p.documents.by_name("ICLS 2024 3-10").id).startswith("Mapping the Complexity of Learning")
    assert p.codes.by_text("THEME - Affordances") is not None
    assert p.codes.by_text("Additional Themes and Ideas") is None         # a parent: a group
    assert any(g.name == "Additional Themes and Ideas" for g in p.grouping.groups())


def test_nvivo_mac_empty_sources_are_skipped(tmp_path):
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, NVIVO_MAC)
    assert p.counts().documents == 0 and len(report.skipped_sources) == 2
    assert "the text is empty" in report.skipped_sources[0]
    assert p.codes.by_text("programming") is not None


def test_bare_atlas_qde_brings_codes_and_names_missing_sources(tmp_path):
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, ATLAS_QDE)
    assert p.counts().codes == 14 and p.counts().documents == 0
    groups = {g.name: {p.codes.get(c).text for c in g.code_ids} for g in p.grouping.groups()}
    assert "cornflakes" in groups["Breakfast food"]              # a code <Set> became a kodegruppe
    assert "happiness" in groups["Feelings"]                     # (a code sits in one group: its first set)
    assert any("Mabel.txt" in s and "no plain text" in s for s in report.skipped_sources)
    assert any("video, not text" in s for s in report.skipped_sources)


QDE = """<?xml version="1.0" encoding="utf-8"?>
<q:Project xmlns:q="urn:QDA-XML:project:1.0" name="t" origin="{origin}">
 <q:Users><q:User guid="11111111-1111-1111-1111-111111111111" name="Kari"/></q:Users>
 <q:CodeBook><q:Codes>
  <q:Code guid="22222222-2222-2222-2222-222222222222" name="Tema" isCodable="false">
   <q:Code guid="33333333-3333-3333-3333-333333333333" name="Gruppe" isCodable="false">
    <q:Code guid="44444444-4444-4444-4444-444444444444" name="Vi får ikke hjelp" isCodable="true"/>
   </q:Code>
  </q:Code>
 </q:Codes></q:CodeBook>
 <q:Sources>
  <q:TextSource guid="55555555-5555-5555-5555-555555555555" name="Intervju 1" plainTextPath="internal://abc.TXT">
   <q:Description>Første intervju</q:Description>
   <q:PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="{start}" endPosition="{end}"
      creatingUser="11111111-1111-1111-1111-111111111111">
    <q:Description>sterkt sitat</q:Description>
    <q:Coding guid="77777777-7777-7777-7777-777777777777" creatingUser="11111111-1111-1111-1111-111111111111"
       creationDateTime="2024-05-01T10:00:00Z">
     <q:CodeRef targetGUID="{{44444444-4444-4444-4444-444444444444}}"/>
    </q:Coding>
   </q:PlainTextSelection>
  </q:TextSource>
 </q:Sources>
</q:Project>"""


def test_prefixed_namespace_other_qde_name_and_folder_case(tmp_path):
    raw = "\ufeffIntervjuer: Hva skjer? 😀\r\nInformant: Vi får ikke hjelp, sier hun.\r\n"
    body = raw[1:]
    start = body.index("Vi får")
    qdpx = make_zip(tmp_path / "x.qdpx", {
        "Export.qde": QDE.format(origin="SomeTool 1.0", start=start, end=start + len("Vi får ikke hjelp")),
        "SOURCES/abc.txt": raw.encode("utf-8")})
    p = Project.create(tmp_path / "p.coder")
    import_qdpx(p, qdpx)
    [coding] = p.codes.codings()
    doc = p.documents.get(coding.document_id)
    assert p.documents.text(doc.id)[coding.start:coding.end] == "Vi får ikke hjelp"
    assert (coding.coder, coding.memo, coding.created_at[:10]) == ("Kari", "sterkt sitat", "2024-05-01")
    assert doc.memo == "Første intervju"
    [group] = p.grouping.groups()
    [theme] = p.grouping.themes()
    assert (group.name, theme.name, group.theme_id) == ("Gruppe", "Tema", theme.id)


def test_same_text_twice_reuses_the_document(tmp_path):
    text = "Vi får ikke hjelp, sier hun."
    qdpx = make_zip(tmp_path / "x.qdpx", {
        "project.qde": QDE.format(origin="SomeTool", start=0, end=17), "sources/abc.txt": text})
    p = Project.create(tmp_path / "p.coder")
    p.documents.add("Allerede her", text)
    report = import_qdpx(p, qdpx)
    assert report.result.documents_reused == ["Intervju 1"]
    [coding] = p.codes.codings()
    assert p.documents.get(coding.document_id).name == "Allerede her"


def test_imported_text_is_searchable_and_undo_clears_the_index(tmp_path):
    text = "Intervjuer: Hva tenker du?\n\nInformant: Vi får ikke hjelp fra kommunene, sier hun.\n"
    qdpx = make_zip(tmp_path / "x.qdpx", {
        "project.qde": QDE.format(origin="SomeTool", start=text.index("Vi"), end=text.index("Vi") + 17),
        "sources/abc.txt": text})
    p = Project.create(tmp_path / "p.coder")
    import_qdpx(p, qdpx)
    [hit] = p.search.find("kommune")                    # by lemma: kommunene → kommune
    assert "kommunene" in p.documents.text(hit.document_id)[hit.start:hit.end + 20]
    p.history.undo()
    assert p.search.find("kommune") == []
    p.history.redo()
    assert len(p.search.find("kommune")) == 1


def test_no_namespace_at_all(tmp_path):
    text = "Vi får ikke hjelp, sier hun."
    qde = QDE.replace("q:", "").replace(' xmlns:q="urn:QDA-XML:project:1.0"', "")
    qdpx = make_zip(tmp_path / "x.qdpx", {"project.qde": qde.format(origin="T", start=0, end=17),
                                          "sources/abc.txt": text})
    p = Project.create(tmp_path / "p.coder")
    import_qdpx(p, qdpx)
    [coding] = p.codes.codings()
    assert p.documents.text(coding.document_id)[coding.start:coding.end] == "Vi får ikke hjelp"
    assert p.codes.get(coding.code_id).text == "Vi får ikke hjelp"


# ---- several coders: a re-import loses no one's coding ---------------------------------

def _two_coders_on_one_span(path):
    """Ada and Bo coded the same span with the same code; Ada also twice with the same code."""
    with Project.create(path, coder="Ada") as p:
        doc = p.documents.add("Intervju", "Folk tenker at vi digitaliserer bort arbeidsplassene. Det er feil.")
        p.codes.apply("Det er feil", doc, 54, 66)
        p.codes.apply("Folk tenker", doc, 0, 11)
    with Project.open(path, coder="Bo") as p:
        p.codes.apply("Det er feil", p.documents.by_name("Intervju").id, 54, 66)
    return path


def _codings(p):
    codes = {c.id: c.text for c in p.codes.list()}
    return sorted((codes[c.code_id], c.start, c.end, c.coder) for c in p.codes.codings())


def test_two_coders_on_one_span_stay_two_codings(tmp_path):
    from tests.conftest import run_cli
    src = _two_coders_on_one_span(tmp_path / "a.coder")
    out = tmp_path / "a.qdpx"
    assert run_cli("export", str(src), "--qdpx", "-o", str(out)).returncode == 0
    target = tmp_path / "b.coder"
    Project.create(target, coder="Cy").close()
    run = run_cli("import-qdpx", str(target), str(out))
    assert run.returncode == 0, run.stderr
    assert "codings:   3 added, 0 skipped" in run.stdout
    with Project.open(target) as p, Project.open(src) as a:
        assert _codings(p) == _codings(a) == [("Det er feil", 54, 66, "Ada"), ("Det er feil", 54, 66, "Bo"),
                                              ("Folk tenker", 0, 11, "Ada")]


def test_the_same_coder_code_and_span_twice_is_one_coding(tmp_path):
    """Importing an export back into its own project adds nothing: every coding is there."""
    src = _two_coders_on_one_span(tmp_path / "a.coder")
    with Project.open(src) as p:
        from coder.exchange.qdpx_export import write_qdpx
        out = write_qdpx(p, tmp_path / "a.qdpx")
        before = _codings(p)
        report = import_qdpx(p, out)
        assert report.result.codings_added == 0 and report.result.codings_twice == 3
        assert "  codings:   0 added, 3 skipped (3 there already (same coder, code and span))" in report.lines()
        assert _codings(p) == before
