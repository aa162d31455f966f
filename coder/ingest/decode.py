"""Bytes of a plain-text file → str, for the encodings people's files come in.

UTF-8 (with or without BOM) and UTF-16 with BOM are certain; anything else goes to
charset-normalizer, limited to the encodings a Norwegian text file plausibly has —
left free, it reads short Windows-1252 text as Big5 or Shift-JIS.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from coder.i18n import _
from coder.ingest.errors import UnreadableFile

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16")]
_SINGLE_BYTE = ["cp1252", "iso8859_15", "latin_1", "cp865"]
_UTF16 = ["utf_16_le", "utf_16_be"]
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL = 0.005
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def decode_text(data: bytes, path: Path | str) -> str:
    if not data.strip():
        raise UnreadableFile(_("{path}: the file is empty").format(path=path))
    text = _decode(data, path)
    if not text.strip():
        raise UnreadableFile(_("{path}: the file is empty").format(path=path))
    if _control_share(text) > _MAX_CONTROL:
        raise UnreadableFile(_("{path}: a binary file, not text").format(path=path))
    return text


def _decode(data: bytes, path: Path | str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise UnreadableFile(_("{path}: broken {encoding} text")
                                     .format(path=path, encoding=encoding.upper())) from None
    wide = b"\x00" in data      # UTF-16 without BOM, or binary data
    if wide and not _looks_utf16(data):
        raise UnreadableFile(_("{path}: a binary file, not text").format(path=path))
    if not wide:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=_UTF16 if wide else _SINGLE_BYTE).best()
    if best is None:
        raise UnreadableFile(_("{path}: not text in any encoding coder knows").format(path=path))
    return str(best)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: zero bytes fall on one parity (the high byte of ASCII)."""
    sample = data[:65536]
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    return max(even, odd) > 0.3 and min(even, odd) < 0.02


def _control_share(text: str) -> float:
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) / len(sample)
