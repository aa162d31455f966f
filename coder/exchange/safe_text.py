"""User text made safe for the formats it is exported to. Names, memos and texts may
hold anything a file or a keyboard gave them: NUL and other control characters,
U+FFFE/U+FFFF, a leading "=" or "-", Markdown and HTML.

    xml_text(s)          without the characters XML 1.0 cannot hold or advises against
                         (for docx, xlsx, qdc, qdpx, md, html and csv)
    xml_text_same_length(s)  each of those replaced by U+FFFD, so offsets into it stay right
    csv_cell(v) / csv_cell_read(s)   a spreadsheet cell that cannot run as a formula, and back
    md_inline(s) / md_unescape(s)    one line of Markdown that shows as its literal text, and back
"""

from __future__ import annotations

import re

# XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (no NUL, no
# other C0 controls, no lone surrogates, no U+FFFE/U+FFFF). Word and Excel use XML, so
# their files cannot hold these either. DEL and the C1 controls are allowed but advised
# against (XML 1.0 §2.2; XML 1.1 takes them only as references) and are invisible: out too.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def xml_text_same_length(text: str) -> str:
    """For a document's text, into which codings are offsets. A leading U+FEFF goes too:
    readers take it for a byte-order mark and drop it, which would shift every offset."""
    text = _NOT_XML.sub("\ufffd", text)
    return "\ufffd" + text[1:] if text.startswith("\ufeff") else text


# ---- spreadsheets ---------------------------------------------------------------------

# What Excel, LibreOffice and Google Sheets take for the start of a formula (OWASP).
# Quotes before it are counted in, so that csv_cell_read can take exactly one away.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def starts_like_formula(text: str) -> bool:
    return bool(_FORMULA.match(text))


def csv_cell(value):
    """A cell of user text: safe characters, and a quote before anything a spreadsheet
    would run as a formula (the usual defence; spreadsheets show the quote)."""
    if not isinstance(value, str):
        return value
    value = xml_text(value)
    return "'" + value if starts_like_formula(value) else value


def csv_cell_read(text: str) -> str:
    """A cell as csv_cell wrote it → the text it was given."""
    return text[1:] if text.startswith("'") and starts_like_formula(text) else text


# ---- Markdown -------------------------------------------------------------------------

# Inline syntax (emphasis, code, links and images, raw HTML and autolinks, entities,
# tables, strikethrough, a heading's closing #s) ...
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>&#|~])")
# ... and what opens a block where a line starts: a list, a rule, a setext underline.
_MD_AT_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")    # CommonMark: any ASCII punctuation


def md_inline(text: str) -> str:
    """Text as one line of Markdown that renders as itself: whitespace runs become one
    space, every character with a meaning is backslash-escaped."""
    text = _MD_ANYWHERE.sub(r"\\\1", " ".join(xml_text(text).split()))
    return _MD_AT_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)


def md_unescape(text: str) -> str:
    return _MD_ESCAPED.sub(r"\1", text)
