"""The one catalogue every word a user reads goes through: gettext, bokmål (`nb`) and English.

English is the source language (the msgids); bokmål lives in `locale/nb/LC_MESSAGES/coder.po`,
compiled to the `.mo` beside it by `python -m coder.i18n.build` (a test fails when the two
disagree). Use:

    from coder.i18n import _, ngettext, N_
    _("Documents")
    ngettext("{n} quote", "{n} quotes", n).format(n=n)
    TITLE = N_("Codebook")     # marks a constant for extraction; translate with _(TITLE) where shown

The language is process-wide (`set_language`), and can be overridden for one block of work
(`using("nb")`, e.g. an export written in another language than the UI); the override is a
context variable, so a worker thread keeps the language it was started with only if it is
started inside the block.
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import locale as _locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LANGUAGES = ("nb", "en")
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "coder"

# Locale names that mean bokmål to us: nynorsk and the generic "no" read bokmål better than English.
_NORWEGIAN = ("nb", "nn", "no")

_process_language = DEFAULT
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("coder_language", default=None)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])


def normalise(name: str | None) -> str | None:
    """'nb_NO.UTF-8', 'no', 'NN' → 'nb'; 'en_GB' → 'en'; anything else → None."""
    if not name:
        return None
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if base in _NORWEGIAN:
        return "nb"
    return "en" if base == "en" else None


def from_locale() -> str | None:
    """The user's locale, as the C library's environment names it."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            for part in value.split(":"):
                found = normalise(part)
                if found:
                    return found
            return None
    try:
        return normalise(_locale.getlocale()[0])
    except ValueError:
        return None


def resolve(explicit: str | None = None, configured: str | None = None) -> str:
    """--lang, else CODER_LANG, else the config file's `language`, else the locale, else English."""
    for candidate in (explicit, os.environ.get("CODER_LANG"), configured):
        found = normalise(candidate)
        if found:
            return found
    return from_locale() or DEFAULT


def set_language(language: str) -> None:
    global _process_language
    found = normalise(language)
    if found is None:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _process_language = found


def language() -> str:
    return _override.get() or _process_language


@contextmanager
def using(language_: str | None) -> Iterator[str]:
    """Run a block in another language (None: the current one)."""
    found = normalise(language_) if language_ else language()
    if found is None:
        raise ValueError(f"unknown language {language_!r}; choose one of {', '.join(LANGUAGES)}")
    token = _override.set(found)
    try:
        yield found
    finally:
        _override.reset(token)


def _(message: str) -> str:
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For one English word that needs two Norwegian ones (context tells them apart)."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it now (module-level constants)."""
    return message
