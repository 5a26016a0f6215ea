"""The streaming tree walk: libxml2's events become blocks (see :mod:`cleanscrape.sources.html`).

No tree is built and nothing recursive runs: the builder keeps only the stack of open
elements, so nesting depth does not matter and time is linear in the page's size.
Metadata met on the way is handed to :class:`~._facts.PageFacts`.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from ...document import Block
from ...ruleset import load_data
from ._facts import PageFacts
from .urls import absolute_url

__all__ = ["blank_noscript", "build", "parse_markup"]

_CHAIN_MAX = 64  # ancestors kept per block
_PATH_MAX = 14  # path segments kept per block
_CLASSES_MAX = 240  # characters of class/id tokens kept per block
_LOCATE_WINDOW = 32768  # characters searched forward for a block's first word
_BR = "\x00"  # marks a <br> in a text buffer (libxml2 never passes NUL in text)
#: Marks the start of a table cell in a row's text (a whitespace character).
_CELL = "\x1f"
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _settings() -> tuple[frozenset[str], ...]:
    data = load_data("html", "markup.toml")["parse"]
    return (frozenset(data["skip"]), frozenset(data["block"]), frozenset(data["kinds"]),
            frozenset(data["spaced"]), frozenset(data["hidden_parts"]),
            frozenset(data["article_itemprops"]))


def _time_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words just before a ``<time>`` that say which date it is, every language at once."""
    data = load_data("html", "markup.toml")["time_labels"]
    return tuple(data["updated"]), tuple(data["published"])


class _Frame:
    """One open element while streaming (plain attributes, no tree)."""

    __slots__ = (
        "block",
        "counts",
        "desc",
        "eid",
        "hidden",
        "info",
        "link",
        "main",
        "n",
        "tag",
    )

    def __init__(self, eid: int, tag: str, desc: tuple[Any, ...], block: bool, hidden: bool,
                 n: int, main: bool) -> None:
        self.eid = eid
        self.tag = tag
        self.desc = desc
        self.block = block
        self.hidden = hidden
        self.counts: dict[str, int] | None = None
        self.n = n
        self.main = main
        self.link: int = -1  # index in the link table when this is an <a href>
        self.info: tuple[Any, ...] | None = None


