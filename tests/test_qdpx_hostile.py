"""Crafted and broken .qdpx archives, made at test time from a valid export of a small
project: each is either refused by `coder import-qdpx` with one line naming the file
(exit 1, the project exactly as it was), or imported with what was wrong counted and
named in the summary (exit 0) where the rest of the file is sound."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coder.core import CoderError, Project
from coder.exchange.qdpx_export import write_qdpx
from coder.exchange.qdpx_import import import_qdpx
from coder.exchange.refi_codes import read_qdc
from coder.exchange.refi_offsets import decode_bytes
from tests.conftest import run_cli
from tests.qdpx_helpers import project_schema, small_project

NS = "{urn:QDA-XML:project:1.0}"
CODINGS = 6          # small_project's five, and Bo's on Ada's «Det er feil» span


@pytest.fixture(scope="module")
def entries(tmp_path_factory) -> dict[str, bytes]:
    """The entries of a valid .qdpx of two interviews coded by Ada and Bo."""
    folder = tmp_path_factory.mktemp("valid")
    small_project(folder / "a.coder").close()
    with Project.open(folder / "a.coder", coder="Bo") as p:
        p.codes.apply("Det er feil", p.documents.by_name("Intervju B").id, 54, 66)
        out = write_qdpx(p, folder / "a.qdpx")
    with zipfile.ZipFile(out) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def source_entry(entries: dict[str, bytes], name: str) -> str:
    """The archive entry holding the text of source `name`."""
    root = etree.fromstring(entries["project.qde"])
    src = next(s for s in root.iter(NS + "TextSource") if s.get("name") == name)
    return "sources/" + src.get("plainTextPath").split("//")[1]


def edited(change):
    """A mutation that edits project.qde as XML: change(root) works in place."""
    def mutate(entries: dict[str, bytes]) -> dict[str, bytes]:
        root = etree.fromstring(entries["project.qde"])
        change(root)
        return {**entries, "project.qde": etree.tostring(root, xml_declaration=True, encoding="utf-8")}
    return mutate


def first(root, tag: str, index: int = 0):
    return list(root.iter(NS + tag))[index]


def share_guid(elements: list) -> None:
    elements[1].set("guid", elements[0].get("guid"))


def set_attr(tag: str, attribute: str, value: str, index: int = 0):
    return edited(lambda root: first(root, tag, index).set(attribute, value))


def copy_guid(tag: str):
    return edited(lambda root: share_guid(list(root.iter(NS + tag))))


def not_a_guid(root, guid: str) -> None:
    """`guid` (a code's) written as no GUID is, on the code and wherever it is named."""
    for el in root.iter():
        for attribute in ("guid", "targetGUID"):
            if el.get(attribute) == guid:
                el.set(attribute, "kode nummer 2")


def utf16_with_an_odd_byte(qde: bytes) -> bytes:
    body = re.sub(rb"^<\?xml[^>]*\?>", b"", qde).decode()
    return ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16") + b"x"


def replaced(name: str, data_of):
    return lambda entries: {**entries, name: data_of(entries)}


def without(name: str):
    return lambda entries: {k: v for k, v in entries.items() if k != name}


def cut(fraction: float):
    """Raw bytes: the valid archive cut short."""
    def mutate(entries):
        data = archive_bytes(entries)
        return data[:max(0, min(len(data) - 1, int(len(data) * fraction)))]
    return mutate


def damaged_qde(entries):
    """Raw bytes: bytes in the middle of project.qde's compressed data flipped."""
    data = bytearray(archive_bytes(entries))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("project.qde")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + info.compress_size // 2, start + info.compress_size // 2 + 8):
        data[at] ^= 0x5A
    return bytes(data)


def directory_field(offset: int, value: int):
    """Raw bytes: a two-byte field of the first central directory record (project.qde's)
    set to `value`: +6 the version needed to extract, +8 the flags (bit 0: encrypted)."""
    def mutate(entries):
        data = bytearray(archive_bytes(entries))
        at = data.find(b"PK\x01\x02") + offset
        data[at:at + 2] = value.to_bytes(2, "little")
        return bytes(data)
    return mutate


def archive_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


REFUSED = {
    "truncated XML": (replaced("project.qde", lambda e: e["project.qde"][:len(e["project.qde"]) // 2]),
                      r"project\.qde: not well-formed XML"),
    "wrong root": (edited(lambda root: setattr(root, "tag", NS + "CodeBook")),
                   r"not a REFI-QDA project \(root <CodeBook>\)"),
    "qde of junk bytes": (replaced("project.qde", lambda e: random.Random(1).randbytes(4000)),
                          "not well-formed XML"),
    "qde in UTF-16 with an odd byte": (replaced("project.qde", lambda e: utf16_with_an_odd_byte(e["project.qde"])),
                                       "not well-formed XML"),
    "no .qde": (without("project.qde"), r"no \.qde project file"),
    "non-integer start": (set_attr("PlainTextSelection", "startPosition", "12.5"),
                          r"source «Intervju A» has a selection with startPosition=«12\.5», not a number"),
    "no end position": (edited(lambda root: first(root, "PlainTextSelection").attrib.pop("endPosition")),
                        r"endPosition=«», not a number"),
    "a position of 5000 digits": (set_attr("PlainTextSelection", "endPosition", "1" * 5000 + "x"),
                                  r"endPosition=«1111111111111111111…», not a number"),
    "two codes, one GUID": (edited(lambda root: share_guid([c for c in root.iter(NS + "Code")
                                                           if c.get("isCodable") == "true"])),
                            r"refused, two codes share the GUID .* \(«.+» and «.+»\)"),
    "two users, one GUID": (copy_guid("User"), r"refused, two users share the GUID .* \(«Ada» and «Bo»\)"),
    "not a zip": (lambda e: random.Random(2).randbytes(3000), "not a readable zip archive"),
    "empty file": (lambda e: b"", "not a readable zip archive"),
    "a zip of nothing": (lambda e: archive_bytes({}), r"no \.qde project file"),
    "cut at 10 %": (cut(0.1), "not a readable zip archive"),
    "cut at 60 %": (cut(0.6), "not a readable zip archive"),
    "cut by one byte": (cut(1.0), "not a readable zip archive"),
    # as the archive's GUIDs vary, the flipped bytes either fail to unpack or fail the CRC
    "damaged compressed qde": (damaged_qde, r"cannot read entry «project\.qde» \(Bad CRC|an entry does not unpack"),
    "encrypted qde": (directory_field(8, 1), r"the file is damaged \(an entry is encrypted\)"),
    "unknown zip version": (directory_field(6, 100), r"zip file version 10\.0"),
}

# name: (mutation, a line the summary holds, codings added)
IMPORTED = {
    "odd-byte UTF-16 source": (
        replaced("sources/A", lambda e: b"\xff\xfe" + e["sources/A"].decode().encode("utf-16-le") + b"!"),
        "damaged text in «Intervju A»: the file is cut off or damaged (utf-16); "
        "characters that could not be read, marked �: 1", CODINGS),
    "odd-byte UTF-16 source without a BOM": (
        replaced("sources/A", lambda e: e["sources/A"].decode().encode("utf-16-le")[:-1]),
        "damaged text in «Intervju A»: the file is cut off or damaged (utf-16-le)", CODINGS),
    "end past the text": (set_attr("PlainTextSelection", "endPosition", "9999"),
                          "positions outside the text, codings skipped: «Intervju A»: 1 selection at 12–9999 "
                          "(the text ends at 70)", CODINGS - 1),
    "negative start": (set_attr("PlainTextSelection", "startPosition", "-3"), "1 selection at -3–52",
                       CODINGS - 1),
    "start after end": (set_attr("PlainTextSelection", "startPosition", "60"), "1 selection at 60–52",
                        CODINGS - 1),
    "a huge end": (set_attr("PlainTextSelection", "endPosition", "9" * 40),
                   "1 selection at 12–9999999999999999999…", CODINGS - 1),
    "two sources, one GUID": (copy_guid("TextSource"), "GUIDs used twice, given new ones: source «Intervju B»",
                              CODINGS),
    "two selections, one GUID": (copy_guid("PlainTextSelection"), "GUIDs used twice, given new ones: 1 selection",
                                 CODINGS),
    "a source file missing": (without("sources/A"), "skipped source «Intervju A»: no plain text in the file "
                              "(internal://", CODINGS - 2),
    "GUIDs not in GUID form": (edited(lambda root: not_a_guid(root, first(root, "Code").get("guid"))),
                               f"codings:   {CODINGS} added, 0 skipped", CODINGS),
}


def _resolve(mutation, entries: dict[str, bytes]) -> bytes:
    """Apply a mutation; "sources/A" stands for Intervju A's text entry."""
    a = source_entry(entries, "Intervju A")
    named = {("sources/A" if k == a else k): v for k, v in entries.items()}
    out = mutation(named)
    if isinstance(out, bytes):
        return out
    return archive_bytes({(a if k == "sources/A" else k): v for k, v in out.items()})


@pytest.fixture
def target(tmp_path) -> Path:
    """A project with work in it already."""
    path = tmp_path / "t.coder"
    with Project.create(path, coder="Cy") as p:
        p.codes.apply("Allerede her", p.documents.add("Notat", "Allerede her, fra før."), 0, 12)
    return path


def state(path: Path):
    with Project.open(path) as p:
        c = p.counts()
        return (c.documents, c.codes, c.codings, c.groups, c.themes), [(h.id, h.action) for h in p.history.entries()]


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_with_one_line_and_the_project_as_it_was(case, entries, target, tmp_path):
    mutation, message = REFUSED[case]
    qdpx = tmp_path / "crafted.qdpx"
    qdpx.write_bytes(_resolve(mutation, entries))
    before = state(target)
    run = run_cli("import-qdpx", str(target), str(qdpx))
    assert run.returncode == 1, run.stdout
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"coder: {qdpx}"), run.stderr
    assert re.search(message, run.stderr), run.stderr
    assert state(target) == before


@pytest.mark.parametrize("case", list(IMPORTED))
def test_the_rest_is_imported_and_what_was_wrong_is_said(case, entries, target, tmp_path):
    mutation, line, codings = IMPORTED[case]
    qdpx = tmp_path / "crafted.qdpx"
    qdpx.write_bytes(_resolve(mutation, entries))
    run = run_cli("import-qdpx", str(target), str(qdpx))
    assert run.returncode == 0, run.stderr
    assert line in run.stdout, run.stdout
    skipped = CODINGS - codings
    assert f"codings:   {codings} added, {skipped} skipped" in run.stdout
    with Project.open(target) as p:
        assert p.counts().codings == 1 + codings
        assert [h.action for h in p.history.entries()][-1] == "import project"
        # what came in goes out again as a valid project, every GUID its own
        root = etree.fromstring(zipfile.ZipFile(write_qdpx(p, tmp_path / "again.qdpx")).read("project.qde"))
    assert project_schema().validate(root), project_schema().error_log
    guids = [el.get("guid") for el in root.iter() if el.get("guid")]
    assert len(guids) == len(set(guids))


def test_an_odd_byte_utf16_source_keeps_its_text_and_codings(entries, tmp_path):
    """The cut-off last character is marked; the positions before it still hold."""
    mutation = IMPORTED["odd-byte UTF-16 source"][0]
    qdpx = tmp_path / "odd.qdpx"
    qdpx.write_bytes(_resolve(mutation, entries))
    original = entries[source_entry(entries, "Intervju A")].decode()
    p = Project.create(tmp_path / "p.coder")
    import_qdpx(p, qdpx)
    doc = p.documents.by_name("Intervju A")
    assert p.documents.text(doc.id) == original + "\ufffd"
    spans = sorted((c.start, c.end) for c in p.codes.codings() if c.document_id == doc.id)
    assert spans == [(12, 52), (59, 70)]


def test_out_of_range_codings_are_named_not_clamped(entries, tmp_path):
    qdpx = tmp_path / "range.qdpx"
    qdpx.write_bytes(_resolve(set_attr("PlainTextSelection", "endPosition", "9999"), entries))
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, qdpx)
    assert report.outside_codings == 1
    assert report.outside == ["«Intervju A»: 1 selection at 12–9999 (the text ends at 70)"]
    doc = p.documents.by_name("Intervju A")
    assert sorted((c.start, c.end) for c in p.codes.codings() if c.document_id == doc.id) == [(59, 70)]


def test_sources_sharing_a_guid_both_arrive_with_their_own(entries, tmp_path):
    qdpx = tmp_path / "twins.qdpx"
    qdpx.write_bytes(_resolve(copy_guid("TextSource"), entries))
    p = Project.create(tmp_path / "p.coder")
    report = import_qdpx(p, qdpx)
    assert report.renewed_guids == ["source «Intervju B»"]
    docs = {d.name: d.id for d in p.documents.list()}
    guids = p.codebook.guids("document", docs.values())
    assert len(set(guids.values())) == 2
    original = first(etree.fromstring(entries["project.qde"]), "TextSource").get("guid")
    assert guids[docs["Intervju A"]] == original


# ---- generated junk: every outcome is an import or one CoderError naming the file ----

def _flipped(data: bytes, seed: int) -> bytes:
    rng, out = random.Random(seed), bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _qde_flipped(entries: dict[str, bytes], seed: int) -> bytes:
    return archive_bytes({**entries, "project.qde": _flipped(entries["project.qde"], seed)})


@pytest.mark.parametrize("seed", range(40))
def test_generated_junk_is_imported_or_refused_in_one_line(seed, entries, tmp_path):
    valid = archive_bytes(entries)
    data = {0: lambda: _flipped(valid, seed), 1: lambda: valid[:random.Random(seed).randrange(len(valid))],
            2: lambda: _qde_flipped(entries, seed),
            3: lambda: archive_bytes({**entries, "project.qde": entries["project.qde"][
                :random.Random(seed).randrange(len(entries["project.qde"]))]})}[seed % 4]()
    qdpx = tmp_path / f"junk{seed}.qdpx"
    qdpx.write_bytes(data)
    p = Project.create(tmp_path / "p.coder")
    try:
        report = import_qdpx(p, qdpx)
    except CoderError as exc:
        assert str(exc).startswith(str(qdpx)) and "\n" not in str(exc)
        assert p.counts().documents == 0 and p.history.entries() == []
    else:
        report.lines()
        assert p.counts().codings == report.result.codings_added


# ---- decoding source files ------------------------------------------------------------

@pytest.mark.parametrize("data, text, encoding, damaged", [
    ("Blåbær".encode(), "Blåbær", "utf-8", 0),
    (b"\xef\xbb\xbf" + "Blåbær".encode(), "Blåbær", "utf-8", 0),
    (b"\xef\xbb\xbfBl\xe5", "Bl\ufffd", "utf-8", 1),
    ("Blåbær".encode("utf-16"), "Blåbær", "utf-16", 0),
    ("Blåbær".encode("utf-16") + b"!", "Blåbær\ufffd", "utf-16", 1),
    ("Blåbær er godt".encode("utf-16-le"), "Blåbær er godt", "utf-16-le", 0),
    ("Blåbær er godt".encode("utf-16-be")[:-1], "Blåbær er god\ufffd", "utf-16-be", 1),
    ("Blåbær".encode("cp1252"), "Blåbær", "cp1252", 0),
    (b"Bl\xe5 \x81", "Blå \ufffd", "cp1252", 1),
    (b"ein NUL\x00 hier und da", "ein NUL\x00 hier und da", "utf-8", 0),   # not UTF-16 for one NUL
])
def test_decoding_names_the_damage(data, text, encoding, damaged):
    got = decode_bytes(data)
    assert (got.text, got.encoding, got.damaged) == (text, encoding, damaged)


# ---- .qdc codebooks ---------------------------------------------------------------------

def test_a_qdc_with_two_codes_on_one_guid_is_refused(tmp_path):
    guid = "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA"
    qdc = tmp_path / "book.qdc"
    qdc.write_text(f'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   f'<Code guid="{guid}" name="Folk er redde" isCodable="true"/>'
                   f'<Code guid="{{{guid.lower()}}}" name="Det er feil" isCodable="true"/></Codes></CodeBook>')
    with pytest.raises(CoderError, match=r"book\.qdc: refused, two codes share the GUID .*«Folk er redde» and «Det"):
        read_qdc(qdc)
    target = tmp_path / "t.coder"
    Project.create(target).close()
    run = run_cli("import-codebook", str(target), str(qdc))
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "two codes share the GUID" in run.stderr


def test_a_qdc_guid_not_in_guid_form_gets_a_valid_one(tmp_path):
    qdc = tmp_path / "book.qdc"
    qdc.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   '<Code guid="kode-1" name="Folk er redde" isCodable="true"/></Codes></CodeBook>')
    [code] = read_qdc(qdc).codes
    assert re.fullmatch(r"[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}", code.guid)
    assert read_qdc(qdc).codes[0].guid == code.guid          # the same each time


