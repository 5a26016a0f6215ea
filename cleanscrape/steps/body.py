"""FindBody: decide which remaining blocks are the article's running text.

Text pages (and whole-page text dumps) carry menus, link lists and footers around the
article. The body is the densest run of prose: each free block scores by its shape
(running text scores its length; short link-like lines cost), blocks already labelled
debris are transparent, and the article's header and teasers are walls. The run with the
best total (a maximum-sum segment, found in one pass) is the body. Inside it, short
heading-like lines followed by prose are section headings and stay as paragraphs of their
own. Every free block outside it is reported as removed (``boilerplate.outside_body``).

HTML pages arrive with the main content already marked by
:class:`~cleanscrape.steps.html_content.FindHtmlContent` (``hints["main"]``).
"""

from __future__ import annotations

import re

from ..document import Block, Document
from ._header import ui_kind
from ._shape import CJK_LETTERS, ends_sentence, is_prose, is_title_like, text_length, word_count
from .base import Step

__all__ = ["FindBody", "main_region", "block_score", "best_run", "is_stamp", "entry_stamps",
           "entry_start"]

#: A page whose best run of prose is shorter than this (characters) has no article body.
MIN_BODY_CHARS = 80
_WALLS = frozenset({"title", "subtitle", "byline", "date", "teaser", "source"})
#: Debris after which running text is rarely the article's (comments, teaser rails, footers):
#: the search may still cross it, but what follows counts for less.
_DAMPERS = ("comments.", "footer.", "author_bio")
#: Debris that often, not always, ends the article (share bars, "Read next" labels): what
#: follows counts for less, but a run of prose may continue across it.
_SOFT_DAMPERS = ("share.", "related.", "social.")
DAMPING = 0.35
#: A share bar or "read next" label ends the body when what follows it holds less than
#: this share of the prose before it.
SOFT_CUT = 0.4
#: Dampers count only once this much running text (score) has gone by: a copyright line
#: in a menu at the top of the page says nothing about what follows.
DAMP_AFTER = 600.0


#: A list marker standing alone on its line ("1.", "2)", "•"): the item follows it.
_LONE_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]?|[-*•·–—]|[a-z][.)])\s*$")


#: Rule ids for the kinds of UI line :func:`~cleanscrape.steps._header.ui_kind` names.
_UI_RULES = {"share": "share.widget", "prompt": "promo.listen_prompt", "weather": "nav.ticker",
             "counter": "nav.counter", "credit": "byline.review_credit"}


#: A live blog's entry stamp on its own line: "16:45", "9.30 Uhr", "4:05 p.m. BST".
_TIME_STAMP = re.compile(
    r"^(?:[^\W\d_]{1,6}\.?\s)?\d{1,2}[:.h]\d{2}(?:\s?(?:[ap]\.?m\.?|uhr|h|[A-Z]{2,5}))?$",
    re.IGNORECASE)


def is_stamp(b: Block) -> bool:
    """A timestamp line of a live blog or timeline: a time alone, or a short unlabelled
    date line read to the minute."""
    t = b.text.strip()
    if _TIME_STAMP.match(t):
        return True
    d = b.data.get("date")
    return (d is not None and not d.get("field") and d.get("precision") == "minute"
            and word_count(t) <= 8 and "byline" not in b.data)


def entry_stamps(doc: Document) -> list[int]:
    """The timestamp lines that open entries (a stamp, maybe a heading, then prose): two
    or more make the page a live blog or a timeline."""
    blocks = doc.blocks
    out: list[int] = []
    for i, b in enumerate(blocks):
        if b.label is not None or not is_stamp(b):
            continue
        nxt = [blocks[k] for k in range(i + 1, min(i + 4, len(blocks))) if blocks[k].label != "noise"]
        if nxt and (is_prose(nxt[0].text) or len(nxt) > 1 and is_title_like(nxt[0].text)
                    and is_prose(nxt[1].text)):
            out.append(i)
    return out