class _Builder:
    """Parser target: turns libxml2's start/end/data events into blocks and metadata."""

    def __init__(self, source: str, url: str | None) -> None:
        (self.SKIP, self.BLOCK, self.KINDS, self.SPACED, self.HIDDEN,
         self.BODY_PROPS) = _settings()
        self.UPDATED_WORDS, self.PUBLISHED_WORDS = _time_words()
        self.HEADISH = frozenset({"meta", "link", "title", "base"})
        self.source = source
        self.url = url
        root_desc = (0, "#root", "", "", "", False)
        self.stack: list[_Frame] = [_Frame(0, "#root", root_desc, True, False, 1, False)]
        self.blocks: list[Block] = []
        self.eid = 0
        self.skip = 0
        self.capture: list[str] | None = None
        self.capture_kind = ""
        self.capture_level = 0
        self.pieces: list[str] = []
        self.link_pieces: list[str] = []
        self.links: list[list[Any]] = []  # [href, chars] of links in the current buffer
        self.in_link = 0
        self.link_stack: list[int] = []
        self.pre = 0
        self.cursor = 0
        self.far_budget = 2 * len(source)
        self.url_cache: dict[str, str] = {}
        self.class_cache: dict[str, tuple[str, bool]] = {}
        # metadata: recorded as it streams by, read by .metadata afterwards
        self.facts = PageFacts()
        self.title_seen = False
        self.first_h1: str | None = None
        # open elements whose text is metadata: [eid, key, pieces, chars]
        self.text_caps: list[list[Any]] = []
        self.item_scope: list[tuple[int, str]] = []  # (eid, itemtype) of open itemscopes

    # -- events ------------------------------------------------------------------------
    def start(self, tag: Any, attrib: Any) -> None:
        if self.skip:
            self.skip += 1
            if tag == "meta" or tag == "link":
                self.facts.meta_tag(tag, attrib)
            elif self.capture is None:
                if tag == "title" and not self.title_seen:
                    self.capture, self.capture_kind = [], "title"
                    self.capture_level = self.skip
                elif tag == "script" and attrib and \
                        "ld+json" in (attrib.get("type") or "").lower():
                    self.capture, self.capture_kind = [], "jsonld"
                    self.capture_level = self.skip
            return
        if tag in self.SKIP and not (tag == "template" and attrib and (
                "shadowrootmode" in attrib or "shadowroot" in attrib)):
            self.skip = 1
            if tag == "script" and attrib and "ld+json" in (attrib.get("type") or "").lower():
                self.capture, self.capture_kind = [], "jsonld"
                self.capture_level = 1
            return
        if tag in self.HEADISH:
            self.skip = 1
            if tag == "title":
                if not self.title_seen:
                    self.capture, self.capture_kind = [], "title"
                    self.capture_level = 1
            elif tag == "base":
                if attrib and attrib.get("href") and self.url is None:
                    self.url = attrib["href"].strip() or None
            else:
                self.facts.meta_tag(tag, attrib)
            return
        parent = self.stack[-1]
        self.eid += 1
        hidden = parent.hidden
        main = parent.main
        if attrib:
            get = attrib.get
            cls = get("class")
            ident = get("id")
            if cls:
                # A page repeats its class strings: each is read once.
                known = self.class_cache.get(cls)
                if known is None:
                    norm = " ".join(cls.lower().split())
                    known = self.class_cache[cls] = (
                        norm, not self.HIDDEN.isdisjoint(norm.split()))
                tokens, hidden_name = known
            else:
                tokens, hidden_name = "", False
            if ident:
                id_tokens = ident.lower().split()
                if id_tokens:
                    tokens = tokens + " " + " ".join(id_tokens) if tokens else " ".join(id_tokens)
                    hidden_name = hidden_name or not self.HIDDEN.isdisjoint(id_tokens)
            role = get("role") or ""
            itemprop = get("itemprop") or ""
            if not hidden and (
                    hidden_name or "hidden" in attrib or get("aria-hidden") == "true"
                    or ("style" in attrib and _STYLE_HIDDEN.search(attrib["style"]))):
                hidden = True
            if itemprop:
                self._itemprop(itemprop, attrib)
                itemprop = itemprop.lower()
                if itemprop in self.BODY_PROPS:
                    main = True
            if role:
                role = role.lower()
                if role == "main":
                    main = True
            if "itemscope" in attrib:
                self.item_scope.append((self.eid, (get("itemtype") or "").rsplit("/", 1)[-1]))
            if tag == "time":
                self.facts.time(attrib, tokens, itemprop, "".join(self.pieces[-6:])[-40:],
                                in_main=main, block_index=len(self.blocks),
                                updated_words=self.UPDATED_WORDS,
                                published_words=self.PUBLISHED_WORDS)
            elif tag == "html":
                lang = get("lang") or get("xml:lang")
                if lang:
                    self.facts.set_lang(lang)
            elif tag == "a" and "rel" in attrib and "author" in attrib["rel"].lower().split():
                self.text_caps.append([self.eid, "rel:author", [], 0])
        else:
            tokens = role = itemprop = ""
        is_block = tag in self.BLOCK
        if hidden and not is_block and not parent.hidden:
            self.skip = 1  # hidden inline text ("sr-only" labels): never seen, dropped
            return
        if is_block:
            if self.pieces:
                self._flush()
            if tag == "article" or tag == "main":
                main = True
        counts = parent.counts
        if counts is None:
            counts = parent.counts = {}
        n = counts.get(tag, 0) + 1
        counts[tag] = n
        frame = _Frame(self.eid, tag, (self.eid, tag, tokens, role, itemprop, hidden),
                       is_block, hidden, n, main)
        self.stack.append(frame)
        if tag == "a":
            href = attrib.get("href") if attrib else None
            if href is not None:
                frame.link = len(self.links)
                self.links.append([href, 0, []])
                self.link_stack.append(frame.link)
                self.in_link += 1
        elif tag == "br":
            self.pieces.append(_BR)
        elif tag == "td" or tag == "th":
            self.pieces.append(_CELL)
        elif tag == "pre":
            self.pre += 1
        elif tag in self.SPACED:
            self.pieces.append(" ")

    def end(self, tag: Any) -> None:
        if self.skip:
            if self.capture is not None and self.skip == self.capture_level:
                text = "".join(self.capture)
                if self.capture_kind == "title":
                    self.facts.set_title(text)
                    self.title_seen = True
                else:
                    self.facts.add_jsonld(text)
                self.capture = None
            self.skip -= 1
            return
        stack = self.stack
        if len(stack) <= 1:
            return
        frame = stack[-1]
        if frame.tag != tag:
            # libxml2 balances events; this is only a guard against surprises.
            for k in range(len(stack) - 1, 0, -1):
                if stack[k].tag == tag:
                    while len(stack) > k + 1:
                        self.end(stack[-1].tag)
                    frame = stack[-1]
                    break
            else:
                return
        if frame.block and self.pieces:
            self._flush()
        stack.pop()
        if self.text_caps and self.text_caps[-1][0] >= frame.eid:
            self._end_capture(frame.eid)
        while self.item_scope and self.item_scope[-1][0] >= frame.eid:
            self.item_scope.pop()
        if frame.link >= 0:
            self.in_link -= 1
            self.link_stack.pop()
        elif tag == "pre":
            self.pre -= 1
        elif tag in self.SPACED:
            self.pieces.append(" ")

    def data(self, text: str) -> None:
        if "\xad" in text:
            text = text.replace("\xad", "")  # soft hyphens: invisible unless a line breaks
        if self.skip:
            if self.capture is not None:
                if len(self.capture) < 100_000:
                    self.capture.append(text)
            return
        self.pieces.append(text)
        if self.text_caps:
            for cap in self.text_caps:
                if cap[3] < 1000:
                    cap[2].append(text)
                    cap[3] += len(text)
        if self.in_link:
            self.link_pieces.append(text)
            entry = self.links[self.link_stack[-1]]
            entry[1] += len(text)
            entry[2].append(text)

    def close(self) -> _Builder:
        self._flush()
        return self

    # -- metadata in the body ----------------------------------------------------------
    def _itemprop(self, itemprop: str, attrib: Any) -> None:
        scope = self.item_scope[-1][1].lower() if self.item_scope else ""
        for prop in itemprop.split():
            self.facts.itemprop_attr(prop, attrib, scope=scope)
            if self.facts.wants_text(prop) and not (attrib.get("content") or ""):
                self.text_caps.append([self.eid, "itemprop:" + prop + ":" + scope, [], 0])
                break

    def _end_capture(self, eid: int) -> None:
        while self.text_caps and self.text_caps[-1][0] >= eid:
            _, key, pieces, _ = self.text_caps.pop()
            text = "".join(pieces)
            if key == "rel:author":
                self.facts.rel_author(text)
            else:
                _, prop, scope = key.split(":", 2)
                self.facts.itemprop_text(prop, text, scope=scope)

    # -- blocks ------------------------------------------------------------------------
    def _flush(self) -> None:
        pieces = self.pieces
        if not pieces:
            return
        raw = "".join(pieces)
        self.pieces = []
        if raw.isspace():
            self.link_pieces = []
            if not self.in_link:
                self.links = []
            return
        link_raw = "".join(self.link_pieces) if self.link_pieces else ""
        links = self.links
        self.link_pieces = []
        self.links = []
        if self.in_link:
            # A block boundary inside an open link: keep counting for the open link.
            self.links = [[links[i][0], 0, []] for i in self.link_stack]
            self.link_stack = list(range(len(self.links)))
        if self.pre:
            paragraphs = [raw.replace(_BR, "\n").strip("\n").rstrip()]
        elif _BR in raw:
            paragraphs = []
            lines: list[str] = []
            for line in raw.split(_BR):
                line = " ".join(line.split())
                if line:
                    lines.append(line)
                elif lines:
                    paragraphs.append("\n".join(lines))
                    lines = []
            if lines:
                paragraphs.append("\n".join(lines))
        elif _CELL in raw:
            cells = (" ".join(c.split()) for c in raw.split(_CELL))
            paragraphs = [" | ".join(c for c in cells if c)]
        else:
            paragraphs = [" ".join(raw.split())]
            # (the one-space join holds every character but the white space between words)
            chars = len(paragraphs[0]) - paragraphs[0].count(" ")
        split_links: list[str] | None = None
        if len(links) >= 2 and not self.pre and _BR not in raw and _CELL not in raw:
            # A run of links and nothing else (a menu, a masthead with its buttons):
            # each link is a block of its own.
            texts = [" ".join("".join(entry[2]).split()) for entry in links]
            texts = [t for t in texts if t]
            if len(texts) >= 2 and sum(len(t) for t in texts) + len(texts) - 1 >= len(paragraphs[0]) - 2 * len(texts):
                if "".join("".join(texts).split()) == "".join(paragraphs[0].split()):
                    split_links = texts
        if split_links is not None:
            paragraphs = split_links
        if not paragraphs or not paragraphs[0]:
            return
        stack = self.stack
        top = stack[-1]
        k = len(stack) - 1
        while not stack[k].block:
            k -= 1
        owner = stack[k]
        kind = owner.tag if owner.tag in self.KINDS else "div"
        # group: the container around the block (the owner itself for text in a container)
        if kind == "div":
            group = owner.eid
        else:
            g = k - 1
            while g > 0 and not stack[g].block:
                g -= 1
            group = stack[g].eid
        if self.pre or _BR in raw or _CELL in raw:
            chars = len("".join(raw.split()))
        link_chars = len("".join(link_raw.split())) if link_raw else 0
        link_chars = min(link_chars, chars)
        density = link_chars / chars if chars else 0.0
        hrefs: list[str] = []
        main_href: str | None = None
        if links:
            best = 0
            absolute = self._absolute
            for href, n, _ in links:
                h = absolute(href)
                if h:
                    hrefs.append(h)
                    if n > best:
                        best, main_href = n, h
            if density < 0.6:
                main_href = None
        chain, ancestors, toks, role, segs = self._info(len(stack) - 1)
        if k != len(stack) - 1:
            segs = self._info(k)[4]
        classes = " ".join(reversed(toks))[:_CLASSES_MAX]
        path = "/".join(segs) if k <= _PATH_MAX else "…/" + "/".join(segs)
        if kind == "h1" and self.first_h1 is None and not top.hidden:
            self.first_h1 = paragraphs[0]
        hidden = top.hidden
        in_main = top.main
        tag = top.tag
        for text in paragraphs:
            start = self._locate(text)
            end = start + len(text)
            self.blocks.append(Block(
                text=text, start=start, end=end, kind=kind, line=None, group=group,
                path=path,
                hints={
                    "tag": tag, "ancestors": ancestors, "classes": classes, "role": role,
                    "link_density": round(density, 3), "links": hrefs, "href": main_href,
                    "in_main": in_main, "hidden": hidden, "chars": chars,
                    "link_chars": link_chars, "chain": chain, "owner": owner.eid,
                }))
            self.cursor = max(self.cursor, end)

    def _absolute(self, href: str) -> str:
        cache = self.url_cache
        hit = cache.get(href)
        if hit is not None:
            return hit
        h = href.strip()
        if not h or h.startswith(("#", "javascript:", "data:")):
            out = ""
        elif h.startswith(("http://", "https://", "mailto:", "tel:")) or not self.url:
            out = h
        else:
            out = absolute_url(h, self.url)
        cache[href] = out
        return out

    def _info(self, k: int) -> tuple[Any, ...]:
        """(chain, ancestors, tokens, role, path segments) of the element at stack index ``k``.

        Cached on each frame and built from the parent's, so a block costs O(1) amortised;
        every part is bounded, so deep nesting costs no more than shallow.
        """
        stack = self.stack
        frame = stack[k]
        base: tuple[Any, ...]
        if frame.info is not None:
            return frame.info
        i = k
        while i > 0 and stack[i].info is None:
            i -= 1
        if k - i > 512:
            i = k - 512  # beyond this only the nearest ancestors matter
            base = ((), [], (), "", ())
        else:
            cached = stack[i].info if i > 0 else None
            base = cached if cached is not None else ((), [], (), "", ())
        chain, ancestors, toks, role, segs = base
        for j in range(i + 1, k + 1):
            f = stack[j]
            d = f.desc
            chain = chain + (d,)
            if len(chain) > _CHAIN_MAX:
                chain = chain[-_CHAIN_MAX:]
            ancestors = [x[1] for x in chain]
            if d[2]:
                toks = (toks + (d[2],))[-4:]
            if d[3]:
                role = d[3]
            segs = (segs + (f"{f.tag}[{f.n}]" if f.n > 1 else f.tag,))[-_PATH_MAX:]
            f.info = (chain, ancestors, toks, role, segs)
        info = stack[k].info
        assert info is not None
        return info

    def _locate(self, text: str) -> int:
        """Where ``text`` starts in the source: its first word, searched forward.

        The search looks first just ahead of the last block (where the next block almost
        always is). When a page puts more markup than that between two texts (a head of
        inline scripts and styles, an inlined SVG) it looks further, as long as the
        page's budget for far searches lasts: twice the page's length in all, so time
        stays linear however many texts are not found as they are written (a word
        written with entities, split by tags).
        """
        word = text.split(None, 1)[0] if text else ""
        if len(word) > 24:
            word = word[:24]
        if len(word) >= 2:
            cursor = self.cursor
            source = self.source
            at = source.find(word, cursor, cursor + _LOCATE_WINDOW)
            if at >= 0:
                return at
            if self.far_budget > 0 and cursor + _LOCATE_WINDOW < len(source):
                at = source.find(word, cursor + _LOCATE_WINDOW)
                self.far_budget -= (at if at >= 0 else len(source)) - cursor
                if at >= 0:
                    return at
        return self.cursor


