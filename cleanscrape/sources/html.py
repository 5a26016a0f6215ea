"""HTML to :class:`~cleanscrape.document.Document`: blocks of visible text, with their markup.

The page is read in one streaming pass: libxml2's HTML parser (through lxml) calls back
for every start tag, end tag and run of text, and a small builder turns those events into
blocks. No tree is built, so

* nesting depth does not matter (100,000 nested ``<div>`` s read like any page: libxml2's
  tree builder stops at depth 256 or 2048, its event stream does not);
* time is linear in the size of the page and memory holds only the open elements;
* nothing recursive runs anywhere.

The parser never touches the network or the file system and expands no external
entities: an ``<!ENTITY e SYSTEM "file:///etc/passwd">`` stays text that is never read.

What becomes a block
    Each block-level element (``p``, ``h1`` … ``h6``, ``li``, ``td``, ``pre``,
    ``blockquote``, ``figcaption`` …) that holds text gives a block of that ``kind``; text
    directly inside a container (``div``, ``section``, ``article`` …) gives a block of kind
    ``"div"``. Inline elements (``a``, ``b``, ``span`` …) join their text into the enclosing
    block without losing spaces. A single ``<br>`` becomes a line break inside the block; two
    in a row (a blank line on screen) start a new block. Text in ``script``, ``style``,
    ``noscript``, ``template``, ``svg``, ``iframe`` and the like is dropped silently: it is
    not visible, so it is not UI noise either; so is a hidden inline element's text (a
    ``<span class="sr-only">`` label). Hidden block elements still give blocks, with
    ``hints["hidden"]`` set, so a step can account for them.

Offsets
    ``Block.start`` is the offset in :attr:`Document.source` where the block's first word
    was found, searching forward (up to 32K characters) from the previous block;
    ``Block.end`` is ``start`` plus the length of the block's text. Both are approximations (entities and markup inside the
    block shift them), good for pointing a reader at the right place; when the first word
    is not found (it was written as an entity), the block gets the previous block's end.

Hints (``Block.hints``)
    ``tag`` (the element that owns the block), ``ancestors`` (tags from ``body`` down),
    ``classes`` (class and id tokens of the block and its nearest ancestors, bounded),
    ``role``, ``link_density`` (share of the block's characters inside links), ``links``
    (absolute hrefs), ``href`` (the block's own link when the block is a link),
    ``in_main`` (inside ``<main>``, ``<article>``, ``role=main``, ``itemprop=articleBody``),
    ``hidden`` (``hidden``, ``aria-hidden``, ``display:none`` or a hiding class on the
    block or an ancestor), ``chars`` (non-space characters), ``link_chars``, and ``chain``:
    one ``(id, tag, tokens, role, itemprop, hidden)`` tuple per ancestor element from
    ``body`` down (at most the nearest 64), which :class:`FindHtmlContent
    <cleanscrape.steps.html_content.FindHtmlContent>` uses to reason about containers.

Metadata (:attr:`Document.metadata`)
    ``title``, ``site_name``, ``authors``, ``description``, ``published``, ``modified``,
    ``canonical``, ``language``, ``keywords``, ``dates`` (every machine-readable date found,
    as ``{"value", "kind", "source"}``), ``headline_raw`` (the title before the site suffix
    was cut) and ``jsonld_types``.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from ..document import Block, Document
from ..errors import InputError
from ..ruleset import load_data

__all__ = ["absolute_url", "html_to_document", "strip_site_suffix"]

_CHAIN_MAX = 64  # ancestors kept per block
_PATH_MAX = 14  # path segments kept per block
_CLASSES_MAX = 240  # characters of class/id tokens kept per block
_JSONLD_MAX = 2_000_000  # characters of one JSON-LD script parsed
_LOCATE_WINDOW = 32768  # characters searched forward for a block's first word
_BR = "\x00"  # marks a <br> in a text buffer (libxml2 never passes NUL in text)
#: Marks the start of a table cell in a row's text (a whitespace character).
_CELL = "\x1f"

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting", "report",
    "posting", "review", "medicalscholarlyarticle", "satiricalarticle", "advertisercontentarticle",
})
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SUFFIX_SEP = re.compile(r"\s+[-|–—:·•»/]{1,2}\s+|\s+::\s+")
_SEP_AT_END = re.compile(r"(\s+[-|–—:·•»/]{1,2}\s+|\s+::\s+)$")
_DOMAIN = re.compile(r"(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}")


def _settings() -> tuple[frozenset[str], ...]:
    data = load_data("html", "markup.toml")["parse"]
    return (frozenset(data["skip"]), frozenset(data["block"]), frozenset(data["kinds"]),
            frozenset(data["spaced"]), frozenset(data["hidden_parts"]),
            frozenset(data["article_itemprops"]))


def absolute_url(href: str, base: str | None) -> str:
    """``href`` made absolute against ``base`` (unchanged when there is no base)."""
    href = href.strip()
    if not base or not href:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def strip_site_suffix(title: str, site_name: str | None = None,
                      headline: str | None = None) -> str:
    """Cut a site name off a page title: ``"Storm hits coast - The Daily"`` → ``"Storm hits coast"``.

    The title is cut at separators (`` - ``, `` | ``, `` – ``, `` — ``, `` · ``, `` » ``,
    `` :: ``). An end part is dropped when it names the site (equals, contains or is
    contained in ``site_name``, or looks like a domain), or, with no site name to compare,
    when it is short and set off by a separator sites use for their name (``|``, ``·``,
    ``»``, ``::``) or much shorter than the rest. A known ``headline`` (the page's
    ``<h1>``) that the title starts or ends with, set off by a separator, wins outright.

    Args:
        title: The page title as found (``og:title`` or ``<title>``).
        site_name: The publication's name (``og:site_name``, JSON-LD publisher).
        headline: The page's main heading, when known.
    """
    title = " ".join(title.split())
    if headline:
        h = " ".join(headline.split())
        if h and h != title and len(h) >= 8:
            if title.startswith(h) and _SUFFIX_SEP.match(title, len(h)):
                return h
            if title.endswith(h) and _SEP_AT_END.search(title[:len(title) - len(h)]):
                return h
    pieces = _SUFFIX_SEP.split(title)
    seps = _SUFFIX_SEP.findall(title)
    if len(pieces) < 2 or len(pieces) != len(seps) + 1:
        return title
    site = " ".join((site_name or "").split()).lower()

    def names_site(part: str) -> bool:
        p = part.strip().lower()
        if site and (p == site or p in site or site in p):
            return True
        return bool(_DOMAIN.fullmatch(p))

    lo, hi = 0, len(pieces)
    while hi - lo > 1 and names_site(pieces[hi - 1]):
        hi -= 1
    while hi - lo > 1 and names_site(pieces[lo]):
        lo += 1
    if hi - lo > 1 and hi == len(pieces) and not site:
        last = pieces[hi - 1].split()
        head = " ".join(pieces[lo:hi - 1]).split()
        sep = seps[hi - 2].strip()
        if (sep in ("|", "·", "•", "»", "::", "||") and len(last) <= 5 and len(head) >= 2) \
                or (len(last) <= 4 and len(head) >= 3 * len(last)):
            hi -= 1
    if (lo, hi) == (0, len(pieces)):
        return title
    out = pieces[lo]
    for k in range(lo + 1, hi):
        out += seps[k - 1] + pieces[k]
    return out.strip()


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
        self.url_cache: dict[str, str] = {}
        # metadata
        self.meta: dict[str, list[str]] = {}
        self.title_tag: str | None = None
        self.jsonld: list[str] = []
        self.times: list[dict[str, str]] = []
        self.itemprops: list[dict[str, str]] = []
        self.canonical: str | None = None
        self.lang: str | None = None
        self.first_h1: str | None = None

    # -- events ------------------------------------------------------------------------
    def start(self, tag: Any, attrib: Any) -> None:
        if self.skip:
            self.skip += 1
            if tag == "meta" or tag == "link":
                self._meta_tag(tag, attrib)
            elif self.capture is None:
                if tag == "title" and self.title_tag is None:
                    self.capture, self.capture_kind = [], "title"
                    self.capture_level = self.skip
                elif tag == "script" and attrib and \
                        "ld+json" in (attrib.get("type") or "").lower():
                    self.capture, self.capture_kind = [], "jsonld"
                    self.capture_level = self.skip
            return
        if tag in self.SKIP:
            self.skip = 1
            if tag == "script" and attrib and "ld+json" in (attrib.get("type") or "").lower():
                self.capture, self.capture_kind = [], "jsonld"
                self.capture_level = 1
            return
        if tag in self.HEADISH:
            self.skip = 1
            if tag == "title":
                if self.title_tag is None:
                    self.capture, self.capture_kind = [], "title"
                    self.capture_level = 1
            elif tag == "base":
                if attrib and attrib.get("href") and self.url is None:
                    self.url = attrib["href"].strip() or None
            else:
                self._meta_tag(tag, attrib)
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
                tokens = " ".join((cls + " " + ident).lower().split()) if ident else \
                    " ".join(cls.lower().split())
            elif ident:
                tokens = " ".join(ident.lower().split())
            else:
                tokens = ""
            role = get("role") or ""
            itemprop = get("itemprop") or ""
            if not hidden and (
                    "hidden" in attrib or get("aria-hidden") == "true"
                    or ("style" in attrib and _STYLE_HIDDEN.search(attrib["style"]))
                    or (tokens and not self.HIDDEN.isdisjoint(tokens.split()))):
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
            if tag == "time":
                self._time(attrib, tokens, itemprop)
            elif tag == "html":
                lang = get("lang") or get("xml:lang")
                if lang and self.lang is None:
                    self.lang = lang.strip()
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
                    self.title_tag = " ".join(text.split())
                elif len(text) <= _JSONLD_MAX:
                    self.jsonld.append(text)
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
        if frame.link >= 0:
            self.in_link -= 1
            self.link_stack.pop()
        elif tag == "pre":
            self.pre -= 1
        elif tag in self.SPACED:
            self.pieces.append(" ")

    def data(self, text: str) -> None:
        if self.skip:
            if self.capture is not None:
                self.capture.append(text)
            return
        self.pieces.append(text)
        if self.in_link:
            self.link_pieces.append(text)
            entry = self.links[self.link_stack[-1]]
            entry[1] += len(text)
            entry[2].append(text)

    def comment(self, text: str) -> None:  # comments are not text
        return None

    def close(self) -> _Builder:
        self._flush()
        return self

    # -- metadata collection -----------------------------------------------------------
    def _meta_tag(self, tag: str, attrib: Any) -> None:
        if not attrib:
            return
        if tag == "link":
            rel = (attrib.get("rel") or "").lower().split()
            if "canonical" in rel and attrib.get("href") and self.canonical is None:
                self.canonical = attrib["href"].strip()
            return
        content = attrib.get("content")
        if content is None:
            return
        key = (attrib.get("property") or attrib.get("name") or attrib.get("itemprop")
               or attrib.get("http-equiv") or "").strip().lower()
        if key:
            self.meta.setdefault(key, []).append(content.strip())

    def _itemprop(self, itemprop: str, attrib: dict[str, str]) -> None:
        prop = itemprop.strip()
        if prop in ("datePublished", "dateModified", "dateCreated", "uploadDate"):
            value = attrib.get("content") or attrib.get("datetime")
            if value:
                self.itemprops.append({"prop": prop, "value": value.strip()})

    def _time(self, attrib: dict[str, str], tokens: str, itemprop: str) -> None:
        value = attrib.get("datetime")
        if not value or not value.strip():
            return
        hay = (tokens + " " + itemprop).lower()
        before = "".join(self.pieces[-6:])[-40:].lower()
        kind = ""
        if any(w in hay for w in ("modif", "updat", "edited", "revis")) or any(
                w in before for w in ("updated", "modified", "last edited", "aktualisiert",
                                      "mis à jour", "actualizado", "stand:")):
            kind = "updated"
        elif any(w in hay for w in ("publish", "pubdate", "posted", "created", "dateline",
                                    "entry-date", "post-date", "article-date", "date")) or any(w in before for w in ("published", "posted", "veröffentlicht", "publié",
                                       "publicado")):
            kind = "published"
        self.times.append({"value": value.strip(), "kind": kind})

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
        word = text.split(None, 1)[0] if text else ""
        if len(word) > 24:
            word = word[:24]
        if len(word) >= 2:
            at = self.source.find(word, self.cursor, self.cursor + _LOCATE_WINDOW)
            if at >= 0:
                return at
        return self.cursor


def _parse(markup: str, builder: _Builder) -> None:
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


# -- metadata --------------------------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _names(value: Any) -> list[str]:
    out: list[str] = []
    for item in _as_list(value):
        if isinstance(item, str):
            name = item
        elif isinstance(item, dict):
            name = item.get("name") or ""
            if isinstance(name, list):
                name = name[0] if name and isinstance(name[0], str) else ""
            if not isinstance(name, str):
                name = ""
        else:
            continue
        name = " ".join(name.split())
        if name and not name.lower().startswith(("http://", "https://")) and name not in out:
            out.append(name)
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    return [t.lower().rsplit("/", 1)[-1] for t in _as_list(obj.get("@type")) if isinstance(t, str)]


def _read_jsonld(scripts: list[str]) -> dict[str, Any]:
    """The article facts in JSON-LD scripts (``@graph`` arrays and nesting included)."""
    found: dict[str, Any] = {"types": []}
    for script in scripts:
        text = script.strip()
        text = text.removeprefix("<!--")
        text = text.removesuffix("-->")
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        todo: list[Any] = [data]
        seen = 0
        while todo and seen < 5000:
            obj = todo.pop()
            seen += 1
            if isinstance(obj, list):
                todo.extend(reversed(obj))
                continue
            if not isinstance(obj, dict):
                continue
            types = _types(obj)
            found["types"].extend(t for t in types if t not in found["types"])
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                sub = obj.get(key)
                if isinstance(sub, (list, dict)):
                    todo.append(sub)
            if "website" in types or "organization" in types or "newsmediaorganization" in types:
                name = obj.get("name")
                if isinstance(name, str) and "site_name" not in found and "website" in types:
                    found["site_name"] = name.strip()
            if not _ARTICLE_TYPES.intersection(types) or "headline" in found:
                continue
            for src, dst in (("headline", "headline"), ("name", "name"),
                             ("datePublished", "published"), ("dateModified", "modified"),
                             ("dateCreated", "created"), ("description", "description"),
                             ("inLanguage", "language")):
                v = obj.get(src)
                if isinstance(v, str) and v.strip() and dst not in found:
                    found[dst] = " ".join(v.split())
            if "headline" not in found and "name" in found:
                found["headline"] = found["name"]
            found.setdefault("headline", "")
            authors = _names(obj.get("author")) or _names(obj.get("creator"))
            if authors:
                found["authors"] = authors
            pub = obj.get("publisher")
            pubs = _names(pub)
            if pubs:
                found["publisher"] = pubs[0]
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for k in keys:
        for v in meta.get(k, ()):
            v = " ".join(v.split())
            if v:
                return v
    return None


def _metadata(b: _Builder, url: str | None) -> dict[str, Any]:
    meta = b.meta
    ld = _read_jsonld(b.jsonld) if b.jsonld else {"types": []}
    out: dict[str, Any] = {}
    site = _first(meta, "og:site_name", "application-name", "twitter:site:name") \
        or ld.get("publisher") or ld.get("site_name")
    if site and site.startswith("@"):
        site = None
    raw_title = (_first(meta, "og:title", "twitter:title") or ld.get("headline")
                 or b.title_tag or _first(meta, "title", "dc.title", "headline"))
    if b.title_tag:
        out["html_title"] = b.title_tag
    if raw_title:
        out["headline_raw"] = raw_title
        title = strip_site_suffix(raw_title, site, b.first_h1)
        if title == raw_title and b.title_tag and raw_title != b.title_tag and not site:
            title = strip_site_suffix(raw_title, None, b.first_h1)
        out["title"] = title
    if site:
        out["site_name"] = site
    authors = ld.get("authors") or []
    if not authors:
        for key in ("author", "article:author", "dc.creator", "parsely-author",
                    "sailthru.author", "byl", "twitter:creator"):
            for v in meta.get(key, ()):
                v = " ".join(v.split())
                if key == "byl" and v.lower().startswith("by "):
                    v = v[3:]
                if (v and not v.startswith(("http://", "https://", "@"))
                        and v not in authors and len(v) < 120):
                    authors.append(v)
            if authors:
                break
    out["authors"] = authors
    desc = _first(meta, "og:description", "description", "twitter:description") \
        or ld.get("description")
    if desc:
        out["description"] = desc
    og_type = _first(meta, "og:type")
    if og_type:
        out["og_type"] = og_type.strip().lower()
    dates: list[dict[str, str]] = []

    def add(value: str | None, kind: str, source: str) -> None:
        if value and value.strip():
            dates.append({"value": value.strip(), "kind": kind, "source": source})

    add(ld.get("published"), "published", "jsonld")
    add(ld.get("modified"), "updated", "jsonld")
    for key in ("article:published_time", "og:article:published_time", "datepublished",
                "pubdate", "publishdate", "publish-date", "publish_date", "date",
                "dc.date.issued", "dc.date", "dcterms.date", "sailthru.date",
                "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published"):
        for v in meta.get(key, ()):
            add(v, "published", "meta")
    for key in ("article:modified_time", "og:updated_time", "og:article:modified_time",
                "datemodified", "last-modified", "dcterms.modified", "article.updated"):
        for v in meta.get(key, ()):
            add(v, "updated", "meta")
    for item in b.itemprops:
        add(item["value"], "updated" if item["prop"] == "dateModified" else "published",
            "itemprop")
    for t in b.times:
        add(t["value"], t["kind"] or "unknown", "time")
    out["dates"] = dates
    pub = next((d["value"] for d in dates if d["kind"] == "published"), None)
    if pub is None:
        pub = ld.get("created") or next((d["value"] for d in dates if d["kind"] == "unknown"),
                                        None)
    if pub:
        out["published"] = pub
    mod = next((d["value"] for d in dates if d["kind"] == "updated"), None)
    if mod:
        out["modified"] = mod
    canonical = b.canonical or _first(meta, "og:url")
    if canonical:
        out["canonical"] = absolute_url(canonical, url)
    lang = b.lang or ld.get("language") or _first(meta, "og:locale", "content-language",
                                                   "language", "dc.language")
    if lang:
        lang = lang.split(",")[0].strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
            out["language"] = lang
    keywords = _first(meta, "keywords", "news_keywords", "article:tag")
    if keywords:
        out["keywords"] = keywords
    out["jsonld_types"] = list(ld.get("types", []))
    return out


# -- entry point -----------------------------------------------------------------------
def html_to_document(markup: Any, *, url: str | None = None,
                     encoding: str | None = None) -> Document:
    """Read an HTML page into a :class:`~cleanscrape.document.Document`.

    Args:
        markup: The page as ``str``, as ``bytes`` (decoded with
            :func:`~cleanscrape.sources.decode.decode_bytes`), or a ``BeautifulSoup`` object
            (serialised first; parse with lxml directly when speed matters).
        url: The page's address: relative links become absolute against it (a ``<base
            href>`` in the page serves when it is ``None``).
        encoding: The encoding of ``bytes`` input, when known.

    Returns:
        A document with ``input_format="html"``, ``source`` the decoded markup, one block
        per piece of visible text (see the module docstring for kinds, offsets and hints)
        and ``metadata`` from meta tags, JSON-LD and ``<time>`` elements.

    Raises:
        InputError: ``markup`` is of another type.
        DecodeError: bytes that cannot be decoded with confidence.

    Example:
        >>> doc = html_to_document("<article><h1>Storm</h1><p>It rained.</p></article>")
        >>> [(b.kind, b.text) for b in doc.blocks]
        [('h1', 'Storm'), ('p', 'It rained.')]
    """
    if isinstance(markup, (bytes, bytearray, memoryview)):
        from .decode import decode_bytes

        markup = decode_bytes(bytes(markup), encoding=encoding)
    elif type(markup).__name__ in ("BeautifulSoup", "Tag"):
        markup = str(markup)
    if not isinstance(markup, str):
        raise InputError(f"html_to_document takes str, bytes or a BeautifulSoup object, "
                         f"not {type(markup).__name__}")
    markup = markup.removeprefix("\ufeff")
    builder = _Builder(markup, url)
    _parse(markup, builder)
    metadata = _metadata(builder, builder.url)
    return Document(blocks=builder.blocks, source=markup, input_format="html", url=url,
                    metadata=metadata)