def entry_start(doc: Document, lo: int) -> int:
    """The first entry of a live blog starts at its stamp: above its heading, if any."""
    blocks = doc.blocks
    k = lo - 1
    while k >= 0 and blocks[k].label == "noise":
        k -= 1
    if k >= 0 and blocks[k].label is None and is_stamp(blocks[k]):
        return k
    if k >= 1 and blocks[k].label is None and is_title_like(blocks[k].text) \
            and blocks[k - 1].label is None and is_stamp(blocks[k - 1]):
        return k - 1
    return lo


def block_score(b: Block) -> float:
    """How much a free block looks like running text (positive) or debris (negative)."""
    t = b.text
    if _LONE_MARKER.match(t) or is_stamp(b):
        return 0.0
    n = word_count(t)
    if is_prose(t):
        bonus = 1.0 if ends_sentence(t) else 0.6
        return text_length(t) * bonus
    if n <= 3:
        return -45.0
    if is_title_like(t, max_words=16):
        return -12.0
    return -25.0 + min(len(t), 80) * 0.2


def main_region(doc: Document, *, start: int = 0) -> tuple[int, int] | None:
    """``(first, last)`` block indices of the densest run of prose, or ``None``.

    A maximum-sum segment over the free blocks' scores (debris is transparent, the header
    and teasers are walls), then cut where debris that usually ends an article (a
    comments label, a footer, an author box; less surely a share bar or a "read next"
    label) stands after a good part of the run and little prose follows it.
    """
    found = best_run(doc, start=start)
    if found is None:
        return None
    _, lo, hi, scores = found
    lo, hi = _cut_at_endings(doc, lo, hi, scores)
    lo, hi = _across_lists(doc, lo, hi, start)
    return _across_entries(doc, lo, hi, start)


#: Most lines a live page's text may reach across, from one entry's sentences to another's.
_ENTRY_REACH = 24


def _across_entries(doc: Document, lo: int, hi: int, start: int) -> tuple[int, int]:
    """A live page's text goes on from entry to entry: past a timestamp line that opens an
    entry (and an ad between entries, nothing that ends an article), the next sentences are
    the text's too, with the headings, lead-ins and lists between them: an entry without a
    sentence of its own goes with its neighbours."""
    blocks = doc.blocks
    if len(entry_stamps(doc)) < 2:
        return lo, hi

    def reach(k: int, step: int) -> int | None:
        found = None
        stamp = False
        for _ in range(_ENTRY_REACH):
            if not start <= k < len(blocks):
                break
            b = blocks[k]
            if b.label == "noise" and not (b.rule or "").startswith(_DAMPERS + _SOFT_DAMPERS):
                k += step
                continue
            if b.label is not None:
                break
            if is_stamp(b):
                stamp = True
            elif stamp and is_prose(b.text):
                found = k
            k += step
        return found

    while (down := reach(hi + 1, 1)) is not None:
        hi = down
    while (up := reach(lo - 1, -1)) is not None:
        lo = up
    return lo, hi


#: A list item: a line led or closed by a number (a quantity, a rank, a score, a price) or
#: by a bullet: "2 laranjas médias", "SV Talheim – FC Burgfeld 3:1", "• 200 g Mehl". The
#: closing number may follow a colon ("Serves: 4", "調理時間：40分") or, in a script written
#: without spaces, a measure word ("しょうゆ 大さじ2", "砂糖 大さじ1と1/2").
_CJK = CJK_LETTERS
_LIST_ITEM = re.compile(
    r"^(?:[-*•·–]\s*)?\d[\d.,/½¼¾]*\s*\S"
    r"|\S.*(?:\s|[:：]\s?)\d+(?:[:.,–-]\d+)?\s*(?:[%€$£]|\w{1,4})?$"
    rf"|\S.*\s[{_CJK}]{{1,4}}\d[\d.,/½¼¾]*(?:[{_CJK}]\d[\d./]*)?[{_CJK}]?$")