def parse_markup(markup: str, builder: _Builder) -> None:
    """Stream ``markup`` through libxml2's HTML parser into ``builder``."""
    parser = etree.HTMLParser(
        target=builder, huge_tree=True, remove_comments=True, remove_pis=True,
        no_network=True, recover=True, remove_blank_text=False, compact=True,
        default_doctype=False)
    if not markup.strip():
        return
    try:
        etree.fromstring(markup, parser=parser)
    except (etree.XMLSyntaxError, etree.ParserError):
        builder.close()
    except ValueError:
        # lxml refuses str input with an XML encoding declaration: hand it bytes.
        etree.fromstring(markup.encode("utf-8"), parser=etree.HTMLParser(
            target=builder, huge_tree=True, remove_comments=True, no_network=True,
            recover=True, encoding="utf-8"))


_NOSCRIPT_OPEN = re.compile(r"<noscript\b", re.IGNORECASE)
_NOSCRIPT_CLOSE = re.compile(r"</noscript\s*>", re.IGNORECASE)


def blank_noscript(markup: str) -> str:
    """``markup`` with the inside of each ``<noscript>`` … ``</noscript>`` blanked.

    A browser that runs scripts reads a ``<noscript>`` as raw text up to its end tag;
    libxml2 parses it as markup, so an unclosed ``<div>`` inside would make it ignore
    ``</noscript>`` and swallow the rest of the page. Blanking with spaces keeps every
    offset. Linear: each search starts where the last one ended.
    """
    if "<noscript" not in markup and "<NOSCRIPT" not in markup and \
            not _NOSCRIPT_OPEN.search(markup):
        return markup
    out: list[str] = []
    pos = 0
    while True:
        m = _NOSCRIPT_OPEN.search(markup, pos)
        if m is None:
            break
        gt = markup.find(">", m.end())
        end = _NOSCRIPT_CLOSE.search(markup, gt + 1) if gt >= 0 else None
        if end is None:
            break
        out.append(markup[pos:gt + 1])
        out.append(" " * (end.start() - gt - 1))
        pos = end.start()
    out.append(markup[pos:])
    return "".join(out)


def build(markup: str, url: str | None) -> _Builder:
    """Read ``markup``: the builder holds the blocks, the page's facts and its base URL.

    ``markup`` must be free of surrogates (see :func:`cleanscrape.encoding.repair_surrogates`).
    """
    builder = _Builder(markup, url)
    parse_markup(blank_noscript(markup), builder)
    return builder
