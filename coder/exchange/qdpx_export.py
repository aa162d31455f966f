"""Write a coder project as a REFI-QDA project (.qdpx): project.qde plus sources/*.txt.

The .qde validates against Project.xsd (QDA-XML 1.0): elements in schema order, no
empty containers. The codebook part is refi_codes' (tema > kodegruppe > code, the same
tree and GUIDs as a .qdc export); each document is a TextSource whose UTF-8 text file holds coder's own
text, so positions are coder's code-point offsets unchanged, and its attributes are
VariableValues. One PlainTextSelection per coding, owned by that coding's coder: readers
such as QualCoder take a selection's owner for all its codings, and NVivo and MAXQDA
never put two in one. Time stamps are UTC ending in `Z` (refi_time). Kinds, languages
and segments go beside the project in coder's own entry (qdpx_sidecar). GUIDs come from
Project.guids (kept from the tool a project came from, else derived), so exporting twice
gives the same GUIDs.

Names, memos and attribute values go in without the characters XML 1.0 cannot hold; in
a source's text each such character becomes U+FFFD, one for one, so every coding's
offsets still point at the same words. The archive is written by safe_write: whole or
not at all.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from coder.core.models import Coding, Document
from coder.exchange.codebook_view import codebook_view
from coder.exchange.qdpx_sidecar import ENTRY, sidecar_bytes
from coder.exchange.refi_codes import ORIGIN, codes_element
from coder.exchange.refi_time import refi_stamp
from coder.exchange.safe_text import xml_text, xml_text_same_length
from coder.exchange.safe_write import check_target, write_atomically

NS = "urn:QDA-XML:project:1.0"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Guids:
    """GUIDs for what only a project file has (users, selections, codings): uuid5 over
    the project's uuid, as Project.guids derives those of codes, groups and documents."""

    def __init__(self, project):
        self.ns = uuid.UUID(project.codebook.project_uuid()).bytes
        self.users: dict[str, str] = {}

    def user(self, name: str) -> str:
        if name not in self.users:
            self.users[name] = self("user", name)
        return self.users[name]

    def __call__(self, kind: str, key) -> str:
        h = bytearray(hashlib.sha1(self.ns + f"{kind}:{key}".encode()).digest()[:16])
        h[6] = (h[6] & 0x0F) | 0x50          # version 5
        h[8] = (h[8] & 0x3F) | 0x80          # RFC 4122 variant
        x = h.hex().upper()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def write_qdpx(project, path: str | Path) -> Path:
    path = Path(path)
    check_target(path)
    guid = _Guids(project)
    documents = project.documents.list()
    codings = project.codes.codings()
    coders = sorted({c.coder for c in codings} | {project.coder})
    root = etree.Element(_q("Project"), nsmap={None: NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation", f"{NS} Project.xsd")
    root.set("name", xml_text(project.path.stem))
    root.set("origin", ORIGIN)
    root.set("creatingUserGUID", guid.user(project.coder))

    users = etree.SubElement(root, _q("Users"))
    for name in coders:
        etree.SubElement(users, _q("User"), guid=guid.user(name), name=xml_text(name))
    view = codebook_view(project)
    if not view.is_empty:
        etree.SubElement(root, _q("CodeBook")).append(codes_element(view, NS))
    code_guids = project.codebook.guids("code", [c.id for c in project.codes.list(order="id")])
    doc_guids = project.codebook.guids("document", [d.id for d in documents])
    attribute_names = sorted({k for d in documents for k in d.attributes})
    if attribute_names:
        variables = etree.SubElement(root, _q("Variables"))
        for name in attribute_names:
            etree.SubElement(variables, _q("Variable"), guid=guid("variable", name), name=xml_text(name),
                             typeOfVariable="Text")
    texts = {}
    if documents:
        sources = etree.SubElement(root, _q("Sources"))
        by_doc: dict[int, list[Coding]] = defaultdict(list)
        for c in codings:
            by_doc[c.document_id].append(c)
        for doc in documents:
            texts[doc.id] = xml_text_same_length(project.documents.text(doc.id))
            _source(sources, doc, doc_guids[doc.id], texts[doc.id], by_doc[doc.id], code_guids, guid)
    memo = project.settings.get("memo")
    if memo:
        etree.SubElement(root, _q("Description")).text = xml_text(memo)

    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    extra = sidecar_bytes(project, doc_guids)

    def write(fh) -> None:
        # Level 1: a third of the time of the default for text, and barely larger.
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("project.qde", xml)
            zf.writestr(ENTRY, extra)
            for doc in documents:
                zf.writestr(f"sources/{doc_guids[doc.id]}.txt", texts[doc.id].encode("utf-8"))
    return write_atomically(path, write)


def _source(sources, doc: Document, doc_guid: str, text: str, codings: list[Coding],
            code_guids: dict[int, str], guid) -> None:
    el = etree.SubElement(sources, _q("TextSource"), guid=doc_guid, name=xml_text(doc.name),
                          plainTextPath=f"internal://{doc_guid}.txt", creationDateTime=refi_stamp(doc.imported_at))
    if doc.memo:
        etree.SubElement(el, _q("Description")).text = xml_text(doc.memo)
    for c in sorted(codings, key=lambda c: (c.start, c.end, c.id)):
        excerpt = " ".join(text[c.start:c.end].split())
        sel = etree.SubElement(el, _q("PlainTextSelection"), guid=guid("selection", c.id),
                               name=excerpt if len(excerpt) <= 100 else excerpt[:99] + "…",
                               startPosition=str(c.start), endPosition=str(c.end),
                               creatingUser=guid.user(c.coder), creationDateTime=refi_stamp(c.created_at))
        if c.memo:
            etree.SubElement(sel, _q("Description")).text = xml_text(c.memo)
        coding = etree.SubElement(sel, _q("Coding"), guid=guid("coding", c.id),
                                  creatingUser=guid.user(c.coder), creationDateTime=refi_stamp(c.created_at))
        etree.SubElement(coding, _q("CodeRef"), targetGUID=code_guids[c.code_id])
    for name, value in doc.attributes.items():
        vv = etree.SubElement(el, _q("VariableValue"))
        etree.SubElement(vv, _q("VariableRef"), targetGUID=guid("variable", name))
        etree.SubElement(vv, _q("TextValue")).text = xml_text(value or "")
