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
    a = p.add_document("Intervju A", INTERVIEW_A, kind="interview", attributes={"informant": "Informant A"})
    b = p.add_document("Intervju B", INTERVIEW_B, kind="interview", attributes={"informant": "Informant B"})
    p.add_document("Intervjuguide", GUIDE, kind="guide")
    ids = {key: p.add_code(text) for key, text in CODES.items()}
    # Overlapping codings: "fear_jobs" and "fear" overlap "fear_jobs2" (a second span), etc.
    p.apply_coding(ids["fear_jobs"], a, *span(INTERVIEW_A, "Folk tenker at vi digitaliserer bort arbeidsplassene."))
    p.apply_coding(ids["fear"], a, *span(INTERVIEW_A, "Folk er redde for at vi skal digitalisere."))
    # the whole first two sentences, coded "fear": overlaps the fear_jobs coding
    p.apply_coding(ids["fear"], a, 0, INTERVIEW_A.index("Kommunen"))
    p.apply_coding(ids["pressed"], a, *span(INTERVIEW_A, "Kommunen er ganske pressa"))
    p.apply_coding(ids["merger"], a, *span(INTERVIEW_A, "Siste året"))
    p.apply_coding(ids["courage"], b, *span(INTERVIEW_B, "Ansattes evne til å tenke litt nytt, tørre å prøve."))
    p.apply_coding(ids["techfear"], b, *span(INTERVIEW_B, "Det handler om teknologifrykt."))
    p.apply_coding(ids["plan"], b, *span(INTERVIEW_B, "Vi har ikke kommet dit ennå"))
    groups = {
        "frykt": p.create_group("Ansatte sin frykt for digitale løsninger",
                                [ids["fear_jobs"], ids["fear"], ids["techfear"]]),
        "presset": p.create_group("Presset arbeidshverdag", [ids["pressed"]]),
        "rest": p.create_group("Restgruppe", [ids["merger"]], is_rest=True),
    }
    theme = p.create_theme("Lav digital modenhet og teknologifrykt", [groups["frykt"], groups["presset"]])
    return p, ids, {"A": a, "B": b, **groups, "theme": theme}