#: Most lines a list or label run may hold for the text to reach across it.
_LIST_REACH = 24


def _list_item(b: Block) -> bool:
    t = b.text.strip()
    return (word_count(t) <= 12 and not ends_sentence(t) and "date" not in b.data
            and "byline" not in b.data and bool(_LIST_ITEM.match(t)))


def _across_lists(doc: Document, lo: int, hi: int, start: int) -> tuple[int, int]:
    """The text goes on across a list set between its paragraphs (ingredients, results,
    figures) and the short labels over it: the run reaches prose on the other side of two
    or more list items with no debris between."""
    blocks = doc.blocks

    def reach(k: int, step: int) -> int | None:
        items = labels = 0
        while start <= k < len(blocks) and abs(k - (lo if step < 0 else hi)) <= _LIST_REACH:
            b = blocks[k]
            if b.label is not None:
                return None
            if is_prose(b.text):
                return k if items >= 2 else None
            if _list_item(b):
                items += 1
            elif word_count(b.text) <= 5 and not ends_sentence(b.text) and labels < 2:
                labels += 1
            else:
                return None
            k += step
        return None

    while True:
        up = reach(lo - 1, -1)
        if up is None:
            break
        lo = up
    while True:
        down = reach(hi + 1, 1)
        if down is None:
            break
        hi = down
    return lo, hi


def best_run(doc: Document, *, start: int = 0
             ) -> tuple[float, int, int, dict[int, float]] | None:
    """``(score, first, last, block scores)`` of the maximum-sum run of prose from ``start``."""
    best: tuple[float, int, int] | None = None
    cur = 0.0
    cur_start = -1
    blocks = doc.blocks
    scores: dict[int, float] = {}
    weight = 1.0
    prose_seen = 0.0
    for i in range(start, len(blocks)):
        b = blocks[i]
        if b.label in _WALLS and b.rule != "teaser.rail":
            # (A bare rail of headlines set inside an article does not end it.)
            cur, cur_start = 0.0, -1
            continue
        if b.label is not None:
            if b.label == "noise" and prose_seen >= DAMP_AFTER and (b.rule or "").startswith(
                    _DAMPERS) and weight == 1.0:
                # Comments, a footer or an author box after a good deal of prose: what
                # follows is rarely the article, so it counts for less.
                weight = DAMPING
                cur, cur_start = 0.0, -1
            continue
        s = scores[i] = block_score(b)
        if s > 0:
            prose_seen += s
            s *= weight
        if cur_start < 0:
            if s <= 0:
                continue
            cur, cur_start = s, i
        else:
            cur += s
            if cur <= 0:
                cur, cur_start = 0.0, -1
                continue
        if s > 0 and (best is None or cur > best[0]):
            best = (cur, cur_start, i)
    if best is None:
        return None
    return best[0], best[1], best[2], scores


def _cut_at_endings(doc: Document, lo: int, hi: int, scores: dict[int, float]) -> tuple[int, int]:
    prose = [max(scores.get(i, 0.0), 0.0) for i in range(lo, hi + 1)]
    total = sum(prose)
    before = 0.0
    for k, i in enumerate(range(lo, hi + 1)):
        b = doc.blocks[i]
        before += prose[k]
        if b.label != "noise" or before < DAMP_AFTER:
            continue
        rule = b.rule or ""
        after = total - before
        hard = rule.startswith(_DAMPERS)
        soft = rule.startswith(_SOFT_DAMPERS) and after < SOFT_CUT * before
        if hard or soft:
            end = i - 1
            while end > lo and scores.get(end, 0.0) <= 0:
                end -= 1
            return lo, end
    return lo, hi


#: A run of prose that starts within this many free lines under the headline is the
#: article's, even when a denser run stands elsewhere ...
_NEAR_HEADLINE = 12
#: ... as long as it holds at least this share of that run's score.
AFTER_HEADLINE = 0.2


