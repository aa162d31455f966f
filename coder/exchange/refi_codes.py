"""The REFI-QDA <CodeBook>/<Codes> tree, both ways. Used for `.qdc` files and (by the
qdpx writer/reader) for the codebook inside `project.qde`.

Writing: themes > groups > codes nested as <Code> elements (themes and groups are not
codable), names "Tema N …" / "Gruppe N …" so numbers survive a round trip, GUIDs from
`Project.guids` (stable from one export to the next), strict schema element order
(Description before child Codes), no empty containers, names and descriptions without
the characters XML 1.0 cannot hold.

Reading: by local names, whatever the namespace. A top-level code with grandchildren
is a theme, one with children (or not codable) is a group, a leaf is a code; anything
deeper is flattened into its group. <Sets> (ATLAS.ti's code groups) become groups of
the codes not already grouped by nesting.

API:
    codebook_element(view, ns=CODEBOOK_NS, origin=...) -> <CodeBook> element
    codes_element(view, ns) -> <Codes> element (for a <CodeBook> you build yourself)
    qdc_bytes(view) -> bytes
    read_codebook(element, where) -> NewCodebook   (a <CodeBook> element of any namespace)
    read_qdc(path) -> NewCodebook
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from coder import __version__
from coder.core.errors import CoderError
from coder.core.models import NewCode, NewCodebook, NewGroup, NewTheme
from coder.exchange.codebook_view import CodebookView, group_title, parse_title, theme_title
from coder.exchange.safe_text import xml_text
from coder.exchange.xmlsafe import local, parse_bytes
from coder.i18n import _

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"coder {__version__}"
_RGB = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_HEX_GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_GUID = re.compile(f"{_HEX_GUID}|\\{{{_HEX_GUID}\\}}")
_FROM_ODD_GUIDS = uuid.UUID("6f1c2a43-0d2e-4f7b-9a55-3c1d8e2b7a10")   # namespace of guid_or_new's


# ---- writing -------------------------------------------------------------------------

def _code_el(parent, ns: str, guid: str, name: str, codable: bool,
             description: str | None = None, colour: str | None = None):
    el = etree.SubElement(parent, f"{{{ns}}}Code", guid=guid, name=xml_text(name) or "\ufffd",
                          isCodable="true" if codable else "false")
    if colour and _RGB.match(colour):
        el.set("color", colour)
    if description:
        etree.SubElement(el, f"{{{ns}}}Description").text = xml_text(description)
    return el


def _group_el(parent, ns: str, gv, code_guids: dict[int, str]) -> None:
    el = _code_el(parent, ns, gv.guid, group_title(gv.group), False, gv.group.memo)
    for code in gv.codes:
        _code_el(el, ns, code_guids[code.id], code.text, True, code.description, code.colour)


def codes_element(view: CodebookView, ns: str = CODEBOOK_NS):
    if view.is_empty:
        raise CoderError(_("the codebook is empty: no codes, groups or themes to export"))
    codes = etree.Element(f"{{{ns}}}Codes", nsmap={None: ns})
    for code in view.codes:
        _code_el(codes, ns, view.code_guids[code.id], code.text, True, code.description, code.colour)
    for gv in view.groups:
        _group_el(codes, ns, gv, view.code_guids)
    for tv in view.themes:
        assert tv.guid is not None, "an export's view is made with GUIDs"
        el = _code_el(codes, ns, tv.guid, theme_title(tv.theme), False, tv.theme.memo)
        for gv in tv.groups:
            _group_el(el, ns, gv, view.code_guids)
    return codes


def codebook_element(view: CodebookView, ns: str = CODEBOOK_NS, origin: str = ORIGIN):
    book = etree.Element(f"{{{ns}}}CodeBook", nsmap={None: ns}, origin=origin)
    book.append(codes_element(view, ns))
    return book


def qdc_bytes(view: CodebookView) -> bytes:
    return etree.tostring(codebook_element(view), xml_declaration=True, encoding="utf-8", pretty_print=True)


# ---- reading -------------------------------------------------------------------------

@dataclass
class _Node:
    guid: str | None
    name: str
    codable: bool
    colour: str | None
    description: str | None
    children: list[_Node] = field(default_factory=list)

    @property
    def is_container(self) -> bool:
        return bool(self.children) or not self.codable

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def as_code(self) -> NewCode:
        return NewCode(self.name, self.description, self.colour, self.guid)


def guid_or_new(value: str | None) -> str | None:
    """The GUID another tool wrote, if it is one; else one made from what it wrote (the
    same each time, so references to it still meet), as coder writes GUIDs back out and
    REFI-QDA readers refuse a malformed one."""
    value = (value or "").strip()
    if not value or _GUID.fullmatch(value):
        return value or None
    return str(uuid.uuid5(_FROM_ODD_GUIDS, value)).upper()


def _child(el, name: str):
    return next((c for c in el if local(c.tag) == name), None)


def _description(el) -> str | None:
    d = _child(el, "Description")
    text = (d.text or "").strip() if d is not None else ""
    return text or None


def _node(el) -> _Node:
    colour = el.get("color")
    return _Node(guid=guid_or_new(el.get("guid")), name=" ".join((el.get("name") or "").split()),
                 codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
                 colour=colour if colour and _RGB.match(colour) else None,
                 description=_description(el),
                 children=[_node(c) for c in el if local(c.tag) == "Code"])


def _group(node: _Node, codes: list[_Node]) -> NewGroup:
    title = parse_title(node.name)
    return NewGroup(name=title.name if title else node.name,
                    codes=tuple(c.as_code() for c in codes if c.name),
                    number=title.number if title else None,
                    is_rest=title.is_rest if title else "restgruppe" in node.name.lower(),
                    memo=node.description, guid=node.guid)


def _theme(node: _Node) -> NewTheme:
    groups = [_group(c, list(c.descendants())) for c in node.children if c.is_container]
    leaves = [c for c in node.children if not c.is_container]
    if leaves:  # codes straight under a theme: keep them in a group of the theme's name
        groups.append(NewGroup(node.name, tuple(c.as_code() for c in leaves)))
    title = parse_title(node.name)
    return NewTheme(name=title.name if title else node.name, groups=tuple(groups),
                    number=title.number if title else None, memo=node.description, guid=node.guid)


def _check_guids(nodes: list[_Node], where: str) -> None:
    """Codings and sets name a code by its GUID: two codes of different names with one
    GUID make that a guess, so the file is refused (the same name twice is one code)."""
    names: dict[str, str] = {}
    for node in (n for top in nodes for n in (top, *top.descendants())):
        guid = (node.guid or "").strip().strip("{}").lower()
        if guid and names.setdefault(guid, node.name) != node.name:
            raise CoderError(_("{file}: refused, two codes share the GUID {guid} («{one}» and «{other}»): which one "
                               "a coding or set means cannot be told").format(file=where, guid=guid,
                                                                               one=names[guid], other=node.name))


def read_codebook(element, where: str) -> NewCodebook:
    """Read a <CodeBook> element (or one holding <Codes>/<Sets> children)."""
    codes_el = _child(element, "Codes")
    nodes = [_node(c) for c in codes_el if local(c.tag) == "Code"] if codes_el is not None else []
    if any(not n.name for n in nodes):
        raise CoderError(_("{file}: a <Code> without a name").format(file=where))
    _check_guids(nodes, where)
    themes, groups, loose = [], [], []
    for n in nodes:
        if not n.is_container:
            loose.append(n)
        elif any(c.is_container for c in n.children):
            themes.append(_theme(n))
        else:
            groups.append(_group(n, list(n.descendants())))
    loose_by_guid: dict[str | None, _Node] = {n.guid: n for n in loose if n.guid}
    sets_el = _child(element, "Sets")
    for s in (sets_el if sets_el is not None else []):
        if local(s.tag) != "Set":
            continue
        members = [loose_by_guid.pop(guid_or_new(m.get("guid"))) for m in s
                   if local(m.tag) == "MemberCode" and guid_or_new(m.get("guid")) in loose_by_guid]
        groups.append(_group(_Node(guid_or_new(s.get("guid")), " ".join((s.get("name") or "set").split()), False, None,
                                   _description(s)), members))
    remaining = [n for n in loose if n.guid is None or n.guid in loose_by_guid]
    book = NewCodebook(tuple(themes), tuple(groups), tuple(n.as_code() for n in remaining),
                       origin=element.get("origin"))
    if not (book.themes or book.groups or book.codes):
        raise CoderError(_("{file}: no codes in the codebook").format(file=where))
    return book


def read_qdc(path: Path) -> NewCodebook:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CoderError(_("{path}: cannot be read ({why})").format(path=path, why=exc.strerror)) from None
    root = parse_bytes(data, str(path))
    if local(root.tag) != "CodeBook":
        raise CoderError(_("{path}: not a REFI-QDA codebook (root element <{root}>)").format(
            path=path, root=local(root.tag)))
    return read_codebook(root, str(path))
