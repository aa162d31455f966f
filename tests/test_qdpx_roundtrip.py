"""coder → .qdpx → coder: the export validates against Project.xsd and comes back with
the same documents, codes, structure and offsets."""

import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from coder.core import Project
from coder.exchange.qdpx_export import write_qdpx
from coder.exchange.qdpx_import import import_qdpx
from tests.qdpx_helpers import project_schema, small_project

ROOT = Path(__file__).resolve().parent.parent


def snapshot(p: Project):
    docs = {d.id: d for d in p.documents.list()}
    codes = {c.id: c.text for c in p.codes.list()}
    codings = sorted((docs[c.document_id].name, codes[c.code_id], c.start, c.end, c.coder, c.memo)
                     for c in p.codes.codings())
    texts = {d.name: p.documents.text(d.id) for d in docs.values()}
    attrs = {d.name: d.attributes for d in docs.values()}
    themes = {t.id: t.name for t in p.grouping.themes()}
    groups = sorted((g.name, themes.get(g.theme_id), tuple(sorted(codes[c] for c in g.code_ids)))
                    for g in p.grouping.groups())
    rest = [g.name for g in p.grouping.groups() if g.is_rest]
    return texts, attrs, sorted(codes.values()), codings, groups, rest


def test_export_validates_and_round_trips(tmp_path):
    src = small_project(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        qde = etree.fromstring(zf.read("project.qde"))
        assert len([n for n in names if n.startswith("sources/") and n.endswith(".txt")]) == 2
    schema = project_schema()
    assert schema.validate(qde), schema.error_log
    dst = Project.create(tmp_path / "b.coder", coder="Bob")
    report = import_qdpx(dst, out)
    assert report.result.codings_added == 5 and not report.skipped_sources
    assert snapshot(dst) == snapshot(src)


def test_selection_offsets_are_coder_offsets(tmp_path):
    src = small_project(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    with zipfile.ZipFile(out) as zf:
        qde = etree.fromstring(zf.read("project.qde"))
        ns = "{urn:QDA-XML:project:1.0}"
        for source in qde.iter(ns + "TextSource"):
            text = zf.read("sources/" + source.get("plainTextPath").split("//")[1]).decode("utf-8")
            doc = src.documents.by_name(source.get("name"))
            assert text == src.documents.text(doc.id)
            for sel in source.iter(ns + "PlainTextSelection"):
                a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert sel.get("name").startswith(" ".join(text[a:b].split())[:50])


def test_guids_are_stable_between_exports(tmp_path):
    src = small_project(tmp_path / "a.coder")
    first = zipfile.ZipFile(write_qdpx(src, tmp_path / "1.qdpx")).read("project.qde")
    second = zipfile.ZipFile(write_qdpx(src, tmp_path / "2.qdpx")).read("project.qde")
    assert first == second


def test_empty_project_exports_valid(tmp_path):
    p = Project.create(tmp_path / "e.coder")
    out = write_qdpx(p, tmp_path / "e.qdpx")
    qde = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    assert project_schema().validate(qde), project_schema().error_log


def test_cli_import_qdpx(tmp_path):
    src = small_project(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    src.close()
    target = tmp_path / "b.coder"
    Project.create(target).close()
    run = subprocess.run([sys.executable, "-m", "coder", "import-qdpx", str(target), str(out), "--coder", "Bob"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "codings:   5 added" in run.stdout
    with Project.open(target) as p:
        assert p.counts().codings == 5 and p.history.entries()[-1].coder == "Bob"


def test_codebook_guids_match_the_qdc_export_and_source_guids_survive(tmp_path):
    from coder.exchange.codebook_view import codebook_view
    from coder.exchange.refi_codes import qdc_bytes
    src = small_project(tmp_path / "a.coder")
    out = write_qdpx(src, tmp_path / "a.qdpx")
    qde = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    qdc = etree.fromstring(qdc_bytes(codebook_view(src)))
    guids = lambda root: sorted((e.get("name"), e.get("guid")) for e in root.iter("{*}Code"))  # noqa: E731
    assert guids(qde) == guids(qdc)
    # a project imported from a .qdpx keeps the sources' GUIDs on the way out again
    dst = Project.create(tmp_path / "b.coder")
    import_qdpx(dst, out)
    again = etree.fromstring(zipfile.ZipFile(write_qdpx(dst, tmp_path / "b.qdpx")).read("project.qde"))
    sources = lambda root: sorted((e.get("name"), e.get("guid")) for e in root.iter("{*}TextSource"))  # noqa: E731
    assert sources(again) == sources(qde)
    assert guids(again) == guids(qde)


def test_a_large_import_segments_in_the_worker_as_it_would_here(tmp_path, monkeypatch):
    """Above WORKER_FROM characters the worker process segments the documents:
    the project comes out the same, segments and lemmas included."""
    import coder.exchange.qdpx_import as qdpx_import
    from coder.ingest import import_files

    src = Project.create(tmp_path / "a.coder", coder="Ann")
    import_files(src, [ROOT / "corpus"])
    out = write_qdpx(src, tmp_path / "a.qdpx")

    def imported(name: str, threshold: int):
        monkeypatch.setattr(qdpx_import, "WORKER_FROM", threshold)
        p = Project.create(tmp_path / name, coder="Bob")
        import_qdpx(p, out)
        rows = p.db.conn.execute("SELECT d.name, s.start, s.end, s.kind, s.speaker, s.lemmas FROM segments s "
                                 "JOIN documents d ON d.id = s.document_id ORDER BY d.name, s.start, s.end, s.kind")
        return snapshot(p), rows.fetchall()

    from coder.text.worker import Helper
    here = imported("here.coder", 10**12)
    sent = []
    run = Helper.run
    monkeypatch.setattr(Helper, "run", lambda self, *args: sent.append(args) or run(self, *args))
    there = imported("there.coder", 0)
    assert sent                                    # the helper did take part
    assert there == here and len(here[1]) > 1000
