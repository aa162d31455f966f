"""The catalogue machinery: compiled catalogues match their sources, plurals, language choice,
Norwegian order, numbers and dates."""

import datetime

import pytest

from coder import i18n
from coder.i18n import _, format as fmt, ngettext, using
from coder.i18n.build import catalogues, compiled
from coder.i18n.collate import sort_key


def test_every_committed_mo_is_compiled_from_its_po():
    pos = catalogues()
    assert pos, "no catalogue found"
    for po in pos:
        assert po.with_suffix(".mo").read_bytes() == compiled(po), f"run python -m coder.i18n.build ({po})"


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
