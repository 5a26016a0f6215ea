"""The two value types of the date engine: :class:`DateValue` and :class:`DateCandidate`."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

__all__ = ["FIELDS", "PRECISIONS", "DateCandidate", "DateValue", "trusted_value"]

#: The precisions a :class:`DateValue` can have, coarsest first.
PRECISIONS: tuple[str, ...] = ("year", "month", "day", "minute", "second")

#: The fields a date can fill on an article.
FIELDS: frozenset[str] = frozenset({"published", "updated"})

# One ISO form per precision; the offset is optional on the two timed forms.
_ISO_SHAPES = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "minute": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?"),
    "second": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2})?"),
}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as a page gives it: an ISO 8601 string and how much of it is known.

    The ISO string never claims more than the page said. A page that names only a month
    gives ``DateValue("2021-03", "month")``; a time without a zone gives
    ``"2019-08-21T09:30"`` (no offset); a zone named on the page is kept as an offset
    (``"2019-08-21T09:30:00+09:00"``).

    Attributes:
        iso: ``"2021"``, ``"2021-03"``, ``"2019-08-21"``, ``"2019-08-21T09:30"``,
            ``"2019-08-21T09:30+09:00"``, ``"2019-08-21T09:30:00"`` or
            ``"2019-08-21T09:30:00+09:00"``.
        precision: ``"year"``, ``"month"``, ``"day"``, ``"minute"`` or ``"second"``.

    Example:
        >>> DateValue("2019-08-21T09:30:00+09:00", "second").to_date()
        datetime.date(2019, 8, 21)
        >>> DateValue("2021-03", "month").to_date() is None
        True
    """

    iso: str
    precision: str
    #: The page wrote no year ("March 3"): the year was inferred from the reference
    #: time, and other evidence on the page may know better.
    yearless: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        shape = _ISO_SHAPES.get(self.precision)
        if shape is None:
            raise ValueError(f"DateValue: unknown precision {self.precision!r}")
        if not shape.fullmatch(self.iso):
            raise ValueError(
                f"DateValue: {self.iso!r} is not an ISO value of {self.precision} precision"
            )

    def to_date(self) -> _dt.date | None:
        """The day, or ``None`` when only the month or year is known."""
        if self.precision in ("year", "month"):
            return None
        return _dt.date(int(self.iso[0:4]), int(self.iso[5:7]), int(self.iso[8:10]))

    def to_datetime(self) -> _dt.datetime | None:
        """The moment, for values with a time; aware when the page named a zone."""
        if self.precision not in ("minute", "second"):
            return None
        return _dt.datetime.fromisoformat(self.iso)

    @property
    def has_offset(self) -> bool:
        """Whether the value carries a UTC offset (the page named a zone)."""
        return len(self.iso) > 16 and self.iso[-6] in "+-"

    def rank(self) -> int:
        """How precise the value is: 0 for a year up to 4 for seconds."""
        return PRECISIONS.index(self.precision)

    def refines(self, other: DateValue) -> bool:
        """Whether this value says everything ``other`` says, and more.

        ``2019-08-21T09:30+09:00`` refines ``2019-08-21`` and ``2019-08``; a value never
        refines one of a different day, nor one of equal or finer precision.
        """
        if self.rank() <= other.rank():
            return False
        if other.precision in ("minute", "second"):
            # Same moment written more precisely: compare the wall-clock prefix.
            return self.iso.startswith(other.iso[:16]) and (
                not other.has_offset or self.iso.endswith(other.iso[-6:])
            )
        return self.iso.startswith(other.iso)


def trusted_value(iso: str, precision: str) -> DateValue:
    """A :class:`DateValue` built by code that already checked its parts (skips the check)."""
    value = object.__new__(DateValue)
    object.__setattr__(value, "iso", iso)
    object.__setattr__(value, "precision", precision)
    object.__setattr__(value, "yearless", False)
    return value


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """A date found somewhere on a page, with what it claims to be.

    Attributes:
        value: The date.
        field: ``"published"``, ``"updated"``, or ``None`` when the place it was found does
            not say (an unlabelled date line, a bare ``<time>`` element).
        source: Where it was found: ``"visible.labelled"``, ``"visible.unlabelled"``,
            ``"jsonld"``, ``"meta"``, ``"itemprop"``, ``"time"`` or ``"url"``. Sources
            starting with ``"visible"`` are text a reader sees; ``"url"`` is the page
            address; every other source is page metadata.
    """

    value: DateValue
    field: str | None
    source: str

    def __post_init__(self) -> None:
        if self.field is not None and self.field not in FIELDS:
            raise ValueError(f"DateCandidate: unknown field {self.field!r}")

    @property
    def visible(self) -> bool:
        """Whether a reader sees this date on the page."""
        return self.source.startswith("visible")
