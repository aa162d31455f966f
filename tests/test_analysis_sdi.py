from coder.analysis import sdi
from tests.sdi_fixtures import CODES, build


def test_grouping_state_counts_and_lists_the_ungrouped(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    state = sdi.grouping_state(p)
    assert (state.codes, state.grouped) == (8, 5)
    assert state.summary() == "5 of 8 codes grouped"
    assert {c.id for c in state.ungrouped} == {ids["courage"], ids["plan"], ids["guide_echo"]}
    assert not state.done


def test_flags_topic_and_guide(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    flags = {i: {f.reason for f in fs} for i, fs in sdi.all_flags(p).items()}
    assert flags[ids["techfear"]] == {"topic"}          # one word: flagged even where the informant said it
    assert flags[ids["guide_echo"]] == {"guide"}
    # sentence-long codes that state what was said are not flagged
    for key in ("fear_jobs", "fear", "pressed", "merger", "courage", "plan"):
        assert ids[key] not in flags


def test_flag_rules_on_plain_texts():
    def reasons(text, qs=()):
        return [f.reason for f in sdi.code_flags(text, list(qs))]
    assert reasons("Frykt") == ["topic"]
    assert reasons("Om økonomien") == ["topic"]
    assert reasons("Innspill fra organisasjonen") == ["topic"]
    # short is no fault: a few words that say something pass
    assert reasons("Ledelse mangler visjon") == [] and reasons("Tørre å prøve") == []
    assert reasons("Vi mangler en plan for digital transformasjon") == []
    # a phrase the informant said as it stands may name a topic; a single word stays flagged
    assert [f.reason for f in sdi.code_flags("Innsikt og involvering", own_words=True)] == []
    assert [f.reason for f in sdi.code_flags("Teknologifrykt", own_words=True)] == ["topic"]
    # why, in words
    (flag,) = sdi.code_flags("Innspill fra organisasjonen")
    assert "says what was talked about, not what was said" in flag.message
    questions = ["Hva er de største utfordringene?"]
    assert reasons("Hva er de største utfordringene", questions) == ["guide"]
    assert "guide" not in reasons("Den største utfordringen er at folk er redde for å miste jobben", questions)


def test_guide_questions_are_read_from_guide_documents(tmp_path):
    p, _, _ = build(tmp_path / "p.coder")
    assert sdi.guide_questions(p) == ["Hvordan jobber kommunen med digitalisering?",
                                      "Hva er de største utfordringene?"]


def test_guide_questions_lose_their_numbering_and_headings(tmp_path):
    from coder.core import Project
    guide = ("Tema 1: Digitaliseringsfokus i kommunen\n\nKnyttes opp mot forskningsspørsmål 2 og 3.\n\n"
             "Spørsmål 1: Hva legger du i begrepet digitalisering?\n\nSpørsmål 13: Opplever du at medarbeidere "
             "sitt kompetansenivå påvirker resultatet? Evt. På hvilken måte?\n\n2) Hvem bestemmer?\n\n- Hvorfor det?")
    with Project.create(tmp_path / "g.coder") as p:
        p.documents.add("Intervjuguide", guide, kind="guide")
        assert sdi.guide_questions(p) == [
            "Hva legger du i begrepet digitalisering?",
            "Opplever du at medarbeidere sitt kompetansenivå påvirker resultatet?",
            "På hvilken måte?", "Hvem bestemmer?", "Hvorfor det?"]


def test_group_names_that_are_bare_topics_are_flagged():
    assert [f.reason for f in sdi.group_flags("Endringsledelse i digitalisering")] == ["group_topic"]
    assert sdi.group_flags("Restgruppe", is_rest=True) == ()
    assert sdi.group_flags("Kultur bygging et verktøy for å fremme endringsvilje og samhold") == ()
    assert sdi.group_flags("Lav digital modenhet og teknologifrykt") == ()


def test_the_restgruppe_share_warns_above_a_setting(tmp_path):
    p, ids, _ = build(tmp_path / "p.coder")
    share = sdi.rest_share(p)
    assert (share.codes, share.of, round(share.share, 1), share.max_share) == (1, 8, 12.5, 10.0)
    assert share.too_large and "more than 10 %" in share.summary()
    p.settings.set(sdi.REST_SETTING, 20)
    assert not sdi.rest_share(p).too_large


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
    assert {f["text"]: [x["reason"] for x in f["flags"]] for f in report["flags"]} == {
        CODES["techfear"]: ["topic"], CODES["guide_echo"]: ["guide"]}
    assert report["guide"] == {"documents": 1, "questions": 2, "note": None}
    assert report["restgruppe"] == {"codes": 1, "share": 12.5, "max_share": 10.0, "too_large": True}
    # the fixture's "Presset arbeidshverdag" names a topic (the thesis: "… påvirker digitaliseringarbeidet")
    assert [(g["group"], g["name"], [f["reason"] for f in g["flags"]]) for g in report["group_flags"]] == [
        (2, "Presset arbeidshverdag", ["group_topic"])]
    assert report["konsepttest"] == {"passed": 0, "failed": 0, "unchecked": 0}
