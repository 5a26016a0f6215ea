"""Reading dates from news pages: visible date lines, metadata values, page addresses.

Pure functions, no state::

    >>> from cleanscrape.dates import read_date_line, parse_date
    >>> read_date_line("Updated: August 21, 2019", language="en")
    ('updated', DateValue(iso='2019-08-21', precision='day'))
    >>> read_date_line("Publié le 3 mars 2021 à 18h30", language="fr")
    ('published', DateValue(iso='2021-03-03T18:30', precision='minute'))
    >>> parse_date("3 hours ago", reference_time="2021-06-15T12:00:00+00:00").iso
    '2021-06-15T09:00+00:00'
    >>> parse_date("3 days ago", reference_time="2021-06-15T12:00:00+00:00").iso
    '2021-06-12'

What it promises:

* **Nothing invented.** A value carries what the page says and no more: "March 2021" is
  ``DateValue("2021-03", "month")``; a time without a zone has no offset; a zone named on
  the page ("KST", "IST" = India, "+09:00", "ET" with US daylight time) is kept as an
  offset. Relative dates ("3 hours ago", "hace 2 días", "2時間前") count from the
  reference time (the crawl time) and keep the precision the page gives: "3 hours ago" and
  "Yesterday, 18:05" are moments, to the minute, in the reference time's offset (none when
  it has none); "yesterday" and "3 days ago" are days.
* **Refusals.** Lines that are not dates give ``None``: "Updated daily", "Version 2.0.19",
  "Call 555-2019", "Top 10 of 2019", scores, prices, coordinates, sentences that merely
  hold a date. No date later than the reference time plus a day is returned; none before
  1900 from visible text, none before 1990 from metadata or addresses.
* **Speed.** A hand-written reader (tokens, a one-character-per-token signature, small
  linear regular expressions) reads the common forms in tens of microseconds.
  ``dateparser`` backs it up for languages without a rule file, imported only when first
  needed: ``import cleanscrape.dates`` does not import it. Input is capped, so no text
  makes it hang.
* **Data, not code.** Month and weekday names, labels and the field each fills, relative
  words and "not a date" cues live in ``cleanscrape/rules/dates/<language>.toml``
  (en, de, fr, es, pt, it, nl, ja, zh, ko, ru, pl, sv, tr, ar); numeric orders and time
  zones in ``common.toml``. A new language is a new file.
"""

from __future__ import annotations

from ._lexicon import rule_languages
from ._machine import date_from_url as _date_from_url
from ._machine import parse_machine as _parse_machine
from ._read import (
    date_order,
    infer_date_order,
    looks_like_date,
    parse_date,
    read_date_fields,
    read_date_line,
)
from ._resolve import resolve_dates
from ._types import DateCandidate, DateValue

__all__ = [
    "DateCandidate",
    "DateValue",
    "date_from_url",
    "date_order",
    "infer_date_order",
    "looks_like_date",
    "parse_date",
    "parse_machine_date",
    "read_date_fields",
    "read_date_line",
    "resolve_dates",
    "supported_languages",
]


def parse_machine_date(value: str) -> DateValue | None:
    """Read a date written for machines, as metadata holds it.

    Accepted: ISO 8601 in its forms ("2019-11-20", "20191120", "2019-11-20T10:00:00Z",
    "2019-11-20T10:00:00.000+0900", "2019-11-20 10:00:00", week dates "2019-W47-3",
    ordinal dates "2019-324", "2019-11", "2019"), with the liberties real metadata takes
    (a zone name glued on: "2020-09-26T07:55:59CDT"; one-digit seconds); RFC 2822 ("Tue,
    20 Nov 2019 10:00:00 GMT"); and human forms that are unambiguous ("Tue, Sep 15 2020
    10:01:41 EDT", "04:25:06 PM IST Apr 08, 2020", JavaScript's "… GMT+0000 (Coordinated
    Universal Time)"). Numeric dates whose day/month order is a guess (04/05/2021) are
    refused, as are epoch seconds and other bare numbers (only eight-digit YYYYMMDD and
    four-digit years pass).

    The value keeps what is given: "2019-11-20T10:00:00Z" → "2019-11-20T10:00:00+00:00";
    fractions of a second are dropped. Years before 1990 and dates after tomorrow are
    refused as junk.

    Example:
        >>> parse_machine_date("Tue, 20 Nov 2019 10:00:00 GMT").iso
        '2019-11-20T10:00:00+00:00'
    """
    if not isinstance(value, str):
        return None
    return _parse_machine(value)


def date_from_url(url: str) -> DateValue | None:
    """The date in a page's address, if it holds one.

    Recognised in the path: ``/2019/11/20/``, ``/2019/11/20-title``, ``/2019-11-20/``,
    ``2020-4-15-…``, ``/20191120/``, ``-20191120.html`` (day precision), and ``/2019/11/``
    (month precision). The first date in the path wins. Refused: impossible dates
    (``/2019/13/45/``), years before 1990 or after next year, dates after tomorrow, and
    digit runs longer than a date (IDs such as ``202003171044893040``).

    Example:
        >>> date_from_url("https://example.com/news/2019/11/20/story.html").iso
        '2019-11-20'
        >>> date_from_url("https://example.com/blog/2019/11/story").iso
        '2019-11'
    """
    if not isinstance(url, str):
        return None
    return _date_from_url(url)


def supported_languages() -> tuple[str, ...]:
    """Languages with a rule file (words read by the fast path), e.g. ``("de", "en", …)``."""
    return rule_languages()
