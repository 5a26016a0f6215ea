"""FindHtmlContent: tell an HTML page's article from its boilerplate, by structure.

The step reads the blocks :func:`~cleanscrape.sources.html.html_to_document` made and the
element chain each one carries (``hints["chain"]``: one ``(id, tag, tokens, role,
itemprop, hidden)`` tuple per ancestor). Markup names are one signal among several and
never outweigh the text. :meth:`FindHtmlContent.apply` runs named passes, each linear in
the number of blocks (times the bounded chain length), each readable alone:

1. **Tree** (:class:`_Tree`). The element tree rebuilt from the chains, with per-element
   sums: prose, characters, link characters, linked titles, sentences.
2. **Densest prose.** Where the running text is, from structure alone (no names): the
   maximum-sum element of the block values (:func:`_value`).
3. **Categories** (:meth:`FindHtmlContent._categories`). Each element's category from its
   markup (:func:`categorise`, data in ``cleanscrape/rules/html/markup.toml``): tags,
   roles and class/id tokens read as whole words, styling tokens (``margin-bottom``,
   ``font--secondary``) naming nothing. The text overrules a name
   (:func:`_text_overrules`): too little prose for the category; the element wraps the
   headline and the densest prose, or holds the headline (the article's own container or
   ``<header>``), or most of the prose; a link collection's name (menu, rail, share bar)
   on prose without a link.
4. **Main container** (:meth:`FindHtmlContent._main_container`). The element whose blocks
   sum highest, categorised blocks counting nothing (it grows to take sibling parts of a
   split body and stops where menus and rails cost more than they add); for a short post
   whose debris outweighs its text, the headline's nearest container holding a sentence
   (:meth:`FindHtmlContent._headline_container`). Inside it, running text outweighs a
   name read alone (:meth:`FindHtmlContent._text_inside`): a section named like a table of
   contents or a lead named ``teaser-text`` keeps its text; a rail of cards does not.
5. **Labels** (:meth:`FindHtmlContent._label`). Inside the main container blocks stay free
   with ``hints["main"] = True``, except link lists (a sentence with words of its own is
   not one) and blocks in categorised containers. Outside, related-story cards become
   teasers; the headline and the lines under it stay free for the header steps; the rest
   is noise with the rule of its container, or ``html.boilerplate``.
6. **Lead** (:meth:`FindHtmlContent._leads`). The lead under the headline, above the
   container or at its top, joins the main text with ``hints["lead"]`` (the header steps
   keep it for the body unless it stands above the byline); so does a container's only
   paragraph.
7. **Boxes** (:func:`_boxes`, :func:`_orphan_headings`). Inside the container, a box
   heading (``cleanscrape/rules/html/boxes.toml``: related, tags, share and rating,
   credits, in many languages) takes its box with it; a heading over nothing but removed
   link lists and cards goes with them.

:func:`main_text` joins the free main blocks as a body would, for measuring the step
alone.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from ..document import Block, Document
from ..ruleset import load_data
from ._shape import ends_clause, ends_sentence, word_count
from .base import Step

__all__ = ["FindHtmlContent", "box_rule", "categorise", "main_text"]

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Block kinds that hold running text.
_PARAGRAPHS = frozenset({"p", "div", "dd", "blockquote"})
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
                              "related.aside", "ads.label", "newsletter.signup",
                              "promo.paywall"})


class _Vocab(NamedTuple):
    """The markup vocabulary of ``markup.toml``, compiled once."""

    by_tag: dict[str, str]
    by_role: dict[str, str]
    by_part: dict[str, str]
    subs: tuple[tuple[str, str], ...]
    rank: dict[str, int]
    ignore: tuple[str, ...]
    never: frozenset[str]
    keep: frozenset[str]
    styling: frozenset[str]
    whole_only: frozenset[str]
    false_friends: frozenset[str]


#: Categories of link collections: an element of prose without one link is none of them.
_LINK_CATEGORIES = frozenset({"related.rail", "nav.menu", "nav.breadcrumb", "social.share"})
#: Categories read from names alone: inside the densest run of prose, an element that is
#: itself running text (``_PROSE_OUTWEIGHS`` characters or more, few links) keeps its text.
_NAME_ONLY = frozenset({"social.share", "nav.menu", "nav.header", "related.rail",
                        "related.aside", "ads.label", "html.boilerplate", "nav.breadcrumb"})
_PROSE_OUTWEIGHS = 200
#: Text (characters outside links) after the headline that makes a short post.
_SHORT_POST_CHARS = 40


@functools.lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    cats = load_data("html", "markup.toml")["categories"]
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
    return _Vocab(
        by_tag, by_role, by_part, tuple(subs), {c: i for i, c in enumerate(order)},
        tuple(cats.get("ignore_prefixes", ())), frozenset(cats.get("never", ())),
        frozenset(cats.get("keep_parts", ())), frozenset(cats.get("styling_parts", ())),
        frozenset(cats.get("whole_token_only", ())), frozenset(cats.get("false_friends", ())))


_SPLIT = re.compile(r"[-_:]+")


@functools.lru_cache(maxsize=1)
def _min_prose() -> dict[str, int]:
    """Per category, the prose (characters) an element needs before the category applies."""
    cats = load_data("html", "markup.toml")["categories"]
    return {c: int(cats[c]["min_prose"]) for c in cats["order"]
            if "min_prose" in cats.get(c, {})}


@functools.lru_cache(maxsize=1)
def _sub_patterns() -> tuple[Any, Any, dict[str, str]]:
    """Compounds that begin, and that end, with a substring of ``markup.toml``."""
    subs = _vocab().subs
    words = "|".join(sorted((re.escape(w) for w, _ in subs), key=len, reverse=True))
    return (re.compile(f"(?:{words})."), re.compile(f".(?:{words})$"), dict(subs))


@functools.lru_cache(maxsize=8192)
def _token_categories(tok: str) -> tuple[str, ...]:
    """Categories one class/id token names, by whole words (see ``markup.toml``).

    The whole token, or one of its parts, must be a boilerplate word (``"share-bar"``,
    ``"c-share"``); a part merely *containing* a word counts only as a compound that
    begins or ends with it (``"sharebar"``, ``"postshare"``), never a false friend
    (``"commentary"``). A token with a styling part (``"margin-bottom"``,
    ``"font--secondary"``) says how an element looks, not what it is: it names nothing.
    Some words name a category only as a whole token (``"print"`` is a print button,
    ``"print-full"`` a layout).
    """
    v = _vocab()
    if tok.startswith(v.ignore):
        return ()
    parts = [p for p in _SPLIT.split(tok) if p]
    if not v.styling.isdisjoint(parts):
        return ()
    found: list[str] = []
    c = v.by_part.get(tok)
    if c:
        found.append(c)
    if len(parts) > 1:
        for part in parts:
            c = v.by_part.get(part)
            if c and part not in v.whole_only:
                found.append(c)
    begins, ends, sub_cat = _sub_patterns()
    for part in parts:
        if part in v.false_friends or part in v.by_part:
            continue
        m = begins.match(part)
        if m is not None:
            found.append(sub_cat[m.group(0)[:-1]])
        m = ends.search(part.rstrip("0123456789"))  # ("sidebar2" ends with "sidebar")
        if m is not None:
            found.append(sub_cat[m.group(0)[1:]])
    return tuple(found)


@functools.lru_cache(maxsize=8192)
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
        >>> categorise("div", "margin-bottom", "") is None
        True
    """
    v = _vocab()
    if tag in v.never:
        return None
    toks = tokens.split() if tokens else []
    for tok in toks:
        if tok in v.keep or not v.keep.isdisjoint(_SPLIT.split(tok)):
            return None
    found: list[str] = []
    c = v.by_tag.get(tag)
    if c:
        found.append(c)
    c = v.by_role.get(role) if role else None
    if c:
        found.append(c)
    for tok in toks:
        found.extend(_token_categories(tok))
    if not found:
        return None
    return min(found, key=v.rank.__getitem__)


