"""Write a coder project as a REFI-QDA project (.qdpx): project.qde plus sources/*.txt.

The .qde validates against Project.xsd (QDA-XML 1.0): elements in schema order, no
empty containers. Codes are nested tema > kodegruppe > code (the levels above codes are
not codable); each document is a TextSource whose UTF-8 text file holds coder's own
text, so positions are coder's code-point offsets unchanged. One PlainTextSelection per
coded span carries one Coding per code. GUIDs are derived from the project's content,
so exporting twice gives the same GUIDs.
"""

from __future__ import annotations

import uuid
import zipfile
from collections import defaultdict
from pathlib import Path

from lxml import etree

from coder.core.models import Code, Coding, Document

NS = "urn:QDA-XML:project:1.0"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
ORIGIN = "coder"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class _Guids:
    """Deterministic GUIDs: uuid5 over a namespace that is stable for one project."""

    def __init__(self, project):
        history = project.history(limit=None)
        seed = history[0].at if history else str(project.path.name)
        self.ns = uuid.uuid5(uuid.NAMESPACE_URL, f"coder-project:{seed}")

    def __call__(self, kind: str, key) -> str:
        return str(uuid.uuid5(self.ns, f"{kind}:{key}")).upper()


def write_qdpx(project, path: str | Path) -> Path:
    path = Path(path)
    guid = _Guids(project)
    documents = project.documents()
    codings = project.codings()
    coders = sorted({c.coder for c in codings} | {project.coder})
    root = etree.Element(_q("Project"), nsmap={None: NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation", f"{NS} Project.xsd")
    root.set("name", project.path.stem)
    root.set("origin", ORIGIN)
    root.set("creatingUserGUID", guid("user", project.coder))

    users = etree.SubElement(root, _q("Users"))
    for name in coders:
        etree.SubElement(users, _q("User"), guid=guid("user", name), name=name)
    codes = project.codes(order="id")
    if codes:
        _codebook(project, root, codes, guid)
    attribute_names = sorted({k for d in documents for k in d.attributes})
    if attribute_names:
        variables = etree.SubElement(root, _q("Variables"))
        for name in attribute_names:
            etree.SubElement(variables, _q("Variable"), guid=guid("variable", name), name=name,
                             typeOfVariable="Text")
    texts = {}
    if documents:
        sources = etree.SubElement(root, _q("Sources"))
        by_doc: dict[int, list[Coding]] = defaultdict(list)
        for c in codings:
            by_doc[c.document_id].append(c)
        for doc in documents:
            texts[doc.id] = project.document_text(doc.id)
            _source(sources, doc, texts[doc.id], by_doc[doc.id], guid)
    memo = project.get_setting("memo")
    if memo:
        etree.SubElement(root, _q("Description")).text = memo

    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("project.qde", xml)
        for doc in documents:
            zf.writestr(f"sources/{guid('document', doc.sha256)}.txt", texts[doc.id].encode("utf-8"))
    tmp.replace(path)
    return path


def _codebook(project, root, codes: list[Code], guid) -> None:
    by_id = {c.id: c for c in codes}
    groups = project.groups()
    grouped = {cid for g in groups for cid in g.code_ids}
    container = etree.SubElement(etree.SubElement(root, _q("CodeBook")), _q("Codes"))

    def code_el(parent, code: Code) -> None:
        el = etree.SubElement(parent, _q("Code"), guid=guid("code", code.id), name=code.text, isCodable="true")
        if code.colour and code.colour.startswith("#") and len(code.colour) in (4, 7):
            el.set("color", code.colour)
        if code.description:
            etree.SubElement(el, _q("Description")).text = code.description

    def group_el(parent, g) -> None:
        el = etree.SubElement(parent, _q("Code"), guid=guid("group", g.id), name=g.name, isCodable="false")
        if g.memo:
            etree.SubElement(el, _q("Description")).text = g.memo
        for cid in g.code_ids:
            code_el(el, by_id[cid])

    themed = defaultdict(list)
    for g in groups:
        themed[g.theme_id].append(g)
    for theme in project.themes():
        el = etree.SubElement(container, _q("Code"), guid=guid("theme", theme.id), name=theme.name,
                              isCodable="false")
        if theme.memo:
            etree.SubElement(el, _q("Description")).text = theme.memo
        for g in themed[theme.id]:
            group_el(el, g)
    for g in themed[None]:
        group_el(container, g)
    for code in codes:
        if code.id not in grouped:
            code_el(container, code)


def _source(sources, doc: Document, text: str, codings: list[Coding], guid) -> None:
    doc_guid = guid("document", doc.sha256)
    el = etree.SubElement(sources, _q("TextSource"), guid=doc_guid, name=doc.name,
                          plainTextPath=f"internal://{doc_guid}.txt", creationDateTime=doc.imported_at)
    if doc.memo:
        etree.SubElement(el, _q("Description")).text = doc.memo
    spans: dict[tuple[int, int], list[Coding]] = defaultdict(list)
    for c in codings:
        spans[(c.start, c.end)].append(c)
    for (start, end), group in sorted(spans.items()):
        excerpt = " ".join(text[start:end].split())
        sel = etree.SubElement(el, _q("PlainTextSelection"), guid=guid("selection", f"{doc.id}:{start}:{end}"),
                               name=excerpt if len(excerpt) <= 100 else excerpt[:99] + "…",
                               startPosition=str(start), endPosition=str(end),
                               creatingUser=guid("user", group[0].coder), creationDateTime=group[0].created_at)
        memos = [c.memo for c in group if c.memo]
        if memos:
            etree.SubElement(sel, _q("Description")).text = "\n\n".join(memos)
        for c in group:
            coding = etree.SubElement(sel, _q("Coding"), guid=guid("coding", c.id),
                                      creatingUser=guid("user", c.coder), creationDateTime=c.created_at)
            etree.SubElement(coding, _q("CodeRef"), targetGUID=guid("code", c.code_id))
    for name, value in doc.attributes.items():
        vv = etree.SubElement(el, _q("VariableValue"))
        etree.SubElement(vv, _q("VariableRef"), targetGUID=guid("variable", name))
        etree.SubElement(vv, _q("TextValue")).text = value or ""
