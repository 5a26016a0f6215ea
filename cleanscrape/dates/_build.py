"""From a signature match to a :class:`DateValue`: numbers, order, year, time, zone, limits."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ._calendar import iso_value, months_back, not_after, offset_text, plausible_day, zone_offset
from ._grammar import Match, Token
from ._lexicon import CAT
from ._types import DateValue, trusted_value

__all__ = ["Context", "Reading", "build", "combine"]


class Context:
    """What reading a date needs besides the text.

    Attributes:
        reference: The reference time (aware).
        order: ``"DMY"``, ``"MDY"`` or ``"YMD"`` for ambiguous numeric dates.
        earliest_year: Oldest plausible year.
        offset: The reference time's own zone offset, when it named one.
    """

    __slots__ = ("earliest_year", "offset", "order", "reference")

    def __init__(self, reference: _dt.datetime, order: str, earliest_year: int,
                 offset: str | None = None) -> None:
        self.reference = reference
        self.order = order
        self.earliest_year = earliest_year
        #: The reference time's own offset ("+02:00"), ``None`` when it was given without
        #: one: moments counted from it ("3 hours ago") carry this offset.
        self.offset = offset


class Reading:
    """One span read as a date, or as a time waiting for a date.

    Attributes:
        value: The date, or ``None`` for a time alone ("Updated 18:30" after a date).
        time: Hour, minute, second of a time alone.
        zone: The zone of a time alone: an offset string, a (standard, daylight) pair, or
            ``None``.
        evidence: ``"DMY"`` or ``"MDY"`` when a numeric date showed its order (a part
            above 12).
        ambiguous: A numeric date read by the order alone (04/05/2021).
    """

    __slots__ = ("ambiguous", "evidence", "time", "value", "zone")

    def __init__(
        self,
        value: DateValue | None,
        time: tuple[int, int, int | None] | None = None,
        zone: Any = None,
        evidence: str | None = None,
        ambiguous: bool = False,
    ) -> None:
        self.value = value
        self.time = time
        self.zone = zone
        self.evidence = evidence
        self.ambiguous = ambiguous


_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600}


_GROUPS: dict[re.Pattern[str], dict[str, int]] = {}


def _pos(m: re.Match[str], group: str) -> int:
    """Token index where ``group`` matched, or -1 (also when the pattern has no such group)."""
    groups = _GROUPS.get(m.re)
    if groups is None:
        groups = _GROUPS[m.re] = dict(m.re.groupindex)
    index = groups.get(group)
    return -1 if index is None else m.start(index)


def _int(tokens: list[Token], m: re.Match[str], group: str) -> int | None:
    index = _pos(m, group)
    if index < 0:
        return None
    tok = tokens[index]
    if tok.kind == "n":
        return int(tok.text)
    value = tok.values.get(CAT.NUMBER)
    return value if isinstance(value, int) else None


def _value(tokens: list[Token], m: re.Match[str], group: str, cat: int) -> Any:
    index = _pos(m, group)
    return None if index < 0 else tokens[index].values.get(cat)


def _year(tokens: list[Token], m: re.Match[str], group: str, ref: _dt.datetime) -> int | None:
    index = _pos(m, group)
    if index < 0:
        return None
    digits = tokens[index].text
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:
        year = 2000 + int(digits)
        return year if year <= ref.year + 1 else year - 100
    return -1  # a one-digit "year": not a year


def _infer_year(month: int, day: int, ref: _dt.datetime, weekday: int | None = None) -> int | None:
    """The year of a date written without one.

    The latest year in which day/month is not after the reference day plus one; when a
    weekday is written beside it ("8/21(水)"), the latest such year, within eleven, whose
    day/month falls on that weekday (a page crawled long after it was written).
    """
    limit = ref.date() + _dt.timedelta(days=1)
    first: int | None = None
    for year in range(limit.year, limit.year - 12, -1):
        try:
            date = _dt.date(year, month, day)
        except ValueError:
            continue
        if date > limit:
            continue
        if weekday is None or date.weekday() == weekday:
            return year
        if first is None:
            first = year
    return first


def _weekday_fits(year: int | None, month: int, day: int, weekday: int | None) -> bool:
    if weekday is None or year is None:
        return False
    try:
        return _dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def _time(
    tokens: list[Token], tm: re.Match[str], date_first: bool
) -> tuple[int, int, int | None] | None:
    """Hour, minute, second from a time match, 12-hour clocks converted."""
    if _pos(tm, "h1") >= 0:
        hour, minute, second = (
            _int(tokens, tm, "h1"),
            _int(tokens, tm, "mi1"),
            _int(tokens, tm, "s1"),
        )
        if (
            tm.group("tsep") == "."
            and not date_first
            and _pos(tm, "ap1") < 0
            and _pos(tm, "ap2") < 0
            and _pos(tm, "ts") < 0
        ):
            return None  # "14.05" before a date could be a date itself
    elif _pos(tm, "h2") >= 0:
        hour, minute, second = (
            _int(tokens, tm, "h2"),
            _int(tokens, tm, "mi2"),
            _int(tokens, tm, "s2"),
        )
        minute = minute or 0
    else:
        hour, minute, second = _int(tokens, tm, "h3" if _pos(tm, "h3") >= 0 else "h4"), 0, None
    if hour is None or minute is None:
        return None
    ampm = _value(tokens, tm, "ap1", CAT.AMPM) or _value(tokens, tm, "ap2", CAT.AMPM)
    if ampm == "am":
        if not 1 <= hour <= 12:
            return None
        hour = 0 if hour == 12 else hour
    elif ampm == "pm":
        if hour == 0 or hour > 23:
            return None
        if hour < 12:
            hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and (second is None or 0 <= second <= 59)):
        return None
    return hour, minute, second


def _zone(tokens: list[Token], zm: re.Match[str] | None) -> tuple[bool, Any]:
    """(well formed, zone) where zone is an offset string, a US pair, or None."""
    if zm is None:
        return True, None
    if _pos(zm, "sign") >= 0 or _pos(zm, "zsign") >= 0:
        named = _pos(zm, "sign") < 0
        sign = zm.group("zsign" if named else "sign")
        at = _pos(zm, "zsign" if named else "sign")
        if tokens[at].end != tokens[at + 1].start:
            return False, None  # "10:30 - 11:30" is a range, "+09:00" is glued
        if _pos(zm, "ohm") >= 0:
            digits = tokens[_pos(zm, "ohm")].text
            hours, minutes = int(digits[:2]), int(digits[2:])
        elif named:
            digits = tokens[_pos(zm, "zh")].text
            if len(digits) == 4:
                hours, minutes = int(digits[:2]), int(digits[2:])
            else:
                hours = int(digits)
                minutes = int(tokens[_pos(zm, "zm")].text) if _pos(zm, "zm") >= 0 else 0
        else:
            hours = int(tokens[_pos(zm, "oh")].text)
            minutes = int(tokens[_pos(zm, "om")].text)
        text = offset_text(hours, minutes, sign == "-")
        return text is not None, text
    return True, tokens[_pos(zm, "z")].values.get(CAT.ZONE)


_Parts = tuple[int, int | None, int | None, str | None, bool]


def _calendar_date(
    match: Match, tokens: list[Token], ctx: Context, asserted: bool
) -> _Parts | None:
    """(year, month, day, order evidence, ambiguous) of a date match."""
    assert match.shape is not None and match.date is not None
    named = tokens[match.weekday].values.get(CAT.WEEKDAY) if match.weekday is not None else None
    weekday = named if isinstance(named, int) else None
    strength = match.shape.strength
    if strength == "weak" and not asserted:
        return None
    if strength == "context" and not (asserted and (weekday is not None or match.time is not None)):
        return None
    if match.shape.name in ("num3", "md_num"):
        return _numeric_date(match.date, tokens, ctx, weekday)
    m = match.date
    year = _year(tokens, m, "y", ctx.reference)
    month: int | None
    if _pos(m, "mw") >= 0:
        month = _value(tokens, m, "mw", CAT.MONTH)
    else:
        month = _int(tokens, m, "mo")
    day = _int(tokens, m, "d")
    if year is None:
        if month is None or day is None:
            return None
        year = _infer_year(month, day, ctx.reference, weekday)
    return _checked(year, month, day, None, False)


def _numeric_date(
    m: re.Match[str], tokens: list[Token], ctx: Context, weekday: int | None
) -> _Parts | None:
    """A date of numbers only: 21.08.2019, 04/05/21, 8/21 (with a weekday or time)."""
    ref = ctx.reference
    a, b = _int(tokens, m, "a"), _int(tokens, m, "b")
    if a is None or b is None:
        return None
    year: int | None = None
    if _pos(m, "c") >= 0:
        if ctx.order == "YMD" and all(len(tokens[_pos(m, g)].text) == 2 for g in "abc"):
            # 19.08.21 on a year-first page
            return _checked(
                2000 + a if 2000 + a <= ref.year + 1 else 1900 + a,
                b,
                _int(tokens, m, "c"),
                None,
                False,
            )
        year = _year(tokens, m, "c", ref)
    evidence: str | None = None
    ambiguous = False
    if a > 12 and b <= 12:
        day, month, evidence = a, b, "DMY"
    elif b > 12 and a <= 12:
        month, day, evidence = a, b, "MDY"
    elif a <= 12 and b <= 12:
        # (day, month) as the order reads it, and the other way round.
        first, other = ((a, b), (b, a)) if ctx.order == "DMY" else ((b, a), (a, b))
        ambiguous = a != b
        if ambiguous and weekday is not None:

            def fits(dm: tuple[int, int]) -> bool:
                y = year if year is not None else _infer_year(dm[1], dm[0], ref)
                return _weekday_fits(y, dm[1], dm[0], weekday)

            first_fits, other_fits = fits(first), fits(other)
            if other_fits and not first_fits:
                first = other
            ambiguous = first_fits == other_fits
        day, month = first
    else:
        return None
    if year is None:
        year = _infer_year(month, day, ref, weekday)
    return _checked(year, month, day, evidence, ambiguous)


def _checked(
    year: int | None, month: int | None, day: int | None, evidence: str | None, ambiguous: bool
) -> tuple[int, int | None, int | None, str | None, bool] | None:
    if year is None or year < 1:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None:
            return None
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None
    return year, month, day, evidence, ambiguous


def _moment(when: _dt.datetime, ctx: Context) -> DateValue | None:
    """A moment counted from the reference time, to the minute, in its offset."""
    value = iso_value(when.year, when.month, when.day, (when.hour, when.minute, None), ctx.offset)
    return value if not_after(value, ctx.reference, ctx.earliest_year) else None


def _relative(match: Match, tokens: list[Token], ctx: Context,
              time: tuple[int, int, int | None] | None = None) -> DateValue | None:
    """A relative date keeps the precision the page gives: "3 hours ago" and "Yesterday,
    18:05" are moments, "yesterday" and "3 days ago" are days (CONVENTIONS.md)."""
    assert match.date is not None
    m = match.date
    ref = ctx.reference
    if match.kind == "dayword":
        back = tokens[_pos(m, "dw")].values.get(CAT.DAYWORD)
        if not isinstance(back, int):
            return None
        day = ref.date() - _dt.timedelta(days=back)
        if time is not None and plausible_day(day, ctx.reference, ctx.earliest_year):
            try:
                return _moment(_dt.datetime(day.year, day.month, day.day, time[0], time[1],
                                            tzinfo=ref.tzinfo), ctx)
            except ValueError:
                return None
    else:
        amount = _int(tokens, m, "amt")
        unit = _value(tokens, m, "unit", CAT.UNIT)
        if amount is None or unit is None or amount > 100_000:
            return None
        try:
            if unit in _UNIT_SECONDS:
                when = ref - _dt.timedelta(seconds=amount * _UNIT_SECONDS[unit])
                if not plausible_day(when.date(), ctx.reference, ctx.earliest_year):
                    return None
                return _moment(when, ctx)
            elif unit == "day":
                day = ref.date() - _dt.timedelta(days=amount)
            elif unit == "week":
                day = ref.date() - _dt.timedelta(weeks=amount)
            elif unit == "month":
                day = months_back(ref.date(), amount)
            else:
                day = months_back(ref.date(), 12 * amount)
        except (OverflowError, ValueError):
            return None
    if not plausible_day(day, ctx.reference, ctx.earliest_year):
        return None
    return trusted_value(day.isoformat(), "day")


