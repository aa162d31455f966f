"""Proposed codings (from anchoring) that wait for the user: accept turns them into
codings, reject drops them. Each call is one undoable action."""

from __future__ import annotations

from coder.i18n import N_, _
import builtins

from typing import Iterable

from coder.core.base import Service, now, writes
from coder.core.errors import CoderError
from coder.core.models import NewProposal, Proposal
from coder.core import wording as words
from coder.core.wording import Said

_COLS = "id, code_id, document_id, start, end, score, source, created_at"


class Proposals(Service):
    def list(self, code_id: int | None = None, min_score: float | None = None,
                  max_score: float | None = None) -> builtins.list[Proposal]:
        """Best first."""
        where, params = [], []
        for clause, value in (("code_id = ?", code_id), ("score >= ?", min_score), ("score < ?", max_score)):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = f"SELECT {_COLS} FROM coding_proposals"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [Proposal(*r) for r in self.store.db.conn.execute(sql + " ORDER BY score DESC, id", params)]

    @writes
    def add(self, items: Iterable[NewProposal], source: str = "anchoring",
            label: Said | None = None) -> builtins.list[int]:
        """Add proposals as one action; a span already proposed or coded for the code is
        skipped. `source` is stored with each; `label` names it in the history (else the source)."""
        items = list(items)
        lengths: dict[int, int] = {}
        for p in items:
            self.store.require("codes", p.code_id, "code")
            if p.document_id not in lengths:
                lengths[p.document_id] = self.project.documents.text_length(p.document_id)
            self.project.documents.check_span(f"document {p.document_id}", lengths[p.document_id], p.start, p.end)
        conn = self.store.db.conn
        taken = set(conn.execute("SELECT code_id, document_id, start, end FROM coding_proposals").fetchall())
        taken |= set(conn.execute("SELECT code_id, document_id, start, end FROM codings").fetchall())
        with self.store.action(N_("propose codings"), source if label is None else label) as act:
            ids, stamp = [], now()
            for p in items:
                key = (p.code_id, p.document_id, p.start, p.end)
                if key in taken:
                    continue
                taken.add(key)
                ids.append(act.insert("coding_proposals", {
                    "code_id": p.code_id, "document_id": p.document_id, "start": p.start,
                    "end": p.end, "score": float(p.score), "source": source, "created_at": stamp}))
            act.details = words.counted("proposals", len(ids))
        return ids

    def _proposal_rows(self, ids: Iterable[int]) -> builtins.list[Proposal]:
        rows = []
        for pid in ids:
            row = self.store.db.conn.execute(f"SELECT {_COLS} FROM coding_proposals WHERE id = ?", [pid]).fetchone()
            if row is None:
                raise CoderError(_("{path}: no proposal with id {pid}").format(path=self.store.path, pid=pid))
            rows.append(Proposal(*row))
        return rows

    @writes
    def accept(self, ids: Iterable[int] | None = None, min_score: float | None = None) -> builtins.list[int]:
        """Turn proposals into codings (by id, or all with score ≥ min_score); returns the coding ids."""
        chosen = self._chosen(ids, min_score)
        with self.store.action(N_("accept proposals"), words.counted("proposals", len(chosen)),
                               words.score_at_least(min_score) if ids is None else "") as act:
            stamp, out = now(), []
            for p in chosen:
                out.append(act.insert("codings", {
                    "code_id": p.code_id, "document_id": p.document_id, "start": p.start, "end": p.end,
                    "coder": self.store.coder, "created_at": stamp, "memo": None}))
                act.delete("coding_proposals", p.id)
        return out

    @writes
    def reject(self, ids: Iterable[int] | None = None, max_score: float | None = None) -> int:
        """Drop proposals (by id, or all with score < max_score, or all when both are None)."""
        chosen = self._proposal_rows(ids) if ids is not None else self.list(max_score=max_score)
        with self.store.action(N_("reject proposals"), words.counted("proposals", len(chosen))) as act:
            for p in chosen:
                act.delete("coding_proposals", p.id)
        return len(chosen)

    def _chosen(self, ids: Iterable[int] | None, min_score: float | None) -> builtins.list[Proposal]:
        if ids is not None:
            return self._proposal_rows(ids)
        if min_score is None:
            raise CoderError(_("{path}: say which proposals to accept (ids or a minimum score)")
                             .format(path=self.store.path))
        return self.list(min_score=min_score)