# -- block shapes ----------------------------------------------------------------------
def _is_title_like(b: Block) -> bool:
    """A linked headline: the head of a teaser card."""
    h = b.hints
    if not h.get("href"):
        return False
    w = word_count(b.text)
    if b.kind in _HEADINGS:
        return 2 <= w <= 40
    return 4 <= w <= 30 and not b.text.isupper()


@functools.lru_cache(maxsize=1)
def _lead_parts() -> frozenset[str]:
    return frozenset(load_data("html", "markup.toml")["parse"]["lead_parts"])


_SENTENCE_SPLIT = re.compile(r"[.!?。！？]\s+\S")


def _is_lead(b: Block) -> bool:
    """A lead paragraph: running text, few links, named a lead or long enough to be one."""
    h = b.hints
    chars = int(h.get("chars", 0))
    if not chars or int(h.get("link_chars", 0)) > 0.2 * chars:
        return False
    words = word_count(b.text)
    ends = ends_sentence(b.text)
    if b.kind in _HEADINGS:
        return False  # (a sentence set as a heading under the headline is a standfirst)
    if ends and (words >= 25 or (words >= 12 and len(_SENTENCE_SPLIT.findall(b.text)) >= 1)):
        return True
    if words < (12 if ends else 20):
        return False
    parts = _lead_parts()
    for d in h.get("chain", ())[-2:]:
        for tok in d[2].split():
            if tok in parts or not parts.isdisjoint(_SPLIT.split(tok)):
                return True
    return False


