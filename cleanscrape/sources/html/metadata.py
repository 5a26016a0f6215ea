"""Every place an HTML page names its title, authors, dates, site, address, image and tags.

:func:`read_metadata` turns the :class:`~._facts.PageFacts` the tree walk collected into
**candidates**: plain dicts ``{"field", "value", "source"}`` in the order they are
trusted within their field (the page's visible header is not here: it is read by the
steps, and :mod:`cleanscrape.reconcile` weighs both). Sources:

``jsonld``      JSON-LD (``Article``, ``NewsArticle``, ``BlogPosting``, ``WebPage`` …;
                ``@graph`` arrays with ``@id`` references followed, author as a string,
                an object or a list; cycles and broken scripts are harmless)
``og``          OpenGraph and ``article:*`` properties
``twitter``     Twitter cards
``dc``          Dublin Core (``dc.*``, ``dcterms.*``)
``meta``        other ``<meta name=…>`` (``author``, ``date``, ``pubdate``, ``keywords`` …)
``itemprop``    microdata (``itemprop="headline|author|datePublished|image|keywords"``)
``rel_author``  the text of ``<a rel="author">`` links
``time``        ``<time datetime>`` elements (``kind`` from their class or the words
                before them)
``title_tag``   ``<title>``, with the site name taken off (:func:`strip_site_suffix`)
``canonical``   ``<link rel="canonical">``

Fields: ``title``, ``author`` (people, or organisations marked ``"org": True``),
``published``, ``updated``, ``site_name``, ``url``, ``image``, ``tag``, ``description``,
``language``. The returned dict also keeps a summary for the steps that read metadata
early (``title``, ``site_name``, ``authors``, ``published``, ``modified``, ``canonical``,
``language``, ``html_title``, ``headline_raw``, ``jsonld_types``, ``og_type``,
``is_article``, ``description``, ``image``, ``tags``).

Nothing here judges whether an author is a person or a title the right one: that is
reconciliation's work, with the page's text at hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ...ruleset import load_data
from ._facts import PageFacts
from .urls import absolute_url, is_domain

__all__ = ["read_metadata", "strip_site_suffix", "title_parts"]

_SUFFIX_SEP = re.compile(r"\s+[-|–—:·•»/]{1,2}\s+|\s+::\s+")
_SEP_AT_END = re.compile(r"(\s+[-|–—:·•»/]{1,2}\s+|\s+::\s+)$")
_NODES_MAX = 5_000  # JSON-LD nodes visited per page
_CANDIDATES_MAX = 64  # candidates kept per field


def _keys() -> dict[str, Any]:
    return load_data("html", "metadata.toml")


# -- titles ------------------------------------------------------------------------------
def title_parts(title: str) -> list[str]:
    """A page title cut at the separators sites put between a headline and their name."""
    return [p.strip() for p in _SUFFIX_SEP.split(" ".join(title.split())) if p.strip()]


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

    Example:
        >>> strip_site_suffix("Storm hits coast | The Daily Ember", "The Daily Ember")
        'Storm hits coast'
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
        return is_domain(p)

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


# -- JSON-LD -----------------------------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> list[str]:
    return [t.lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1]
            for t in _as_list(obj.get("@type")) if isinstance(t, str)]


def _text(value: Any) -> str:
    """A JSON-LD value as one line of text (``{"@value": …}`` and one-item lists too)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _load_jsonld(script: str) -> Any:
    text = script.strip()
    text = text.removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    # Common breakage: trailing commas, several objects in a row.
    try:
        fixed = re.sub(r",\s*([}\]])", r"\1", text)
        return json.loads(fixed, strict=False)
    except (ValueError, RecursionError):
        pass
    try:
        return json.loads("[" + re.sub(r"}\s*{", "},{", fixed) + "]", strict=False)
    except (ValueError, RecursionError):
        return None


def _nodes(data: list[Any]) -> Iterator[dict[str, Any]]:
    """Every object in the scripts, depth-first in page order, each once (bounded)."""
    todo: list[Any] = list(reversed(data))
    seen: set[int] = set()
    count = 0
    while todo and count < _NODES_MAX:
        obj = todo.pop()
        if isinstance(obj, list):
            todo.extend(reversed(obj))
            continue
        if not isinstance(obj, dict) or id(obj) in seen:
            continue
        seen.add(id(obj))
        count += 1
        yield obj
        children = [v for k, v in obj.items() if isinstance(v, (list, dict)) and k != "@context"]
        todo.extend(reversed(children))


