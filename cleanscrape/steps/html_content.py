"""FindHtmlContent: tell an HTML page's article from its boilerplate, by structure.

The step reads the blocks :func:`~cleanscrape.sources.html.html_to_document` made and the
element chain each one carries (``hints["chain"]``: one ``(id, tag, tokens, role,
itemprop, hidden)`` tuple per ancestor). It works in four passes over the blocks, each
linear in their number (times the bounded chain length):

1. **Containers.** Every element is put in a category from its markup, read from the data
   file ``cleanscrape/rules/html/markup.toml``: ``<nav>``, ``role=navigation`` and class
   tokens such as ``menu`` are ``nav.menu``; ``comments``, ``share``, ``cookie``,
   ``newsletter``, ``related``, ``sidebar``, ``footer`` … have their own rule ids. A
   category is a strong hint, never a verdict: an element that holds the page's headline,
   or most of its prose with little prose before it, is never dropped whole, whatever its
   class says (a ``<div class="has-comments">`` wrapping the article stays).
2. **Scores.** Each block scores as running text: plain prose (long, few links, ending in
   sentence punctuation) scores its length; short lines cost a little, link lists cost
   more; blocks in a categorised container or hidden ones count nothing. Every element
   gets the sum of its blocks.
3. **Main content.** The element with the highest sum is the article's container (a
   maximum-sum subtree: it grows to take sibling parts of a split article body, and stops
   where menus, link lists and teaser rails would cost more than they add).
4. **Labels.** Inside the main container, blocks stay free and get ``hints["main"] =
   True``, except link lists (``html.boilerplate``) and blocks in categorised containers
   (share bars, captions, ads …). Outside, related-story cards (a link with a
   heading-like title, a summary, a date) become teasers; the headline and the lines
   between it and the body stay free for the header steps; the rest is noise with the
   rule of its container, or ``html.boilerplate``.

:func:`main_text` joins the free main blocks as a body would, for measuring the step
alone.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..document import Block, Document
from ..ruleset import load_data
from .base import Step

__all__ = ["FindHtmlContent", "categorise", "main_text"]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SENTENCE_END = tuple(".!?:;…\"'”’»)")
_WORD = re.compile(r"\w+")
_DATE_LIKE = re.compile(
    r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*|\d+\s*(min|mins|minutes|hours?|hrs?|days?|weeks?|months?)\s+ago|"
    r"yesterday|today)\b", re.IGNORECASE)
_BY = re.compile(r"^(by|von|par|por|di|door|av|przez)\s+\S", re.IGNORECASE)


# -- categories (data-driven) ----------------------------------------------------------
#: Categories a wrapper often carries by accident (a "share-container" around the story);
#: they never drop an element that holds the page's densest run of prose.
_WEAK_CATEGORIES = frozenset({"social.share", "nav.menu", "nav.header", "related.rail",
                              "related.aside", "ads.label", "newsletter.signup"})


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[Any, ...]:
    data = load_data("html", "markup.toml")
    cats = data["categories"]
    order: list[str] = list(cats["order"])
    by_tag: dict[str, str] = {}
    by_role: dict[str, str] = {}
    by_part: dict[str, str] = {}
    subs: list[tuple[str, str]] = []
    for cat in order:
        spec = cats.get(cat, {})
        for t in spec.get("tags", ()):
            by_tag.setdefault(t, cat)
        for r in spec.get("roles", ()):
            by_role.setdefault(r, cat)
        for p in spec.get("parts", ()):
            by_part.setdefault(p, cat)
        for s in spec.get("substrings", ()):
            subs.append((s, cat))
    rank = {c: i for i, c in enumerate(order)}
    sub_re = re.compile("|".join(re.escape(s) for s, _ in subs)) if subs else None
    sub_cat = dict(subs)
    article = frozenset(data["parse"]["article_parts"])
    ignore = tuple(cats.get("ignore_prefixes", ()))
    never = frozenset(cats.get("never", ()))
    keep = frozenset(cats.get("keep_parts", ()))
    return by_tag, by_role, by_part, sub_re, sub_cat, rank, article, ignore, never, keep


_SPLIT = re.compile(r"[-_:]+")


@functools.lru_cache(maxsize=1)
def _min_prose() -> dict[str, int]:
    """Per category, the prose (characters) an element needs before the category applies."""
    cats = load_data("html", "markup.toml")["categories"]
    return {c: int(cats[c]["min_prose"]) for c in cats["order"]
            if "min_prose" in cats.get(c, {})}


@functools.lru_cache(maxsize=65536)
def categorise(tag: str, tokens: str, role: str) -> str | None:
    """The boilerplate category (a rule id) the markup of one element suggests, or ``None``.

    Args:
        tag: The element's tag (``"nav"``).
        tokens: Its class and id values, lower case, space-separated.
        role: Its ARIA role, lower case.

    Example:
        >>> categorise("div", "post-share-bar", "")
        'social.share'
        >>> categorise("div", "article-body", "") is None
        True
    """
    by_tag, by_role, by_part, sub_re, sub_cat, rank, _, ignore, never, keep = _rules()
    if tag in never:
        return None
    if tokens:
        for tok in tokens.split():
            if tok in keep or not keep.isdisjoint(_SPLIT.split(tok)):
                return None
    found: list[str] = []
    c = by_tag.get(tag)
    if c:
        found.append(c)
    c = by_role.get(role) if role else None
    if c:
        found.append(c)
    if tokens:
        for tok in tokens.split():
            if tok.startswith(ignore):
                continue
            c = by_part.get(tok)
            if c:
                found.append(c)
            for part in _SPLIT.split(tok):
                c = by_part.get(part)
                if c:
                    found.append(c)
            if sub_re is not None:
                for m in sub_re.finditer(tok):
                    found.append(sub_cat[m.group(0)])
    if not found:
        return None
    return min(found, key=rank.__getitem__)


def _is_articleish(tokens: str) -> bool:
    article = _rules()[6]
    for tok in tokens.split():
        if tok in article:
            return True
        for part in _SPLIT.split(tok):
            if part in article:
                return True
    return False


# -- block shapes ----------------------------------------------------------------------
def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _value(b: Block) -> float:
    """How much a block looks like article prose (positive) or debris (negative)."""
    h = b.hints
    chars = int(h.get("chars", len(b.text)))
    link = int(h.get("link_chars", 0))
    own = chars - link
    density = link / chars if chars else 0.0
    kind = b.kind
    if kind in _HEADINGS:
        return -15.0 if density > 0.5 else -2.0
    if density > 0.5:
        return -min(chars, 120) * 0.5 - 5.0
    if kind == "tr":
        return 0.0 if own < 80 else own * 0.5  # table cells: neither prose nor debris
    if own >= 80:
        bonus = 1.0 if _ends_sentence(b.text) else 0.7
        return own * bonus * (1.0 - density)
    if _ends_sentence(b.text) and _words(b.text) >= 4:
        return own * 0.5 * (1.0 - density)
    return -6.0 - min(own, 40) * 0.2


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


class FindHtmlContent(Step):
    """Mark an HTML page's boilerplate, teaser cards and main content (see module doc).

    Args:
        min_main_chars: A page whose best container holds less prose than this (in
            characters) has no main content: its blocks are judged as boilerplate and
            teasers only.
        header_span: How many blocks before the main content, from the headline on, stay
            free for the header steps (title, byline, dates).
    """

    name = "FindHtmlContent"
    OPTIONS = ("min_main_chars", "header_span")
    min_main_chars: int = 120
    header_span: int = 25

    def apply(self, doc: Document) -> Document:
        if doc.input_format != "html" or not doc.blocks:
            return doc
        blocks = doc.blocks
        n = len(blocks)
        # -- pass 1: per-element sums and extents ---------------------------------------
        prose_of: list[int] = [0] * n
        total_prose = 0
        for i, b in enumerate(blocks):
            h = b.hints
            chars = h.get("chars", len(b.text))
            link = h.get("link_chars", 0)
            if b.kind not in _HEADINGS and chars - link >= 60 and link <= chars * 0.4:
                prose_of[i] = chars - link
                total_prose += chars - link
        # The element tree, rebuilt from the chains: each element once (amortised O(1)
        # per block), then sums flow from children to parents in reverse document order.
        desc: dict[int, tuple[Any, ...]] = {}
        parent: dict[int, int] = {}
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        prose: dict[int, int] = {}
        leaf_of: list[int] = [-1] * n
        hidden_roots: set[int] = set()
        for i, b in enumerate(blocks):
            chain = b.hints.get("chain", ())
            if not chain:
                continue
            leaf = chain[-1][0]
            leaf_of[i] = leaf
            if leaf not in desc:
                k = len(chain) - 1
                while k >= 0 and chain[k][0] not in desc:
                    d = chain[k]
                    e = d[0]
                    desc[e] = d
                    parent[e] = chain[k - 1][0] if k else -1
                    first[e] = i
                    prose[e] = 0
                    if d[5] and (k == 0 or not chain[k - 1][5]):
                        hidden_roots.add(e)
                    k -= 1
            last[leaf] = i
            prose[leaf] += prose_of[i]
        order = sorted(desc, reverse=True)
        for e in order:
            pe = parent[e]
            if pe >= 0:
                prose[pe] += prose[e]
                le = last.get(e, first[e])
                last[e] = le
                if last.get(pe, -1) < le:
                    last[pe] = le
        prose_before = [0] * (n + 1)
        acc = 0
        for i in range(n):
            prose_before[i] = acc
            acc += prose_of[i]
        title_i = self._title_block(doc)
        values = [_value(b) for b in blocks]
        # structure alone (no class names): where the prose is
        m0 = _best_container(values, None, leaf_of, parent, order, first)
        lo0, hi0 = (first[m0], last[m0]) if m0 is not None else (n, -1)
        # -- pass 2: categories, with the guard -----------------------------------------
        cat: dict[int, str] = {}
        min_prose = _min_prose()
        for e, d in desc.items():
            if e in hidden_roots:
                c: str | None = "html.hidden"
            else:
                c = categorise(d[1], d[2], d[3])
            if c is None:
                continue
            lo_e, hi_e = first[e], last[e]
            p_e = prose.get(e, 0)
            if p_e < min_prose.get(c, 0):
                continue
            if c != "html.hidden" and title_i is not None and lo_e <= title_i <= hi_e \
                    and lo_e <= lo0 and hi0 <= hi_e:
                continue  # holds the headline and the densest prose: the article's wrapper
            if total_prose and p_e >= 0.5 * total_prose and prose_before[lo_e] < 0.3 * p_e:
                continue  # holds most of the prose, with little before it
            if c in _WEAK_CATEGORIES and lo_e <= lo0 and hi0 <= hi_e and hi0 >= lo0:
                continue  # a "share"/"menu" class on a wrapper around the densest prose
            cat[e] = c
        # -- pass 3: scores and the main container --------------------------------------
        # A block's category: the innermost categorised ancestor's, where photo captions
        # yield to any other category around them. Parents come before children in
        # ascending id order, so one sweep settles every element.
        eff: dict[int, str | None] = {}
        for e in reversed(order):
            own = cat.get(e)
            pe = parent[e]
            up = eff.get(pe) if pe >= 0 else None
            if own is not None and own != "caption.photo":
                eff[e] = own
            elif up is not None and up != "caption.photo":
                eff[e] = up
            else:
                eff[e] = own or up
        block_cat: list[str | None] = [eff.get(e) if e >= 0 else None for e in leaf_of]
        main_e = _best_container(values, block_cat, leaf_of, parent, order, first)
        lo, hi = (first[main_e], last[main_e]) if main_e is not None else (n, -1)
        if main_e is not None and prose.get(main_e, 0) < self.min_main_chars and \
                _subtree_chars(blocks, lo, hi) < self.min_main_chars:
            lo, hi = n, -1
        ext = (first, last, prose, lo, hi)
        # -- pass 4: labels -----------------------------------------------------------------
        card = 0
        header_lo = n
        if title_i is not None and title_i <= lo and lo - title_i <= self.header_span:
            header_lo = title_i
        i = 0
        while i < n:
            b = blocks[i]
            if b.label is not None:
                i += 1
                continue
            bc = block_cat[i]
            if lo <= i <= hi:
                rail = bc == "related.rail"
                if rail or (bc is None and self._link_list(b)):
                    # A card inside the main content (a rail, or a link list headed by
                    # a headline): a teaser when it reads as one, else boilerplate.
                    j = self._card(doc, i, card, hi + 1, ext, True) \
                        if rail or self._title_like(b) else i
                    if j > i:
                        card += 1
                        i = j
                        continue
                    b.mark("noise", rule="html.boilerplate")
                elif bc is not None:
                    b.mark("noise", rule=bc)
                else:
                    b.hints["main"] = True
                i += 1
                continue
            if header_lo <= i < lo and (bc is None or bc == "nav.header" or i == title_i):
                i += 1  # the headline and the lines under it: left to the header steps
                continue
            if bc in (None, "related.rail", "related.aside") and self._title_like(b):
                j = self._card(doc, i, card, n, ext)
                if j > i:
                    card += 1
                    i = j
                    continue
            if i == title_i:
                i += 1
                continue
            b.mark("noise", rule=bc if bc is not None and bc != "related.rail"
                   else "html.boilerplate")
            i += 1
        doc.options["html_main"] = (lo, hi) if hi >= lo else None
        return doc

    # -- helpers ------------------------------------------------------------------------
    @staticmethod
    def _title_block(doc: Document) -> int | None:
        """Index of the headline block: the ``h1`` matching the page title, else the first."""
        meta = _norm(str(doc.metadata.get("title") or ""))
        first_h1 = None
        for i, b in enumerate(doc.blocks):
            if b.kind != "h1" or b.hints.get("hidden"):
                continue
            if first_h1 is None:
                first_h1 = i
            t = _norm(b.text)
            if meta and t and (t == meta or (len(t) > 12 and (t in meta or meta in t))):
                return i
        if first_h1 is not None:
            return first_h1
        if meta:
            for i, b in enumerate(doc.blocks):
                if b.kind in _HEADINGS and _norm(b.text) == meta and not b.hints.get("hidden"):
                    return i
        return None

    @staticmethod
    def _link_list(b: Block) -> bool:
        h = b.hints
        chars = h.get("chars", 0)
        return bool(chars) and h.get("link_chars", 0) > 0.5 * chars and chars < 400

    @staticmethod
    def _title_like(b: Block) -> bool:
        h = b.hints
        if not h.get("href"):
            return False
        w = _words(b.text)
        if b.kind in _HEADINGS:
            return 2 <= w <= 40
        return 4 <= w <= 30 and not b.text.isupper()

    def _card(self, doc: Document, i: int, card: int, stop: int,
              ext: tuple[dict[int, int], dict[int, int], dict[int, int], int, int],
              inside: bool = False) -> int:
        """Label a teaser card whose title is block ``i``; return the index after the card."""
        blocks = doc.blocks
        b = blocks[i]
        if not self._title_like(b):
            return i
        chain = b.hints.get("chain", ())
        # the card: the nearest container above the title's own block element
        scope = None
        owner = b.hints.get("owner")
        for d in reversed(chain):
            if d[0] == owner or d[1] in ("a", "span", "strong", "b", "em", "i") or \
                    d[1] in _HEADINGS:
                continue
            scope = d[0]
            break
        if scope is not None:
            first, last, prose, lo, hi = ext
            if last[scope] - first[scope] > 8 or prose.get(scope, 0) > 700 or (
                    first[scope] <= lo and hi <= last[scope]):
                scope = None  # not a card: a container of many things, or of the article
        if scope is None and inside:
            return i
        b.mark("teaser", rule="html.teaser_card", teaser=card, field="title")
        b.data["url"] = b.hints.get("href")
        # fields before the title inside the same card (kicker, date)
        k = i - 1
        while k >= 0 and i - k <= 3 and scope is not None:
            p = blocks[k]
            if p.label is not None or not _in_scope(p, scope):
                break
            self._card_field(p, card, before=True)
            k -= 1
        j = i + 1
        summary = 0
        while j < stop and scope is not None:
            p = blocks[j]
            if p.label is not None or not _in_scope(p, scope) or self._title_like(p):
                break
            if summary >= 3:
                break
            if self._card_field(p, card, before=False) == "summary":
                summary += 1
            j += 1
        return j

    @staticmethod
    def _card_field(p: Block, card: int, *, before: bool) -> str:
        t = p.text.strip()
        w = _words(t)
        if w <= 8 and _DATE_LIKE.search(t):
            p.mark("teaser", rule="html.teaser_card", teaser=card, field="date")
            return "date"
        if w <= 8 and _BY.match(t):
            p.mark("teaser", rule="html.teaser_card", teaser=card, field="source")
            return "source"
        if not before and w >= 6 and p.hints.get("link_chars", 0) <= 0.5 * p.hints.get(
                "chars", 1):
            p.mark("teaser", rule="html.teaser_card", teaser=card, field="summary")
            return "summary"
        p.mark("noise", rule="html.boilerplate")
        return "noise"


def _best_container(values: list[float], block_cat: list[str | None] | None,
                    leaf_of: list[int], parent: dict[int, int], order: list[int],
                    first: dict[int, int]) -> int | None:
    """The element whose blocks sum to the highest value (ties: the innermost).

    ``order`` lists the elements children-first, so one sweep adds each element's sum to
    its parent's.
    """
    score: dict[int, float] = dict.fromkeys(order, 0.0)
    for i, v in enumerate(values):
        if v and leaf_of[i] >= 0 and (block_cat is None or block_cat[i] is None):
            score[leaf_of[i]] += v
    best_e = None
    best = 0.0
    for e in order:
        s = score[e]
        pe = parent[e]
        if pe >= 0:
            score[pe] += s
        if s > best:
            best, best_e = s, e
    return best_e


def _subtree_chars(blocks: list[Block], lo: int, hi: int) -> int:
    return sum(b.hints.get("chars", 0) - b.hints.get("link_chars", 0)
               for b in blocks[lo:hi + 1])


def _in_scope(b: Block, scope: int) -> bool:
    for d in b.hints.get("chain", ()):
        if d[0] == scope:
            return True
    return False


def main_text(doc: Document) -> str:
    """The free main blocks joined with blank lines: the step's idea of the body.

    Blocks equal to the page title, and the headline block itself, are left out (the
    pipeline's header steps consume them); this approximates the body the full pipeline
    outputs, for measuring :class:`FindHtmlContent` alone.
    """
    title = _norm(str(doc.metadata.get("title") or ""))
    out: list[str] = []
    seen_h1 = False
    for b in doc.blocks:
        if b.label is not None or not b.hints.get("main"):
            continue
        if title and _norm(b.text) == title:
            continue
        if b.kind == "h1" and not seen_h1:
            seen_h1 = True
            continue
        out.append(b.text)
    return "\n\n".join(out)
