"""The hand-checked sample of line ends from the seeds (tests/data/text/line_ends.jsonl):
100 line-end hyphens and 100 other line ends, each with the text the repaired
document must contain there. The repair must get at least 97 % of them right."""

import json
from functools import cache
from pathlib import Path

import pytest

from coder.text.prepare import normalize
from coder.text.repair import repair_pdf_text

DATA = Path(__file__).parent / "data" / "text"
ITEMS = [json.loads(line) for line in (DATA / "line_ends.jsonl").read_text(encoding="utf-8").splitlines()]


@cache
def repaired(seed: str) -> str:
    return repair_pdf_text(normalize((DATA / seed).read_text(encoding="utf-8")))


def right(item: dict) -> bool:
    text = repaired(item["seed"])
    if item.get("dropped"):
        left, right_ = item["left"], item["right"]
        return not any(opt in text for opt in (left + " " + right_, left + "\n\n" + right_, left + right_))
    return any(opt in text for opt in item.get("accept") or [item["expected"]])


def test_sample_is_what_the_report_claims():
    kinds = [item["kind"] for item in ITEMS]
    assert kinds.count("hyphen") == 100 and kinds.count("wrap") == 100
    assert {item["seed"] for item in ITEMS if item["kind"] == "wrap"} == {"seed000.txt", "seed003.txt"}


@pytest.mark.parametrize("kind", ["hyphen", "wrap"])
def test_repair_gets_97_percent_of_line_ends_right(kind):
    items = [item for item in ITEMS if item["kind"] == kind]
    wrong = [item["id"] for item in items if not right(item)]
    score = 1 - len(wrong) / len(items)
    print(f"{kind}: {len(items) - len(wrong)}/{len(items)} right; wrong: {wrong}")
    assert score >= 0.97, wrong
