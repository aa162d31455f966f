"""Team reads and the resolution of disagreements between coders.

A disagreement (see coder/analysis/disagreements.py) is a cluster of overlapping codings
of one code in one document whose coders did not cover the same text. Resolving it keeps
one coder's side (the others' codings there are deleted) or both (nothing deleted); either
way the resolution is remembered by the codings kept, in the setting
RESOLVED_SETTING, so the cluster is not shown again until someone codes it differently.
Deletions and the record are one action: one undo brings the disagreement back.
"""

from __future__ import annotations

from coder.i18n import N_, _
import json
from typing import Iterable

from coder.core.errors import CoderError
from coder.core.base import Service, writes
from coder.core import wording as words

RESOLVED_SETTING = "resolved disagreements"

# (code_id, document_id, compared coders) → the sets of (coder, start, end) kept
Resolutions = dict[tuple[int, int, tuple[str, ...]], list[frozenset[tuple[str, int, int]]]]


class Team(Service):
    def coder_names(self) -> list[str]:
        """Everyone who has worked on the project (coders table), by name."""
        return [r[0] for r in self.store.db.conn.execute("SELECT name FROM coders ORDER BY name COLLATE NORWEGIAN")]

    def resolved_disagreements(self) -> Resolutions:
        """A cluster of codings counts as resolved while all of them are among the
        codings kept by one resolution (an added coding makes it a new question)."""
        out: Resolutions = {}
        for code, doc, coders, spans in self.project.settings.get(RESOLVED_SETTING, []):
            out.setdefault((code, doc, tuple(coders)), []).append(frozenset(tuple(s) for s in spans))
        return out

    @writes
    def resolve_disagreement(self, coding_ids: Iterable[int], keep: Iterable[str],
                             coders: Iterable[str]) -> None:
        """Keep the codings of the coders in `keep` among `coding_ids` (one disagreement
        between `coders`) and delete the rest, as one undoable action."""
        codings = [self.project.codes.coding(i) for i in coding_ids]
        keep, coders = set(keep), tuple(coders)
        if not codings or len({(c.code_id, c.document_id) for c in codings}) != 1:
            raise CoderError(_("{path}: a disagreement is codings of one code in one document")
                             .format(path=self.store.path))
        if not keep or not keep <= set(coders) or any(c.coder not in coders for c in codings):
            raise CoderError(_("{path}: keep the side of one or more of {coders}")
                             .format(path=self.store.path, coders=', '.join(coders)))
        first = codings[0]
        kept = [(c.coder, c.start, c.end) for c in codings if c.coder in keep]
        dropped = [c for c in codings if c.coder not in keep]
        with self.store.action(N_("resolve disagreement"), words.code(first.code_id),
                               words.resolved(first.document_id, ", ".join(sorted(keep)), len(dropped))) as act:
            for c in dropped:
                act.delete("codings", c.id)
            if kept:
                self._record_resolution(act, [first.code_id, first.document_id, sorted(coders), sorted(kept)])

    def _record_resolution(self, act, entry: list) -> None:
        row = self.store.db.conn.execute("SELECT id, value FROM settings WHERE key = ?", [RESOLVED_SETTING]).fetchone()
        entries = json.loads(row[1]) if row else []
        value = json.dumps([*entries, entry], ensure_ascii=False)
        if row is None:
            act.insert("settings", {"key": RESOLVED_SETTING, "value": value})
        else:
            act.update("settings", row[0], {"value": value})
