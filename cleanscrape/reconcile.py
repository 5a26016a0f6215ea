"""One answer per article field from everything the page says, and why.

A page names its title, authors and dates in several places on purpose: the visible
header, a byline or date line anywhere in or right after the article, and the metadata
the HTML source collected (:mod:`cleanscrape.sources.html.metadata`). Reconciliation
weighs them by an order of trust (``docs/howto/metadata.md`` explains it with examples)
and records every decision, so :meth:`CleanResult.provenance
<cleanscrape.models.CleanResult.provenance>` can say where each field came from and what
was set aside.

The order of trust, field by field:

title
    1. The visible headline (the block :class:`~cleanscrape.steps.headline.FindHeadline`
       labelled ``title``) when a metadata title agrees with it, or when there is no
       metadata title.
    2. A heading the page shows that agrees with a metadata title (the visible
       headline as printed, when the header step chose another line).
    3. The visible headline, unless it is weak against the metadata: one to three words
       where the metadata has more, or the site's own name.
    4. The metadata title, most trusted source first: JSON-LD ``headline``, OpenGraph,
       Twitter, microdata, Dublin Core, other ``<meta>``, ``<title>`` without the site
       name, a JSON-LD ``WebPage`` name. A page with an article never has an empty title
       when its HTML names one.
authors
    1. Visible bylines (header, author box).
    2. A byline in or right after the article ("Posted by Jane Roe at 2:33 PM", "by jr on
       December 4, 2006", "Publié par …", "Veröffentlicht von …"), whatever label its
       block got.
    3. Metadata: JSON-LD authors (``@id`` references followed), then microdata,
       ``<meta name=author>`` and its kin, ``rel=author`` links. A metadata name the page
       never shows is kept only from JSON-LD.
    Every name passes :func:`cleanscrape.people.author_names`: the publisher or site, a
    desk, a role, a handle or a placeholder is no author. Organisations named as authors
    in JSON-LD go to ``source``.
dates
    :func:`cleanscrape.dates.resolve_dates` (visible first; metadata refines the same day
    or fills in; the address last). A date printed without a year takes its year from
    the page's other evidence (its address, its metadata, its copyright line) and, with
    none, from the crawl time only when the caller gave one; otherwise it is left out:
    an undated page stays undated.
url, image, tags
    The canonical address (``rel=canonical``, ``og:url``, JSON-LD), else the page's own;
    the lead image (``og:image``, Twitter, JSON-LD, microdata, ``image_src``); tags from
    ``article:tag``, keywords and sections, most trusted source first, each once.
"""

from __future__ import annotations

import re
from typing import Any

from .document import Block, Document
from .people import author_names, squash

__all__ = ["reconcile"]

_TITLE_TRUST = ("jsonld", "og", "twitter", "itemprop", "dc", "meta", "title_tag",
                "jsonld.page")
_AUTHOR_TRUST = ("jsonld", "itemprop", "meta", "dc", "og", "rel_author", "twitter",
                 "jsonld.page")
_QUOTES = str.maketrans("‘’‚‛“”„‟«»–—‐", "''''\"\"\"\"\"\"---")
_HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4"})
_FOOTER_BYLINE = re.compile(
    r"^(?:(?:posted|written|published|submitted|filed)\s+by|by|von|veröffentlicht\s+von|"
    r"geschrieben\s+von|verfasst\s+von|eingestellt\s+von|publié\s+par|écrit\s+par|par|"
    r"publicado\s+por|escrito\s+por|por|pubblicato\s+da|scritto\s+da|di|geplaatst\s+door|"
    r"door|opublikowano\s+przez|autor(?:in)?:|author:)\s+"
    r"(?P<name>[^\d|•·,]{2,60}?)"
    r"(?:\s+(?:on|at|am|um|le|à|el|a\s+las|il|alle|op|om|w|dnia|·|\||,|-|–|—|in)\s+"
    r"(?P<rest>.*\d.*)|\s*[|•·,–—-]\s*(?P<rest2>.*\d.*))$",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d{2})",
                        re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold().strip(" .:;!")


