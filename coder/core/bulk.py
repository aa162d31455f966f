"""Bringing a whole project from another tool in as ONE undoable action: documents,
codes (with the groups and themes above them) and codings, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from coder.core.base import Action, now
from coder.core.codes import clean_code_text
from coder.core.errors import CoderError
from coder.core.models import NewDocument


@dataclass(frozen=True)
class NewCode:
    key: str                           # the other tool's id (a GUID), used by NewCoding
    text: str
    description: str | None = None
    colour: str | None = None
    memo: str | None = None


@dataclass(frozen=True)
class NewGroup:
    name: str
    code_keys: tuple[str, ...]
    theme: str | None = None           # the name of a NewTheme in the same bundle
    memo: str | None = None


@dataclass(frozen=True)
class NewCoding:
    document: int                      # index into ExchangeBundle.documents
    code_key: str
    start: int                         # offsets into the document's normalized text
    end: int
    coder: str | None = None
    created_at: str | None = None
    memo: str | None = None


@dataclass
class ExchangeBundle:
    documents: list[NewDocument] = field(default_factory=list)
    document_memos: list[str | None] = field(default_factory=list)
    codes: list[NewCode] = field(default_factory=list)
    groups: list[NewGroup] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    codings: list[NewCoding] = field(default_factory=list)


@dataclass
class ExchangeResult:
    documents_added: int = 0
    documents_reused: list[str] = field(default_factory=list)   # same text already in the project
    documents_renamed: list[str] = field(default_factory=list)
    codes_added: int = 0
    codes_reused: int = 0
    groups_added: int = 0
    themes_added: int = 0
    codings_added: int = 0
    codings_skipped: int = 0                                    # outside the text or duplicates


class BulkMixin:
    def import_bundle(self, bundle: ExchangeBundle, label: str) -> ExchangeResult:
        """Write everything in `bundle` as one action. A document whose text is already in
        the project is not added again: its codings go onto the existing one. Codes are
        matched by text. Names that collide get a numbered suffix."""
        docs = [self._checked_text(doc) for doc in bundle.documents]
        result = ExchangeResult()
        with self._action("import project", label) as act:
            doc_ids = [self._bulk_document(act, doc, memo, result)
                       for doc, memo in zip(docs, bundle.document_memos + [None] * len(docs))]
            code_ids = self._bulk_codes(act, bundle.codes, result)
            self._bulk_structure(act, bundle, code_ids, result)
            self._bulk_codings(act, bundle.codings, docs, doc_ids, code_ids, result)
            act.details = (f"{result.documents_added} documents, {result.codes_added} codes, "
                           f"{result.codings_added} codings")
        return result

    def _checked_text(self, doc: NewDocument) -> NewDocument:
        from coder.core.documents import normalize_text
        text = normalize_text(doc.text)
        if not text.strip():
            raise CoderError(f"{doc.source_path or doc.name}: the document has no text")
        for seg in doc.segments:
            self._check_span(doc.source_path or doc.name, len(text), seg.start, seg.end)
        return NewDocument(doc.name, text, doc.kind, doc.language, doc.source_path,
                           doc.attributes, doc.segments)

    def _bulk_document(self, act: Action, doc: NewDocument, memo: str | None,
                       result: ExchangeResult) -> int:
        from coder.core.documents import text_sha256
        sha = text_sha256(doc.text)
        existing = self._one("SELECT id FROM documents WHERE sha256 = ?", [sha])
        if existing is not None:
            result.documents_reused.append(doc.name)
            return existing
        name = self._free_name("documents", "name", doc.name)
        if name != doc.name:
            result.documents_renamed.append(f"{doc.name} → {name}")
        doc_id = self._insert_document(act, NewDocument(name, doc.text, doc.kind, doc.language, doc.source_path,
                                                        doc.attributes, doc.segments), sha)
        if memo:
            act.update("documents", doc_id, {"memo": memo})
        result.documents_added += 1
        return doc_id

    def _free_name(self, table: str, column: str, name: str) -> str:
        candidate, n = name, 1
        while self._one(f"SELECT 1 FROM {table} WHERE {column} = ?", [candidate]) is not None:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def _bulk_codes(self, act: Action, codes: list[NewCode], result: ExchangeResult) -> dict[str, int]:
        ids: dict[str, int] = {}
        for code in codes:
            text = clean_code_text(code.text) or "(unnamed code)"
            found = self._one("SELECT id FROM codes WHERE text = ?", [text])
            if found is not None:
                ids[code.key] = found
                result.codes_reused += 1
                continue
            ids[code.key] = act.insert("codes", {
                "text": text, "description": code.description, "colour": code.colour,
                "in_vivo": 0, "creator": self.coder, "created_at": now(), "memo": code.memo})
            result.codes_added += 1
        return ids

    def _bulk_structure(self, act: Action, bundle: ExchangeBundle, code_ids: dict[str, int],
                        result: ExchangeResult) -> None:
        theme_ids: dict[str, int] = {}
        for name in bundle.themes:
            theme_ids[name] = act.insert("themes", {"number": self._next_number("themes"), "name": name,
                                                    "memo": None, "created_at": now()})
            result.themes_added += 1
        for group in bundle.groups:
            members = [code_ids[k] for k in group.code_keys if k in code_ids]
            members = [c for c in dict.fromkeys(members)
                       if self._one("SELECT 1 FROM group_members WHERE code_id = ?", [c]) is None]
            group_id = act.insert("code_groups", {"number": self._next_number("code_groups"), "name": group.name,
                                                  "is_rest": 0, "memo": group.memo, "created_at": now()})
            result.groups_added += 1
            for code_id in members:
                act.insert("group_members", {"group_id": group_id, "code_id": code_id})
            if group.theme in theme_ids:
                act.insert("theme_members", {"theme_id": theme_ids[group.theme], "group_id": group_id})

    def _bulk_codings(self, act: Action, codings: list[NewCoding], docs: list[NewDocument],
                      doc_ids: list[int], code_ids: dict[str, int], result: ExchangeResult) -> None:
        seen = set(self.db.conn.execute("SELECT code_id, document_id, start, end FROM codings").fetchall())
        coders = {r[0] for r in self.db.conn.execute("SELECT name FROM coders")}
        stamp = now()
        for c in codings:
            code_id = code_ids.get(c.code_key)
            length = len(docs[c.document].text)
            key = (code_id, doc_ids[c.document], c.start, c.end)
            if code_id is None or not 0 <= c.start < c.end <= length or key in seen:
                result.codings_skipped += 1
                continue
            seen.add(key)
            coder = (c.coder or self.coder).strip() or self.coder
            if coder not in coders:
                act.insert("coders", {"name": coder, "created_at": stamp})
                coders.add(coder)
            act.insert("codings", {"code_id": code_id, "document_id": doc_ids[c.document], "start": c.start,
                                   "end": c.end, "coder": coder, "created_at": c.created_at or stamp,
                                   "memo": c.memo})
            result.codings_added += 1
