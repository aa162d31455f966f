"""Numbers and dates as the reader's language writes them (nb: 1 234,5 and 3. desember 2026)."""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date as _format_date, format_datetime as _format_datetime, format_time as _format_time
from babel.numbers import format_decimal

from coder.i18n import language


def number(value: float | int, digits: int | None = None) -> str:
    pattern = None if digits is None else "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=language())


def date(value: _dt.date | _dt.datetime) -> str:
    return _format_date(value, format="long", locale=language())


def datetime(value: _dt.datetime) -> str:
    return _format_datetime(value, format="medium", locale=language())


def moment(value: _dt.datetime) -> str:
    """A date and time to the minute, as a log shows them (nb: 3. des. 2026 14:05)."""
    locale = language()
    return f"{_format_date(value, format='medium', locale=locale)} {_format_time(value, format='short', locale=locale)}"
