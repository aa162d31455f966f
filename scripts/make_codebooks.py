"""Build codebooks/thesis_codebook.{md,qdc} from the "Tema / Kodegruppe / kode"
appendix (Vedlegg G) of the master thesis in the seed material.

    python scripts/make_codebooks.py [SEED_003_TXT]

The default seed is ../shared/seeds/003_*.txt beside the repository. The project uuid
is fixed, so the .qdc's GUIDs are the same every time the script runs.
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coder.core import Project  # noqa: E402
from coder.core.codebook import UUID_SETTING  # noqa: E402
from coder.exchange.codebook_export import export_codebook  # noqa: E402
from coder.exchange.codebook_import import import_codebook  # noqa: E402

THESIS_UUID = str(uuid.uuid5(uuid.NAMESPACE_URL, "coder:codebooks/thesis_codebook"))


def main(argv: list[str]) -> None:
    seed = Path(argv[0]) if argv else next((ROOT.parent / "shared" / "seeds").glob("003_*.txt"))
    out = ROOT / "codebooks"
    with tempfile.TemporaryDirectory() as tmp:
        with Project.create(Path(tmp) / "thesis.coder", coder="make_codebooks") as project:
            project.settings.set(UUID_SETTING, THESIS_UUID)
            r = import_codebook(project, seed)
            for fmt in ("md", "qdc"):
                export_codebook(project, out / f"thesis_codebook.{fmt}", fmt)
    print(f"{seed.name}: {r.codes_added} codes, {r.groups_added} groups, {r.themes_added} themes "
          f"→ {out}/thesis_codebook.md, .qdc")


if __name__ == "__main__":
    main(sys.argv[1:])
