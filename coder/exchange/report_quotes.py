"""The quotes behind a report: every coding with its text, document and informant, per
code, in the codebook's order (codebook_view) and, within a code, by document and place.

The informant is named once: an attribute value that already says "Informant B" is
shown as it is, a bare "B" as "Informant B"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coder.exchange.codebook_view import CodebookView, codebook_view
from coder.i18n import _
from coder.i18n.collate import sort_key

INFORMANT = "informant"
_NAMED = re.compile(r"^\s*(informant|inf\.?)\b", re.IGNORECASE)


def informant_name(value: str) -> str:
    """"B" → "Informant B"; "Informant B" (or "informant b") stays as written."""
    value = " ".join(value.split())
    return value if _NAMED.match(value) else _("Informant {name}").format(name=value)


@dataclass(frozen=True)
class Quote:
    text: str
    document: str
    informant: str | None         # as the document's attribute says it
    attributes: dict[str, str]
    code: str = ""

    def source_line(self, with_code: bool = False) -> str:
        parts = [informant_name(self.informant) if self.informant else None, f"«{self.document}»"]
        parts += [f"{k}: {v}" for k, v in self.attributes.items() if k != INFORMANT and v]
        if with_code:
            parts.append(_("code: {code}").format(code=self.code))
        return " · ".join(p for p in parts if p)

    @property
    def who(self) -> str:
        """Whom the quote is from: the informant, else the document."""
        return informant_name(self.informant) if self.informant else self.document


def quotes_by_code(project) -> dict[int, list[Quote]]:
    documents = {d.id: d for d in project.documents.list()}
    codes = {c.id: c.text for c in project.codes.list(order="id")}
    texts: dict[int, str] = {}
    found: dict[int, list[tuple]] = {}
    for c in project.codes.codings():
        if c.document_id not in texts:
            texts[c.document_id] = project.documents.text(c.document_id)
        doc = documents[c.document_id]
        quote = Quote(" ".join(texts[c.document_id][c.start:c.end].split()), doc.name,
                      doc.attributes.get(INFORMANT), dict(doc.attributes), codes[c.code_id])
        found.setdefault(c.code_id, []).append((sort_key(doc.name), c.start, c.end, quote))
    return {code: [q for *_k, q in sorted(items, key=lambda t: t[:3])] for code, items in found.items()}


def ordered_view(project) -> CodebookView:
    return codebook_view(project, with_guids=False)
