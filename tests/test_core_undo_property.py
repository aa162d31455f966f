"""Property: any sequence of actions, undos and redos keeps the project equal to the
state the history says it should be in; undoing everything gives back the start and
redoing everything gives back the end."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from coder.core import NewDocument, NewSegment, Project
from coder.core.errors import CoderError
from coder.core.schema import CONTENT_TABLES

WORDS = ["folk", "tenker", "at", "vi", "digitaliserer", "bort", "jobbene", "kommunen",
         "ledelsen", "lytter", "ikke", "får", "far", "æøå"]


def snapshot(project: Project) -> dict:
    conn = project.db.conn
    state = {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in CONTENT_TABLES}
    # The search index in the file (FTS5, kept by triggers) must follow every undo and redo too.
    state["search"] = [(h.document_id, h.start, h.end, h.segment_id) for h in project.search.find("folk OR vi")]
    return state


def ids(project: Project, table: str) -> list[int]:
    return [r[0] for r in project.db.conn.execute(f"SELECT id FROM {table} ORDER BY id")]


def sentence(data) -> str:
    return " ".join(data.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))


def pick(data, table: str, project: Project):
    choices = ids(project, table)
    return data.draw(st.sampled_from(choices)) if choices else None


def span(data, length: int) -> tuple[int, int]:
    start = data.draw(st.integers(0, max(0, length - 1)))
    return start, data.draw(st.integers(start + 1, length))


def random_action(data, p: Project) -> None:
    """Draw and run one user action; raise CoderError where the action is refused."""
    kind = data.draw(st.sampled_from([
        "doc", "docs", "code", "rename_code", "delete_code", "merge", "coding", "codings",
        "remove_coding", "resize", "memo_coding", "group", "move", "rename_group", "renumber",
        "rest", "split", "delete_group", "theme", "move_groups", "delete_theme", "concept",
        "link", "check", "setting", "attribute", "delete_doc"]))
    doc, code = pick(data, "documents", p), pick(data, "codes", p)
    group, coding = pick(data, "code_groups", p), pick(data, "codings", p)
    if kind == "doc":
        text = sentence(data) + ". " + sentence(data) + "."
        p.documents.add(sentence(data), text, segments=[NewSegment(*span(data, len(text)), "sentence",
                                                                  lemmas=sentence(data))])
    elif kind == "docs":
        p.documents.add_many([NewDocument(sentence(data), sentence(data) + f" {i}", kind="survey",
                                     attributes={"gruppe": sentence(data)}) for i in range(2)])
    elif kind == "code":
        p.codes.add(sentence(data), description=sentence(data))
    elif kind == "rename_code" and code:
        p.codes.rename(code, sentence(data))
    elif kind == "delete_code" and code:
        p.codes.delete(code)
    elif kind == "merge" and code:
        p.codes.merge(code, pick(data, "codes", p))
    elif kind == "coding" and doc:
        target = code if data.draw(st.booleans()) and code else sentence(data)
        p.codes.apply(target, doc, *span(data, p.documents.get(doc).length))
    elif kind == "codings" and doc:
        spans = [(doc, *span(data, p.documents.get(doc).length)) for _ in range(3)]
        p.codes.apply_many(code or sentence(data), spans)
    elif kind == "remove_coding" and coding:
        p.codes.remove_coding(coding)
    elif kind == "resize" and coding:
        c = p.codes.coding(coding)
        p.codes.resize_coding(coding, *span(data, p.documents.get(c.document_id).length))
    elif kind == "memo_coding" and coding:
        p.codes.set_coding_memo(coding, sentence(data))
    elif kind == "group":
        p.grouping.create_group(sentence(data), [code] if code else [], is_rest=data.draw(st.booleans()))
    elif kind == "move" and code:
        p.grouping.move_codes([code], group)
    elif kind == "rename_group" and group:
        p.grouping.rename_group(group, sentence(data))
    elif kind == "renumber" and group:
        p.grouping.renumber_group(group, data.draw(st.integers(0, 5)))
    elif kind == "rest" and group:
        p.grouping.set_rest_group(group, data.draw(st.booleans()))
    elif kind == "split" and group:
        members = p.grouping.group(group).code_ids
        p.grouping.split_group(group, members[:1], sentence(data))
    elif kind == "delete_group" and group:
        p.grouping.delete_group(group)
    elif kind == "theme":
        p.grouping.create_theme(sentence(data), [group] if group else [])
    elif kind == "move_groups" and group:
        p.grouping.move_groups([group], pick(data, "themes", p))
    elif kind == "delete_theme" and (theme := pick(data, "themes", p)):
        p.grouping.delete_theme(theme)
    elif kind == "concept":
        p.grouping.create_concept(sentence(data), [group] if group else [])
    elif kind == "link" and group and (concept := pick(data, "concepts", p)):
        p.grouping.link_concept(concept, group, data.draw(st.booleans()))
    elif kind == "check" and code:
        p.grouping.set_check("code", code, data.draw(st.sampled_from(["q1", "q2"])),
                    data.draw(st.sampled_from(["passed", "failed", "unchecked"])))
    elif kind == "setting":
        p.settings.set(data.draw(st.sampled_from(["threshold", "memo"])), sentence(data))
    elif kind == "attribute" and doc:
        p.documents.set_attribute(doc, data.draw(st.sampled_from(["informant", "rolle"])), sentence(data))
    elif kind == "delete_doc" and doc:
        p.documents.delete(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_and_redo_walk_the_history_exactly(data):
    with tempfile.TemporaryDirectory() as tmp:
        p = Project.create(Path(tmp) / "p.coder", coder="prop")
        done = [snapshot(p)]   # the state after each action still in effect
        redo: list[dict] = []
        for _ in range(data.draw(st.integers(1, 25))):
            move = data.draw(st.sampled_from(["act", "act", "act", "undo", "redo"]))
            if move == "undo" and len(done) > 1:
                p.history.undo()
                redo.append(done.pop())
                assert snapshot(p) == done[-1]
            elif move == "redo" and redo:
                p.history.redo()
                done.append(redo.pop())
                assert snapshot(p) == done[-1]
            elif move == "act":
                before_history = len(p.history.entries())
                try:
                    random_action(data, p)
                except CoderError:
                    assert snapshot(p) == done[-1]     # a refused action changes nothing
                    assert len(p.history.entries()) == before_history
                    continue
                state = snapshot(p)
                if state != done[-1]:
                    done.append(state)
                    redo.clear()
        end = snapshot(p)
        steps = len(done) - 1
        for _ in range(steps):
            p.history.undo()
        assert snapshot(p) == done[0]
        assert not p.history.can_undo()
        for _ in range(steps):
            p.history.redo()
        assert snapshot(p) == end
        p.close()
