"""The fixed formats machines write dates in: ISO 8601 (with the liberties metadata takes)
and RFC 2822. Pure readers with no limits applied; shared by :mod:`._machine` (metadata,
addresses) and :mod:`._read` (visible text that happens to be ISO)."""

from __future__ import annotations

import datetime as _dt
import re

from ._calendar import iso_value, offset_text, zone_offset
from ._lexicon import CAT, common_rules, lexicon_for
from ._types import DateValue

__all__ = ["parse_iso", "parse_rfc2822"]

# ISO 8601 and the near-ISO forms metadata uses: extended or basic date, week or ordinal
# date, "T" or a space before the time, fractions, "Z", "+0900", "+09:00", a zone name
# glued on ("2020-09-26T07:55:59CDT"). Every part is a fixed-width run: linear.
_ISO = re.compile(
    r"(?P<y>\d{4})"
    r"(?:(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?"
    r"|(?P<m2>\d{2})(?P<d2>\d{2})"
    r"|-?W(?P<w>\d{2})(?:-?(?P<wd>[1-7]))?"
    r"|-(?P<o>\d{3}))?"
    r"(?:(?:[Tt]|\s+)(?P<H>\d{1,2}):?(?P<M>\d{2})(?::?(?P<S>\d{1,2})(?:[.,]\d{1,9})?)?"
    r"\s*(?P<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?\s*(?P<zn>[A-Za-z]{2,5})?)?"
)

_RFC = re.compile(
    r"(?:(?P<wd>[A-Za-z]{2,9})\.?,?\s+)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4}|\d{2})"
    r"(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<z>[+-]\d{4}|[A-Za-z]{1,5}))?)?"
)


def _named_offset(name: str, day: _dt.date) -> str | None:
    zones = common_rules().get("zones", {})
    upper = name.upper()
    if upper in zones:
        return str(zones[upper])
    pair = common_rules().get("us_zones", {}).get(upper)
    if pair is not None:
        return zone_offset((pair[0], pair[1]), day)
    return None


def parse_iso(text: str) -> DateValue | None:
    """An ISO 8601 date or date-time, with the liberties metadata takes; no limits applied."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year = int(m.group("y"))
    try:
        if m.group("w"):
            if not m.group("wd"):
                return None  # a week is no precision a DateValue has
            day = _dt.date.fromisocalendar(year, int(m.group("w")), int(m.group("wd")))
        elif m.group("o"):
            day = _dt.date(year, 1, 1) + _dt.timedelta(days=int(m.group("o")) - 1)
            if day.year != year:
                return None
        else:
            month_text = m.group("m") or m.group("m2")
            day_text = m.group("d") or m.group("d2")
            if m.group("sep") not in (None, "-") and day_text is None:
                return None  # "2021/03" or "2021.03": not a machine form
            if month_text is None:
                return None if m.group("H") else iso_value(year)
            if day_text is None:
                return None if m.group("H") else iso_value(year, int(month_text))
            day = _dt.date(year, int(month_text), int(day_text))
        if m.group("H") is None:
            return iso_value(day.year, day.month, day.day)
        second = int(m.group("S")) if m.group("S") is not None else None
        time = (int(m.group("H")), int(m.group("M")), second)
        offset: str | None = None
        z = m.group("z")
        if z:
            if z in "Zz":
                offset = "+00:00"
            else:
                digits = z[1:].replace(":", "")
                offset = offset_text(int(digits[:2]), int(digits[2:4] or 0), z[0] == "-")
                if offset is None:
                    return None
        elif m.group("zn"):
            offset = _named_offset(m.group("zn"), day)
            if offset is None:
                return None
        return iso_value(day.year, day.month, day.day, time, offset)
    except ValueError:
        return None


def parse_rfc2822(text: str) -> DateValue | None:
    """An RFC 2822 date ("Tue, 20 Nov 2019 10:00:00 GMT"); no limits applied."""
    m = _RFC.fullmatch(text)
    if m is None:
        return None
    month = lexicon_for("en").words.get(m.group("mon").lower())
    if month is None or not month.mask & CAT.MONTH:
        return None
    year = int(m.group("y"))
    if len(m.group("y")) == 2:
        year += 2000 if year < 50 else 1900
    try:
        day = _dt.date(year, month.values[CAT.MONTH], int(m.group("d")))
        if m.group("H") is None:
            return iso_value(day.year, day.month, day.day)
        second = int(m.group("S")) if m.group("S") is not None else None
        time = (int(m.group("H")), int(m.group("M")), second)
        offset = None
        z = m.group("z")
        if z:
            if z[0] in "+-":
                offset = offset_text(int(z[1:3]), int(z[3:5]), z[0] == "-")
            else:
                offset = _named_offset(z, day)
            if offset is None:
                return None
        return iso_value(day.year, day.month, day.day, time, offset)
    except ValueError:
        return None
