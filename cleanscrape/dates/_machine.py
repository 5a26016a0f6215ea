"""Dates written for machines: metadata values (ISO 8601, RFC 2822) and page addresses."""

from __future__ import annotations

import datetime as _dt
import re

from ._calendar import EARLIEST_MACHINE_YEAR, iso_value, not_after
from ._formats import parse_iso, parse_rfc2822
from ._read import read_expression
from ._types import DateValue

__all__ = ["date_from_url", "parse_machine"]

def _plausible(value: DateValue | None) -> DateValue | None:
    if value is None:
        return None
    now = _dt.datetime.now(_dt.timezone.utc)
    return value if not_after(value, now, EARLIEST_MACHINE_YEAR) else None


def parse_machine(value: str) -> DateValue | None:
    """See :func:`cleanscrape.dates.parse_machine_date`."""
    text = value.strip()[:100]
    if not text:
        return None
    if text.isdigit() and len(text) not in (4, 8):
        return None  # epoch seconds, counters: never a date here
    found = parse_iso(text) or parse_rfc2822(text)
    if found is None:
        # JavaScript's Date.toString() and other human-ish forms: read like visible text,
        # English first, refusing numeric dates whose order is a guess.
        text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
        found = read_expression(text, "en", None, strict=True) or read_expression(
            text, None, None, strict=True
        )
    return _plausible(found)


# -- addresses --------------------------------------------------------------------------

_URL_DAY = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([/_-])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_URL_COMPACT = re.compile(r"(?<![0-9A-Za-z])((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})(?![0-9])")
_URL_MONTH = re.compile(r"/((?:19|20)[0-9]{2})/([0-9]{2})(?:/|$)")


def date_from_url(url: str) -> DateValue | None:
    """See :func:`cleanscrape.dates.date_from_url`."""
    if not url or len(url) > 4000:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return None
    best: tuple[int, DateValue] | None = None
    for pattern, groups in ((_URL_DAY, (1, 3, 4)), (_URL_COMPACT, (1, 2, 3))):
        for m in pattern.finditer(path):
            try:
                value = iso_value(
                    int(m.group(groups[0])), int(m.group(groups[1])), int(m.group(groups[2]))
                )
            except ValueError:
                continue
            value_ok = _plausible(value)
            if value_ok is not None and (best is None or m.start() < best[0]):
                best = (m.start(), value_ok)
            break
    if best is not None:
        return best[1]
    month = _URL_MONTH.search(path)
    if month is not None:
        try:
            return _plausible(iso_value(int(month.group(1)), int(month.group(2))))
        except ValueError:
            return None
    return None
