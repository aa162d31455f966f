"""Bringing a whole project from another tool in as ONE undoable action: documents,
the codebook (themes > groups > codes, written as `import_codebook` writes it) and the
codings, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import AbstractSet, Iterable, Sequence, cast

from coder.i18n import _
from coder.i18n import N_
from coder.core.base import Action, Service, now
from coder.core.codebook import GUID_SETTING
from coder.core.codes import clean_code_text
from coder.core.errors import CoderError
from coder.core.models import NewCodebook, NewDocument, SegmentRow
from coder.core import wording as words


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
    # Segments of documents (by index) that arrive while the rest is written, as another
    # process works them out; read after the codings, so the two overlap. In batches of
    # (document index, its segments): those that arrived together, inserted together.
    later_segments: Iterable[Sequence[tuple[int, Sequence[SegmentRow]]]] = ()


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
    codings_skipped: int = 0                                    # all of the three below
    codings_twice: int = 0             # the same coder, code and span already in the project or bundle
    codings_unknown_code: int = 0      # the code is not in the bundle's codebook
    codings_outside: int = 0           # the span is not inside the document's text
    guids_not_kept: list[str] = field(default_factory=list)    # documents whose GUID another one holds


def _guid_key(guid: str | None) -> str:
    return (guid or "").strip().strip("{}").lower()


def codebook_codes(book: NewCodebook):
    for theme in book.themes:
        for group in theme.groups:
            yield from group.codes
    for group in book.groups:
        yield from group.codes
    yield from book.codes


class Bulk(Service):
    def import_bundle(self, bundle: ExchangeBundle, label: str) -> ExchangeResult:
        """Write everything in `bundle` as one action. A document whose text is already in
        the project is not added again: its codings go onto the existing one. Codes are
        matched by text. Document names that collide get a numbered suffix."""
        docs = [self._checked_text(doc) for doc in bundle.documents]
        result = ExchangeResult()
        with self.store.action(N_("import project"), label) as act:
            doc_ids, new_ids = self._bulk_documents(act, docs, bundle.document_memos, result)
            code_ids: dict[str, int] = {}
            if bundle.codebook is not None:
                imp = self.project.codebook.write_codebook(act, bundle.codebook)
                result.codes_added, result.codes_reused = imp.added, imp.existing
                result.groups_added, result.themes_added = imp.groups_added, imp.themes_added
                code_ids = {_guid_key(c.guid): imp.seen[clean_code_text(c.text)]
                            for c in codebook_codes(bundle.codebook)
                            if c.guid and clean_code_text(c.text) in imp.seen}
            self.project.codebook.store_guids(act, {"document": self._document_guids(bundle, doc_ids, result)})
            self._bulk_codings(act, bundle.codings, docs, doc_ids, code_ids, result)
            self._later_segments(act, bundle.later_segments, docs, doc_ids, new_ids)
            act.details = words.project_imported(result.documents_added, result.codes_added,
                                                 result.codings_added)
        return result

    def _checked_text(self, doc: NewDocument) -> NewDocument:
        from coder.core.documents import normalize_text
        text = normalize_text(doc.text)
        if not text.strip():
            raise CoderError(_("{path}: the document has no text").format(path=doc.source_path or doc.name))
        for start, end, *_rest in doc.segments:
            self.project.documents.check_span(doc.source_path or doc.name, len(text), start, end)
        return NewDocument(doc.name, text, doc.kind, doc.language, doc.source_path,
                           doc.attributes, doc.segments)

    def _bulk_documents(self, act: Action, docs: list[NewDocument], memos: list[str | None],
                        result: ExchangeResult) -> tuple[list[int], list[int]]:
        """Ids for the bundle's documents: an existing one where the text is already in
        the project, else a new one (renamed if its name is taken), inserted together;
        and the new ones' ids."""
        from coder.core.documents import text_sha256
        ids: list[int | None] = []
        new: list[NewDocument] = []
        new_shas: list[str] = []
        new_at: list[int] = []
        for i, doc in enumerate(docs):
            sha = text_sha256(doc.text)
            existing = self.store.one("SELECT id FROM documents WHERE sha256 = ?", [sha])
            if existing is None and sha in new_shas:
                existing = -1 - new_shas.index(sha)          # twice in the bundle: placeholder
            if existing is not None:
                result.documents_reused.append(doc.name)
                ids.append(existing)
                continue
            name = self._free_name(doc.name, taken={d.name for d in new})
            if name != doc.name:
                result.documents_renamed.append(f"{doc.name} → {name}")
            new.append(replace(doc, name=name))
            new_shas.append(sha)
            new_at.append(i)
            ids.append(None)
        inserted = self.project.documents.insert_documents(act, new, new_shas)
        for i, doc_id in zip(new_at, inserted):
            ids[i] = doc_id
            if i < len(memos) and memos[i]:
                act.update("documents", doc_id, {"memo": memos[i]})
        result.documents_added += len(inserted)
        # every None was filled in just above: one per new document
        return [inserted[-1 - d] if d < 0 else d for d in cast(list[int], ids)], inserted

    def _later_segments(self, act: Action, later: Iterable[Sequence[tuple[int, Sequence[SegmentRow]]]],
                        docs: list[NewDocument], doc_ids: list[int], new_ids: list[int]) -> None:
        """Each new document's segments as they arrive (a document whose text was in the
        project already has its own, as does a second copy of one in the bundle). A batch
        goes in as one insert: the search index writes its words out once per statement
        (a 10 MB import's 100 documents one by one: ~0.2 s CPU more, benchmarks/bench_qdpx.py)."""
        new = set(new_ids)
        owner = {doc_id: i for i, doc_id in reversed(list(enumerate(doc_ids))) if doc_id in new}
        act.encode_ahead()              # what is written so far, while the first segments are worked out
        for batch in later:
            taken = []
            for i, segments in batch:
                doc, doc_id = docs[i], doc_ids[i]
                if owner.get(doc_id) != i:
                    continue
                length = len(doc.text)
                bad = next((seg for seg in segments if not 0 <= seg[0] < seg[1] <= length), None)
                if bad is not None:
                    self.project.documents.check_span(doc.source_path or doc.name, length, bad[0], bad[1])
                taken.append((doc_id, doc.text, segments))
            self.project.documents.insert_segments(act, taken)
            act.encode_ahead()          # the history entry grows meanwhile, not all at the end

    def _free_name(self, name: str, taken: AbstractSet[str] = frozenset()) -> str:
        candidate, n = name, 1
        while candidate in taken or self.store.one("SELECT 1 FROM documents WHERE name = ?", [candidate]) is not None:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def _document_guids(self, bundle: ExchangeBundle, doc_ids: list[int],
                        result: ExchangeResult) -> dict[int, str]:
        """The bundle's document GUIDs to keep: each one no other document of the project
        holds already (an export would give two sources one GUID). A document whose GUID
        is taken gets one of coder's own; the result names it."""
        stored = self.project.settings.get(GUID_SETTING, {}).get("document", {})
        held = {_guid_key(g): int(i) for i, g in stored.items() if isinstance(g, str) and i.isdigit()}
        keep: dict[int, str] = {}
        for i, guid in enumerate(bundle.document_guids[:len(doc_ids)]):
            if not guid:
                continue
            if held.get(_guid_key(guid), doc_ids[i]) != doc_ids[i]:
                result.guids_not_kept.append(bundle.documents[i].name)
                continue
            keep[doc_ids[i]] = guid
            held[_guid_key(guid)] = doc_ids[i]
        return keep

    def _bulk_codings(self, act: Action, codings: list[NewCoding], docs: list[NewDocument],
                      doc_ids: list[int], code_ids: dict[str, int], result: ExchangeResult) -> None:
        """Insert the codings. Two coders on one span stay two codings (agreement compares
        them); the same coder, code and span twice is one."""
        seen = set(self.store.db.conn.execute("SELECT code_id, document_id, start, end, coder FROM codings").fetchall())
        coders = {r[0] for r in self.store.db.conn.execute("SELECT name FROM coders")}
        stamp = now()
        rows = []
        code_of = {guid: code_ids.get(_guid_key(guid)) for guid in {c.code_guid for c in codings}}
        lengths = [len(doc.text) for doc in docs]
        for c in codings:
            code_id = code_of[c.code_guid]
            coder = (c.coder or self.store.coder).strip() or self.store.coder
            key = (code_id, doc_ids[c.document], c.start, c.end, coder)
            if code_id is None:
                result.codings_unknown_code += 1
            elif not 0 <= c.start < c.end <= lengths[c.document]:
                result.codings_outside += 1
            elif key in seen:
                result.codings_twice += 1
            else:
                seen.add(key)
                if coder not in coders:
                    act.insert("coders", {"name": coder, "created_at": stamp})
                    coders.add(coder)
                rows.append({"code_id": code_id, "document_id": doc_ids[c.document], "start": c.start,
                             "end": c.end, "coder": coder, "created_at": c.created_at or stamp, "memo": c.memo})
        act.insert_many("codings", rows)        # after the coders they name
        result.codings_added += len(rows)
        result.codings_skipped = result.codings_twice + result.codings_unknown_code + result.codings_outside
