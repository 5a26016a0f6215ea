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

import re
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


def _is_trailer(b: Block, nxt: Block | None = None) -> bool:
    """A card's byline or date line; with ``nxt``, also a bare wire or agency name over
    the card's date line ("Northwind Wire" / "2 hours ago")."""
    if b.label not in (None,):
        return False
    by = b.data.get("byline")
    if by is not None and (by["authors"] or by["source"]) and len(b.text.split()) <= 12:
        return True
    if "date" in b.data:
        return True
    return nxt is not None and nxt.label is None and "date" in nxt.data and _is_wire(b)


#: Separators between the parts of a card's meta line ("Northwind Wire · 2 hours ago").
_CARD_META_SEP = re.compile(r"\s+[·•|–—]\s+")


def card_meta(text: str, doc: Document) -> tuple[dict[str, Any] | None, str | None] | None:
    """``(date record, wire name)`` of a teaser card's meta line, or ``None`` when the line
    is something else.

    The line holds a date and at most a wire, agency or publication beside it ("Northwind
    Wire · 3 hours ago", "12.06.2021"). In a card's meta slot a day word alone ("ieri",
    "ontem", "yesterday") is the card's date: a day (CONVENTIONS), as a labelled one is.
    """
    from ..dates import looks_like_date, parse_date, read_date_line
    from .dates import date_record

    date: dict[str, Any] | None = None
    names: list[str] = []
    for part in (p.strip() for p in _CARD_META_SEP.split(text.strip())):
        if not part:
            continue
        got = None
        if date is None and looks_like_date(part):
            read = read_date_line(part, language=doc.language, reference_time=doc.reference_time)
            if read is not None:
                got = date_record(read[0], read[1])
            else:
                value = parse_date(part, language=doc.language,
                                   reference_time=doc.reference_time)
                if value is not None and value.precision in ("day", "minute", "second"):
                    got = date_record(None, value)
        if got is not None:
            date = got
        else:
            names.append(part)
    if len(names) > 1 or names and not _is_wire(Block(text=names[0])):
        return None
    return date, (names[0] if names else None)


def _is_wire(b: Block) -> bool:
    """A short line that names an organisation: a wire, an agency, a publication."""
    from .bylines import is_organisation

    t = b.text.strip()
    return 1 <= word_count(t) <= 5 and not ends_sentence(t) and is_organisation(t) \
        and "byline" not in b.data