def test_a_guid_another_document_holds_is_not_taken_over(entries, tmp_path):
    """A second import whose changed source still carries the first one's GUID: the new
    document gets a GUID of its own, and the project's exports keep every GUID apart."""
    p = Project.create(tmp_path / "p.coder")
    first_qdpx, second_qdpx = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    first_qdpx.write_bytes(archive_bytes(entries))
    second_qdpx.write_bytes(_resolve(replaced("sources/A", lambda e: e["sources/A"] + b" Endret."), entries))
    import_qdpx(p, first_qdpx)
    report = import_qdpx(p, second_qdpx)
    assert report.result.guids_not_kept == ["Intervju A"]
    assert "document «Intervju A» (its GUID is another document's)" in report.lines()[-1]
    guids = p.codebook.guids("document", [d.id for d in p.documents.list()])
    assert len(guids) == 3 and len(set(guids.values())) == 3


QDC = ('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
       '<Code guid="AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA" name="Folk er redde" isCodable="true"/></Codes></CodeBook>')


@pytest.mark.parametrize("data, message", [
    (QDC[:len(QDC) // 2], "not well-formed XML"),
    (QDC.replace("CodeBook", "Project"), r"not a REFI-QDA codebook \(root element <Project>\)"),
    (QDC.replace(' name="Folk er redde"', ""), "a <Code> without a name"),
    (QDC.replace("<Codes>", "<Codes><Code>" * 300).replace("</Codes>", "</Code>" * 300 + "</Codes>"),
     "not well-formed XML"),
    ("", "not well-formed XML"),
    (random.Random(3).randbytes(500), "not well-formed XML"),
])
def test_a_broken_qdc_is_one_line_naming_it(tmp_path, data, message):
    qdc = tmp_path / "book.qdc"
    qdc.write_bytes(data.encode() if isinstance(data, str) else data)
    target = tmp_path / "t.coder"
    Project.create(target).close()
    run = run_cli("import-codebook", str(target), str(qdc))
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith(f"coder: {qdc}") and re.search(message, run.stderr), run.stderr
    with Project.open(target) as p:
        assert p.counts().codes == 0 and p.history.entries() == []
