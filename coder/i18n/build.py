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


def _key(block: str) -> tuple[str, ...]:
    """An entry's identity: its msgctxt and msgid lines (comments and translations aside)."""
    lines = [line for line in block.splitlines() if not line.startswith("#")]
    head = []
    for line in lines:
        if line.startswith(("msgid_plural", "msgstr")):
            break
        head.append(line)
    return tuple(head)


def _separated(lines: list[str]) -> list[str]:
    """A union merge can glue two entries together; put the blank line back between them."""
    out: list[str] = []
    in_msgstr = False
    for line in lines:
        starts_entry = line.startswith(("#", "msgctxt ", "msgid "))
        if starts_entry and in_msgstr:
            out.append("")
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        out.append(line)
    return out


def drop_duplicates(po: Path) -> list[str]:
    """Keep the first of entries two branches both added (they are merged with merge=union).
    Returns the msgids whose dropped copy said something else, for a reader to check."""
    blocks = "\n".join(_separated(po.read_text(encoding="utf-8").splitlines())).split("\n\n")
    seen: dict[tuple[str, ...], str] = {}
    kept, differing = [], []
    for block in blocks:
        key = _key(block)
        if key and key in seen and key != ('msgid ""',):
            if seen[key].strip() != block.strip():
                differing.append(" ".join(key))
            continue
        seen.setdefault(key, block)
        kept.append(block)
    po.write_text("\n\n".join(kept), encoding="utf-8")
    return differing


def main() -> int:
    for po in catalogues():
        for msgid in drop_duplicates(po):
            print(f"{po}: two translations of {msgid}; kept the first", file=sys.stderr)
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
