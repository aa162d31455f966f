"""The kodetest flags and the grupperingstest on the thesis codebook (seed 003), against
flags listed by hand from the thesis' account of Tjora's method (seed 003, section 4.6):

- kodetest Q1, "kunne man laget koden før kodingen?": a code the interview guide
  (Vedlegg D, tests/data/thesis_guide.txt) could have given before any interview;
- kodetest Q2, "Koder som forteller hva det ble snakket om i intervjuet er unødvendige":
  a code that names a topic instead of saying what was said; but codes may be the
  informant's own "ord og fraser … som stikker seg ut", so length alone is no fault;
- kodegruppering: group names are rewritten "til å beskrive essensen av alle kodene",
  so a group name that is a bare topic is flagged; the restgruppe holds the few codes
  judged irrelevant.

The lists below were made by reading the 240 codes and 19 group names with those rules,
before the flags were run; each entry says why.
"""

from pathlib import Path

import pytest

from coder.analysis import sdi
from coder.core import Project
from coder.exchange.anchoring import anchor
from coder.exchange.codebook_import import import_codebook
from coder.ingest import import_files

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"

TOPIC_CODES = {
    "Spot digitalisering": "a kind of digitalisation named, nothing said about it",
    "Det digitale målbildet til kommunen": "the municipality's digital target picture, named",
    "Innbyggerbehov på tvers av kommunalområder": "a topic: citizens' needs across sectors",
    "Innspill fra organisasjonen": "a topic: input from the organisation",
    "Innsikt og involvering": "two topic words; they are informant D's own (corpus/interviews)",
}
GUIDE_CODES = {
    "Kompetansenivå på medarbeidere påvirker resultatet av digitalisering og endringsarbeid":
        "Spørsmål 13 of the guide as a statement: could be written before the interviews",
}
# Not flagged, though near: "Ja, uten tvil så påvirker medarbeidere sitt kompetansenivå …" (the
# informant's answer, "ja, uten tvil", is data); "Proaktive kompetanse løft, helt klart" (an answer:
# "helt klart"); "Lav middels kompetanse hos lederne til å lede digitalisering" (says how it is).
TOPIC_GROUPS = {
    7: "Endringsledelse i digitalisering",             # a topic: change management in digitalisation
    14: "Endringsvilje, utrygghet og motstand",        # three topic words listed
    19: "Teknologi fokusert digitalisering",           # a kind of digitalisation named
}


@pytest.fixture(scope="module")
def thesis(tmp_path_factory):
    with Project.create(tmp_path_factory.mktemp("flags") / "t.coder") as p:
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.md")
        yield p


def _flagged(p, reason: str) -> set[str]:
    return {p.codes.get(i).text for i, fs in sdi.all_flags(p).items() if any(f.reason == reason for f in fs)}


def test_codes_that_name_a_topic(thesis):
    assert _flagged(thesis, "topic") == set(TOPIC_CODES)


def test_group_names_that_are_bare_topics_and_the_restgruppe(thesis):
    flagged = {g.number: g.name for g in thesis.grouping.groups() if sdi.group_flags(g.name, g.is_rest)}
    assert flagged == TOPIC_GROUPS
    rest = sdi.rest_share(thesis)
    assert (rest.codes, rest.of, rest.too_large) == (11, 240, False)        # 4.6 %: under 10 %


def test_without_a_guide_the_check_says_so_and_flags_none(thesis):
    assert _flagged(thesis, "guide") == set()
    assert sdi.check_report(thesis)["guide"] == {"documents": 0, "questions": 0, "note": sdi.NO_GUIDE}


def test_codes_close_to_a_guide_question(tmp_path):
    with Project.create(tmp_path / "g.coder") as p:
        import_files(p, [DATA / "thesis_guide.txt"], kind="guide")
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.md")
        assert _flagged(p, "guide") == set(GUIDE_CODES)
        (flag,) = sdi.all_flags(p)[p.codes.by_text(next(iter(GUIDE_CODES))).id]
        assert flag.message == ("close to the interview guide's question «Opplever du at medarbeidere sitt "
                                "kompetansenivå påvirker resultatet av digitalisering og endringsarbeid?»: "
                                "could have been written before reading the data")
        assert len(sdi.guide_questions(p)) == 19 and not any(q.startswith("Spørsmål") for q in sdi.guide_questions(p))


def test_a_phrase_the_informant_said_is_no_longer_flagged_once_coded_there(tmp_path):
    with Project.create(tmp_path / "i.coder") as p:
        import_files(p, sorted((ROOT / "corpus" / "interviews").glob("*.txt")), kind="interview")
        import_codebook(p, ROOT / "codebooks" / "thesis_codebook.md")
        anchor(p, accept_above=100)          # "Innsikt og involvering" is said verbatim once, by D
        assert _flagged(p, "topic") == set(TOPIC_CODES) - {"Innsikt og involvering"}
