"""Codes (empirically near statements) and codings (code-point spans of a document)."""

from __future__ import annotations

from coder.i18n import N_, _
import builtins

import re
from typing import Any, Iterable

from coder.core.base import Action, Service, now, writes
from coder.core.errors import CoderError, NameCollision, NotFound
from coder.core.models import Code, Coding
from coder.core import wording as words
from coder.core.wording import Said

_CODE_COLS = "c.id, c.text, c.description, c.colour, c.in_vivo, c.creator, c.created_at, c.memo"
_CODING_COLS = "id, code_id, document_id, start, end, coder, created_at, memo"
_ORDER = {"name": "c.text COLLATE NORWEGIAN", "recent": "last_used DESC, c.id DESC",
          "count": "n DESC, c.text COLLATE NORWEGIAN", "id": "c.id"}


def clean_code_text(text: str) -> str:
    """A code is a sentence or a few: collapse white space, keep everything else."""
    return re.sub(r"\s+", " ", text or "").strip()


def _code(row) -> Code:
    return Code(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], row[7],
                codings=row[8] if len(row) > 8 else 0)


class Codes(Service):
    # ---- reading ---------------------------------------------------------------
    def list(self, order: str = "name") -> list[Code]:
        sql = (f"SELECT {_CODE_COLS}, count(k.id) AS n, max(k.id) AS last_used FROM codes c "
               f"LEFT JOIN codings k ON k.code_id = c.id GROUP BY c.id ORDER BY {_ORDER[order]}")
        return [_code(r) for r in self.store.db.conn.execute(sql)]

    def get(self, code_id: int) -> Code:
        row = self.store.db.conn.execute(
            f"SELECT {_CODE_COLS}, (SELECT count(*) FROM codings WHERE code_id = c.id) "
            f"FROM codes c WHERE c.id = ?", [code_id]).fetchone()
        if row is None:
            raise NotFound(_("{path}: no code with id {code_id}").format(path=self.store.path, code_id=code_id))
        return _code(row)

    def by_text(self, text: str) -> Code | None:
        code_id = self.store.one("SELECT id FROM codes WHERE text = ?", [clean_code_text(text)])
        return None if code_id is None else self.get(code_id)

    def codings(self, document_id: int | None = None, code_id: int | None = None,
                coders: Iterable[str] | None = None) -> builtins.list[Coding]:
        where: builtins.list[str] = []
        params: builtins.list[Any] = []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if code_id is not None:
            where.append("code_id = ?")
            params.append(code_id)
        if coders is not None:
            names = list(coders)
            where.append(f"coder IN ({', '.join('?' * len(names))})")
            params.extend(names)
        sql = f"SELECT {_CODING_COLS} FROM codings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [Coding(*r) for r in self.store.db.conn.execute(sql + " ORDER BY document_id, start, end", params)]

    def coding(self, coding_id: int) -> Coding:
        row = self.store.db.conn.execute(f"SELECT {_CODING_COLS} FROM codings WHERE id = ?", [coding_id]).fetchone()
        if row is None:
            raise NotFound(_("{path}: no coding with id {coding_id}").format(path=self.store.path, coding_id=coding_id))
        return Coding(*row)

    def _label(self, code_id: int) -> Said:
        """What the history (and an undo's message) calls a code: its text, not its id."""
        return self.store.one("SELECT text FROM codes WHERE id = ?", [code_id]) or words.code(code_id)

    # ---- codes -----------------------------------------------------------------
    def add(self, text: str, description: str | None = None, colour: str | None = None,
                 in_vivo: bool = False) -> int:
        with self.store.action(N_("add code"), clean_code_text(text)) as act:
            return self.insert_code(act, text, description, colour, in_vivo)

    def insert_code(self, act: Action, text: str, description: str | None = None,
                    colour: str | None = None, in_vivo: bool = False) -> int:
        """Within `act` (an action another write opened): a new code, its id."""
        text = self._free_code_text(text)
        return act.insert("codes", {"text": text, "description": description, "colour": colour,
                                    "in_vivo": int(in_vivo), "creator": self.store.coder,
                                    "created_at": now()})

    def _free_code_text(self, text: str, except_id: int | None = None) -> str:
        text = clean_code_text(text)
        if not text:
            raise CoderError(_("{path}: a code needs some text").format(path=self.store.path))
        other = self.store.one("SELECT id FROM codes WHERE text = ?", [text])
        if other is not None and other != except_id:
            raise NameCollision(_("{path}: a code «{text}» exists already (id {other})")
                                .format(path=self.store.path, text=text, other=other))
        return text

    @writes
    def rename(self, code_id: int, text: str) -> None:
        self.store.require("codes", code_id, "code")
        text = self._free_code_text(text, except_id=code_id)
        with self.store.action(N_("rename code"), text) as act:
            act.update("codes", code_id, {"text": text})

    @writes
    def describe(self, code_id: int, description: str | None) -> None:
        self.store.require("codes", code_id, "code")
        with self.store.action(N_("describe code"), self._label(code_id), description or "") as act:
            act.update("codes", code_id, {"description": description})

    @writes
    def recolour(self, code_id: int, colour: str | None) -> None:
        self.store.require("codes", code_id, "code")
        with self.store.action(N_("recolour code"), self._label(code_id), colour or "") as act:
            act.update("codes", code_id, {"colour": colour})

    @writes
    def set_memo(self, code_id: int, memo: str | None) -> None:
        self.store.require("codes", code_id, "code")
        with self.store.action(N_("memo code"), self._label(code_id)) as act:
            act.update("codes", code_id, {"memo": memo})

    @writes
    def delete(self, code_id: int) -> None:
        """Delete a code with its codings, group membership, checks and proposals."""
        code = self.get(code_id)
        with self.store.action(N_("delete code"), code.text, words.codings_removed(code.codings)) as act:
            self._drop_code(act, code_id)

    def _drop_code(self, act: Action, code_id: int) -> None:
        act.delete_where("codings", "code_id = ?", [code_id])
        act.delete_where("coding_proposals", "code_id = ?", [code_id])
        act.delete_where("group_members", "code_id = ?", [code_id])
        act.delete_where("checks", "applies_to = 'code' AND entity_id = ?", [code_id])
        act.delete("codes", code_id)

    @writes
    def merge(self, source_id: int, target_id: int) -> None:
        """Fold `source` into `target`: its codings move, then it is deleted.
        The target keeps its group; if it had none it takes the source's."""
        if source_id == target_id:
            raise CoderError(_("{path}: cannot merge a code into itself").format(path=self.store.path))
        source, target = self.get(source_id), self.get(target_id)
        with self.store.action(N_("merge codes"), target.text,
                               words.codes_merged(source.text, source_id, source.codings, target_id)) as act:
            conn = self.store.db.conn
            for (coding_id,) in conn.execute("SELECT id FROM codings WHERE code_id = ?", [source_id]).fetchall():
                act.update("codings", coding_id, {"code_id": target_id})
            for (prop_id,) in conn.execute("SELECT id FROM coding_proposals WHERE code_id = ?", [source_id]).fetchall():
                act.update("coding_proposals", prop_id, {"code_id": target_id})
            member = conn.execute("SELECT id, group_id FROM group_members WHERE code_id = ?", [source_id]).fetchone()
            target_grouped = self.store.one("SELECT 1 FROM group_members WHERE code_id = ?", [target_id])
            memo = "\n\n".join(m for m in (target.memo, source.memo) if m) or None
            act.update("codes", target_id, {"memo": memo, "description": target.description or source.description})
            self._drop_code(act, source_id)
            if member is not None and not target_grouped:
                act.insert("group_members", {"group_id": member[1], "code_id": target_id})

    # ---- codings ---------------------------------------------------------------
    @writes
    def apply(self, code: int | str, document_id: int, start: int, end: int,
                     memo: str | None = None, in_vivo: bool = False) -> int:
        """Code a span. `code` is a code id, or a text: an existing code with that text,
        or a new one created in the same action (so one undo takes both back)."""
        self.project.documents.check_span(f"document {document_id}", self.project.documents.text_length(document_id), start, end)
        label = clean_code_text(code) if isinstance(code, str) else self._label(code)
        with self.store.action(N_("apply coding"), label, words.span(document_id, start, end)) as act:
            code_id = self._resolve_code(act, code, in_vivo)
            return act.insert("codings", {"code_id": code_id, "document_id": document_id,
                                          "start": start, "end": end, "coder": self.store.coder,
                                          "created_at": now(), "memo": memo})

    @writes
    def apply_many(self, code: int | str, spans: Iterable[tuple[int, int, int]],
                      action: str = N_("autocode"), details: Said = "") -> builtins.list[int]:
        """Code many (document_id, start, end) spans with one code as one action.
        Spans that this coder has already coded exactly with the code are skipped
        (another coder's identical coding is kept apart: agreement compares them)."""
        spans = list(spans)
        lengths: dict[int, int] = {}
        for doc_id, start, end in spans:
            if doc_id not in lengths:
                lengths[doc_id] = self.project.documents.text_length(doc_id)
            self.project.documents.check_span(f"document {doc_id}", lengths[doc_id], start, end)
        label: Said = clean_code_text(code) if isinstance(code, str) else self._label(code)
        with self.store.action(action, label, details) as act:
            code_id = self._resolve_code(act, code, False)
            existing = set(self.store.db.conn.execute(
                "SELECT document_id, start, end FROM codings WHERE code_id = ? AND coder = ?",
                [code_id, self.store.coder]).fetchall())
            ids = []
            stamp = now()
            for doc_id, start, end in spans:
                if (doc_id, start, end) in existing:
                    continue
                existing.add((doc_id, start, end))
                ids.append(act.insert("codings", {"code_id": code_id, "document_id": doc_id,
                                                  "start": start, "end": end, "coder": self.store.coder,
                                                  "created_at": stamp, "memo": None}))
            act.details = act.details or words.counted("codings", len(ids))
        return ids

    def _resolve_code(self, act: Action, code: int | str, in_vivo: bool) -> int:
        if isinstance(code, str):
            found = self.store.one("SELECT id FROM codes WHERE text = ?", [clean_code_text(code)])
            return found if found is not None else self.insert_code(act, code, in_vivo=in_vivo)
        self.store.require("codes", code, "code")
        return code

    @writes
    def remove_coding(self, coding_id: int) -> None:
        coding = self.coding(coding_id)
        with self.store.action(N_("remove coding"), self._label(coding.code_id),
                               words.span(coding.document_id, coding.start, coding.end)) as act:
            act.delete("codings", coding_id)

    @writes
    def resize_coding(self, coding_id: int, start: int, end: int) -> None:
        coding = self.coding(coding_id)
        self.project.documents.check_span(f"document {coding.document_id}", self.project.documents.text_length(coding.document_id), start, end)
        with self.store.action(N_("resize coding"), self._label(coding.code_id),
                               words.resized(coding.document_id, coding.start, coding.end, start, end)) as act:
            act.update("codings", coding_id, {"start": start, "end": end})

    @writes
    def set_coding_memo(self, coding_id: int, memo: str | None) -> None:
        coding = self.coding(coding_id)
        with self.store.action(N_("memo coding"), self._label(coding.code_id)) as act:
            act.update("codings", coding_id, {"memo": memo})
