"""The shipped sample corpus (corpus/, made by scripts/make_corpus.py)."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = Path(os.environ.get("CODER_SEEDS", ROOT.parent / "shared" / "seeds"))


def paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_five_cleaned_reports_without_hard_breaks_in_paragraphs():
    reports = sorted((CORPUS / "reports").glob("*.txt"))
    assert len(reports) == 5
    for path in reports:
        paras = paragraphs(path)
        assert len(paras) > 10
        assert all("\n" not in p.strip() for p in paras), path.name
        assert all(p == p.strip() for p in paras[:-1])
    text = (CORPUS / "reports" / "ipsos_2021_digitale_konsekvenser_av_covid-19_for_kommunal_sektor.txt").read_text()
    assert "covid-19-pandemien" in text and "covid-\n" not in text


def test_six_informant_documents_with_a_sidecar():
    files = sorted(p.name for p in (CORPUS / "interviews").glob("informant_*.txt"))
    assert files == [f"informant_{c}.txt" for c in "abcdef"]
    with open(CORPUS / "interviews" / "attributes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["file", "informant", "role", "strategy"]
    assert [(r["file"], r["informant"]) for r in rows] == [(f"informant_{c}.txt", f"Informant {c.upper()}")
                                                           for c in "abcdef"]
    for name in files:
        quotes = paragraphs(CORPUS / "interviews" / name)
        assert len(quotes) >= 5
        assert all("\n" not in q.strip() and not q.startswith("«") for q in quotes)
    assert "Jeg tror det viktigste er å skape trygghet." in (CORPUS / "interviews" / "informant_c.txt").read_text()


def test_survey_comments_csv():
    with open(CORPUS / "survey" / "comments.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "respondent_group", "consequence", "section", "comment"]
    assert len({r["id"] for r in rows}) == len(rows) >= 20
    assert {r["respondent_group"] for r in rows} == {"kommunalsjef", "kommunedirektør"}
    assert {r["consequence"] for r in rows} == {"positiv", "negativ", ""}
    first = rows[0]
    assert first["comment"] == "Effektivisering av møter og fleksibilitet i forhold til arbeidsplass."
    assert (first["respondent_group"], first["consequence"]) == ("kommunalsjef", "positiv")
    assert len({r["comment"] for r in rows}) == len(rows)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not beside the repo")
def test_the_script_rebuilds_the_same_corpus(tmp_path):
    subprocess.run([sys.executable, "scripts/make_corpus.py", str(SEEDS), "--out", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)
    for path in tmp_path.rglob("*.*"):
        shipped = CORPUS / path.relative_to(tmp_path)
        assert shipped.read_bytes() == path.read_bytes(), shipped
