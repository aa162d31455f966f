from coder.analysis import sdi
from tests.sdi_fixtures import CODES, build


def test_grouping_state_counts_and_lists_the_ungrouped(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    state = sdi.grouping_state(p)
    assert (state.codes, state.grouped) == (8, 5)
    assert state.summary() == "5 of 8 codes grouped"
    assert {c.id for c in state.ungrouped} == {ids["courage"], ids["plan"], ids["guide_echo"]}
    assert not state.done


def test_flags_short_topic_and_guide(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    flags = {i: {f.reason for f in fs} for i, fs in sdi.all_flags(p).items()}
    assert flags[ids["techfear"]] == {"short", "topic"}
    assert flags[ids["guide_echo"]] == {"guide"}
    # sentence-long codes that state what was said are not flagged
    for key in ("fear_jobs", "fear", "pressed", "merger", "courage", "plan"):
        assert ids[key] not in flags


def test_flag_rules_on_plain_texts():
    def reasons(text, qs=()):
        return [f.reason for f in sdi.code_flags(text, list(qs))]
    assert reasons("Frykt") == ["short", "topic"]
    assert reasons("Om økonomien") == ["short", "topic"]
    assert reasons("Ledelse mangler visjon") == ["short"]
    assert reasons("Vi mangler en plan for digital transformasjon") == []
    questions = ["Hva er de største utfordringene?"]
    assert reasons("Hva er de største utfordringene", questions) == ["guide"]
    assert "guide" not in reasons("Den største utfordringen er at folk er redde for å miste jobben", questions)


def test_guide_questions_are_read_from_guide_documents(tmp_path):
    p, _, _ = build(tmp_path / "p.coder")
    assert sdi.guide_questions(p) == ["Hvordan jobber kommunen med digitalisering?",
                                      "Hva er de største utfordringene?"]


def test_guide_threshold_is_a_setting(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    p.settings.set(sdi.GUIDE_SETTING, 101)
    assert ids["guide_echo"] not in sdi.all_flags(p)


def test_verdicts_and_check_report(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    p.grouping.set_check("code", ids["fear"], "q1", "passed")
    p.grouping.set_check("code", ids["fear"], "q2", "passed")
    p.grouping.set_check("code", ids["techfear"], "q1", "passed")
    p.grouping.set_check("code", ids["techfear"], "q2", "failed")
    p.grouping.set_check("code", ids["plan"], "q1", "passed")      # q2 still open: unchecked
    v = sdi.verdicts(p)
    assert (v[ids["fear"]], v[ids["techfear"]], v[ids["plan"]]) == ("passed", "failed", "unchecked")
    report = sdi.check_report(p)
    assert report["codes"] == 8 and report["grouped"] == 5 and report["ungrouped"] == 3
    assert set(report["ungrouped_codes"]) == {CODES["courage"], CODES["plan"], CODES["guide_echo"]}
    assert report["kodetest"] == {"passed": 1, "failed": 1, "unchecked": 6, "flagged": 2}
    assert report["konsepttest"] == {"passed": 0, "failed": 0, "unchecked": 0}