def build(match: Match, tokens: list[Token], ctx: Context, *, asserted: bool) -> Reading | None:
    """The reading a match stands for, or ``None`` when it is no real, plausible date.

    Args:
        match: A match from :meth:`Grammar.matches`.
        tokens: The tokens the signature was written from.
        ctx: Reference time, order, earliest year.
        asserted: The text is known to be a date (a label precedes it, or the caller says
            so): weak shapes such as a bare year are then accepted.
    """
    if match.kind in ("relative", "dayword"):
        if (
            match.kind == "dayword"
            and not asserted
            and match.time is None
            and match.date is not None
            and not tokens[_pos(match.date, "dw")].mask & CAT.NOW
        ):
            return None  # "Today" alone is as likely a heading as a date
        clock = None
        if match.kind == "dayword" and match.time is not None:
            clock = _time(tokens, match.time, match.time.start() > match.date.start()
                          if match.date is not None else True)
        value = _relative(match, tokens, ctx, clock)
        if value is None:
            return None
        return Reading(DateValue(value.iso, value.precision, relative=True))
    time = None
    if match.time is not None:
        date_first = match.date is None or match.date.start() < match.time.start()
        time = _time(tokens, match.time, date_first)
        if time is None:
            return None
    ok, zone = _zone(tokens, match.zone)
    if not ok:
        return None
    if match.kind == "time":
        return Reading(None, time, zone) if time is not None else None
    parts = _calendar_date(match, tokens, ctx, asserted)
    if parts is None:
        return None
    year, month, day, evidence, ambiguous = parts
    if time is not None and day is None:
        return None
    try:
        if time is not None and month is not None and day is not None:
            offset = zone_offset(zone, _dt.date(year, month, day)) if zone is not None else None
            value = iso_value(year, month, day, time, offset)
        else:
            value = iso_value(year, month, day)
    except ValueError:
        return None
    if year < ctx.earliest_year or (
        year >= ctx.reference.year and not not_after(value, ctx.reference, ctx.earliest_year)
    ):
        return None
    if match.weekday is None and match.shape is not None and match.date is not None and (
            match.shape.name == "md_num"
            or (match.shape.name != "num3" and _pos(match.date, "y") < 0)):
        value = DateValue(value.iso, value.precision, yearless=True)
    return Reading(value, evidence=evidence, ambiguous=ambiguous)


def combine(day: DateValue, reading: Reading, ctx: Context) -> DateValue | None:
    """A time alone joined to the day of an earlier date on the same line
    ("Published March 3, 2021 – updated 18:30")."""
    date = day.to_date()
    if date is None or reading.time is None:
        return None
    offset = zone_offset(reading.zone, date) if reading.zone is not None else None
    try:
        value = iso_value(date.year, date.month, date.day, reading.time, offset)
    except ValueError:
        return None
    return value if not_after(value, ctx.reference, ctx.earliest_year) else None
