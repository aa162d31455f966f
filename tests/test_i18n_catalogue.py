"""The catalogue machinery: compiled catalogues match their sources, plurals, language choice,
Norwegian order, numbers and dates."""

import datetime
import gettext
import io

import pytest

from coder import i18n
from coder.i18n import _, format as fmt, ngettext, using
from coder.i18n.build import catalogues, compiled
from coder.i18n.collate import sort_key


def test_every_committed_mo_is_compiled_from_its_po():
    pos = catalogues()
    assert pos, "no catalogue found"
    for po in pos:
        committed = gettext.GNUTranslations(io.BytesIO(po.with_suffix(".mo").read_bytes()))
        fresh = gettext.GNUTranslations(io.BytesIO(compiled(po)))
        # The header carries the compile time; the messages are what must agree.
        assert {k: v for k, v in committed._catalog.items() if k != ""} == \
            {k: v for k, v in fresh._catalog.items() if k != ""}, f"run python -m coder.i18n.build ({po})"


@pytest.mark.parametrize(("n", "nb", "en"), [(0, "0 sitater", "0 quotes"), (1, "1 sitat", "1 quote"),
                                             (2, "2 sitater", "2 quotes"), (5, "5 sitater", "5 quotes"),
                                             (21, "21 sitater", "21 quotes")])
def test_plural_forms_in_both_languages(n, nb, en):
    with using("nb"):
        assert ngettext("{n} quote", "{n} quotes", n).format(n=n) == nb
    with using("en"):
        assert ngettext("{n} quote", "{n} quotes", n).format(n=n) == en


def test_an_override_is_for_its_block_only():
    i18n.set_language("en")
    with using("nb"):
        assert _("Documents") == "Dokumenter"
    assert _("Documents") == "Documents"


@pytest.mark.parametrize(("explicit", "env", "configured", "lang_env", "expected"), [
    ("en", "nb", "nb", "nb_NO.UTF-8", "en"),
    (None, "nb", "en", "en_GB.UTF-8", "nb"),
    (None, None, "nb", "en_GB.UTF-8", "nb"),
    (None, None, None, "nn_NO.UTF-8", "nb"),
    (None, None, None, "no_NO", "nb"),
    (None, None, None, "de_DE.UTF-8", "en"),
])
def test_language_is_chosen_by_flag_env_config_then_locale(monkeypatch, explicit, env, configured, lang_env, expected):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "CODER_LANG"):
        monkeypatch.delenv(var, raising=False)
    if env:
        monkeypatch.setenv("CODER_LANG", env)
    monkeypatch.setenv("LANG", lang_env)
    assert i18n.resolve(explicit, configured) == expected


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="nb, en"):
        i18n.set_language("de")


def test_norwegian_order_puts_ae_oe_aa_after_z_and_ignores_case():
    names = ["Øst", "åpen", "Zebra", "ærlig", "alfa", "Émile", "ape", "Ørn", "Ærlig"]
    assert sorted(names, key=sort_key) == ["alfa", "ape", "Émile", "Zebra", "Ærlig", "ærlig", "Ørn", "Øst", "åpen"]


def test_numbers_and_dates_in_the_readers_language():
    day = datetime.date(2026, 12, 3)
    with using("nb"):
        assert fmt.date(day) == "3. desember 2026"
        assert fmt.number(1234.5, 1) == "1\u00a0234,5"
    with using("en"):
        assert fmt.date(day) == "December 3, 2026"
        assert fmt.number(1234.5, 1) == "1,234.5"


def test_a_moment_to_the_minute_in_the_readers_language():
    moment = datetime.datetime(2026, 12, 3, 14, 5, 7)
    with using("nb"):
        assert fmt.moment(moment) == "3. des. 2026 14:05"
    with using("en"):
        assert fmt.moment(moment) == "Dec 3, 2026 2:05\u202fPM"


KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def marked_messages():
    """Every string the code marks for the catalogue, as Babel's extractor finds it."""
    from babel.messages.extract import extract_from_dir

    from coder.i18n import LOCALE_DIR
    root = LOCALE_DIR.parent.parent
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(root), method_map=[("**.py", "python")], keywords=KEYWORDS):
        yield f"{filename}:{lineno}", message, context


def test_every_marked_string_has_a_bokmal_translation():
    from babel.messages.pofile import read_po
    po = next(p for p in catalogues() if p.parent.parent.name == "nb")
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for where, message, context in marked_messages():
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(msgid, context=context)
        strings = entry.string if entry is not None else ""
        done = all(strings) if isinstance(strings, tuple) else bool(strings)
        if entry is None or not done or entry.fuzzy:
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "untranslated (add to coder/i18n/locale/nb/LC_MESSAGES/coder.po):\n" + "\n".join(missing)


def test_the_catalogue_has_no_duplicate_entries():
    """Branches add entries side by side (.gitattributes: merge=union); a merge must not double one."""
    for po in catalogues():
        keys = []
        context = None
        for line in po.read_text(encoding="utf-8").splitlines():
            if line.startswith("msgctxt "):
                context = line
            elif line.startswith("msgid ") and line != 'msgid ""':
                keys.append((context, line))
                context = None
        duplicates = {k for k in keys if keys.count(k) > 1}
        assert not duplicates, f"{po}: {sorted(duplicates)}"
