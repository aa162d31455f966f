"""#14: a .qdpx that other tools read whole, and that comes back whole: one selection per
coding owned by its coder, UTC stamps ending in Z, kinds, attributes and segments kept,
sentences made for every text, and QualCoder's files read as they are."""

import re
import zipfile

from lxml import etree

from coder.core import Project
from coder.core.models import NewSegment
from coder.exchange.qdpx_export import write_qdpx
from coder.exchange.qdpx_import import import_qdpx
from coder.exchange.qdpx_sidecar import ENTRY
from coder.ingest.service import document_segments
from coder.text.prepare import prepare_text
from tests.qdpx_helpers import REFI, as_another_tools, project_schema

NS = "{urn:QDA-XML:project:1.0}"
QUALCODER = REFI / "qualcoder-4.0b_project-from-coder.qdpx"

INTERVIEW = "I: Hva tenker du?\nB: Vi digitaliserer bort arbeidsplassene. Det er feil.\n\nI: Og så?\nB: Nei, slett ikke."
SURVEY = "Svar 1\n\nDet går fint.\n\nSvar 2\n\nDet går ikke."


def three_coders(path):
    """Three coders on overlapping and identical spans, a survey with labelled responses,
    attributes and memos."""
    p = Project.create(path, coder="Ada")
    text = prepare_text(INTERVIEW, kind="interview").text
    a = p.documents.add("Intervju A", text, kind="interview", attributes={"informant": "A", "kjønn": "K"},
                        segments=document_segments(text, "interview", "nb"))
    segs = [NewSegment(8, 21, "response", label="Hvordan går det?"), NewSegment(31, 44, "response", label="Og nå?")]
    s = p.documents.add("Skjema", SURVEY, kind="survey", attributes={"respondent": "7"}, segments=segs)
    for coder in ("Ada", "Bo", "Cy"):
        p.coder = coder
        p.codes.apply("Digitalisering", a, 21, 59, memo=f"{coder} sin memo")
        p.codes.apply("Feil", a, 60 if coder == "Bo" else 40, 71)
    p.coder = "Ada"
    p.codes.apply("Går fint", s, 8, 21, in_vivo=True)
    p.codes.set_memo(p.codes.by_text("Feil").id, "Uenighet om hva som er feil")
    return p


def rows(p: Project):
    docs = {d.id: d for d in p.documents.list()}
    codes = {c.id: c.text for c in p.codes.list()}
    codings = sorted((docs[c.document_id].name, codes[c.code_id], c.start, c.end, c.coder, c.memo, c.created_at)
                     for c in p.codes.codings())
    documents = sorted((d.name, d.kind, d.language, tuple(sorted(d.attributes.items())),
                        tuple((s.start, s.end, s.kind, s.speaker, s.label) for s in p.documents.segments(d.id)))
                       for d in docs.values())
    code_rows = sorted((c.text, c.description, c.memo, c.in_vivo) for c in p.codes.list())
    return documents, codings, code_rows


def test_three_coders_keep_every_coding_through_export_and_import(tmp_path):
    src = three_coders(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    with zipfile.ZipFile(out) as zf:
        qde = etree.fromstring(zf.read("project.qde"))
    assert project_schema().validate(qde), project_schema().error_log
    selections = list(qde.iter(NS + "PlainTextSelection"))
    assert len(selections) == src.counts().codings == 7
    for sel in selections:
        (coding,) = sel.findall(NS + "Coding")
        assert sel.get("creatingUser") == coding.get("creatingUser")
    users = {u.get("guid"): u.get("name") for u in qde.iter(NS + "User")}
    assert sorted(users[s.get("creatingUser")] for s in selections) == ["Ada", "Ada", "Ada", "Bo", "Bo", "Cy", "Cy"]
    stamps = [e.get("creationDateTime") for e in qde.iter() if e.get("creationDateTime")]
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s) for s in stamps)

    dst = Project.create(tmp_path / "b.coder", coder="Dag")
    report = import_qdpx(dst, out)
    assert report.result.codings_added == 7
    assert rows(dst) == rows(src)                 # kinds, attributes, segments, codings per coder, memos


def test_another_tools_file_is_segmented_as_a_direct_import(tmp_path):
    """Without coder's entry (a file from another tool), every text gets paragraphs,
    turns and sentences as `coder import` would make them."""
    src = three_coders(tmp_path / "a.coder")
    stripped = as_another_tools(write_qdpx(src, tmp_path / "a.qdpx"), tmp_path / "other.qdpx")
    dst = Project.create(tmp_path / "b.coder")
    import_qdpx(dst, stripped)
    doc = dst.documents.by_name("Intervju A")
    assert doc.kind == "interview"
    direct = prepare_text(INTERVIEW, kind="interview")
    assert [(s.start, s.end, s.kind) for s in dst.documents.segments(doc.id)] == \
        [(s.start, s.end, s.kind) for s in direct.spans]
    assert len(dst.documents.segments(doc.id, "sentence")) == 5


def test_a_tampered_sidecar_is_ignored_for_that_text(tmp_path):
    src = three_coders(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(bad, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, b"{not json" if name == ENTRY else zin.read(name))
    dst = Project.create(tmp_path / "b.coder")
    assert import_qdpx(dst, bad).result.codings_added == 7
    assert dst.documents.by_name("Intervju A").kind == "interview"


def test_qualcoders_export_imports_whole_with_its_stamps(tmp_path):
    p = Project.create(tmp_path / "q.coder", coder="X")
    report = import_qdpx(p, QUALCODER)
    c = p.counts()
    assert (c.documents, c.codes, c.groups, c.themes, c.codings) == (29, 245, 19, 4, 166)
    assert report.result.codings_added == 166
    assert sorted({x.coder for x in p.codes.codings()}) == ["Anna", "Bjørn", "root"]   # QualCoder names its own user
    stamps = {x.created_at for x in p.codes.codings()}
    assert "2026-12-03T07:04:55.351+00:00" in stamps     # "+00:00Z" read, normalised
    assert c.segments == 376 and any(p.documents.segments(d.id, "sentence") for d in p.documents.list())
    assert sum(len(d.attributes) for d in p.documents.list()) == 54


def test_qualcoders_codebook_with_a_bom_imports(tmp_path):
    from coder.exchange.codebook_import import import_codebook
    p = Project.create(tmp_path / "q.coder")
    result = import_codebook(p, REFI / "qualcoder-4.0b_codebook.qdc")
    assert result.codes_added == 245 and result.groups_added == 19 and result.themes_added == 4
    assert [g.name for g in p.grouping.groups() if g.is_rest] == ["Restgruppe"]


def test_a_crafted_sidecar_cannot_put_segments_outside_the_text(tmp_path):
    import json
    src = three_coders(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    crafted = tmp_path / "crafted.qdpx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(crafted, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == ENTRY:
                tree = json.loads(data)
                for entry in tree["documents"].values():
                    entry["segments"] = [[-5, 10**9, "sentence", 7, ["x"]], [0, 3, "sentence", None, None]]
                data = json.dumps(tree).encode()
            zout.writestr(name, data)
    dst = Project.create(tmp_path / "b.coder")
    import_qdpx(dst, crafted)
    for d in dst.documents.list():
        assert [(s.start, s.end, s.speaker) for s in dst.documents.segments(d.id)] == [(0, 3, None)]
