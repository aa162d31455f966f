import pytest

from coder.core import CoderError, Project
from coder.core.errors import NameCollision
from tests.sdi_fixtures import INTERVIEW_A, build


def test_quotes_carry_text_document_and_informant(tmp_path):
    p, ids, ref = build(tmp_path / "p.coder")
    quotes = p.sdi.quotes(code_ids=[ids["fear"]])
    assert [q.text for q in quotes] == [INTERVIEW_A[:INTERVIEW_A.index("Kommunen")],
                                        "Folk er redde for at vi skal digitalisere."]
    assert {q.informant for q in quotes} == {"Informant A"}
    assert len(p.sdi.quotes()) == 8
    assert p.sdi.quotes(code_ids=[]) == []


def test_the_starting_prompts_read_in_the_readers_language_until_reworded(tmp_path):
    from coder.i18n import using
    p = Project.create(tmp_path / "p.coder", coder="t")
    with using("nb"):
        assert [q["prompt"][:17] for q in p.grouping.check_questions("code")] == ["Kunne denne koden",
                                                                                "Sier koden hva so"]
        assert p.grouping.check_questions("concept")[0]["prompt"].startswith("Er konseptet abstrakt nok")
        assert p.grouping.check_questions("code")[0]["name"] == "Kodetest Q1"         # the method's word
    assert p.grouping.check_questions("code")[1]["prompt"].startswith("Does the code say what was said")
    p.sdi.edit_check_question("code", "q2", prompt="Is it in their words?")
    with using("nb"):
        assert p.grouping.check_questions("code")[1]["prompt"] == "Is it in their words?"


def test_check_questions_are_editable_and_undoable(tmp_path):
    p = Project.create(tmp_path / "p.coder", coder="t")
    p.sdi.edit_check_question("code", "q1", name="Før data?", prompt="Kunne koden vært laget før du leste dataene?")
    assert p.grouping.check_questions("code")[0] == {"key": "q1", "name": "Før data?",
                                            "prompt": "Kunne koden vært laget før du leste dataene?"}
    p.history.undo()
    assert p.grouping.check_questions("code")[0]["name"] == "Kodetest Q1"
    p.sdi.add_check_question("code", "q3", "Informantens ord", "Er koden i informantens egne ord?")
    assert [q["key"] for q in p.grouping.check_questions("code")] == ["q1", "q2", "q3"]
    with pytest.raises(NameCollision):
        p.sdi.add_check_question("code", "q3", "x", "y")
    code = p.codes.add("Folk er redde for at vi skal digitalisere")
    p.grouping.set_check("code", code, "q3", "passed")
    p.sdi.delete_check_question("code", "q3")
    assert [q["key"] for q in p.grouping.check_questions("code")] == ["q1", "q2"]
    assert p.grouping.checks("code") == {}
    p.history.undo()
    assert p.grouping.checks("code") == {code: {"q3": "passed"}}
    assert p.history.entries()[-1].action == "undo"
    with pytest.raises(CoderError):
        p.sdi.add_check_question("theme", "x", "x", "y")
