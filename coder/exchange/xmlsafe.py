"""Parse XML from other programs without trusting it: no external entities, no DTD
loading, no network, no entity expansion (billion laughs)."""

from __future__ import annotations

from lxml import etree

from coder.core.errors import CoderError
from coder.i18n import _


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def parse_bytes(data: bytes, where: str) -> etree._Element:
    """Parse a document; `where` names the file in the error message."""
    if b"<!ENTITY" in data[:65536]:
        raise CoderError(_("{file}: XML with entity declarations is refused").format(file=where))
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CoderError(_("{file}: not well-formed XML ({why})").format(file=where, why=exc.msg)) from None


def local(tag) -> str:
    """The local name of an element, whatever its namespace (tools vary)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""     # "{namespace}name"
