"""Bringing a whole project from another tool in as ONE undoable action: documents,
the codebook (themes > groups > codes, written as `import_codebook` writes it) and the
codings, all or nothing."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from coder.core.base import Action, now
from coder.core.codes import clean_code_text
from coder.core.errors import CoderError
from coder.core.models import NewCodebook, NewDocument


@dataclass(frozen=True)
class NewCoding:
    document: int                      # index into ExchangeBundle.documents
    code_guid: str                     # the code's GUID in the other tool's codebook
    start: int                         # offsets into the document's normalized text
    end: int
    coder: str | None = None
    created_at: str | None = None
    memo: str | None = None


@dataclass
class ExchangeBundle:
    documents: list[NewDocument] = field(default_factory=list)
    document_memos: list[str | None] = field(default_factory=list)
    document_guids: list[str | None] = field(default_factory=list)
    codebook: NewCodebook | None = None
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
    codings_skipped: int = 0                                    # unknown code, outside the text, or twice


def _guid_key(guid: str | None) -> str:
    return (guid or "").strip().strip("{}").lower()


def codebook_codes(book: NewCodebook):
    for theme in book.themes:
        for group in theme.groups:
            yield from group.codes
    for group in book.groups:
        yield from group.codes
    yield from book.codes


class BulkMixin:
    def import_bundle(self, bundle: ExchangeBundle, label: str) -> ExchangeResult:
        """Write everything in `bundle` as one action. A document whose text is already in
        the project is not added again: its codings go onto the existing one. Codes are
        matched by text. Document names that collide get a numbered suffix."""
        docs = [self._checked_text(doc) for doc in bundle.documents]
        result = ExchangeResult()
        with self._action("import project", label) as act:
            with self._fts_deferred():
                doc_ids = [self._bulk_document(act, doc, memo, result)
                           for doc, memo in zip(docs, bundle.document_memos + [None] * len(docs))]
            code_ids: dict[str, int] = {}
            if bundle.codebook is not None:
                imp = self._write_codebook(act, bundle.codebook)
                result.codes_added, result.codes_reused = imp.added, imp.existing
                result.groups_added, result.themes_added = imp.groups_added, imp.themes_added
                code_ids = {_guid_key(c.guid): imp.seen[clean_code_text(c.text)]
                            for c in codebook_codes(bundle.codebook)
                            if c.guid and clean_code_text(c.text) in imp.seen}
            self._store_guids(act, {"document": {doc_ids[i]: g for i, g in enumerate(bundle.document_guids)
                                                 if g and i < len(doc_ids)}})
            self._bulk_codings(act, bundle.codings, docs, doc_ids, code_ids, result)
            act.details = (f"{result.documents_added} documents, {result.codes_added} codes, "
                           f"{result.codings_added} codings")
        return result

    @contextlib.contextmanager
    def _fts_deferred(self):
        """Index new segments for search in one statement instead of row by row: FTS5
        flushes its pending terms at every statement, which makes the per-row trigger
        ~10× slower on a large import. Inside the action's transaction, so a failure
        rolls the trigger change back too."""
        conn = self.db.conn
        trigger = self._one("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'segments_ai'")
        first = (self._one("SELECT max(id) FROM segments") or 0) + 1
        conn.execute("DROP TRIGGER segments_ai")
        yield
        # The same rule as the trigger (schema m002): only segments with lemmas are indexed.
        conn.execute("INSERT INTO segments_fts(rowid, text, lemmas) SELECT id, text, lemmas FROM segments "
                     "WHERE id >= ? AND lemmas != ''", [first])
        conn.execute(trigger)

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
        name = self._free_name(doc.name)
        if name != doc.name:
            result.documents_renamed.append(f"{doc.name} → {name}")
        doc_id = self._insert_document(act, NewDocument(name, doc.text, doc.kind, doc.language, doc.source_path,
                                                        doc.attributes, doc.segments), sha)
        if memo:
            act.update("documents", doc_id, {"memo": memo})
        result.documents_added += 1
        return doc_id

    def _free_name(self, name: str) -> str:
        candidate, n = name, 1
        while self._one("SELECT 1 FROM documents WHERE name = ?", [candidate]) is not None:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def _bulk_codings(self, act: Action, codings: list[NewCoding], docs: list[NewDocument],
                      doc_ids: list[int], code_ids: dict[str, int], result: ExchangeResult) -> None:
        seen = set(self.db.conn.execute("SELECT code_id, document_id, start, end FROM codings").fetchall())
        coders = {r[0] for r in self.db.conn.execute("SELECT name FROM coders")}
        stamp = now()
        for c in codings:
            code_id = code_ids.get(_guid_key(c.code_guid))
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
