"""Documents, their attributes and segments. A document's text never changes after import."""

from __future__ import annotations

from coder.i18n import N_, _
import builtins

import hashlib
import unicodedata
from functools import cached_property
from dataclasses import replace
from typing import Sequence, cast

from coder.core.base import Service, now, writes
from coder.core.errors import CoderError, NameCollision, OffsetError
from coder.core.models import Document, NewDocument, Segment, SegmentRow
from coder.core.segment_runs import runs_of_import
from coder.core import wording as words

_DOC_COLS = "id, name, kind, length, language, sha256, source_path, imported_at, memo"
# Every column but the text, from the covering index (schema m005): never the text's pages.
# A file of an older schema read as it is (a merge source) has no such index.
_FACTS = "documents INDEXED BY documents_facts"
# A row of _DOC_COLS: Document's fields before its attributes.
_DocRow = tuple[int, str, str, int, str, str, str | None, str, str | None]


def normalize_text(text: str) -> str:
    """NFC and \\n line ends: the form every offset in a project refers to."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _free_names(docs: list[NewDocument], stem: str, taken: set[str]) -> list[NewDocument]:
    """The documents renamed from "stem…" to "stem (n)…", the first n for which none
    of their names is taken (n = 1: as they are)."""
    if any(not d.name.startswith(stem) for d in docs):
        raise ValueError("every name must begin with the stem")
    rests = [d.name[len(stem):] for d in docs]
    name, n = stem, 1
    while any(name + rest in taken for rest in rests):
        n += 1
        name = f"{stem} ({n})"
    return docs if n == 1 else [replace(d, name=name + rest) for d, rest in zip(docs, rests)]


class Documents(Service):
    # ---- reading ---------------------------------------------------------------
    @cached_property
    def _facts(self) -> str:
        indexed = self.store.one("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'documents_facts'")
        return _FACTS if indexed else "documents"

    def list(self) -> list[Document]:
        attrs = self._all_attributes()
        return [Document(*cast(_DocRow, r), attributes=attrs.get(r[0], {}))
                for r in self.store.db.conn.execute(
                    f"SELECT {_DOC_COLS} FROM {self._facts} ORDER BY name COLLATE NORWEGIAN")]

    def get(self, document_id: int) -> Document:
        self.store.require("documents", document_id, "document")
        row = self.store.db.conn.execute(f"SELECT {_DOC_COLS} FROM {self._facts} WHERE id = ?", [document_id]).fetchone()
        return Document(*cast(_DocRow, row), attributes=self.attributes(document_id))

    def by_name(self, name: str) -> Document | None:
        doc_id = self.store.one("SELECT id FROM documents WHERE name = ?", [name])
        return None if doc_id is None else self.get(doc_id)

    def text(self, document_id: int) -> str:
        self.store.require("documents", document_id, "document")
        return self.store.one("SELECT text FROM documents WHERE id = ?", [document_id])

    def attributes(self, document_id: int) -> dict[str, str]:
        return dict(self.store.db.conn.execute(
            "SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY id",
            [document_id]))

    def _all_attributes(self) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for doc_id, name, value in self.store.db.conn.execute(
                "SELECT document_id, name, value FROM document_attributes ORDER BY id"):
            out.setdefault(doc_id, {})[name] = value
        return out

    def segments(self, document_id: int, kind: str | None = None) -> builtins.list[Segment]:
        sql = "SELECT id, document_id, start, end, kind, speaker, label FROM segments WHERE document_id = ?"
        params: list = [document_id]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        return [Segment(*r) for r in self.store.db.conn.execute(sql + " ORDER BY start, end DESC", params)]

    # ---- changing --------------------------------------------------------------
    def add(self, name: str, text: str, *, kind: str = "report", language: str = "nb",
                     source_path: str | None = None, attributes: dict[str, str] | None = None,
                     segments: Sequence[SegmentRow] = ()) -> int:
        """Import one document with its attributes and segments as one action."""
        doc = NewDocument(name, text, kind, language, source_path, dict(attributes or {}), tuple(segments))
        return self.add_many([doc], label=name)[0]

    def add_many(self, docs: Sequence[NewDocument], label: str | None = None, *,
                      name_stem: str | None = None) -> builtins.list[int]:
        """Import several documents (e.g. one per survey respondent) as ONE action, so a
        single undo takes the whole file back. Everything is checked before anything is
        written: one bad document and none are added.

        name_stem: every document's name begins with it (a file's name; a survey's, before
        each respondent). If any of the names is taken, the stem becomes "stem (2)",
        "stem (3)", … for all of them, chosen inside the write transaction: two imports
        at once get the names they would get one after the other."""
        checked = [self._checked(doc) for doc in docs]      # outside the write lock
        return self._add_checked(checked, [text_sha256(d.text) for d in checked], label, name_stem)

    @writes
    def _add_checked(self, docs: builtins.list[NewDocument], shas: builtins.list[str], label: str | None,
                     name_stem: str | None) -> builtins.list[int]:
        conn = self.store.db.conn
        known_shas = dict(conn.execute("SELECT sha256, name FROM documents"))
        taken_names = {r[0] for r in conn.execute("SELECT name FROM documents")}
        if name_stem is not None:
            docs = _free_names(docs, name_stem, taken_names)
        batch_shas = set()
        for doc, sha in zip(docs, shas):   # sets and dicts keep a 20,000-respondent survey linear
            where = doc.source_path or doc.name
            if sha in known_shas:
                same = _("{where}: same text as «{name}»") if sha in batch_shas \
                    else _("{where}: already in the project as «{name}»")
                raise NameCollision(same.format(where=where, name=known_shas[sha]))
            if doc.name in taken_names:
                raise NameCollision(_("{where}: a document named «{name}» exists already")
                                    .format(where=where, name=doc.name))
            known_shas[sha] = doc.name
            taken_names.add(doc.name)
            batch_shas.add(sha)
        n_segments = sum(len(d.segments) for d in docs)
        with self.store.action(N_("import document") if len(docs) == 1 else N_("import documents"),
                          label or ", ".join(d.name for d in docs[:3]),
                          words.documents_and_segments(len(docs), n_segments)) as act:
            return self.insert_documents(act, docs, shas)

    def _checked(self, doc: NewDocument) -> NewDocument:
        """The document with its text in normal form, its spans inside the text."""
        text = normalize_text(doc.text)
        where = doc.source_path or doc.name
        if not text.strip():
            raise CoderError(_("{where}: the document has no text").format(where=where))
        length = len(text)
        for start, end, *_rest in doc.segments:
            if not (0 <= start < end <= length):
                self.check_span(where, length, start, end)
        return doc if text == doc.text else replace(doc, text=text)

    def insert_documents(self, act, docs: builtins.list[NewDocument], shas: builtins.list[str]) -> builtins.list[int]:
        """Within `act` (an action another write opened): the rows of these documents and
        their segments, their ids. Three statements a batch: a survey brings thousands."""
        at = now()
        ids = act.insert_many("documents", [
            {"name": d.name, "kind": d.kind, "text": d.text, "length": len(d.text),
             "source_path": d.source_path, "sha256": sha, "imported_at": at, "language": d.language}
            for d, sha in zip(docs, shas)])
        act.insert_many("document_attributes", [
            {"document_id": doc_id, "name": key, "value": None if value is None else str(value)}
            for doc_id, d in zip(ids, docs) for key, value in d.attributes.items()])
        self.insert_segments(act, [(doc_id, d.text, d.segments) for doc_id, d in zip(ids, docs)])
        return ids

    def insert_segments(self, act, documents: builtins.list[tuple[int, str, Sequence[SegmentRow]]]) -> None:
        """Within `act`: the segments of (document id, its text, segments), and each
        document's run of segment ids (coder/core/segment_runs.py)."""
        ids = act.insert_values("segments", ["document_id", "start", "end", "kind", "speaker", "label", "text",
                                             "lemmas"], [
            (doc_id, start, end, kind, speaker, label, text[start:end], lemmas)
            for doc_id, text, segments in documents for start, end, kind, speaker, label, lemmas in segments])
        if ids:
            act.insert_values("segment_runs", ["document_id", "first", "last"],
                              runs_of_import(((doc_id, segments) for doc_id, _, segments in documents), ids[0]))

    def rename(self, document_id: int, name: str) -> None:
        self.store.require("documents", document_id, "document")
        if self.store.one("SELECT 1 FROM documents WHERE name = ? AND id != ?", [name, document_id]):
            raise NameCollision(_("{path}: a document named «{name}» exists already")
                                .format(path=self.store.path, name=name))
        with self.store.action(N_("rename document"), name) as act:
            act.update("documents", document_id, {"name": name})

    def set_attribute(self, document_id: int, name: str, value: str | None) -> None:
        self.store.require("documents", document_id, "document")
        with self.store.action(N_("set attribute"), words.document(document_id), f"{name} = {value}") as act:
            row_id = self.store.one("SELECT id FROM document_attributes WHERE document_id = ? AND name = ?",
                               [document_id, name])
            if row_id is None:
                act.insert("document_attributes", {"document_id": document_id, "name": name, "value": value})
            else:
                act.update("document_attributes", row_id, {"value": value})

    def set_memo(self, document_id: int, memo: str | None) -> None:
        self.store.require("documents", document_id, "document")
        with self.store.action(N_("memo document"), words.document(document_id)) as act:
            act.update("documents", document_id, {"memo": memo})

    def delete(self, document_id: int) -> None:
        """Remove a document with its segments, attributes, codings and proposals."""
        name = self.get(document_id).name
        with self.store.action(N_("delete document"), name) as act:
            for table in ("codings", "coding_proposals", "segments", "segment_runs", "document_attributes"):
                act.delete_where(table, "document_id = ?", [document_id])
            act.delete("documents", document_id)

    def check_span(self, where: str, length: int, start: int, end: int) -> None:
        """Raise OffsetError, naming `where`, unless start..end lies inside a text of `length`."""
        if not (0 <= start < end <= length):
            raise OffsetError(_("{where}: span {start}–{end} is outside the text (length {length})")
                              .format(where=where, start=start, end=end, length=length))

    def text_length(self, document_id: int) -> int:
        """The length of a document's text; NotFound if there is no such document."""
        length = self.store.one(f"SELECT length FROM {self._facts} WHERE id = ?", [document_id])
        if length is None:
            self.store.require("documents", document_id, "document")
        return length

