"""Readers for documents: file → raw text (paragraphs separated by blank lines).

Each reader raises UnreadableFile with one line naming the file and the reason;
survey files (.csv, .xlsx) have their own module, survey.py.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coder.ingest.decode import decode_text
from coder.ingest.errors import UnreadableFile
from coder.text.repair import looks_pdf_extracted

# An OLE compound file: what Office writes for a password-protected docx/xlsx
# (and for the old binary .doc/.xls).
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class RawText:
    text: str
    pdf: bool = False          # from a PDF's text layer: wrapped lines, hyphens to repair


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_plain(path: Path) -> RawText:
    text = decode_text(read_bytes(path), path)
    return RawText(text, pdf=looks_pdf_extracted(text))


def check_zip_package(path: Path, what: str) -> None:
    """docx, odt and xlsx are zip packages; say plainly when this one is not."""
    data = read_bytes(path)
    if not data:
        raise UnreadableFile(f"{path}: the file is empty")
    if data.startswith(CFB_MAGIC):
        raise UnreadableFile(f"{path}: password-protected (or an old binary Office file); "
                             f"save it as {what} without a password")
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(f"{path}: corrupt {what} (not a zip package)")


def read_docx(path: Path) -> RawText:
    check_zip_package(path, ".docx")
    import docx
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise UnreadableFile(f"{path}: corrupt .docx ({type(exc).__name__})") from None
    blocks = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks.extend(_docx_table(item))
        else:
            blocks.append(item.text)
    return RawText(_join(blocks))


def _docx_table(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:          # a merged cell appears once per grid column
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
        rows.append(" | ".join(c for c in cells if c))
    return rows


def read_odt(path: Path) -> RawText:
    check_zip_package(path, ".odt")
    with zipfile.ZipFile(path) as package:
        try:
            manifest = package.read("META-INF/manifest.xml")
        except KeyError:
            manifest = b""
    if b"encryption-data" in manifest:
        raise UnreadableFile(f"{path}: password-protected; save it as .odt without a password")
    from odf.opendocument import load
    try:
        document = load(str(path))
    except Exception as exc:  # odfpy surfaces zip, XML and key errors alike
        raise UnreadableFile(f"{path}: corrupt .odt ({type(exc).__name__})") from None
    blocks: list[str] = []
    _odt_blocks(document.text, blocks)
    return RawText(_join(blocks))


def _odt_blocks(element, blocks: list[str]) -> None:
    from odf import teletype
    for child in element.childNodes:
        local = getattr(child, "qname", (None, None))[1]
        if local in ("p", "h"):
            blocks.append(teletype.extractText(child))
        elif local == "table-row":
            cells = [" ".join(teletype.extractText(c).split()) for c in child.childNodes
                     if getattr(c, "qname", (None, None))[1] == "table-cell"]
            blocks.append(" | ".join(c for c in cells if c))
        elif getattr(child, "childNodes", None):
            _odt_blocks(child, blocks)


def read_pdf(path: Path) -> RawText:
    data = read_bytes(path)
    if not data:
        raise UnreadableFile(f"{path}: the file is empty")
    import pypdf
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not for users
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(f"{path}: password-protected PDF; remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise UnreadableFile(f"{path}: corrupt PDF ({type(exc).__name__})") from None
    text = "\n\n".join(pages)
    if not any(ch.isalpha() for ch in text):
        raise UnreadableFile(f"{path}: no text layer — run OCR first")
    return RawText(text, pdf=True)


def _join(blocks: list[str]) -> str:
    return "\n\n".join(b.strip() for b in blocks if b and b.strip())


READERS: dict[str, Callable[[Path], RawText]] = {
    ".txt": read_plain, ".md": read_plain, ".text": read_plain,
    ".docx": read_docx, ".odt": read_odt, ".pdf": read_pdf,
}