def agree(a: str, b: str) -> bool:
    """Whether two titles say the same: equal once case, quotes, dashes and spacing are
    set aside, or one holds the other (10+ characters each)."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    if len(x) >= 10 and len(y) >= 10 and (x in y or y in x):
        return True
    sx, sy = squash(x), squash(y)
    return len(sx) >= 10 and sx == sy


def _not_people(doc: Document) -> list[str]:
    """Names on this page that are not people: the site, the publisher, the host."""
    meta = doc.metadata
    names = [c["value"] for c in meta.get("candidates", ()) if c["field"] == "site_name"]
    if isinstance(meta.get("site_name"), str):
        names.append(meta["site_name"])
    from .sources.html.urls import host_labels

    names += host_labels(doc.url or meta.get("canonical"))
    return names


def _by_trust(cands: list[dict[str, Any]], order: tuple[str, ...]) -> list[dict[str, Any]]:
    def rank(c: dict[str, Any]) -> int:
        src = c["source"]
        return order.index(src) if src in order else len(order)

    return sorted(cands, key=rank)


# -- title -------------------------------------------------------------------------------
def _title(doc: Document) -> dict[str, Any]:
    from .sources.html.metadata import strip_site_suffix

    meta = doc.metadata
    site = meta.get("site_name") if isinstance(meta.get("site_name"), str) else None
    visible_blocks = doc.labelled("title")
    visible = " ".join(visible_blocks[0].text.split()) if visible_blocks else None
    first_h1 = next((b.text for b in doc.blocks if b.kind == "h1"), None)
    metas: list[tuple[str, str]] = []
    for c in _by_trust([c for c in meta.get("candidates", ()) if c["field"] == "title"],
                       _TITLE_TRUST):
        value = c["value"] if c["source"] == "title_tag" else \
            strip_site_suffix(c["value"], site, first_h1)
        if value and len(value) <= 400 and not any(agree(value, m) and value == m
                                                   for m, _ in metas):
            metas.append((value, c["source"]))
    if not metas:
        if visible:
            return {"value": visible, "source": "visible", "why": "the visible headline"}
        return {"value": None, "source": None, "why": "no headline on the page"}
    if visible and any(agree(visible, m) for m, _ in metas):
        return {"value": visible, "source": "visible",
                "why": "the visible headline, which the metadata confirms"}
    shown = _shown_heading(doc, metas)
    if shown is not None:
        block, src = shown
        return {"value": " ".join(block.text.split()), "source": "visible+" + src,
                "why": "a heading the page shows, as the metadata names it"}
    best, src = metas[0]
    if visible and not _weak(visible, best, doc):
        return {"value": visible, "source": "visible",
                "why": "the visible headline (the metadata names another)",
                "set_aside": [{"value": m, "source": s} for m, s in metas]}
    why = "the metadata title" + (" (the visible headline was weak: "
                                  f"{visible!r})" if visible else "")
    return {"value": best, "source": src, "why": why}


def _shown_heading(doc: Document, metas: list[tuple[str, str]]) -> tuple[Block, str] | None:
    for m, src in metas:
        for b in doc.blocks:
            if b.kind in _HEADING_KINDS and b.label != "teaser" and len(b.text) <= 400 \
                    and agree(b.text, m):
                return b, src
    return None


def _weak(visible: str, meta_title: str, doc: Document) -> bool:
    """A visible headline that loses to the metadata: a label-sized line (one to three
    words) against a longer metadata title, or the site's own name."""
    words, meta_words = len(visible.split()), len(meta_title.split())
    if words <= 3 and meta_words > words:
        return True
    return any(squash(visible) == squash(n) for n in _not_people(doc) if n)


# -- authors -----------------------------------------------------------------------------
def _footer_bylines(doc: Document) -> list[tuple[int, str]]:
    """Byline lines in or right after the article, whatever their label: (index, names)."""
    blocks = doc.blocks
    start = next((i for i, b in enumerate(blocks) if b.label in ("title", "body")), None)
    if start is None:
        return []
    out: list[tuple[int, str]] = []
    for i in range(start, len(blocks)):
        b = blocks[i]
        if b.label in ("teaser", "title") or (b.rule or "").startswith("comments."):
            continue
        text = " ".join(b.text.split())
        if len(text) > 160 or len(text.split()) > 24:
            continue
        m = _FOOTER_BYLINE.match(text)
        if m is not None:
            out.append((i, m.group("name")))
    return out


