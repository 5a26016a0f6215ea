"""Validated output models: :class:`Article`, :class:`Teaser`, :class:`Removed`, :class:`CleanResult`.

They are pydantic v2 models. Serialised with :meth:`CleanResult.to_json` (or
``model_dump(mode="json")``) they give exactly the JSON object of the output contract::

    {"article": {...}, "teasers": [...], "removed": [...]}

Validation keeps the contract honest: text fields are stripped and ``None`` when empty, a
teaser needs a title, dates are real ISO 8601 dates (``"2019-08-21"``,
``"2021-03"`` for a month, ``"2019-08-21T09:30+09:00"``) and never in the far future.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator

from .document import Document

__all__ = ["Article", "Teaser", "Removed", "CleanResult", "validate_iso_date"]

_ISO_RE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?"
    r"(Z|[+-]\d{2}:\d{2})?)?)?)?$"
)
#: How far past today a date may lie and still be a page's date (clock skew, time zones).
_FUTURE_SLACK = _dt.timedelta(days=2)


def validate_iso_date(value: str) -> str:
    """Check that ``value`` is an ISO 8601 date of year, month, day or time precision.

    Raises:
        ValueError: the value is not such a date, names an impossible day, or lies
            more than two days in the future.
    """
    m = _ISO_RE.match(value)
    if not m:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date; expected YYYY, YYYY-MM, YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM[:SS][±HH:MM]"
        )
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        first = _dt.date(year, month, day)
        if m[4] is not None:
            _dt.time(int(m[4]), int(m[5]), int(m[6] or 0))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date or time: {exc}") from None
    if first > _dt.date.today() + _FUTURE_SLACK:
        raise ValueError(f"{value!r} lies in the future; a page's date cannot")
    return value


def _strip_or_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _iso_or_none(value: Any) -> Any:
    value = _strip_or_none(value)
    return validate_iso_date(value) if isinstance(value, str) else value


#: Text stripped of surrounding white space, ``None`` when nothing is left.
_Text = Annotated[str | None, BeforeValidator(_strip_or_none)]
#: An ISO 8601 date or moment (see :func:`validate_iso_date`), or ``None``.
_IsoDate = Annotated[str | None, BeforeValidator(_iso_or_none)]
#: Text stripped of surrounding white space.
_Stripped = Annotated[str, BeforeValidator(_strip)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class Article(_Model):
    """The article a page carries (all ``None`` / empty on a listing page)."""

    title: _Text = Field(None, description="The headline.")
    subtitle: _Text = Field(None, description="Standfirst / dek under the headline.")
    authors: list[str] = Field(default_factory=list, description="Names from the byline; [] when none.")
    source: _Text = Field(None, description="The publication, e.g. from a masthead or author box.")
    published: _IsoDate = Field(None, description="ISO 8601 publication date or moment.")
    updated: _IsoDate = Field(None, description="ISO 8601 date or moment of the last update.")
    body: _Stripped = Field("", description='Main text; paragraphs separated by one blank line ("\\n\\n").')
    language: _Text = Field(None, description="BCP 47 language tag, e.g. 'en'.")
    url: _Text = Field(None, description="The canonical address, absolute (rel=canonical, og:url; else the page's own URL).")
    image: _Text = Field(None, description="The lead image, absolute (og:image, JSON-LD image).")
    tags: list[str] = Field(default_factory=list, description="Keywords and sections from the page's metadata; [] when none.")

    @field_validator("authors", "tags", mode="before")
    @classmethod
    def _authors(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [a.strip() for a in v if isinstance(a, str) and a.strip()] if all(
                isinstance(a, str) for a in v) else v
        return v


class Teaser(_Model):
    """A related-story card: title, summary, source, date and link."""

    title: _Stripped = Field(..., min_length=1, description="The teaser's headline (required).")
    summary: _Text = Field(None, description="The blurb, without a trailing ellipsis.")
    source: _Text = Field(None, description='The publication ("By X" gives "X").')
    published: _IsoDate = Field(None, description="ISO 8601 date of the story.")
    truncated: bool = Field(False, description="The site cut the summary off mid-word or mid-sentence.")
    url: _Text = Field(None, description="The story's link, absolute when the page URL is known.")


class Removed(_Model):
    """One piece of UI noise taken out of the page, with the rule that took it."""

    text: str = Field(..., description="The removed text, as it stood on the page.")
    rule: str = Field(..., min_length=1, description='Stable rule id, e.g. "social.facebook".')


class CleanResult(_Model):
    """What :func:`cleanscrape.clean` returns.

    Serialises to the contract's JSON object (``article``, ``teasers``, ``removed``). The
    :attr:`document` (blocks, labels and every edit the steps made) travels with the
    result for auditing but is not part of the JSON.
    """

    article: Article = Field(default_factory=lambda: Article())
    teasers: list[Teaser] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    _document: Document | None = PrivateAttr(default=None)

    @property
    def document(self) -> Document | None:
        """The pipeline's final :class:`~cleanscrape.document.Document` (``None`` after JSON round trips)."""
        return self._document

    def __eq__(self, other: object) -> bool:
        # Equal when the contract data are equal; the audit trail does not count.
        if not isinstance(other, CleanResult):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def to_json(self, *, indent: int | None = None) -> str:
        """The contract's JSON object as a string (non-ASCII kept as is)."""
        import json

        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)

    def provenance(self) -> dict[str, dict[str, Any]]:
        """Where each article field came from: ``{field: {"value", "source", "why", …}}``.

        ``source`` names the winning candidate's origin (``"visible"``, ``"jsonld"``,
        ``"og"``, ``"title_tag"``, ``"byline.footer"`` …); ``rejected`` lists author names
        set aside with the reason ("placeholder", "role", "publisher" …); ``set_aside``
        lists metadata titles the visible headline won over. Empty after a JSON round trip.
        """
        doc = self._document
        if doc is None:
            return {}
        return {k: dict(v) for k, v in doc.metadata.get("reconciled", {}).items()}

    def explain(self) -> list[dict[str, Any]]:
        """Why each block went where it went, in page order.

        Returns one dict per block: its text as read, its final text, its label, the rule
        that set the label, its line or DOM path, and the text edits made to it.
        """
        doc = self._document
        if doc is None:
            return []
        edits: dict[int, list[dict[str, Any]]] = {}
        for ch in doc.changes:
            edits.setdefault(ch.block, []).append(
                {"step": ch.step, "offset": ch.offset, "before": ch.before,
                 "after": ch.after, "rule": ch.rule})
        return [
            {"index": i, "raw": b.raw, "text": b.text, "label": b.label, "rule": b.rule,
             "line": b.line, "path": b.path, "data": dict(b.data), "edits": edits.get(i, [])}
            for i, b in enumerate(doc.blocks)
        ]
