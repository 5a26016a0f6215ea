"""SegmentTeasers: cut related-story rails into teaser cards.

In a text page a teaser is a *unit*: a headline-like line, an optional summary, and a
trailer of a byline ("By The Daily Courier") and/or a date line. The article's own header
has the same shape (headline, dek, byline, date), so a unit only counts as a teaser when
what follows it is not running text: another unit's headline, debris, or the end of the
page. A rail needs two units, or a rail label ("More stories") above it. Under a rail
label, bare headlines make title-only teasers.

Summaries cut off by the site are ``truncated``: they end without final punctuation or
with an ellipsis (the ellipsis is dropped).
"""

from __future__ import annotations

from typing import Any

from ..document import Block, Document
from ._shape import ends_sentence, is_prose, is_title_like, word_count
from .base import Step

__all__ = ["SegmentTeasers", "finish_summary"]

_MAX_UNIT_BLOCKS = 5
_ELLIPSES = ("…", "...", "[…]", "[...]", "(…)", "(...)")


def finish_summary(text: str) -> tuple[str, bool]:
    """A teaser summary without a trailing ellipsis, and whether the site cut it off.

    >>> finish_summary("The vote was close…")
    ('The vote was close', True)
    >>> finish_summary("The vote was close.")
    ('The vote was close.', False)
    >>> finish_summary("The vote was cl")
    ('The vote was cl', True)
    """
    t = text.rstrip()
    for e in _ELLIPSES:
        if t.endswith(e):
            return t[: -len(e)].rstrip(), True
    return t, not ends_sentence(t)


def _is_trailer(b: Block) -> bool:
    if b.label not in (None,):
        return False
    by = b.data.get("byline")
    if by is not None and (by["authors"] or by["source"]) and len(b.text.split()) <= 12:
        return True
    return "date" in b.data


class SegmentTeasers(Step):
    """Label related-story units as teasers (``data``: ``teaser`` index and ``field``)."""

    name = "SegmentTeasers"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        if doc.input_format != "text":
            return doc
        blocks = doc.blocks
        units = self._units(blocks)
        accepted = [u for u in units if self._rail_ok(blocks, u, units)]
        next_index = 1 + max((b.data.get("teaser", -1) for b in blocks if b.label == "teaser"),
                             default=-1)
        for unit in accepted:
            self._label(blocks, unit, next_index)
            next_index += 1
        next_index = self._bare_rails(blocks, next_index)
        return doc

    @staticmethod
    def _units(blocks: list[Block]) -> list[dict[str, Any]]:
        units = []
        n = len(blocks)
        i = 0
        while i < n:
            if not _is_trailer(blocks[i]):
                i += 1
                continue
            t0 = i
            t1 = i
            while t1 + 1 < n and _is_trailer(blocks[t1 + 1]) and t1 + 1 - t0 < 3:
                t1 += 1
            # Walk back to the unit's headline: the nearest headline-like block that
            # opens its group (or follows debris, another unit or the page top), with
            # only summary-like blocks between it and the trailer.
            start = -1
            for k in range(t0 - 1, max(-1, t0 - _MAX_UNIT_BLOCKS), -1):
                b = blocks[k]
                if b.label is not None or _is_trailer(b):
                    break
                opens = (k == 0 or blocks[k - 1].label is not None or _is_trailer(blocks[k - 1])
                         or blocks[k - 1].group != b.group)
                if opens and is_title_like(b.text) and all(
                        word_count(blocks[j].text) >= 7 or ends_sentence(blocks[j].text)
                        for j in range(k + 1, t0)):
                    start = k
                    break
            if start >= 0:
                nxt = t1 + 1
                follows_ok = (nxt >= n or blocks[nxt].label == "noise"
                              or blocks[nxt].label == "teaser"
                              or (blocks[nxt].label is None and is_title_like(blocks[nxt].text)
                                  and not is_prose(blocks[nxt].text)))
                if follows_ok:
                    units.append({"title": start, "summary": list(range(start + 1, t0)),
                                  "trailer": list(range(t0, t1 + 1))})
            i = t1 + 1
        return units

    @staticmethod
    def _rail_ok(blocks: list[Block], unit: dict[str, Any], units: list[dict[str, Any]]) -> bool:
        if len(units) >= 2:
            return True
        k = unit["title"] - 1
        while k >= 0 and blocks[k].label == "noise":
            if (blocks[k].rule or "").startswith("related."):
                return True
            k -= 1
        return False

    @staticmethod
    def _label(blocks: list[Block], unit: dict[str, Any], index: int) -> None:
        blocks[unit["title"]].mark("teaser", "teaser.text", teaser=index, field="title")
        for j in unit["summary"]:
            blocks[j].mark("teaser", "teaser.text", teaser=index, field="summary")
        for j in unit["trailer"]:
            b = blocks[j]
            field = "date" if "date" in b.data and not (b.data.get("byline") or {}).get("authors") \
                and not (b.data.get("byline") or {}).get("source") else "source"
            b.mark("teaser", "teaser.text", teaser=index, field=field)

    @staticmethod
    def _bare_rails(blocks: list[Block], index: int) -> int:
        n = len(blocks)
        for i, b in enumerate(blocks):
            if b.label != "noise" or not (b.rule or "").startswith("related.rail"):
                continue
            j = i + 1
            made = []
            while j < n and blocks[j].label is None and is_title_like(blocks[j].text, max_words=25) \
                    and not is_prose(blocks[j].text) and "date" not in blocks[j].data:
                made.append(j)
                j += 1
            if len(made) < 2:
                continue
            for j in made:
                blocks[j].mark("teaser", "teaser.rail", teaser=index, field="title")
                index += 1
        return index