def _free_between(doc: Document, a: int, b: int) -> int:
    return sum(1 for k in range(a + 1, b) if doc.blocks[k].label is None)


def _is_field_line(text: str) -> bool:
    """A "Label: value" line long enough to be content ("Media contact: Jo Park, +47 …")."""
    head, sep, tail = text.partition(":")
    return bool(sep) and 1 <= len(head.split()) <= 3 and word_count(tail) >= 6


def _extend(doc: Document, lo: int, hi: int) -> tuple[int, int]:
    """Take "Label: value" lines that directly follow the body (contacts, notes)."""
    j = hi + 1
    while j < len(doc.blocks) and doc.blocks[j].label is None and _is_field_line(doc.blocks[j].text):
        hi = j
        j += 1
    return lo, hi


#: Header blocks a lead may stand above (the byline and date lines under a headline).
_LEAD_WALLS = frozenset({"byline", "date", "subtitle", "source"})
#: How many lead lines above the run may join it.
_LEAD_LINES = 2


def _is_lead_line(b: Block) -> bool:
    """A line that reads as the text's own (a lead, a kicker, a label that introduces the
    text): running text, a line of four words or more, or one ending in a colon; never a
    UI line, a date or a byline."""
    from ..dates import looks_like_date

    t = b.text.strip()
    if "date" in b.data or "byline" in b.data or ui_kind(t) is not None:
        return False
    if is_prose(t):
        return True
    if looks_like_date(t) or _is_short_list(t):
        return False  # a dateline with its section, a row of tags or names
    n = word_count(t)
    return n >= 6 or (n >= 2 and t.endswith((".", ":", "：")))


def _is_short_list(text: str) -> bool:
    """A comma-separated row of short items: tags, names ("Jo Park, Ann Lee")."""
    parts = [p for p in text.split(",") if p.strip()]
    return len(parts) >= 2 and all(word_count(p) <= 3 for p in parts)


def _lead_above(doc: Document, lo: int) -> int:
    """The article's lead belongs to its text: between the headline and the run of prose,
    the free lines right above the run (across debris and the byline and date lines, with
    no other free line between) that read as text join it. Only under a headline: with
    none, the line above the text may be the headline itself."""
    blocks = doc.blocks
    title = next((i for i, b in enumerate(blocks) if b.label == "title"), None)
    if title is None or title >= lo:
        return lo
    taken = 0
    k = lo - 1
    while k > title and taken < _LEAD_LINES:
        b = blocks[k]
        if b.label == "noise" or b.label in _LEAD_WALLS:
            k -= 1
            continue
        if b.label is not None or not _is_lead_line(b):
            break
        lo = k
        taken += 1
        k -= 1
    return lo