class _JsonLd:
    """The JSON-LD of a page: every node, an ``@id`` index, and the main article."""

    def __init__(self, scripts: list[str], article_types: frozenset[str],
                 page_types: frozenset[str]) -> None:
        data = [d for d in (_load_jsonld(s) for s in scripts) if d is not None]
        self.nodes = list(_nodes(data))
        self.by_id: dict[str, dict[str, Any]] = {}
        for node in self.nodes:
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1 and ident not in self.by_id:
                self.by_id[ident] = node
        self.types: list[str] = []
        for node in self.nodes:
            for t in _types(node):
                if t not in self.types:
                    self.types.append(t)
        self.article = next((n for n in self.nodes
                             if article_types.intersection(_types(n))
                             and (n.get("headline") or n.get("name")
                                  or n.get("datePublished"))), None)
        self.page = next((n for n in self.nodes if page_types.intersection(_types(n))), None)

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": …}`` reference replaced by the node it names (one step: no cycles)."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def people(self, value: Any) -> list[tuple[str, bool]]:
        """``(name, is_organisation)`` of an ``author``/``creator`` value."""
        out: list[tuple[str, bool]] = []
        for item in _as_list(value):
            item = self.resolve(item)
            if isinstance(item, str):
                out.append((item, False))
            elif isinstance(item, dict):
                name = _text(item.get("name"))
                if not name:
                    given, family = _text(item.get("givenName")), _text(item.get("familyName"))
                    name = f"{given} {family}".strip()
                types = _types(item)
                org = any(t in ("organization", "newsmediaorganization", "corporation",
                                "organisation", "website") for t in types)
                if name:
                    out.append((name, org))
        return out

    def images(self, value: Any) -> list[str]:
        out: list[str] = []
        for item in _as_list(value)[:8]:
            item = self.resolve(item)
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                url = item.get("url") or item.get("contentUrl")
                if isinstance(url, str):
                    out.append(url)
        return out


def _split_tags(value: Any) -> list[str]:
    out: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            item = item.get("name")
        if not isinstance(item, str):
            continue
        for part in re.split(r"[,;]", item) if ("," in item or ";" in item) else [item]:
            part = " ".join(part.split())
            if part:
                out.append(part)
    return out


# -- reading -----------------------------------------------------------------------------
class _Candidates:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.count: dict[str, int] = {}
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, field: str, value: Any, source: str, **extra: Any) -> None:
        if not isinstance(value, str):
            return
        value = " ".join(value.split())
        if not value or self.count.get(field, 0) >= _CANDIDATES_MAX:
            return
        if (field, value, source) in self.seen:
            return
        self.seen.add((field, value, source))
        self.count[field] = self.count.get(field, 0) + 1
        item = {"field": field, "value": value, "source": source}
        item.update(extra)
        self.items.append(item)

    def first(self, field: str) -> str | None:
        return next((c["value"] for c in self.items if c["field"] == field), None)

    def values(self, field: str) -> list[dict[str, Any]]:
        return [c for c in self.items if c["field"] == field]


def _source_of(key: str) -> str:
    if key.startswith(("og:", "article:")):
        return "og"
    if key.startswith("twitter:"):
        return "twitter"
    if key.startswith(("dc.", "dcterms.", "dc:", "dcterms:")):
        return "dc"
    return "meta"