def _is_sentence(b: Block) -> bool:
    """A block of running text: six words or more ending a sentence or clause."""
    return word_count(b.text) >= 6 and ends_clause(b.text)


def _prose_chars(b: Block) -> int:
    """Characters of running text in block ``b`` (0 for headings, short or linked blocks)."""
    h = b.hints
    chars = int(h.get("chars", len(b.text)))
    link = int(h.get("link_chars", 0))
    if b.kind not in _HEADINGS and chars - link >= 60 and link <= chars * 0.4:
        return chars - link
    return 0


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
        bonus = 1.0 if ends_clause(b.text) else 0.7
        return own * bonus * (1.0 - density)
    if ends_clause(b.text) and word_count(b.text) >= 4:
        return own * 0.5 * (1.0 - density)
    if kind in ("li", "dd", "dt") and not link and word_count(b.text) >= 2:
        return own * 0.1  # an item of a list of the text's own (ingredients, steps)
    return -6.0 - min(own, 40) * 0.2


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


class _Tree:
    """The page's element tree, rebuilt from the blocks' chains (plain data, per call).

    Each element is met once (amortised O(1) per block); sums flow from children to
    parents in one sweep in reverse document order.

    Attributes:
        desc: Element id -> its ``(id, tag, tokens, role, itemprop, hidden)`` tuple.
        parent: Element id -> its parent's id (``-1`` for the top).
        first, last: Element id -> index of its first and last block.
        prose: Element id -> characters of prose in its blocks (see :func:`_prose_chars`).
        chars, links: Element id -> characters, and characters inside links, of its blocks.
        titles: Element id -> how many of its blocks are linked titles (a card's head).
        sentences: Element id -> how many of its blocks are sentences (see :func:`_is_sentence`).
        leaf_of: Block index -> id of the element that owns it (``-1``: none).
        order: Element ids children-first (descending id).
        hidden_roots: Hidden elements whose parent is not hidden.
        prose_before: Block index -> prose characters in the blocks before it.
        text_before: Block index -> characters outside links in the blocks before it
            that are not mostly links.
        total_prose: Prose characters on the whole page.
    """

    __slots__ = ("desc", "parent", "first", "last", "prose", "chars", "links", "titles",
                 "sentences", "leaf_of", "order", "hidden_roots", "prose_before", "text_before",
                 "total_prose")

    def __init__(self, blocks: list[Block]) -> None:
        n = len(blocks)
        desc: dict[int, tuple[Any, ...]] = {}
        parent: dict[int, int] = {}
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        prose: dict[int, int] = {}
        chars: dict[int, int] = {}
        links: dict[int, int] = {}
        titles: dict[int, int] = {}
        sentences: dict[int, int] = {}
        leaf_of = [-1] * n
        hidden_roots: set[int] = set()
        prose_before = [0] * (n + 1)
        text_before = [0] * (n + 1)
        acc = text = 0
        for i, b in enumerate(blocks):
            prose_before[i] = acc
            text_before[i] = text
            p = _prose_chars(b)
            acc += p
            c, lc = int(b.hints.get("chars", 0)), int(b.hints.get("link_chars", 0))
            if lc <= 0.5 * c:
                text += c - lc
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
                    prose[e] = chars[e] = links[e] = titles[e] = sentences[e] = 0
                    if d[5] and (k == 0 or not chain[k - 1][5]):
                        hidden_roots.add(e)
                    k -= 1
            last[leaf] = i
            prose[leaf] += p
            chars[leaf] += int(b.hints.get("chars", 0))
            links[leaf] += int(b.hints.get("link_chars", 0))
            if _is_title_like(b):
                titles[leaf] += 1
            if p and _is_sentence(b):
                sentences[leaf] += 1
        prose_before[n] = acc
        text_before[n] = text
        order = sorted(desc, reverse=True)
        for e in order:
            pe = parent[e]
            if pe >= 0:
                prose[pe] += prose[e]
                chars[pe] += chars[e]
                links[pe] += links[e]
                titles[pe] += titles[e]
                sentences[pe] += sentences[e]
                le = last.get(e, first[e])
                last[e] = le
                if last.get(pe, -1) < le:
                    last[pe] = le
        self.desc, self.parent, self.first, self.last = desc, parent, first, last
        self.prose, self.chars, self.links, self.leaf_of = prose, chars, links, leaf_of
        self.titles, self.sentences = titles, sentences
        self.order, self.hidden_roots = order, hidden_roots
        self.prose_before, self.total_prose = prose_before, acc
        self.text_before = text_before

    def span(self, e: int | None, n: int) -> tuple[int, int]:
        """Indices of element ``e``'s first and last block (``(n, -1)`` for none)."""
        return (self.first[e], self.last[e]) if e is not None else (n, -1)

    def link_density(self, e: int) -> float:
        c = self.chars.get(e, 0)
        return self.links.get(e, 0) / c if c else 0.0


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
        tree = _Tree(doc.blocks)
        title_i = self._title_block(doc)
        values = [_value(b) for b in doc.blocks]
        densest = tree.span(_best_container(values, None, tree), len(doc.blocks))
        cat = self._categories(tree, title_i, densest)
        block_cat = _block_categories(tree, cat)
        lo, hi = self._main_container(doc, tree, values, block_cat)
        if hi < lo and title_i is not None:
            lo, hi = self._headline_container(doc, tree, title_i)
        if self._text_inside(tree, cat, lo, hi):
            block_cat = _block_categories(tree, cat)
        self._label(doc, tree, block_cat, lo, hi, title_i)
        if hi >= lo:
            self._leads(doc, tree, lo, hi, title_i)
            _boxes(doc, tree, lo, hi)
            _orphan_headings(doc, lo, hi)
        doc.options["html_main"] = (lo, hi) if hi >= lo else None
        return doc

    # -- pass: categories ------------------------------------------------------------------
    @staticmethod
    def _categories(tree: _Tree, title_i: int | None,
                    densest: tuple[int, int]) -> dict[int, str]:
        """Each element's category from its markup, where the text does not overrule it."""
        cat: dict[int, str] = {}
        for e, d in tree.desc.items():
            c = "html.hidden" if e in tree.hidden_roots else categorise(d[1], d[2], d[3])
            if c is not None and _text_overrules(c, e, tree, title_i, densest) is None:
                cat[e] = c
        return cat

    @staticmethod
    def _text_inside(tree: _Tree, cat: dict[int, str], lo: int, hi: int) -> bool:
        """Inside the main container, running text outweighs a name read alone.

        Drops the category of each element :func:`_prose_outweighs` keeps (a section
        called ``toc_title_1``, a lead called ``teaser-text``); True when any was dropped.
        """
        kept = [e for e, c in cat.items() if c in _NAME_ONLY and _prose_outweighs(e, tree, lo, hi)]
        for e in kept:
            del cat[e]
        return bool(kept)

    # -- pass: main container --------------------------------------------------------------
    def _main_container(self, doc: Document, tree: _Tree, values: list[float],
                        block_cat: list[str | None]) -> tuple[int, int]:
        """The block span of the article's container (``(n, -1)`` when there is none)."""
        n = len(doc.blocks)
        main_e = _best_container(values, block_cat, tree)
        lo, hi = tree.span(main_e, n)
        if main_e is not None and tree.prose.get(main_e, 0) < self.min_main_chars and \
                _subtree_chars(doc.blocks, lo, hi) < self.min_main_chars:
            return n, -1
        return lo, hi

    def _headline_container(self, doc: Document, tree: _Tree,
                            title_i: int) -> tuple[int, int]:
        """A short post's container, where no container outweighs the debris around it.

        Link lists (show notes, sources) can outweigh a few paragraphs of prose; the
        headline still marks the article: its nearest ancestor holding a sentence's worth
        of text (``_SHORT_POST_CHARS``, outside links) after it is the container (``(n, -1)`` when there is none).
        """
        n = len(doc.blocks)
        chain = doc.blocks[title_i].hints.get("chain", ())
        for d in reversed(chain[:-1]):
            e = d[0]
            if d[1] in ("body", "html") or e not in tree.first:
                break
            after = tree.text_before[tree.last[e] + 1] - tree.text_before[title_i + 1]
            if after >= _SHORT_POST_CHARS:
                return tree.first[e], tree.last[e]
        return n, -1

    # -- pass: the lead ---------------------------------------------------------------------
    def _leads(self, doc: Document, tree: _Tree, lo: int, hi: int,
               title_i: int | None) -> None:
        """The article's lead belongs to its text, above the container or inside it.

        Between the headline and the container, and at the container's top, a paragraph
        of running text that reads as a lead (named so in markup and a dozen words or
        more, or 25 words and more, or two sentences) gets ``hints["lead"]`` and joins the
        main content: the header steps leave it to the body. So does the container's
        only paragraph; and a lead in a ``<header>`` its markup alone made noise (the
        article's own header inside the container). A short standfirst stays for the
        header steps.
        """
        blocks = doc.blocks
        sentences = [i for i in range(lo, hi + 1)
                     if blocks[i].hints.get("main") and _is_sentence(blocks[i])]
        if len(sentences) == 1:
            blocks[sentences[0]].hints["lead"] = True
        start = title_i + 1 if title_i is not None and title_i < hi else lo
        seen = 0
        for i in range(start, hi + 1):
            b = blocks[i]
            own_header = b.label == "noise" and b.rule == "nav.header"
            if (b.label is not None and not own_header) or b.hints.get("hidden"):
                continue
            seen += 1
            if seen > 8:
                break
            if _is_lead(b):
                # (in a <header> inside the container: the article's own header's lead)
                b.label = b.rule = None
                b.hints["lead"] = True
                b.hints["main"] = True
            elif own_header:
                continue
            elif b.hints.get("main") and _prose_chars(b) and _is_sentence(b):
                break  # the body has begun

    # -- pass: labels ----------------------------------------------------------------------
    def _label(self, doc: Document, tree: _Tree, block_cat: list[str | None], lo: int,
               hi: int, title_i: int | None) -> None:
        """Label every block: main content, boilerplate, teaser cards, header candidates."""
        blocks = doc.blocks
        n = len(blocks)
        ext = (tree.first, tree.last, tree.prose, lo, hi)
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
                # (A rail, or a sidebar's list of headlines, inside the container.)
                rail = bc == "related.rail" or bc == "related.aside" and self._title_like(b)
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
        """A block that is mostly links: a link list, or a card's title.

        A paragraph that reads as a sentence, with words of its own outside the links, is
        text even when most of it is linked (a sentence pointing to a report, a source).
        """
        h = b.hints
        chars = h.get("chars", 0)
        if not chars or h.get("link_chars", 0) <= 0.5 * chars or chars >= 400:
            return False
        return not (b.kind in _PARAGRAPHS and word_count(b.text) >= 8
                    and h.get("link_chars", 0) < 0.85 * chars and ends_sentence(b.text))

    @staticmethod
    def _title_like(b: Block) -> bool:
        return _is_title_like(b)

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
        w = word_count(t)
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
                    tree: _Tree) -> int | None:
    """The element whose blocks sum to the highest value (ties: the innermost).

    ``tree.order`` lists the elements children-first, so one sweep adds each element's
    sum to its parent's. Blocks with a category (``block_cat``) count nothing.
    """
    order, parent, leaf_of = tree.order, tree.parent, tree.leaf_of
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


