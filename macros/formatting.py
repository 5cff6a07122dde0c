"""Dutch dates and numbers, the way the printed edition writes them (babel's nl locale)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
EURO_UNITS = {"€", "euro", "eur"}
# babel takes tens of microseconds per call, and a build formats the same few hundred dates and
# numbers thousands of times (milestones, agenda, tiles): each value is formatted once.
_once = lru_cache(maxsize=4096, typed=True)


@_once
def date_long(value: dt.date) -> str:
    """3 juli 2023"""
    return format_date(value, format="d MMMM y", locale=LOCALE)


@_once
def month_year(value: dt.date) -> str:
    """juni 2023"""
    return format_date(value, format="LLLL y", locale=LOCALE)


@_once
def number(value: float) -> str:
    """10.000 and 2,5: Dutch grouping and decimal comma; whole floats lose their ',0'."""
    if float(value).is_integer():
        value = int(value)
    return format_decimal(value, locale=LOCALE)


def signed(value: int) -> str:
    """+3, −2 or 0: a change against the previous edition."""
    if value > 0:
        return f"+{number(value)}"
    if value < 0:
        return f"−{number(-value)}"
    return "0"


def amount(value: float, unit: str | None) -> str:
    """'€ 1.000' for money, '114 stuks' for counts, '750' without a unit."""
    if unit and unit.strip().casefold() in EURO_UNITS:
        return f"€ {number(value)}"
    return f"{number(value)} {unit}" if unit else number(value)


def period(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return f"vanaf {date_long(start)}"
    return f"{date_long(start)} tot en met {date_long(end)}"
