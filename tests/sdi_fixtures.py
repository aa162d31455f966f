"""A small coded project in the shape of the thesis (seed 003): two interviews with an
informant attribute, an interview guide, sentence-long codes, groups, a restgruppe, a theme."""

from __future__ import annotations

from coder.core import Project

INTERVIEW_A = ("Folk tenker at vi digitaliserer bort arbeidsplassene. Folk er redde for at vi skal "
               "digitalisere. Kommunen er ganske pressa og det å få kjørt en sånn prosess blir en "
               "utfordring da. Siste året har gått veldig mye på kommunesammenslåing.")
INTERVIEW_B = ("Ansattes evne til å tenke litt nytt, tørre å prøve. Det handler om teknologifrykt. "
               "Vi har ikke kommet dit ennå at vi har en plan for digital transformasjon.")
GUIDE = "1. Hvordan jobber kommunen med digitalisering?\n2. Hva er de største utfordringene?\n"

CODES = {
    "fear_jobs": "Folk tenker at vi digitaliserer bort arbeidsplassene",
    "fear": "Folk er redde for at vi skal digitalisere",
    "pressed": "Kommunen er ganske pressa og det å få kjørt en sånn prosess blir en utfordring",
    "merger": "Siste året har gått veldig mye på kommunesammenslåing",
    "courage": "Ansattes evne til å tenke litt nytt, tørre å prøve",
    "techfear": "Teknologifrykt",
    "plan": "Vi har ikke kommet dit ennå at vi har en plan for digital transformasjon",
    "guide_echo": "Hvordan jobber kommunen med digitalisering",
}


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def build(path) -> tuple[Project, dict[str, int], dict[str, int]]:
    """Returns the project, code ids by key, and ids of docs and groups by name."""
    p = Project.create(path, coder="tester")
    a = p.documents.add("Intervju A", INTERVIEW_A, kind="interview", attributes={"informant": "Informant A"})
    b = p.documents.add("Intervju B", INTERVIEW_B, kind="interview", attributes={"informant": "Informant B"})
    p.documents.add("Intervjuguide", GUIDE, kind="guide")
    ids = {key: p.codes.add(text) for key, text in CODES.items()}
    # Overlapping codings: "fear_jobs" and "fear" overlap "fear_jobs2" (a second span), etc.
    p.codes.apply(ids["fear_jobs"], a, *span(INTERVIEW_A, "Folk tenker at vi digitaliserer bort arbeidsplassene."))
    p.codes.apply(ids["fear"], a, *span(INTERVIEW_A, "Folk er redde for at vi skal digitalisere."))
    # the whole first two sentences, coded "fear": overlaps the fear_jobs coding
    p.codes.apply(ids["fear"], a, 0, INTERVIEW_A.index("Kommunen"))
    p.codes.apply(ids["pressed"], a, *span(INTERVIEW_A, "Kommunen er ganske pressa"))
    p.codes.apply(ids["merger"], a, *span(INTERVIEW_A, "Siste året"))
    p.codes.apply(ids["courage"], b, *span(INTERVIEW_B, "Ansattes evne til å tenke litt nytt, tørre å prøve."))
    p.codes.apply(ids["techfear"], b, *span(INTERVIEW_B, "Det handler om teknologifrykt."))
    p.codes.apply(ids["plan"], b, *span(INTERVIEW_B, "Vi har ikke kommet dit ennå"))
    groups = {
        "frykt": p.grouping.create_group("Ansatte sin frykt for digitale løsninger",
                                [ids["fear_jobs"], ids["fear"], ids["techfear"]]),
        "presset": p.grouping.create_group("Presset arbeidshverdag", [ids["pressed"]]),
        "rest": p.grouping.create_group("Restgruppe", [ids["merger"]], is_rest=True),
    }
    theme = p.grouping.create_theme("Lav digital modenhet og teknologifrykt", [groups["frykt"], groups["presset"]])
    return p, ids, {"A": a, "B": b, **groups, "theme": theme}