def _block_categories(tree: _Tree, cat: dict[int, str]) -> list[str | None]:
    """Each block's category: its innermost categorised ancestor's.

    Photo captions yield to any other category around them. Parents come before children
    in ascending id order, so one sweep settles every element.
    """
    eff: dict[int, str | None] = {}
    parent = tree.parent
    for e in reversed(tree.order):
        own = cat.get(e)
        pe = parent[e]
        up = eff.get(pe) if pe >= 0 else None
        if own is not None and own != "caption.photo":
            eff[e] = own
        elif up is not None and up != "caption.photo":
            eff[e] = up
        else:
            eff[e] = own or up
    return [eff.get(e) if e >= 0 else None for e in tree.leaf_of]


def _text_overrules(c: str, e: int, tree: _Tree, title_i: int | None,
                    densest: tuple[int, int]) -> str | None:
    """Why the text keeps element ``e`` although its markup says ``c`` (``None``: it does not).

    Markup names are one signal among several: an element is not removed for its name
    when it holds too little prose for the category to mean anything, when it wraps the
    headline and the densest run of prose, or most of the page's prose.
    """
    lo0, hi0 = densest
    lo_e, hi_e = tree.first[e], tree.last[e]
    p_e = tree.prose.get(e, 0)
    if p_e < _min_prose().get(c, 0) and not (c == "author_bio" and tree.sentences.get(e, 0)):
        # (A byline is never a sentence; a one-sentence author box is one.)
        return "too little prose for the category"
    if c != "html.hidden" and title_i is not None and lo_e <= title_i <= hi_e and lo_e <= lo0 and hi0 <= hi_e:
        return "holds the headline and the densest prose"
    if c in _NAME_ONLY and title_i is not None and lo_e <= title_i <= hi_e:
        return "holds the headline: the article's own container or header"
    total = tree.total_prose
    if total and p_e >= max(0.5 * total, _PROSE_OUTWEIGHS) and \
            tree.prose_before[lo_e] < 0.3 * p_e:
        return "holds most of the prose, with little before it"
    if c in _WEAK_CATEGORIES and lo_e <= lo0 and hi0 <= hi_e and hi0 >= lo0:
        return "a weak name on a wrapper around the densest prose"
    if c in _LINK_CATEGORIES and tree.sentences.get(e, 0) and not tree.links.get(e, 0):
        return "prose without a single link: not a link collection"
    return None


