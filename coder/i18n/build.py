"""Compile the .po catalogues to the .mo files gettext reads: `python -m coder.i18n.build`.

Babel writes them; `tests/test_i18n_catalogue.py` fails when a committed .mo is stale."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from coder.i18n import DOMAIN, LOCALE_DIR


def catalogues() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compiled(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def main() -> int:
    for po in catalogues():
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