def read_metadata(facts: PageFacts, *, url: str | None = None,
                  first_h1: str | None = None) -> dict[str, Any]:
    """The page's metadata as candidates plus a summary (see the module docstring)."""
    keys = _keys()
    fields: dict[str, list[str]] = keys["fields"]
    ld = _JsonLd(facts.jsonld, frozenset(keys["jsonld"]["article_types"]),
                 frozenset(keys["jsonld"]["page_types"])) if facts.jsonld else None
    meta: dict[str, list[str]] = {}
    for k, v in facts.meta:
        meta.setdefault(k, []).append(v)
    cands = _Candidates()

    # JSON-LD first: the page's most deliberate statement about itself.
    if ld is not None:
        for node, source in ((ld.article, "jsonld"), (ld.page, "jsonld.page")):
            if node is None:
                continue
            cands.add("title", _text(node.get("headline")) or _text(node.get("name")), source)
            cands.add("published", _text(node.get("datePublished")), source)
            cands.add("updated", _text(node.get("dateModified")), source)
            if not node.get("datePublished"):
                cands.add("published", _text(node.get("dateCreated")), source)
            cands.add("description", _text(node.get("description")), source)
            cands.add("language", _text(node.get("inLanguage")), source)
            for name, org in ld.people(node.get("author")) or ld.people(node.get("creator")):
                cands.add("author", name, source, org=org)
            for name, _org in ld.people(node.get("publisher")):
                cands.add("site_name", name, source + ".publisher")
            for image in ld.images(node.get("image")) or ld.images(node.get("thumbnailUrl")):
                cands.add("image", image, source)
            for tag in _split_tags(node.get("keywords")):
                cands.add("tag", tag, source)
            for tag in _split_tags(node.get("articleSection")):
                cands.add("tag", tag, source)
            main = node.get("mainEntityOfPage")
            main_url = main.get("@id") if isinstance(main, dict) else main
            cands.add("url", _text(node.get("url")) or _text(main_url), source)
        for node in ld.nodes:
            if "website" in _types(node):
                cands.add("site_name", _text(node.get("name")), "jsonld.website")

    # meta tags, in the order the data file trusts them
    for field, names in fields.items():
        for key in names:
            for value in meta.get(key, ()):
                if field == "tag":
                    for tag in _split_tags(value):
                        cands.add("tag", tag, _source_of(key))
                elif field == "author" and key == "byl":
                    cands.add("author", re.sub(r"(?i)^by\s+", "", value), _source_of(key))
                else:
                    cands.add(field, value, _source_of(key))
    # microdata
    for item in facts.itemprops:
        prop, value, scope = item["prop"], item["value"], item["scope"]
        if prop == "headline":
            cands.add("title", value, "itemprop")
        elif prop in ("author", "creator") and item["from"] == "text":
            cands.add("author", value, "itemprop")
        elif prop == "name" and scope == "person":
            cands.add("author", value, "itemprop")
        elif prop == "datepublished" or (prop == "datecreated"):
            cands.add("published", value, "itemprop")
        elif prop == "datemodified":
            cands.add("updated", value, "itemprop")
        elif prop in ("image", "thumbnailurl") and item["from"] == "attr":
            cands.add("image", value, "itemprop")
        elif prop in ("keywords", "articlesection"):
            for tag in _split_tags(value):
                cands.add("tag", tag, "itemprop")
    for name in facts.rel_authors:
        cands.add("author", name, "rel_author")
    for t in facts.times:
        cands.add(t["kind"] or "date", t["value"], "time", in_main=t["in_main"],
                  block=t["block"])
    for image in facts.images:
        cands.add("image", image, "link")
    if facts.canonical:
        cands.add("url", facts.canonical, "canonical")
    if facts.lang:
        cands.add("language", facts.lang, "html")

    # site name: og:site_name and kin, else a publisher, else the WebSite node
    site = next((c["value"] for c in cands.values("site_name")
                 if not c["value"].startswith("@")), None)
    # <title> with the site name taken off
    if facts.title:
        cands.add("title", strip_site_suffix(facts.title, site, first_h1), "title_tag",
                  raw=facts.title)

    out: dict[str, Any] = {"candidates": cands.items}
    if facts.title:
        out["html_title"] = facts.title
    # the summary the steps read before reconciliation
    raw_title = next((c["value"] for c in cands.values("title")
                      if c["source"] in ("og", "twitter", "jsonld")), None) \
        or facts.title or cands.first("title")
    if raw_title:
        out["headline_raw"] = raw_title
        title = strip_site_suffix(raw_title, site, first_h1)
        if title == raw_title and facts.title and raw_title != facts.title and not site:
            title = strip_site_suffix(raw_title, None, first_h1)
        out["title"] = title
    if site:
        out["site_name"] = site
    out["authors"] = _author_summary(cands)
    desc = cands.first("description")
    if desc:
        out["description"] = desc
    og_type = meta.get("og:type")
    if og_type and og_type[0].strip():
        out["og_type"] = og_type[0].strip().lower()
    out["dates"] = [{"value": c["value"], "kind": "unknown" if c["field"] == "date"
                     else c["field"], "source": c["source"].split(".")[0]}
                    for c in cands.items if c["field"] in ("published", "updated", "date")]
    published = next((d["value"] for d in out["dates"] if d["kind"] == "published"), None) \
        or next((d["value"] for d in out["dates"] if d["kind"] == "unknown"), None)
    if published:
        out["published"] = published
    modified = next((d["value"] for d in out["dates"] if d["kind"] == "updated"), None)
    if modified:
        out["modified"] = modified
    page_url = next((c["value"] for c in cands.values("url")
                     if c["source"] in ("canonical", "og")), None) or cands.first("url")
    if page_url:
        absolute = absolute_url(page_url, url)
        if absolute.startswith(("http://", "https://")):
            out["canonical"] = absolute
    base = out.get("canonical") or url
    first_image = cands.first("image")
    if first_image:
        image = absolute_url(first_image, base)
        if image.startswith(("http://", "https://")):
            out["image"] = image
    lang = next((c["value"] for c in cands.values("language") if c["source"] == "html"),
                None) or cands.first("language")
    if lang:
        lang = lang.split(",")[0].strip().replace("_", "-")
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
            out["language"] = lang
    out["tags"] = _tag_summary(cands)
    if out["tags"]:
        out["keywords"] = ", ".join(out["tags"])
    out["jsonld_types"] = list(ld.types) if ld is not None else []
    # The page says it is an article: og:type "article", or a JSON-LD article node.
    out["is_article"] = str(out.get("og_type", "")).startswith("article") or (
        ld is not None and ld.article is not None)
    return out


def _author_summary(cands: _Candidates) -> list[str]:
    """Metadata's authors before reconciliation: the most trusted source's names."""
    by_source: dict[str, list[str]] = {}
    for c in cands.values("author"):
        if c.get("org") or c["value"].startswith(("http://", "https://", "@")):
            continue
        if len(c["value"]) < 120:
            by_source.setdefault(c["source"], []).append(c["value"])
    return next(iter(by_source.values()), [])


def _tag_summary(cands: _Candidates) -> list[str]:
    """Tags from every source, most trusted first, without duplicates (case-blind)."""
    seen: set[str] = set()
    out: list[str] = []
    for c in cands.values("tag"):
        value = c["value"]
        if len(value) > 80 or value.startswith(("http://", "https://")):
            continue
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out[:50]
