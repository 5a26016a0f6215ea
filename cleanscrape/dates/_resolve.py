"""Choosing a page's published and updated dates from everything found on it."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from ._calendar import EARLIEST_MACHINE_YEAR, EARLIEST_VISIBLE_YEAR, coerce_reference, not_after
from ._types import DateCandidate, DateValue

__all__ = ["resolve_dates"]

#: Metadata sources, most trusted first. Unknown metadata sources come after these.
METADATA_TRUST = ("jsonld", "meta", "itemprop", "time")

#: A modification stamped within this time of publication is the same version (content
#: systems stamp a save or two right after publishing); it does not make an "updated".
SAME_VERSION = _dt.timedelta(hours=1)


def _trust(candidate: DateCandidate) -> int:
    try:
        return METADATA_TRUST.index(candidate.source)
    except ValueError:
        return len(METADATA_TRUST)


def _is_metadata(candidate: DateCandidate) -> bool:
    return not candidate.visible and candidate.source != "url"


def _moment(value: DateValue) -> _dt.datetime | None:
    moment = value.to_datetime()
    return moment if moment is not None and moment.tzinfo is not None else None


def _later(a: DateValue, b: DateValue) -> bool:
    """Whether ``a`` is clearly later than ``b``: a later day, or, when both are moments
    with zones, later by more than :data:`SAME_VERSION`."""
    ma, mb = _moment(a), _moment(b)
    if ma is not None and mb is not None:
        return ma - mb > SAME_VERSION
    da, db = a.to_date(), b.to_date()
    if da is not None and db is not None:
        return da > db
    return a.iso[:7] > b.iso[:7]


def _before(a: DateValue, b: DateValue) -> bool:
    """Whether day ``a`` is before day ``b`` (so ``a`` cannot be published if ``b`` was)."""
    da, db = a.to_date(), b.to_date()
    if da is not None and db is not None:
        return da < db
    return a.iso[:7] < b.iso[:7]


def _refine(value: DateValue, metadata: Iterable[DateCandidate], field: str) -> DateValue:
    """The most precise metadata value of the same field (or of no stated field) that
    agrees with ``value``: same day, same time if one is given."""
    best = value
    for cand in sorted(metadata, key=_trust):
        if cand.field in (field, None) and cand.value.refines(best):
            best = cand.value
    return best


def resolve_dates(
    candidates: list[DateCandidate], *, reference_time: _dt.datetime | str | None = None
) -> tuple[DateValue | None, DateValue | None]:
    """``(published, updated)`` of a page, from the dates found on it.

    Order of trust:

    1. **Visible text.** A visible date labelled "published" (or its kin), else an
       unlabelled visible date, is the published date; a visible date labelled
       "updated" is the updated date. Where visible text and metadata disagree, the
       visible text wins. The first candidate of each kind (page order) is used.
    2. **Metadata refines.** When metadata (JSON-LD ``datePublished`` /
       ``dateModified``, ``article:published_time`` and similar ``<meta>``, ``itemprop``,
       ``<time datetime>``) holds the same day with more precision (a time, a zone), its
       value is used: the visible "21 August 2019" becomes ``2019-08-21T09:30:00+09:00``.
       Among metadata, JSON-LD is trusted most, then ``<meta>``, ``itemprop``, ``<time>``.
    3. **Metadata fills in.** With no visible published date, metadata's published date
       is used unless something visible contradicts it (it is later than the visible
       updated date). With no visible updated date, metadata's modified date is used only
       when it is clearly later than the published date (a later day, or over an hour
       later): a modification stamped at publication time is no update.
    4. **The URL** (``/2019/08/21/``) is the last resort for the published date, used
       only when the page shows no updated date either (the address of a page that says
       "Updated …" may carry the day of either version).

    ``published`` and ``updated`` are kept apart: an updated date is never copied into
    published. A page that visibly says only "Updated …" and has no published metadata
    has ``published = None``.

    Candidates later than the reference time plus a day, visible ones before
    1900 and machine ones before 1990, are ignored.

    Args:
        candidates: Everything found, in page order.
        reference_time: The crawl time (datetime, naive = UTC, or ISO string); ``None``
            for now.

    Returns:
        ``(published, updated)``, either may be ``None``.
    """
    ref = coerce_reference(reference_time)
    usable = [
        c
        for c in candidates
        if not_after(c.value, ref, EARLIEST_VISIBLE_YEAR if c.visible else EARLIEST_MACHINE_YEAR)
    ]
    visible = [c for c in usable if c.visible]
    metadata = sorted((c for c in usable if _is_metadata(c)), key=_trust)
    urls = [c for c in usable if c.source == "url"]

    updated: DateValue | None = None
    updated_visible = next((c for c in visible if c.field == "updated"), None)
    if updated_visible is not None:
        updated = _refine(updated_visible.value, metadata, "updated")

    published: DateValue | None = None
    shown = next((c for c in visible if c.field == "published"), None) or next(
        (c for c in visible if c.field is None), None
    )
    if shown is not None:
        published = _refine(shown.value, metadata, "published")
    else:
        for cand in metadata:
            if cand.field != "published":
                continue
            if updated is not None and _before(updated, cand.value):
                continue  # published after the visible update: contradicted
            published = cand.value
            break
        if published is None and updated is None and urls:
            published = urls[0].value

    if updated is None:
        for cand in metadata:
            if cand.field != "updated":
                continue
            if published is None or _later(cand.value, published):
                updated = cand.value
            break
    return published, updated
