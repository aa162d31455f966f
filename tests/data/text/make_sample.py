"""Draw the line-end sample for the PDF-repair score (run once; the output was then
checked and corrected by hand, so do not re-run it over the checked file).

    python tests/data/text/make_sample.py > /tmp/proposal.jsonl

Seeds 000 and 003 hold only 29 line-end hyphens, so the hyphen half takes all of them,
all 16 of seed 001 and 55 of the 77 in seed 002 (two-column layout); the wrap half is 50
other line ends from each of seeds 000 and 003. For each it writes the two lines' ends
and the repair's current answer as a proposal for `expected`.
"""

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from coder.text.prepare import normalize  # noqa: E402
from coder.text.repair import _read_lines, repair_pdf_text  # noqa: E402

HERE = Path(__file__).parent


def junctions(text: str):
    lines = _read_lines(text)
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        yield i, a.text, b.text


def main() -> None:
    rng = random.Random(20261121)
    plan = {"seed000.txt": (None, 50), "seed001.txt": (None, 0), "seed002.txt": (55, 0), "seed003.txt": (None, 50)}
    for name, (n_hyphens, n_wraps) in plan.items():
        text = normalize((HERE / name).read_text(encoding="utf-8"))
        repaired = repair_pdf_text(text)
        pairs = list(junctions(text))
        hyphens = [p for p in pairs if re.search(r"\w-$", p[1])]
        wraps = [p for p in pairs if not p[1].endswith("-")]
        for kind, pool, n in (("hyphen", hyphens, n_hyphens), ("wrap", wraps, n_wraps)):
            for i, a, b in sorted(rng.sample(pool, len(pool) if n is None else n)):
                left = a[-30:]
                # the end of a short next line may itself be rewritten by the next join
                right = b[:30] if len(b) > 34 else b.rsplit(" ", 1)[0] if " " in b else b.rstrip("-")
                if kind == "hyphen":
                    options = [left + right, left[:-1] + right, left + " " + right]
                else:
                    options = [left + " " + right, left + "\n\n" + right]
                proposal = next((o for o in options if o in repaired), None)
                print(json.dumps({"seed": name, "junction": i, "kind": kind, "left": left,
                                  "right": right, "expected": proposal}, ensure_ascii=False))


if __name__ == "__main__":
    main()
