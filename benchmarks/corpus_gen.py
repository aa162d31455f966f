"""Synthetic material for the import and search benchmarks, made from the seed reports'
sentences (deterministic): survey comments, a long transcript, a 10 MB corpus."""

from __future__ import annotations

import csv
import os
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside a clone; ../../shared beside a worktree; or $CODER_SEEDS.
SEED_DIRS = [Path(os.environ["CODER_SEEDS"])] if os.environ.get("CODER_SEEDS") else [
    REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds"]


def seed_files() -> list[Path]:
    for folder in SEED_DIRS:
        files = sorted(folder.glob("*.txt"))
        if files:
            return files
    raise SystemExit(f"no seeds in {' or '.join(map(str, SEED_DIRS))}; set CODER_SEEDS")


def sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in seed_files())
    found = re.findall(r"[A-ZÆØÅ][^.!?]{30,240}[.!?]", " ".join(text.split()))
    return found


def survey_csv(path: Path, rows: int = 20_000) -> Path:
    """`rows` respondents, two comment columns (some empty), three attribute columns."""
    rng = random.Random(1)
    pool = sentences()
    groups = ["Ansatt", "Leder", "Tillitsvalgt", "Innbygger"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "gruppe", "alder", "kommune", "Hva fungerte bra?", "Hva kan bli bedre?"])
        for n in range(1, rows + 1):
            good = " ".join(rng.sample(pool, rng.randint(1, 2))) if rng.random() > 0.2 else ""
            bad = rng.choice(pool) if rng.random() > 0.3 else ""
            out.writerow([f"R{n:05d}", rng.choice(groups), rng.randint(20, 70),
                          f"Kommune {rng.randint(1, 356)}", good, bad])
    return path


def transcript(path: Path, size: int = 5_000_000) -> Path:
    rng = random.Random(2)
    pool = sentences()
    parts, total, n = [], 0, 0
    while total < size:
        speaker = "Intervjuer" if n % 2 == 0 else f"Informant {'ABCDEF'[n // 2 % 6]}"
        turn = f"{speaker}: " + " ".join(rng.sample(pool, rng.randint(1, 6))) + "\n\n"
        parts.append(turn)
        total += len(turn.encode())
        n += 1
    path.write_text("".join(parts), encoding="utf-8")
    return path


def corpus(folder: Path, size: int = 10_000_000, files: int = 20) -> Path:
    """About `size` bytes of report text in `files` files (the seeds, reshuffled)."""
    rng = random.Random(3)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        paragraphs, total = [], 0
        while total < size // files:
            para = " ".join(rng.sample(pool, rng.randint(2, 6)))
            paragraphs.append(para)
            total += len(para.encode()) + 2
        (folder / f"rapport_{i:02d}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    return folder
