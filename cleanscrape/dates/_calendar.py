"""Calendar arithmetic: the reference time, relative dates, time zones, ISO strings, limits."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..errors import InputError
from ._types import DateValue, trusted_value

__all__ = [
    "EARLIEST_MACHINE_YEAR",
    "EARLIEST_VISIBLE_YEAR",
    "coerce_reference",
    "iso_value",
    "months_back",
    "not_after",
    "offset_text",
    "plausible_day",
    "us_daylight",
    "zone_offset",
]

#: Oldest year accepted from text a reader sees. Archives reprint old articles with their
#: original date ("First published 12 March 1987"), so the limit is generous.
EARLIEST_VISIBLE_YEAR = 1900
#: Oldest year accepted from metadata and URLs, where old values are nearly always junk
#: (the Unix epoch, "0001-01-01", counters that look like years); the web is younger.
EARLIEST_MACHINE_YEAR = 1990

_UTC = _dt.timezone.utc
_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")


def coerce_reference(reference_time: _dt.datetime | _dt.date | str | None) -> _dt.datetime:
    """The reference time as an aware datetime.

    Args:
        reference_time: A datetime (naive means UTC), a date (its midnight, UTC), an ISO
            8601 string ("2021-06-15T12:00:00+00:00", "2021-06-15", a final "Z" allowed),
            or ``None`` for now.

    Raises:
        InputError: the string is not ISO 8601, or the value is of another type.
    """
    if reference_time is None:
        return _dt.datetime.now(_UTC)
    if isinstance(reference_time, str):
        text = reference_time.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            value = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise InputError(
                f"reference_time {reference_time!r} is not an ISO 8601 date or time"
            ) from None
        return value if value.tzinfo else value.replace(tzinfo=_UTC)
    if isinstance(reference_time, _dt.datetime):
        return reference_time if reference_time.tzinfo else reference_time.replace(tzinfo=_UTC)
    if isinstance(reference_time, _dt.date):
        return _dt.datetime(
            reference_time.year, reference_time.month, reference_time.day, tzinfo=_UTC
        )
    raise InputError(
        f"reference_time must be a datetime, a date or an ISO string, not {type(reference_time).__name__}"
    )


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days


def months_back(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` months earlier, clamped to the month's end (31 March - 1 → 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    if year < 1:
        raise ValueError("before year 1")
    last = _days_in_month(year, month)
    return _dt.date(year, month, min(day.day, last))


def _nth_sunday(year: int, month: int, n: int) -> _dt.date:
    first = _dt.date(year, month, 1)
    first_sunday = first + _dt.timedelta(days=(6 - first.weekday()) % 7)
    if n > 0:
        return first_sunday + _dt.timedelta(weeks=n - 1)
    last = _dt.date(year, month, _days_in_month(year, month))
    return last - _dt.timedelta(days=(last.weekday() + 1) % 7)


def us_daylight(day: _dt.date) -> bool:
    """Whether US daylight saving time is in force on ``day`` (rules of 2007, and 1987-2006 before)."""
    if day.year >= 2007:
        start, end = _nth_sunday(day.year, 3, 2), _nth_sunday(day.year, 11, 1)
    else:
        start, end = _nth_sunday(day.year, 4, 1), _nth_sunday(day.year, 10, -1)
    return start <= day < end


def offset_text(hours: int, minutes: int, negative: bool) -> str | None:
    """``"+09:00"`` from its parts, or ``None`` when no zone uses such an offset.

    Offsets in use run from -12:00 to +14:00, in whole hours or with 30 or 45 minutes
    (west of UTC only -09:30, -03:30 and -02:30), so "10:30 - 11:30" is no time and zone.
    """
    if minutes not in (0, 30, 45) or hours > (12 if negative else 14) or (hours == 14 and minutes):
        return None
    if negative and minutes and (minutes != 30 or hours not in (2, 3, 9)):
        return None
    return f"{'-' if negative and (hours or minutes) else '+'}{hours:02d}:{minutes:02d}"


def zone_offset(value: Any, day: _dt.date) -> str:
    """The offset a zone abbreviation stands for on ``day`` (US zones follow daylight time)."""
    if isinstance(value, tuple):
        return str(value[1] if us_daylight(day) else value[0])
    return str(value)


def iso_value(
    year: int,
    month: int | None = None,
    day: int | None = None,
    time: tuple[int, int, int | None] | None = None,
    offset: str | None = None,
) -> DateValue:
    """A :class:`DateValue` from its parts; precision follows what is given.

    Raises:
        ValueError: the parts are not a real date or time.
    """
    if not 1 <= year <= 9999:
        raise ValueError("year")
    if month is None:
        return trusted_value(f"{year:04d}", "year")
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError("month")
        return trusted_value(f"{year:04d}-{month:02d}", "month")
    _dt.date(year, month, day)  # raises on 31 February
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if time is None:
        return trusted_value(text, "day")
    hour, minute, second = time
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and (second is None or 0 <= second <= 59)):
        raise ValueError("time")
    if offset is not None and _OFFSET.fullmatch(offset) is None:
        raise ValueError("offset")
    if second is None:
        return trusted_value(f"{text}T{hour:02d}:{minute:02d}{offset or ''}", "minute")
    return trusted_value(f"{text}T{hour:02d}:{minute:02d}:{second:02d}{offset or ''}", "second")


def plausible_day(day: _dt.date, reference: _dt.datetime, earliest_year: int) -> bool:
    """:func:`not_after` for a day without a time."""
    return day.year >= earliest_year and day <= (reference + _dt.timedelta(days=1)).date()


def not_after(value: DateValue, reference: _dt.datetime, earliest_year: int) -> bool:
    """Whether ``value`` is plausible: not before ``earliest_year``, not after the reference
    time plus one day (a page's local day may run ahead of the crawler's)."""
    year = int(value.iso[:4])
    if year < earliest_year:
        return False
    limit = reference + _dt.timedelta(days=1)
    if value.precision == "year":
        return year <= limit.year
    if value.precision == "month":
        return (year, int(value.iso[5:7])) <= (limit.year, limit.month)
    moment = value.to_datetime()
    if moment is not None and moment.tzinfo is not None:
        return moment <= limit
    day = value.to_date()
    return day is not None and day <= limit.date()
