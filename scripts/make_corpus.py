"""Rebuild corpus/ from the seed reports.

    python scripts/make_corpus.py [SEEDS_DIR]     # default: ../shared/seeds from the repo root

Writes
  corpus/reports/*.txt          the five reports, repaired (one paragraph per line pair)
  corpus/interviews/informant_[a-f].txt + attributes.csv
                                the thesis's (seed 003) chapter 5 quotes, per informant
  corpus/survey/comments.csv    the open-ended survey comments quoted in seed 000
The output is deterministic: running it twice gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.text.prepare import normalize, prepare_text  # noqa: E402
from coder.text.repair import repair_pdf_text  # noqa: E402

# seed file prefix -> corpus name (titles as the reports give them)
REPORTS = {
    "000": "ipsos_2021_digitale_konsekvenser_av_covid-19_for_kommunal_sektor",
    "001": "deloitte_2021_kommunenes_erfaringer_fra_koronapandemien",
    "002": "ks_arbeidsgiverrollen_ved_digital_omstilling",
    "003": "aurstad_2020_master_ledelse_av_digitalisering_i_mellomstore_kommuner",
    "004": "distriktssenteret_innspill_strategi_kompetanse_digital_omstilling",
}

# How the thesis presents its informants (seed 003, section 4, "Hver informant er
# anonymisert og presenteres kort nedenfor"): role and the municipality's strategy.
INFORMANTS = {
    "A": ("sentral rolle i kommuneadministrasjonen og digitaliseringsrådgiver (to informanter)",
          "digitaliseringsstrategi 2017-2020"),
    "B": ("ansvar for digitalisering og porteføljestyring", "strategi for digital hverdag"),
    "C": ("personal-, økonomi- og fagansvar for IT-tjenesten", "digitaliseringsstrategi 2017-2020"),
    "D": ("ledende rolle innenfor digitalisering", "digitaliseringsstrategi 2016-2019"),
    "E": ("ledende rolle innenfor digitalisering", "under arbeid"),
    "F": ("fagansvarlig for digitalisering og innovasjon", "ingen egen strategi"),
}

# Seed 000: quotes the layout puts among the survey comments but which the text says
# come from the qualitative interviews ("Positive læringspunkter ... fra den kvalitative
# studien"), so they are not survey comments.
NOT_SURVEY = ("Læreren gir en-til-en-tilbakemelding",)
ROLES = {"kommunedirektør": "kommunedirektør", "kommunalsjef": "kommunalsjef",
         "hovedtillitsvalgt": "hovedtillitsvalgt"}


def seed_file(seeds: Path, prefix: str) -> Path:
    found = sorted(seeds.glob(f"{prefix}_*.txt"))
    if not found:
        raise SystemExit(f"{seeds}: no seed {prefix}_*.txt")
    return found[0]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def make_reports(seeds: Path, out: Path) -> dict[str, str]:
    cleaned = {}
    for prefix, name in REPORTS.items():
        text = repair_pdf_text(normalize(seed_file(seeds, prefix).read_text(encoding="utf-8")))
        cleaned[prefix] = text
        write(out / "reports" / f"{name}.txt", text + "\n")
    return cleaned


def unquote(quote: str) -> str:
    return quote[1:-1].strip()


def letters(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


def make_interviews(thesis: str, out: Path) -> dict[str, int]:
    """Chapter 5 ("5 Resultater" up to "6 Diskusjon"): every quote the text attributes
    to one informant, in order, each its own paragraph; the same quote twice once."""
    start = thesis.index("\n5 Resultater\n")
    end = thesis.index("\n6 Diskusjon\n", start)
    prepared = prepare_text(thesis[start:end], sentences=False)
    quotes: dict[str, list[str]] = {letter: [] for letter in INFORMANTS}
    seen = set()
    for span in prepared.spans:
        if span.kind != "quote" or not span.speaker:
            continue
        body = unquote(prepared.text[span.start:span.end])
        letter = span.speaker.split()[-1]
        if len(body.split()) < 6 or letter not in quotes or letters(body) in seen:
            continue
        seen.add(letters(body))
        quotes[letter].append(body)
    folder = out / "interviews"
    for letter, bodies in quotes.items():
        write(folder / f"informant_{letter.lower()}.txt", "\n\n".join(bodies) + "\n")
    with open(folder / "attributes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "informant", "role", "strategy"])
        for letter, (role, strategy) in INFORMANTS.items():
            w.writerow([f"informant_{letter.lower()}.txt", f"Informant {letter}", role, strategy])
    return {letter: len(bodies) for letter, bodies in quotes.items()}


def make_survey(report: str, out: Path) -> int:
    """Seed 000's open-ended comments: the quotes under "Positive konsekvenser" and
    "Negative konsekvenser" (the text says these are the kommunalsjefer's comments),
    and every quote signed "- Kommunedirektør" / "- Kommunalsjef" / "- Hovedtillitsvalgt".
    Sidebar copies of the same comment count once."""
    prepared = prepare_text(report, sentences=False)
    text = prepared.text
    headings = [(s.start, text[s.start:s.end]) for s in prepared.spans if s.kind == "heading"]
    rows, seen = [], set()
    for span in prepared.spans:
        if span.kind != "quote":
            continue
        body = unquote(text[span.start:span.end])
        if body.startswith(NOT_SURVEY) or letters(body) in seen:
            continue
        above = [h for at, h in headings if at < span.start]
        section = next((h for h in reversed(above) if re.match(r"\d+(\.\d+)*\.?\s", h)), "")
        signed = re.match(r"\s*[-–]\s*(Kommunedirektør|Kommunalsjef|Hovedtillitsvalgt)", text[span.end:span.end + 30])
        consequence = {"Positive konsekvenser": "positiv", "Negative konsekvenser": "negativ"}.get(above[-1] if above else "")
        if consequence and section.startswith("4.1.3"):
            group = "kommunalsjef"
        elif signed:
            group, consequence = ROLES[signed.group(1).lower()], ""
        else:
            continue
        seen.add(letters(body))
        rows.append((group, consequence, section, body))
    # the signed originals sit beside unsigned sidebar copies; keep each comment once,
    # signed or not, in reading order
    path = out / "survey" / "comments.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "respondent_group", "consequence", "section", "comment"])
        for i, row in enumerate(rows, 1):
            w.writerow([f"c{i:02d}", *row])
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--out", default=str(ROOT / "corpus"))
    args = parser.parse_args()
    seeds, out = Path(args.seeds), Path(args.out)
    cleaned = make_reports(seeds, out)
    per_informant = make_interviews(cleaned["003"], out)
    comments = make_survey(cleaned["000"], out)
    print(f"reports: {len(cleaned)}; interview quotes: {per_informant}; survey comments: {comments}")


if __name__ == "__main__":
    main()