class FindBody(Step):
    """Label the article's running text ``body`` (section headings ``heading``).

    Args:
        min_chars: A best run of prose shorter than this means the page has no article.
    """

    name = "FindBody"
    OPTIONS = ("min_chars",)
    min_chars: int = MIN_BODY_CHARS

    def apply(self, doc: Document) -> Document:
        if doc.input_format == "html" and any(b.hints.get("main") for b in doc.blocks):
            self._html(doc)
            return doc
        region = main_region(doc)
        region = self._after_headline(doc, region)
        if region is not None:
            lo, hi = region
            chars = sum(len(b.text) for b in doc.blocks[lo:hi + 1] if b.label is None)
            short_article = any(b.label == "title" for b in doc.blocks) and any(
                b.label is None and is_prose(b.text) for b in doc.blocks[lo:hi + 1])
            if chars < self.min_chars and not short_article:
                # (Under a headline, a sentence or two of prose is a short article.)
                region = None
        if region is not None:
            lo, hi = _extend(doc, *region)
            lo = _lead_above(doc, lo)
            if len(entry_stamps(doc)) >= 2:
                lo = entry_start(doc, lo)  # the first entry opens with its stamp
            region = (lo, hi)
            self._inside(doc, lo, hi)
        self._outside(doc, region[1] if region is not None else -1)
        return doc

    @staticmethod
    def _after_headline(doc: Document, region: tuple[int, int] | None) -> tuple[int, int] | None:
        """The article follows its headline: when the densest run of prose stands
        elsewhere (a comments widget above the article, a sidebar), the run right under the
        headline is the body, unless it is much thinner."""
        title = next((i for i, b in enumerate(doc.blocks) if b.label == "title"), None)
        if title is None or region is None:
            return region
        if title < region[0] and _free_between(doc, title, region[0]) <= _NEAR_HEADLINE:
            return region
        near = best_run(doc, start=title + 1)
        best = best_run(doc)
        if near is None or best is None or near[1] == region[0]:
            return region
        if _free_between(doc, title, near[1]) > _NEAR_HEADLINE or near[0] < AFTER_HEADLINE * best[0]:
            return region
        return _cut_at_endings(doc, near[1], near[2], near[3])

    @staticmethod
    def _outside(doc: Document, end: int) -> None:
        """Free blocks outside the body: debris, named after the section they sit in.

        After the body, a comments label opens a comments section: what follows it, up to
        the next other debris or teaser, is ``comments.entry``.
        """
        section: str | None = None
        for i, b in enumerate(doc.blocks):
            if i > end and b.label == "noise" and b.rule:
                fam = b.rule.split(".")[0]
                if fam == "comments":
                    section = "comments.entry"
                elif not b.rule.startswith("boilerplate."):
                    section = None
            elif b.label not in (None, "noise"):
                section = None
            if b.label is None:
                b.mark("noise", section if i > end and section else "boilerplate.outside_body")

    @staticmethod
    def _inside(doc: Document, lo: int, hi: int) -> None:
        blocks = doc.blocks
        prose = [i for i in range(lo, hi + 1) if blocks[i].label is None and is_prose(blocks[i].text)]
        first_prose, last_prose = (prose[0], prose[-1]) if prose else (hi + 1, lo - 1)
        for i in range(lo, hi + 1):
            b = blocks[i]
            if b.label is not None:
                continue
            kind = ui_kind(b.text) if word_count(b.text) <= 10 else None
            if kind is not None:
                # A share row, listen prompt, counter or weather strip set in the text.
                b.mark("noise", _UI_RULES[kind])
                continue
            if is_prose(b.text):
                b.mark("body", "body.prose")
                continue
            if is_stamp(b):
                # An entry's timestamp stays in the body, a paragraph of its own.
                b.mark("body", "body.timestamp")
                continue
            nxt = next((blocks[j] for j in range(i + 1, hi + 1) if blocks[j].label is None), None)
            if (is_title_like(b.text, max_words=20) and nxt is not None and is_prose(nxt.text)
                    and word_count(b.text) >= 2):
                b.mark("heading", "body.heading")
            elif word_count(b.text) <= 3 and not ends_sentence(b.text) and (
                    not any(ch.isalpha() for ch in b.text) or not first_prose < i < last_prose):
                # A lone short line at the run's edge, or a line of symbols, is a stray
                # link; one inside the text is a label, a list item, a line of code.
                b.mark("noise", "nav.stray_line")
            elif _is_field_line(b.text):
                b.mark("body", "body.field_line")
            else:
                b.mark("body", "body.short")

    @staticmethod
    def _html(doc: Document) -> None:
        for _, b in doc.free():
            if b.hints.get("main"):
                if b.kind in ("h2", "h3", "h4", "h5", "h6") or (
                        b.kind == "h1" and not is_prose(b.text)):
                    b.mark("heading", "body.heading")
                else:
                    b.mark("body", "body.main")
            else:
                b.mark("noise", "html.outside_main")