def _prose_outweighs(e: int, tree: _Tree, lo: int, hi: int) -> bool:
    """True when element ``e``, inside the main container ``lo..hi``, is running text.

    It holds ``_PROSE_OUTWEIGHS`` characters of prose or more, mostly prose, few links and
    no linked titles (a rail of cards with summaries has those).
    """
    return (lo <= tree.first[e] and tree.last[e] <= hi
            and tree.prose.get(e, 0) >= _PROSE_OUTWEIGHS
            and tree.link_density(e) < 0.25 and not tree.titles.get(e, 0)
            and tree.prose.get(e, 0) >= 0.5 * tree.chars.get(e, 0))


@functools.lru_cache(maxsize=1)
def _box_headings() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Box headings of ``boxes.toml``: whole headings and heading beginnings -> rule id."""
    full: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    for box in load_data("html", "boxes.toml")["boxes"]:
        for h in box.get("full", ()):
            full.setdefault(h, box["rule"])
        for h in box.get("prefix", ()):
            prefix.append((h, box["rule"]))
    return full, tuple(prefix)


_BOX_TRIM = " \t:：-–—|»›>•·*#[]().…"


def box_rule(text: str) -> str | None:
    """The rule of the box a heading opens ("Temas relacionados" -> ``related.box``).

    Example:
        >>> box_rule("Ähnliche Beiträge:"), box_rule("Markiert mit"), box_rule("The vote")
        ('related.box', 'nav.tags', None)
    """
    t = " ".join(text.lower().split()).strip(_BOX_TRIM)
    if not t or word_count(t) > 8:
        return None
    full, prefix = _box_headings()
    rule = full.get(t)
    if rule is None:
        rule = next((r for p, r in prefix if t.startswith(p)), None)
    return rule


def _heading_like(b: Block) -> bool:
    """A heading, or a short line standing as one (no final stop, few words)."""
    if b.kind in _HEADINGS:
        return True
    return word_count(b.text) <= 8 and not ends_clause(b.text.rstrip(":： ")) \
        and b.kind in ("div", "p", "dt", "summary", "legend", "caption")


def _boxes(doc: Document, tree: _Tree, lo: int, hi: int) -> None:
    """Inside the main container, a box heading takes its box with it.

    The box is the heading's own container when it opens with the heading and is a part
    of the article (not the article's container, not most of its prose); else the run of link lists, short
    lines and removed blocks right under the heading.
    """
    blocks = doc.blocks
    main_prose = tree.prose_before[hi + 1] - tree.prose_before[lo]
    i = lo
    while i <= hi:
        b = blocks[i]
        if b.label is not None or not b.hints.get("main") or not _heading_like(b):
            i += 1
            continue
        rule = box_rule(b.text)
        if rule is None:
            i += 1
            continue
        b.hints.pop("main", None)
        b.mark("noise", rule=rule)
        end = _box_end(blocks, tree, i, lo, hi, main_prose)
        for k in range(i + 1, end):
            p = blocks[k]
            if p.label is None and not (_prose_chars(p) and not p.hints.get("link_chars")
                                        and _is_sentence(p)):
                # (a sentence without a link in the box is the article's own word)
                p.hints.pop("main", None)
                p.mark("noise", rule=rule)
        i = max(end, i + 1)


def _box_end(blocks: list[Block], tree: _Tree, i: int, lo: int, hi: int,
             main_prose: int) -> int:
    """Index just past the box whose heading is block ``i``."""
    b = blocks[i]
    chain = b.hints.get("chain", ())
    own = b.hints.get("owner")
    box = None
    if chain:
        k = len(chain) - 1
        if chain[k][0] == own and b.kind != "div" and k > 0:
            k -= 1
        box = chain[k][0]
    if box is not None and box in tree.first:
        f, la = tree.first[box], tree.last[box]
        if f == i and la <= hi and (f > lo or la < hi) and la - f <= 60 and \
                tree.prose.get(box, 0) < 0.5 * max(main_prose, 1) and la > i:
            return la + 1
    j = i + 1
    while j <= hi:
        p = blocks[j]
        if p.kind in _HEADINGS:
            break
        if p.label is None:
            h = p.hints
            chars = int(h.get("chars", 0))
            linked = chars and int(h.get("link_chars", 0)) > 0.5 * chars
            short = word_count(p.text) <= 8 and not ends_clause(p.text)
            if not (linked or short):
                break
        j += 1
    return j


def _orphan_headings(doc: Document, lo: int, hi: int) -> None:
    """A heading in the main container over nothing but removed link lists and cards.

    Language does not matter: when every block from a heading to the next heading of its
    level or above (or the container's end) was removed or made a teaser, and one of them was a link list
    or a card, the heading names that box and goes with it.
    """
    blocks = doc.blocks
    for i in range(lo, hi + 1):
        b = blocks[i]
        if b.label is not None or not b.hints.get("main") or b.kind not in _HEADINGS:
            continue
        level = b.kind[1]
        j = i + 1
        under: list[Block] = []
        while j <= hi and not (blocks[j].kind in _HEADINGS and blocks[j].kind[1] <= level):
            under.append(blocks[j])  # (a card's own, lower headings are under it)
            j += 1
        if not under or any(p.label is None or p.label not in ("noise", "teaser")
                            for p in under):
            continue
        if not any(p.label == "teaser" or int(p.hints.get("link_chars", 0)) > 0.5 * int(
                p.hints.get("chars", 1)) for p in under):
            continue
        first = under[0]
        rule = first.rule if first.label == "noise" and first.rule else "related.heading"
        b.hints.pop("main", None)
        b.mark("noise", rule=rule)


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
