"""What coder keeps beside a REFI-QDA project that the standard has no place for: each
document's kind, language and segments (a survey's responses with their questions
cannot be told from the text again), and each code's memo and in-vivo mark (a code's
<Description> holds its description). One JSON entry in the archive, `coder/documents.json`;
other tools read only project.qde and the sources, so they pass over it.

An entry counts only for a source whose text is still the one coder wrote (its
SHA-256): a tool that rewrote the text makes coder segment it afresh.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from coder.core.documents import text_sha256
from coder.core.models import DOCUMENT_KINDS

ENTRY = "coder/documents.json"
_FORMAT = 1


@dataclass(frozen=True)
class DocumentExtra:
    kind: str
    language: str
    sha256: str
    spans: tuple[tuple, ...]          # (start, end, kind, speaker, label)

    def fits(self, text: str) -> bool:
        return self.sha256 == text_sha256(text)


@dataclass(frozen=True)
class Sidecar:
    documents: dict[str, DocumentExtra]
    codes: dict[str, dict]            # code GUID (lower case) -> {"memo": …, "in_vivo": …}


def sidecar_bytes(project, doc_guids: dict[int, str]) -> bytes:
    codes = project.codes.list(order="id")
    code_guids = project.codebook.guids("code", [c.id for c in codes])
    code_extras = {code_guids[c.id]: {"memo": c.memo, "in_vivo": c.in_vivo} for c in codes if c.memo or c.in_vivo}
    out = {}
    for doc in project.documents.list():
        spans = [[s.start, s.end, s.kind, s.speaker, s.label] for s in project.documents.segments(doc.id)]
        out[doc_guids[doc.id]] = {"kind": doc.kind, "language": doc.language, "sha256": doc.sha256,
                                  "segments": spans}
    return json.dumps({"format": _FORMAT, "documents": out, "codes": code_extras}, ensure_ascii=False).encode("utf-8")


def read_sidecar(data: bytes | None) -> Sidecar:
    """What coder kept, by GUID (lower case, no braces); empty when absent or not
    understood (the file is then read as any tool's)."""
    if data is None:
        return Sidecar({}, {})
    try:
        tree = json.loads(data.decode("utf-8"))
        if tree.get("format") != _FORMAT:
            return Sidecar({}, {})
        documents = {guid.strip("{}").lower(): _extra(entry) for guid, entry in tree["documents"].items()}
        codes = {guid.strip("{}").lower(): {"memo": e.get("memo") if isinstance(e.get("memo"), str) else None,
                                            "in_vivo": e.get("in_vivo") is True}
                 for guid, e in tree.get("codes", {}).items()}
        return Sidecar(documents, codes)
    except (ValueError, TypeError, KeyError, AttributeError):
        return Sidecar({}, {})


def _extra(entry: dict) -> DocumentExtra:
    kind = entry["kind"] if entry["kind"] in DOCUMENT_KINDS else "report"
    def text(value) -> str | None:
        return value if isinstance(value, str) else None
    spans = tuple(sorted(((int(a), int(b), str(k), text(s), text(lab)) for a, b, k, s, lab in entry["segments"]),
                         key=lambda s: (s[0], -s[1], s[2])))
    return DocumentExtra(kind, str(entry.get("language") or "nb"), str(entry["sha256"]), spans)
