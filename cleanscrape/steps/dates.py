"""FindDates: recognise date lines ("Updated: August 21, 2019", "Publié le 3 mars 2021").

The step annotates; it does not decide. Each short free block that reads as a date line
gets ``block.data["date"] = {"field": "published" | "updated" | None, "iso": ..., "precision": ...}``
(and ``block.data["dates"]``, the list of all, when a line such as "Published … | Updated …"
carries several).
Later steps decide whether a date line belongs to the article's header, a teaser, or the
body, and label it then.
"""

from __future__ import annotations

import re
from typing import Any

from ..document import Document
from .base import Step

__all__ = ["FindDates", "date_record", "split_trailing_date"]

_MAX_DATE_WORDS = 10
_TRIM = " \t|·•,;–—-"


def date_record(field: str | None, value: Any) -> dict[str, Any]:
    """The plain record of a date read on a block: field, ISO value, precision, and
    ``"yearless": True`` when the page wrote no year (reconciliation may know it)."""
    record = {"field": field, "iso": value.iso, "precision": value.precision}
    if getattr(value, "yearless", False):
        record["yearless"] = True
    return record


def split_trailing_date(text: str, *, language: str | None = None,
                        reference_time: str | None = None,
                        order: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """Split a date off the end of a line: ``"By Jo Park June 10, 2021 7:45 a.m."``.

    Returns ``(head, {"field", "iso", "precision"})`` for the longest trailing run of at
    most ten words that reads as a date line, or ``None``.
    """
    from ..dates import looks_like_date, read_date_line

    words = text.split()
    if len(words) < 2 or not any(ch.isdigit() for w in words[-4:] for ch in w) \
            or not looks_like_date(text):
        return None
    for cut in range(max(1, len(words) - _MAX_DATE_WORDS), len(words)):
        tail = " ".join(words[cut:])
        if not looks_like_date(tail):
            continue
        got = read_date_line(tail, language=language, reference_time=reference_time, order=order)
        if got is not None:
            head = " ".join(words[:cut]).rstrip(_TRIM)
            if head:
                field, value = got
                return head, date_record(field, value)
    return None

_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_SEPARATORS = re.compile(r"\s+[|·•]\s+|\s+[—–]\s+|\s*\|\s*")

#: Longest block, in characters, that can be a date line.
MAX_DATE_LINE = 160
#: Longest block, in words, that can be a date line ("Published: Tuesday, November 19,
#: 2019 at 10:30 a.m. EST | Updated: …" has 16).
MAX_DATE_WORDS = 18


class FindDates(Step):
    """Annotate blocks that are date lines with their field and ISO value."""

    name = "FindDates"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        from ..dates import (
            DateValue,
            infer_date_order,
            looks_like_date,
            read_date_fields,
            read_date_line,
        )

        candidates = []
        for block in doc.blocks:
            if block.label is not None and block.label != "teaser":
                continue
            text = block.text
            if len(text) > MAX_DATE_LINE or len(text.split()) > MAX_DATE_WORDS \
                    or not looks_like_date(text):
                continue
            candidates.append(block)
        # One numeric order for the whole page: a date with a part above 12 settles it.
        numeric = [b.text for b in candidates if _NUMERIC_DATE.search(b.text)]
        order = infer_date_order(numeric, doc.language) if numeric else None
        if order:
            doc.options["date_order"] = order
        for block in candidates:
            text = block.text
            dates: list[tuple[str | None, DateValue]] = read_date_fields(
                text, language=doc.language, reference_time=doc.reference_time, order=order) or []
            if _SEPARATORS.search(text):
                # "Published: March 3, 2021 | Updated: March 4, 2021", "By Jane Roe · 3 hours ago"
                parts: list[tuple[str | None, DateValue]] = []
                for part in _SEPARATORS.split(text):
                    part = part.strip()
                    if part and looks_like_date(part):
                        got = read_date_line(part, language=doc.language,
                                             reference_time=doc.reference_time, order=order)
                        if got is not None:
                            parts.append(got)
                if len(parts) > len(dates):
                    dates = parts
            if dates:
                block.data["dates"] = [
                    date_record(f, v) for f, v in dates]
                block.data["date"] = block.data["dates"][0]
        return doc
