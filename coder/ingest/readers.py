"""Readers for documents: file → raw text (paragraphs separated by blank lines).

Each reader raises UnreadableFile with one line naming the file and the reason;
survey files (.csv, .xlsx) have their own module, survey.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coder.core import check_input_file
from coder.core.errors import CoderError
from coder.i18n import _
from coder.ingest.decode import decode_text
from coder.ingest.errors import UnreadableFile
from coder.ingest.zipsafe import DOCUMENT_MAX_TOTAL, SafeZip, UnsafeArchive
from coder.text.repair import looks_pdf_extracted

# An OLE compound file: what Office writes for a password-protected docx/xlsx
# (and for the old binary .doc/.xls).
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
# An entry every package of the kind has, and what it says: a file of another kind with
# its extension changed is then named so, not called damaged.
_MARKS = {".docx": ("[Content_Types].xml", b"wordprocessingml"),
          ".xlsx": ("[Content_Types].xml", b"spreadsheetml"),
          ".odt": ("META-INF/manifest.xml", b"opendocument")}

# The libraries' notes on odd files (openpyxl's warnings, pypdf's repairs) are not for users.
warnings.filterwarnings("ignore", module=r"(openpyxl|docx|odf|pypdf)(\.|$)")
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


@dataclass(frozen=True)
class RawText:
    text: str
    pdf: bool = False          # from a PDF's text layer: wrapped lines, hyphens to repair


def check_regular(path: Path) -> int:
    """The file's size; a pipe or device, or a project this process holds, is refused
    before it is opened (coder.core.check_input_file says why)."""
    try:
        return check_input_file(path)
    except CoderError as exc:
        raise UnreadableFile(str(exc)) from None


def read_bytes(path: Path) -> bytes:
    check_regular(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(_("{path}: cannot be read ({reason})")
                             .format(path=path, reason=exc.strerror or exc)) from None


@contextlib.contextmanager
def library_errors(path: Path, what: str) -> Iterator[None]:
    """Whatever a reading library raises on a damaged or hostile file (they raise many
    kinds, deep recursion included) becomes one line naming the file."""
    try:
        yield
    except CoderError:
        raise
    except Exception as exc:
        kind = type(exc).__name__
        kind = f"{type(exc).__module__}.{kind}" if kind == "error" else kind    # zlib.error
        raise UnreadableFile(_("{path}: corrupt {what} ({kind})").format(path=path, what=what, kind=kind)) from None


def read_plain(path: Path) -> RawText:
    text = decode_text(read_bytes(path), path)
    return RawText(text, pdf=looks_pdf_extracted(text))


def check_zip_package(path: Path, what: str) -> SafeZip:
    """docx, odt and xlsx are zip packages: say plainly when this one is not, and refuse
    one that would unpack to too much before a library unpacks it."""
    _check_head(path, what)
    try:
        package = SafeZip(path, max_total=DOCUMENT_MAX_TOTAL)
    except UnsafeArchive:
        raise
    except CoderError:
        raise UnreadableFile(_("{path}: corrupt {what} (not a zip package)").format(path=path, what=what)) from None
    try:
        entry, mark = _MARKS[what]
        found = package.find(entry)
        if found is None or mark not in package.read(found):
            raise UnreadableFile(_("{path}: corrupt {what} (or another kind of file, renamed)")
                                 .format(path=path, what=what))
    except CoderError:
        package.close()
        raise
    return package


def _check_head(path: Path, what: str) -> None:
    if not check_regular(path):
        raise UnreadableFile(_("{path}: the file is empty").format(path=path))
    try:
        with path.open("rb") as fh:
            head = fh.read(len(CFB_MAGIC))
    except OSError as exc:
        raise UnreadableFile(_("{path}: cannot be read ({reason})")
                             .format(path=path, reason=exc.strerror or exc)) from None
    if head == CFB_MAGIC:
        raise UnreadableFile(_("{path}: password-protected (or an old binary Office file); save it as {what} "
                               "without a password")
                             .format(path=path, what=what))


def read_docx(path: Path) -> RawText:
    check_zip_package(path, ".docx").close()
    import docx
    with library_errors(path, ".docx"):
        document = docx.Document(str(path))
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
    with check_zip_package(path, ".odt") as package:
        manifest = package.find("META-INF/manifest.xml")
        if manifest and b"encryption-data" in package.read(manifest):
            raise UnreadableFile(_("{path}: password-protected; save it as .odt without a password").format(path=path))
    from odf.opendocument import load
    with library_errors(path, ".odt"):
        document = load(str(path))
        if not document.mimetype.startswith(ODT_MIMETYPE):
            raise UnreadableFile(_("{path}: not a text document (.odt); a spreadsheet or presentation, perhaps")
                                 .format(path=path))
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
        raise UnreadableFile(_("{path}: the file is empty").format(path=path))
    import pypdf
    with library_errors(path, "PDF"):
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypted(reader):
            raise UnreadableFile(_("{path}: encrypted (password-protected); save a copy without the password "
                                   "and import that")
                                 .format(path=path))
        pages = [page.extract_text() or "" for page in reader.pages]
    text = "\n\n".join(pages)
    if not any(ch.isalpha() for ch in text):
        raise UnreadableFile(_("{path}: no text layer; run OCR first").format(path=path))
    return RawText(text, pdf=True)


def _decrypted(reader) -> bool:
    """A PDF with only an owner password (against printing or copying) opens with an
    empty user password. AES needs the cryptography package (pypdf's crypto extra)."""
    from pypdf.errors import DependencyError
    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        return False


def _join(blocks: list[str]) -> str:
    return "\n\n".join(b.strip() for b in blocks if b and b.strip())


READERS: dict[str, Callable[[Path], RawText]] = {
    ".txt": read_plain, ".md": read_plain, ".text": read_plain,
    ".docx": read_docx, ".odt": read_odt, ".pdf": read_pdf,
}