def _authors(doc: Document) -> dict[str, Any]:
    not_people = _not_people(doc)
    rejected: list[dict[str, str]] = []

    def people(raw: list[str], source: str) -> list[str]:
        found = author_names(raw, not_people=not_people)
        rejected.extend({"value": v, "reason": r, "source": source} for v, r in found.rejected)
        return found.kept

    visible: list[str] = []
    for b in doc.blocks:
        if b.label == "byline":
            visible += [a for a in (b.data.get("byline") or {}).get("authors", [])
                        if a not in visible]
    kept = people(visible, "visible") if visible else []
    if kept:
        return {"value": kept, "source": "visible", "why": "the visible byline",
                "rejected": rejected}
    if visible:
        # A byline the page shows with no person in it ("Redaktion") is the answer.
        return {"value": [], "source": "visible", "why": "the byline names no person",
                "rejected": rejected}
    for _, name in _footer_bylines(doc):
        kept = people([name], "byline.footer")
        if kept:
            return {"value": kept, "source": "byline.footer",
                    "why": "a byline in or after the article", "rejected": rejected}
    page_text = squash(" ".join(b.text for b in doc.blocks))
    cands = [c for c in doc.metadata.get("candidates", ()) if c["field"] == "author"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in _by_trust(cands, _AUTHOR_TRUST):
        groups.setdefault(c["source"], []).append(c)
    for source, items in groups.items():
        persons = [c["value"] for c in items if not c.get("org")]
        kept = people(persons, source)
        if source != "jsonld":
            shown = [k for k in kept if squash(k) in page_text]
            rejected.extend({"value": k, "reason": "not shown on the page", "source": source}
                            for k in kept if k not in shown)
            kept = shown
        if kept:
            return {"value": kept, "source": source, "why": "the page's metadata",
                    "rejected": rejected}
    return {"value": [], "source": None, "why": "no author named", "rejected": rejected}


def _org_author(doc: Document) -> str | None:
    for c in doc.metadata.get("candidates", ()):
        if c["field"] == "author" and c.get("org"):
            return str(c["value"])
    return None


# -- years -------------------------------------------------------------------------------
def page_year(doc: Document) -> int | None:
    """The year the page's own evidence gives: its address, its metadata, or its
    copyright line (the latest year there)."""
    from .dates import date_from_url, parse_machine_date

    url = doc.url or doc.metadata.get("canonical")
    if isinstance(url, str):
        v = date_from_url(url)
        if v is not None:
            return int(v.iso[:4])
    for c in doc.metadata.get("candidates", ()):
        if c["field"] in ("published", "updated", "date"):
            v = parse_machine_date(c["value"])
            if v is not None:
                return int(v.iso[:4])
    years = [int(m.group(1)) for b in doc.blocks[-60:] for m in _COPYRIGHT.finditer(b.text)]
    return max(years) if years else None


# -- entry point -------------------------------------------------------------------------
def reconcile(doc: Document) -> dict[str, dict[str, Any]]:
    """Every reconciled field of ``doc`` as ``{"value", "source", "why", …}`` (plain data).

    ``title`` and ``authors`` follow the order of trust in the module docstring; ``url``,
    ``image`` and ``tags`` come from the metadata summary (HTML pages); dates are chosen by
    the assembly with :func:`cleanscrape.dates.resolve_dates`.
    """
    meta = doc.metadata
    out: dict[str, dict[str, Any]] = {
        "title": _title(doc),
        "authors": _authors(doc),
    }
    url = meta.get("canonical") or doc.url
    out["url"] = {"value": url if isinstance(url, str) and url else None,
                  "source": "canonical" if meta.get("canonical") else ("input" if url else None)}
    image = meta.get("image")
    out["image"] = {"value": image if isinstance(image, str) else None,
                    "source": "metadata" if image else None}
    tags = meta.get("tags") or []
    out["tags"] = {"value": [t for t in tags if isinstance(t, str)],
                   "source": "metadata" if tags else None}
    org = _org_author(doc)
    if org:
        out["org_author"] = {"value": org, "source": "jsonld"}
    return out
