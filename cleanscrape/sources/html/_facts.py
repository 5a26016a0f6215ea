"""What a page says about itself in markup, collected while it streams by.

:class:`PageFacts` is filled by the tree builder (:mod:`._tree`) as libxml2 reports
elements: every ``<meta>`` and ``<link>``, the ``<title>``, JSON-LD scripts, ``<time
datetime>`` elements, microdata (``itemprop``), ``rel=author`` links and the ``<html
lang>``. It only records; it decides nothing. :mod:`.metadata` reads it into candidates.

Everything is plain data (strings, lists, dicts) and every list is bounded, so a page of
10,000 ``<meta>`` tags or a 100 KB ``<title>`` costs linear time and bounded memory.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PageFacts"]

_META_MAX = 2_000  # meta/link tags kept per page
_VALUE_MAX = 4_000  # characters kept of one attribute value
_TEXT_MAX = 400  # characters kept of an element's text (itemprop, rel=author)
_TIMES_MAX = 200  # <time> elements kept
_JSONLD_MAX = 2_000_000  # characters of one JSON-LD script kept
_TITLE_MAX = 2_000  # characters of <title> kept

#: itemprop values read from attributes (``content``, ``datetime``, ``src``, ``href``).
_ATTR_PROPS = frozenset({
    "datepublished", "datemodified", "datecreated", "uploaddate", "image", "thumbnailurl",
    "keywords", "articlesection", "headline", "author", "creator", "name", "url",
})
#: itemprop values whose element text is the value.
_TEXT_PROPS = frozenset({"headline", "author", "creator", "name", "articlesection",
                         "keywords"})


def _clip(value: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        value = value[:limit]
    return " ".join(value.split())


class PageFacts:
    """Raw metadata of one page, in page order (see the module docstring)."""

    __slots__ = ("canonical", "images", "itemprops", "jsonld", "lang", "meta", "n_meta",
                 "rel_authors", "times", "title")

    def __init__(self) -> None:
        self.meta: list[tuple[str, str]] = []  # (key, content), key lower case
        self.n_meta = 0
        self.title: str | None = None
        self.jsonld: list[str] = []
        self.times: list[dict[str, Any]] = []
        self.itemprops: list[dict[str, Any]] = []
        self.rel_authors: list[str] = []
        self.canonical: str | None = None
        self.lang: str | None = None
        self.images: list[str] = []  # <link rel=image_src>

    # -- head ------------------------------------------------------------------------------
    def meta_tag(self, tag: str, attrib: Any) -> None:
        """A ``<meta>`` or ``<link>`` element (anywhere in the page)."""
        if not attrib or self.n_meta >= _META_MAX:
            return
        self.n_meta += 1
        if tag == "link":
            rel = (attrib.get("rel") or "").lower().split()
            href = attrib.get("href")
            if not href or not href.strip():
                return
            if "canonical" in rel and self.canonical is None:
                self.canonical = _clip(href, _VALUE_MAX)
            elif "image_src" in rel:
                self.images.append(_clip(href, _VALUE_MAX))
            return
        content = attrib.get("content")
        if content is None:
            return
        key = (attrib.get("property") or attrib.get("name") or attrib.get("itemprop")
               or attrib.get("http-equiv") or "").strip().lower()
        if key:
            self.meta.append((key, _clip(content, _VALUE_MAX)))

    def set_title(self, text: str) -> None:
        if self.title is None:
            self.title = _clip(text[:_TITLE_MAX * 2], _TITLE_MAX)

    def add_jsonld(self, text: str) -> None:
        if len(text) <= _JSONLD_MAX and len(self.jsonld) < 64:
            self.jsonld.append(text)

    def set_lang(self, value: str) -> None:
        if self.lang is None and value.strip():
            self.lang = value.strip()[:35]

    # -- body ------------------------------------------------------------------------------
    def time(self, attrib: Any, tokens: str, itemprop: str, before: str, *,
             in_main: bool, block_index: int, updated_words: tuple[str, ...],
             published_words: tuple[str, ...]) -> None:
        """A ``<time>`` element: its ``datetime`` and what its markup or the text just
        before it says it is (``kind``: published, updated or "")."""
        value = attrib.get("datetime") if attrib else None
        if not value or not value.strip() or len(self.times) >= _TIMES_MAX:
            return
        hay = (tokens + " " + itemprop).lower()
        before = before.lower()
        kind = ""
        if any(w in hay for w in ("modif", "updat", "edited", "revis")) or any(
                w in before for w in updated_words):
            kind = "updated"
        elif any(w in hay for w in ("publish", "pubdate", "posted", "created", "dateline",
                                    "entry-date", "post-date", "article-date", "date")) \
                or any(w in before for w in published_words):
            kind = "published"
        self.times.append({"value": _clip(value, 80), "kind": kind, "in_main": in_main,
                           "block": block_index})

    def itemprop_attr(self, prop: str, attrib: Any, *, scope: str) -> None:
        """An element with ``itemprop``: values held in attributes."""
        p = prop.lower()
        if p not in _ATTR_PROPS or len(self.itemprops) >= _META_MAX:
            return
        value = (attrib.get("content") or attrib.get("datetime") or attrib.get("src")
                 or (attrib.get("href") if p in ("url", "image", "author") else None))
        if value and value.strip():
            self.itemprops.append({"prop": p, "value": _clip(value, _VALUE_MAX),
                                   "scope": scope, "from": "attr"})

    def itemprop_text(self, prop: str, text: str, *, scope: str) -> None:
        """An element with ``itemprop``: its visible text."""
        if len(self.itemprops) >= _META_MAX:
            return
        text = _clip(text, _TEXT_MAX)
        if text:
            self.itemprops.append({"prop": prop.lower(), "value": text, "scope": scope,
                                   "from": "text"})

    def rel_author(self, text: str) -> None:
        text = _clip(text, _TEXT_MAX)
        if text and len(self.rel_authors) < 50:
            self.rel_authors.append(text)

    @staticmethod
    def wants_text(prop: str) -> bool:
        """Whether the builder should capture the text of an element with this itemprop."""
        return prop.lower() in _TEXT_PROPS
