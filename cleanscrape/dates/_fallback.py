"""The slow path: ``dateparser``, for what the fast path cannot read.

``dateparser`` knows month names and relative phrases in some 200 languages, which the
fast path's rule files cannot match; it is also about a hundred times slower and reads
dates into text that holds none. So it runs only:

* when the language is known (no language detection here), and ``dateparser`` knows it;
* on short text (at most :data:`MAX_CHARS` characters) that passed
  :func:`~cleanscrape.dates.looks_like_date` and holds no "not a date" cue;
* with settings that forbid guessing: the day, month and year all required, dates from
  the past preferred, relative dates counted from the reference time, timestamps and
  digit runs ("20190821") not read.

Its answer is then checked against the text: every number ``dateparser`` used must be
there (the day, and the year when the text has one), so "Room 1108" can never become a
date. The answer is kept to the day. ``dateparser`` is imported on first use only.
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import functools
import re
from typing import Any

from ._calendar import iso_value, not_after
from ._types import DateValue

__all__ = ["MAX_CHARS", "dateparser_read"]

#: Longest text handed to dateparser.
MAX_CHARS = 80

_NUMBER = re.compile(r"\d+")


@functools.lru_cache(maxsize=32)
def _parser(language: str, order: str, reference: _dt.datetime) -> Any:
    """A DateDataParser for one language, order and reference time (``None`` if unknown)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": reference,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": order,
        "PARSERS": ["relative-time", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    try:
        return DateDataParser(languages=[language], settings=settings)
    except (ValueError, KeyError):
        return None


#: Readings dateparser may still make for the page being cleaned (``None``: no limit).
#: :meth:`Pipeline.clean <cleanscrape.pipeline.Pipeline.clean>` sets it per page, so a
#: page of a thousand date-like lines in a language without a rule file stays fast.
FALLBACK_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "cleanscrape_dateparser_budget", default=None)
#: The budget of one page.
PAGE_BUDGET = 24


def dateparser_read(
    text: str, language: str, order: str, reference: _dt.datetime, earliest_year: int
) -> DateValue | None:
    """``text`` read by dateparser, checked against the text, as a day; else ``None``."""
    if len(text) > MAX_CHARS:
        return None
    budget = FALLBACK_BUDGET.get()
    if budget is not None:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
    local = reference.replace(tzinfo=None)
    # One parser per hour of reference time: the value read is a day, and a parser is
    # costly to build (a crawl of many pages would otherwise build one per page).
    parser = _parser(language, order, local.replace(minute=0, second=0, microsecond=0))
    if parser is None:
        return None
    try:
        data = parser.get_date_data(text)
    except (ValueError, TypeError, LookupError, OverflowError, AttributeError, re.error):
        return None  # dateparser raises assorted errors on odd input
    found = data["date_obj"] if data is not None else None
    if not isinstance(found, _dt.datetime):
        return None
    numbers = {int(n) for n in _NUMBER.findall(text) if len(n) <= 4}
    years = {n for n in numbers if n >= 1000}
    if found.day in numbers or (found.year in years):
        # An absolute date: its day (and its year, when one is written) come from the text.
        if found.day not in numbers or (years and found.year not in years):
            return None
    else:
        # A relative date ("před 3 dny"): at most one small number, and near the reference.
        if len(numbers) > 1 or any(n > 100 for n in numbers):
            return None
        if not _dt.timedelta(0) <= local - found <= _dt.timedelta(days=800):
            return None
    try:
        value = iso_value(found.year, found.month, found.day)
    except ValueError:
        return None
    return value if not_after(value, reference, earliest_year) else None