class SegmentTeasers(Step):
    """Label related-story units as teasers (``data``: ``teaser`` index and ``field``)."""

    name = "SegmentTeasers"
    OPTIONS = ()

    def apply(self, doc: Document) -> Document:
        if doc.input_format == "html":
            self._html_cards(doc)
            return doc
        if doc.input_format != "text":
            return doc
        blocks = doc.blocks
        self._sponsored(blocks)
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
    def _html_cards(doc: Document) -> None:
        """Finish the cards markup found: their bylines, dates and sponsored ones.

        A card's date or source line that markup left unclaimed (same container, right
        after the card) joins it; a summary-looking line that is a byline or a date is the
        card's source or date; a date run into the headline is split off; a card under a
        "Sponsored" label is an ad.
        """
        from ..dates import looks_like_date
        from .bylines import parse_byline
        from .dates import split_trailing_date

        blocks = doc.blocks
        n = len(blocks)
        cards: dict[int, list[int]] = {}
        for i, b in enumerate(blocks):
            if b.label == "teaser" and b.rule == "html.teaser_card":
                cards.setdefault(int(b.data.get("teaser", 0)), []).append(i)
        for k, idxs in cards.items():
            first, group = idxs[0], blocks[idxs[0]].group
            before = [blocks[x] for x in range(max(0, first - 2), first)
                      if blocks[x].group == group]
            if any(x.label == "noise" and (x.rule or "").startswith("ads.") for x in before):
                for i in idxs:
                    blocks[i].mark("noise", "ads.sponsored_card")
                continue
            j = idxs[-1] + 1
            while j < n and blocks[j].group == group and blocks[j].label == "noise" \
                    and (blocks[j].rule or "").startswith(("html.", "boilerplate.")) \
                    and len(blocks[j].text) <= 160:
                if looks_like_date(blocks[j].text):
                    meta = card_meta(blocks[j].text, doc)
                    if meta is not None and meta[0] is not None:
                        blocks[j].data["date"] = meta[0]
                        if meta[1] is not None:
                            blocks[j].data["byline"] = {"authors": [], "source": meta[1],
                                                        "rest": []}
                        blocks[j].mark("teaser", "html.teaser_card", teaser=k, field="date")
                        idxs.append(j)
                j += 1
            for i in idxs:
                b = blocks[i]
                field = b.data.get("field")
                if field == "summary":
                    by = b.data.get("byline")
                    if by and (by.get("source") or by.get("authors")):
                        b.data["field"] = "source"
                    elif "date" in b.data and word_count(b.text) <= 8:
                        b.data["field"] = "date"
                    elif "byline" not in b.data and (parsed := parse_byline(
                            b.text.split("·")[0], language=doc.language_base)):
                        b.data["byline"] = parsed
                        b.data["field"] = "source"
                elif field == "title" and "date" not in b.data:
                    split = split_trailing_date(b.text, language=doc.language, order=doc.options.get("date_order"),
                                                reference_time=doc.reference_time)
                    if split is not None:
                        doc.edit(i, split[0], step="SegmentTeasers", rule="teaser.split_date",
                                 edits=[(len(split[0]), b.text[len(split[0]):], "")])
                        b.data["date"] = split[1]
                if b.data.get("field") == "date" and "byline" not in b.data:
                    # "Northwind Wire · 3 hours ago": a wire or agency named beside the date.
                    meta = card_meta(b.text, doc)
                    if meta is not None and meta[1] is not None:
                        b.data["byline"] = {"authors": [], "source": meta[1], "rest": []}

    @staticmethod
    def _units(blocks: list[Block]) -> list[dict[str, Any]]:
        units = []
        n = len(blocks)
        i = 0
        def trailer(k: int) -> bool:
            return _is_trailer(blocks[k], blocks[k + 1] if k + 1 < n else None)

        while i < n:
            if not trailer(i):
                i += 1
                continue
            t0 = i
            t1 = i
            while t1 + 1 < n and trailer(t1 + 1) and t1 + 1 - t0 < 3:
                t1 += 1
            # Walk back to the unit's headline: the nearest headline-like block that
            # opens its group (or follows debris, another unit or the page top), with
            # only summary-like blocks between it and the trailer.
            start = -1
            for k in range(t0 - 1, max(-1, t0 - _MAX_UNIT_BLOCKS), -1):
                b = blocks[k]
                if b.label is not None or _is_trailer(b):
                    break
                if start >= 0 and not is_title_like(b.text):
                    break
                opens = (k == 0 or blocks[k - 1].label is not None or _is_trailer(blocks[k - 1])
                         or blocks[k - 1].group != b.group)
                if opens and is_title_like(b.text) and word_count(b.text) >= 2 and all(
                        word_count(blocks[j].text) >= 7 or ends_sentence(blocks[j].text)
                        for j in range(k + 1, t0)):
                    start = k  # keep looking: the farthest such block is the headline
            if start >= 0:
                nxt = t1 + 1
                while nxt < n and blocks[nxt].label == "noise":
                    nxt += 1
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
            if "byline" not in b.data and "date" not in b.data and _is_wire(b):
                b.data["byline"] = {"authors": [], "source": b.text.strip(), "rest": []}
            field = "date" if "date" in b.data and not (b.data.get("byline") or {}).get("authors") \
                and not (b.data.get("byline") or {}).get("source") else "source"
            b.mark("teaser", "teaser.text", teaser=index, field=field)

    @staticmethod
    def _bare_rails(blocks: list[Block], index: int) -> int:
        """Cards under a rail label: a headline, maybe a one-block summary.

        The rail ends at debris, at the end of the page, or where a "summary" is not
        followed by another headline (it was running text, not a card).
        """
        n = len(blocks)
        for i, b in enumerate(blocks):
            if not _is_rail_label(b):
                continue
            j = i + 1
            cards: list[list[int]] = []
            while True:
                while j < n and blocks[j].label == "noise" and (blocks[j].rule or "").startswith("ads."):
                    j += 1  # an ad or a sponsored card inside the rail
                if not (j < n and blocks[j].label is None and _headline(blocks[j])):
                    break
                card = [j]
                j += 1
                if j < n and blocks[j].label is None and not _headline(blocks[j]) \
                        and word_count(blocks[j].text) <= 60 and "date" not in blocks[j].data:
                    nxt = j + 1
                    if nxt >= n or blocks[nxt].label is not None or _headline(blocks[nxt]):
                        card.append(j)
                        j += 1
                    else:
                        cards.append(card)
                        break
                cards.append(card)
            if len(cards) < 2:
                continue
            for card in cards:
                blocks[card[0]].mark("teaser", "teaser.rail", teaser=index, field="title")
                for k in card[1:]:
                    blocks[k].mark("teaser", "teaser.rail", teaser=index, field="summary")
                index += 1
        return index

    @staticmethod
    def _sponsored(blocks: list[Block]) -> None:
        """A card under a "Sponsored" label is an ad, not a teaser."""
        n = len(blocks)
        for i, b in enumerate(blocks):
            if b.label != "noise" or b.rule != "ads.sponsored":
                continue
            j = i + 1
            card: list[int] = []
            while j < n and blocks[j].label is None and not _is_trailer(blocks[j]) \
                    and len(card) < 3 and word_count(blocks[j].text) <= 45:
                if card and _headline(blocks[j]) and any(
                        _is_trailer(blocks[k]) for k in range(j + 1, min(n, j + 3))):
                    break  # the next teaser's headline
                card.append(j)
                j += 1
            if card and _headline(blocks[card[0]]):
                for k in card:
                    blocks[k].mark("noise", "ads.sponsored_card")


def _headline(b: Block) -> bool:
    return is_title_like(b.text, max_words=25) and not ends_sentence(b.text) \
        and not is_prose(b.text)


def _is_rail_label(b: Block) -> bool:
    rule = b.rule or ""
    return b.label == "noise" and rule.startswith("related.") and word_count(b.text) <= 6 \
        and ":" not in b.text.rstrip(":")
