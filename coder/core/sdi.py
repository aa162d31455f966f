"""Reads and writes the SDI review and tests need beyond grouping.py: quotes with their
text and informant, and editing the test questions (kodetest/konsepttest), which are data."""

from __future__ import annotations

from coder.i18n import N_, _
from typing import Iterable

from coder.core.errors import CoderError, NameCollision, NotFound
from coder.core.models import Quote
from coder.core.base import Service, writes
from coder.core import wording as words

APPLIES_TO = ("code", "concept")


class Sdi(Service):
    # ---- quotes ------------------------------------------------------------------
    def quotes(self, code_ids: Iterable[int] | None = None,
               coding_ids: Iterable[int] | None = None) -> list[Quote]:
        """Codings with their text, in document order. Texts are sliced in Python: SQLite's
        substr walks UTF-8 from the start of the text on every row."""
        where, params = [], []
        for column, ids in (("k.code_id", code_ids), ("k.id", coding_ids)):
            if ids is not None:
                ids = list(ids)
                where.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(_json_ids(ids))
        sql = ("SELECT k.id, k.code_id, k.document_id, d.name, k.start, k.end, a.value "
               "FROM codings k JOIN documents d ON d.id = k.document_id "
               "LEFT JOIN document_attributes a ON a.document_id = d.id AND a.name = 'informant'")
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.store.db.conn.execute(sql + " ORDER BY d.name COLLATE NORWEGIAN, k.start, k.end", params).fetchall()
        texts: dict[int, str] = {}
        out = []
        for coding_id, code_id, doc_id, name, start, end, informant in rows:
            if doc_id not in texts:
                texts[doc_id] = self.store.one("SELECT text FROM documents WHERE id = ?", [doc_id])
            out.append(Quote(coding_id, code_id, doc_id, name, start, end, texts[doc_id][start:end], informant))
        return out

    def coding_spans(self) -> list[tuple[int, int, int, int, int]]:
        """(coding id, code id, document id, start, end) of every coding, by document and start:
        the light read that matrices and co-occurrence count over."""
        return self.store.db.conn.execute(
            "SELECT id, code_id, document_id, start, end FROM codings ORDER BY document_id, start, end").fetchall()

    # ---- the test questions --------------------------------------------------------
    def _question_id(self, applies_to: str, key: str) -> int | None:
        return self.store.one("SELECT id FROM check_questions WHERE applies_to = ? AND key = ?", [applies_to, key])

    @writes
    def add_check_question(self, applies_to: str, key: str, name: str, prompt: str) -> int:
        if applies_to not in APPLIES_TO:
            raise CoderError(_("{path}: test questions apply to {kinds}")
                             .format(path=self.store.path, kinds=" / ".join(APPLIES_TO)))
        key, name, prompt = key.strip(), " ".join(name.split()), prompt.strip()
        if not key or not name or not prompt:
            raise CoderError(_("{path}: a test question needs a key, a name and a prompt")
                             .format(path=self.store.path))
        if self._question_id(applies_to, key) is not None:
            raise NameCollision(_("{path}: a {applies_to} test question «{key}» exists already")
                                .format(path=self.store.path, applies_to=applies_to, key=key))
        position = (self.store.one("SELECT max(position) FROM check_questions WHERE applies_to = ?",
                              [applies_to]) or 0) + 1
        with self.store.action(N_("add test question"), words.test_question(applies_to, key), name) as act:
            return act.insert("check_questions", {"applies_to": applies_to, "key": key, "name": name,
                                                  "prompt": prompt, "position": position})

    @writes
    def edit_check_question(self, applies_to: str, key: str, name: str | None = None,
                            prompt: str | None = None) -> None:
        row_id = self._question_id(applies_to, key)
        if row_id is None:
            raise NotFound(_("{path}: no {applies_to} test question «{key}»")
                           .format(path=self.store.path, applies_to=applies_to, key=key))
        values = {}
        if name is not None and name.strip():
            values["name"] = " ".join(name.split())
        if prompt is not None and prompt.strip():
            values["prompt"] = prompt.strip()
        if not values:
            raise CoderError(_("{path}: a test question needs a name and a prompt").format(path=self.store.path))
        with self.store.action(N_("edit test question"), words.test_question(applies_to, key), "; ".join(values.values())) as act:
            act.update("check_questions", row_id, values)

    @writes
    def delete_check_question(self, applies_to: str, key: str) -> None:
        """Remove a question and the verdicts given on it."""
        row_id = self._question_id(applies_to, key)
        if row_id is None:
            raise NotFound(_("{path}: no {applies_to} test question «{key}»")
                           .format(path=self.store.path, applies_to=applies_to, key=key))
        with self.store.action(N_("delete test question"), words.test_question(applies_to, key)) as act:
            act.delete_where("checks", "applies_to = ? AND question_key = ?", [applies_to, key])
            act.delete("check_questions", row_id)


def _json_ids(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
