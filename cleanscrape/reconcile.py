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
    3. An author box's "More from Jane Roe" link.
    4. Metadata: JSON-LD authors (``@id`` references followed), then microdata,
       ``<meta name=author>`` and its kin, ``rel=author`` links; a name the page never
       shows is set aside (a theme's or a CMS account's, not the article's byline).
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
from collections.abc import Iterator
from typing import Any

from .byline_shapes import shapes
from .document import Block, Document
from .people import _calendar_words, author_names, squash

__all__ = ["agree", "article_start", "page_year", "reconcile"]

_TITLE_TRUST = ("jsonld", "og", "twitter", "itemprop", "dc", "meta", "title_tag",
                "jsonld.page")
#: Metadata sources of authors, most trusted first. Twitter's creator is an account
#: (a handle, or the publication's name), never read as an author.
_AUTHOR_TRUST = ("jsonld", "itemprop", "meta", "dc", "og", "rel_author", "jsonld.page")
_QUOTES = str.maketrans("‘’‚‛“”„‟«»–—‐", "''''\"\"\"\"\"\"---")
_HEADING_KINDS = frozenset({"h1", "h2", "h3", "h4"})
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
    if abs(len(x) - len(y)) > max(len(x), len(y)) // 2:
        return False  # squashing drops spaces and marks, never half the text
    sx, sy = squash(x), squash(y)
    return len(sx) >= 10 and sx == sy


def _not_people(doc: Document) -> list[str]:
    """Names on this page that are not people: the site, the publisher, the host."""
    meta = doc.metadata
    # Dublin Core's publisher is often the author's own name on small sites: not used.
    names = [c["value"] for c in meta.get("candidates", ())
             if c["field"] == "site_name" and c["source"] != "dc"]
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
    not_people = _not_people(doc)

    def names_site(text: str) -> bool:
        return any(squash(text) == squash(n) for n in not_people if n)

    visible_blocks = doc.labelled("title")
    visible = " ".join(visible_blocks[0].text.split()) if visible_blocks else None
    # The headline a <title> may repeat: the visible one, not a logo's <h1>.
    headline = visible or _page_h1(doc, lambda _t: False)
    title_cands = [c for c in meta.get("candidates", ()) if c["field"] == "title"]
    if visible and _is_title_part(visible, title_cands, doc):
        # "<headline> | <blog name>" in <title>, the blog's name in the page's <h1>:
        # the visible line is the site's name, and it is cut off the metadata titles.
        not_people.append(visible)
        site = visible
        headline = _page_h1(doc, names_site)
    metas: list[tuple[str, str]] = []
    for c in _by_trust(title_cands, _TITLE_TRUST):
        value = strip_site_suffix(c.get("raw") or c["value"], site, headline)
        if value and len(value) <= 400 and not names_site(value) \
                and not any(value == m for m, _ in metas):
            metas.append((value, c["source"]))
    h1 = _page_h1(doc, names_site)
    if visible and (not metas or any(agree(visible, m) for m, _ in metas)):
        why = "the visible headline, which the metadata confirms" if metas else \
            "the visible headline"
        return {"value": visible, "source": "visible", "why": why}
    if h1 and any(agree(h1, m) for m, _ in metas):
        return {"value": h1, "source": "visible.h1",
                "why": "the page's main heading, which the metadata confirms"}
    shown = _shown_heading(doc, metas)
    if shown is not None:
        block, src = shown
        return {"value": " ".join(block.text.split()), "source": "visible+" + src,
                "why": "a heading the page shows, as the metadata names it"}
    set_aside = [{"value": m, "source": s} for m, s in metas]
    if visible and not (metas and _weak(visible, metas[0][0], names_site)):
        return {"value": visible, "source": "visible",
                "why": "the visible headline (the metadata names another)",
                "set_aside": set_aside}
    if h1:
        return {"value": h1, "source": "visible.h1",
                "why": "the page's only main heading (the metadata names another)",
                "set_aside": set_aside}
    if metas:
        best, src = metas[0]
        why = "the metadata title" + (" (the visible headline was weak: "
                                      f"{visible!r})" if visible else "")
        return {"value": best, "source": src, "why": why}
    if visible:
        return {"value": visible, "source": "visible", "why": "the visible headline"}
    first = _first_line_title(doc)
    if first is not None:
        return {"value": first, "source": "first_line",
                "why": "the page's first line, its document title (no headline found)"}
    # The page names no title but its site's: better than none.
    title_cands = [c for c in meta.get("candidates", ()) if c["field"] == "title"]
    if title_cands:
        best_c = _by_trust(title_cands, _TITLE_TRUST)[0]
        return {"value": best_c["value"], "source": best_c["source"],
                "why": "the page's metadata title, which names only the site"}
    return {"value": None, "source": None, "why": "no headline on the page"}


def _first_line_title(doc: Document) -> str | None:
    """A text page's first line when it is the page's document title (a dump of a web page
    starts with its ``<title>``), the site's name cut off: the title where no headline
    was found. Not a paragraph, not a masthead or a UI line a rule removed, two words or
    more once the site's name is off."""
    from .sources.html.metadata import strip_site_suffix
    from .steps._header import first_line
    from .steps._shape import is_title_like, word_count
    from .steps.bylines import is_organisation

    if doc.input_format != "text":
        return None
    first = first_line(doc.blocks)
    if first is None or first.label not in (None, "noise") or (
            first.label == "noise" and not (first.rule or "").startswith("boilerplate.")):
        return None
    text = " ".join(first.text.split())
    if not is_title_like(text, max_words=30) or "byline" in first.data or "date" in first.data:
        return None
    value = strip_site_suffix(text).rstrip(" .…").removesuffix("...").strip()
    if word_count(value) < 2 or is_organisation(value) or len(value) > 200:
        return None
    return value


def _is_title_part(visible: str, cands: list[dict[str, Any]], doc: Document) -> bool:
    """Whether ``visible`` is the site's name beside the headline: one end of a metadata
    title cut at a separator, whose other end the page shows as a heading inside its
    article container."""
    from .sources.html.metadata import title_parts

    key = squash(visible)
    headings = [b.text for b in doc.blocks if b.kind in _HEADING_KINDS and b.label != "teaser"
                and len(b.text) <= 400 and b.hints.get("in_main")]
    for c in cands:
        parts = title_parts(c.get("raw") or c["value"])
        if len(parts) < 2:
            continue
        for end, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
            other = " – ".join(rest)
            if squash(end) == key and any(squash(h) == squash(other) for h in headings):
                return True
    return False


def _page_h1(doc: Document, names_site: Any) -> str | None:
    """The page's main heading: its only ``<h1>``, or the only one inside the article
    container, whatever label markup gave it (the logo's ``<h1>`` aside)."""
    h1s = [b for b in doc.blocks if b.kind == "h1" and b.label != "teaser"
           and not b.hints.get("hidden") and b.text.strip() and not names_site(b.text)
           and len(b.text) <= 300]
    in_main = [b for b in h1s if b.hints.get("in_main")]
    pick = h1s if len(h1s) == 1 else in_main if len(in_main) == 1 else []
    return " ".join(pick[0].text.split()) if pick else None


def _shown_heading(doc: Document, metas: list[tuple[str, str]]) -> tuple[Block, str] | None:
    for m, src in metas:
        for b in doc.blocks:
            if b.kind in _HEADING_KINDS and b.label != "teaser" and len(b.text) <= 400 \
                    and agree(b.text, m):
                return b, src
    return None


def _weak(visible: str, meta_title: str, names_site: Any) -> bool:
    """A visible headline that loses to the metadata: a label-sized line (one to three
    words) against a longer metadata title, or the site's own name."""
    words, meta_words = len(visible.split()), len(meta_title.split())
    if words <= 3 and meta_words > words:
        return True
    return bool(names_site(visible))


# -- authors -----------------------------------------------------------------------------
_HEADER_BEFORE, _HEADER_AFTER = 6, 30
#: Rule families of widgets whose labels are never a name ("Recent Posts", "Real Estate").
_WIDGET_RULES = ("related.", "ads.", "nav.", "newsletter.", "social.", "share.", "promo.")
def article_start(doc: Document) -> int | None:
    """Where the article starts: its headline as reconciled (whatever label its block
    got), else the first title or body block."""
    reconciled = doc.metadata.get("reconciled", {})
    title = reconciled.get("title", {}).get("value")
    cached = reconciled.get("_start")
    if cached is not None and cached[0] == title:
        return cached[1]  # type: ignore[no-any-return]
    at = None
    # A title read off a text page's first line marks the page's top, not the article:
    # a line further down that repeats it does.
    skip = 1 if reconciled.get("title", {}).get("source") == "first_line" else 0
    if isinstance(title, str) and title:
        lo, hi = len(title) // 2, 2 * len(title) + 20
        # A copy of the headline in a teaser card counts only above the article's text:
        # there it is the article's own header taken for a card, further down a list of
        # the site's posts that includes this one.
        body = next((i for i, b in enumerate(doc.blocks) if b.label == "body"), len(doc.blocks))
        at = next((i for i, b in enumerate(doc.blocks)
                   if i >= skip and (b.label != "teaser" or i < body)
                   and lo <= len(b.text) <= hi and agree(b.text, title)), None)
    if at is None:
        at = next((i for i, b in enumerate(doc.blocks) if b.label in ("title", "body")), None)
    if "title" in reconciled:
        reconciled["_start"] = (title, at)
    return at


#: "Janic Cathomen, 01.12.2021": a name, then a date.
_NAME_THEN_DATE = re.compile(r"^(?P<name>[^\d|•·,]{3,50}?)(?:\s*[,|•·/]\s*|\s+[–—-]\s+)"
                             r"(?P<date>.*\d.*)$")
def _name_shaped(text: str, min_words: int = 1) -> bool:
    """One to five words, each capitalised (particles aside), nothing a sentence has."""
    words = text.split()
    if not min_words <= len(words) <= 5 or re.search(r"[!?;:\d]", text) \
            or shapes().opener_only.match(words[-1]):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in shapes().particles for w in words)


def _marked_author(b: Block) -> bool:
    """Markup that names the block an author's name (a name still has to look like one)."""
    toks = str(b.hints.get("classes", "")).lower().split()[:6]
    return any(("author" in t or "byline" in t or "autor" in t or "auteur" in t
                or t == "vcard" or "writer" in t) and "authority" not in t for t in toks)


def _header_bylines(doc: Document) -> Iterator[str]:
    """Byline lines near the headline that the header step did not read, whatever label
    their block got: "ByAlex Roe" in a dek, "Von" and the name in two blocks, "22.
    Dezember 2019 von Peter Addor", "Janic Cathomen, 01.12.2021", a name in a block
    whose markup says "author"."""
    from .dates import looks_like_date

    start = article_start(doc)
    if start is None:
        return
    sh = shapes()
    blocks = doc.blocks
    title = next((i for i, b in enumerate(blocks) if b.label == "title"), None)
    lo, hi = max(0, start - _HEADER_BEFORE), min(len(blocks), start + _HEADER_AFTER)
    for i in range(lo, hi):
        b = blocks[i]
        # A "card" right under the headline is the article's own meta line.
        card = b.label == "teaser" and not (0 < i - start <= 2)
        if card or b.label == "title" or (b.rule or "").startswith("comments."):
            continue
        text = " ".join(b.text.split())
        if len(text) > 80:
            continue
        m = sh.opener_line.match(text)
        if m is not None and m.group("name")[:1].isupper() and (
                b.label != "body" or _name_shaped(m.group("name"))):
            yield m.group("name")
            continue
        prev = " ".join(blocks[i - 1].text.split()) if i else ""
        after_prefix = bool(sh.opener_only.match(prev) or sh.ends_with_opener.search(prev))
        marked = _marked_author(b)
        inner = sh.inner.search(text) if marked else None
        if inner is not None and _name_shaped(inner.group("name")):
            yield inner.group("name")  # "Ein Artikel von Miriam Roe"
            continue
        if (after_prefix and _name_shaped(text)) or (marked and _name_shaped(text, 2)):
            # "By" | "David Roe" | "and" | "Ramsey Poe": names in elements of their own
            k = i + 1
            while k + 1 < hi and blocks[k].text.strip().lower() in sh.joiners \
                    and _name_shaped(" ".join(blocks[k + 1].text.split())):
                text += " and " + " ".join(blocks[k + 1].text.split())
                k += 2
            yield text
            continue
        m = sh.date_then_by.match(text)
        if m is not None and looks_like_date(m.group("date")) and _name_shaped(m.group("name")):
            yield m.group("name")
            continue
        # Right under the headline, a byline needs no "By": "Jane Roe, 01.12.2021",
        # "04.02.2022 | 13:10 Uhr | Uta Helkenberg", "28. Jan. 2022 Paula Balov".
        near = marked or (title is not None and 0 < i - title <= 3) \
            or (title is not None and 0 < title - i <= 2)
        name = _dated_name(text) if near else None
        if name is not None:
            yield name


def _dated_name(text: str) -> str | None:
    """The name in a line of a name and a date, in either order, with or without a
    separator between them."""
    from .dates import looks_like_date

    if not looks_like_date(text) or _is_date_line(text):
        return None
    m = _NAME_THEN_DATE.match(text)
    if m is not None and _name_shaped(m.group("name"), 2) and looks_like_date(m.group("date")):
        return m.group("name")
    parts = [p for p in re.split(r"\s*[|•·]\s*|\s+[–—-]\s+", text) if p]
    if len(parts) >= 2:
        # "23.06.2016 um 16:14 Uhr - Jo Roe - 91 Kommentare": the name-shaped part beside
        # a date part, whatever else the line holds.
        named = [k for k, p in enumerate(parts) if _name_shaped(p, 2)]
        dated = [k for k, p in enumerate(parts) if looks_like_date(p) and _is_date_line(p)]
        if len(named) == 1 and dated and any(abs(named[0] - k) == 1 for k in dated):
            return parts[named[0]]
    if len(parts) >= 2 and _name_shaped(parts[-1], 2) and \
            any(looks_like_date(p) for p in parts[:-1]):
        return parts[-1]
    words = text.split()
    for n in range(len(words) - 2, 0, -1):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        if _name_shaped(tail, 2) and len(tail.split()) <= 3 and _is_date_line(head):
            return tail
    return None


def _is_date_line(text: str) -> bool:
    from .dates import looks_like_date, read_date_line

    return looks_like_date(text) and read_date_line(text) is not None


def _footer_bylines(doc: Document) -> Iterator[str]:
    """Byline lines in or right after the article with a date or time after the name
    ("Posted by Jane Roe at 2:33 PM", "by jr on December 4, 2006"), whatever their label."""
    sh = shapes()
    blocks = doc.blocks
    start = article_start(doc)
    if start is None:
        return
    for i in range(start, len(blocks)):
        b = blocks[i]
        if b.label in ("teaser", "title") or (b.rule or "").startswith("comments."):
            continue
        text = " ".join(b.text.split())
        if len(text) > 160 or len(text.split()) > 24:
            continue
        m = sh.footer.match(text) or sh.author_label.match(text)
        if m is None:
            m = sh.opener_line.match(text)  # "Von Cosima Roe" closing the article
            if m is not None and not _name_shaped(m.group("name"), 2):
                m = None
        if m is not None:
            yield m.group("name")
        elif i > start and sh.opener_only.match(" ".join(blocks[i - 1].text.split())) \
                and _name_shaped(text) and not (b.rule or "").startswith(_WIDGET_RULES):
            yield text  # "Von:" in one element, the name in the next


def _author_box_names(doc: Document) -> list[str]:
    """The name an author box links to: "More from Jane Roe", "Alle Beiträge von …"."""
    out: list[str] = []
    for b in doc.blocks:
        text = " ".join(b.text.split())
        m = shapes().more_from.match(text) if len(text) <= 80 else None
        if m is not None:
            out.append(m.group("name"))
    return out


def _display_name(handle: str, doc: Document) -> str | None:
    """The name a user handle stands for when the page shows it: "gabor_munier" for
    "Gàbor Muniér" (same letters)."""
    target = squash(handle)
    if len(target) < 5:
        return None
    for b in doc.blocks:
        words = b.text.split()
        if len(words) > 40 or target[:3] not in squash(b.text):
            continue
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 4) + 1):
                if squash(" ".join(words[i:j])) == target:
                    return " ".join(words[i:j]).strip(",;:|·()")
    return None


def _fuller(names: list[str], cands: list[dict[str, Any]],
            not_people: list[str], doc: Document | None = None) -> list[str]:
    """A visible name the metadata spells in full ("Celia" → "Celia Parbey")."""
    full = author_names([c["value"] for c in cands if not c.get("org")],
                        not_people=not_people).kept
    out = []
    for name in names:
        words = name.casefold().split()
        better = next((f for f in full if len(f.split()) > len(words)
                       and f.casefold().split()[:len(words)] == words), None)
        if better is None and len(words) == 1 and doc is not None:
            better = _spelled_out(name, doc)
        out.append(better or name)
    return out


def _spelled_out(first: str, doc: Document) -> str | None:
    """A byline of a first name alone that the page spells out once elsewhere ("Henry"
    signing a post, "Henry Steinhau" in its credits): the one surname the page gives it."""
    pattern = re.compile(rf"\b{re.escape(first)}\s+([A-ZÀ-Þ][\w’'-]+)")
    found = {m.group(1) for b in doc.blocks if len(b.text) <= 400
             for m in pattern.finditer(b.text)}
    found = {f for f in found if len(f) >= 3 and not _calendar_words([f])}
    if len(found) == 1:
        return f"{first} {found.pop()}"
    return None


def _authors(doc: Document) -> dict[str, Any]:
    not_people = _not_people(doc)
    rejected: list[dict[str, str]] = []

    def people(raw: list[str], source: str) -> list[str]:
        found = author_names(raw, not_people=not_people)
        rejected.extend({"value": v, "reason": r, "source": source} for v, r in found.rejected)
        kept = list(found.kept)
        for value, reason in found.rejected:
            if reason == "handle":
                shown = _display_name(value, doc)
                if shown and not any(squash(shown) == squash(k) for k in kept):
                    kept.append(shown)
        return kept

    cands = [c for c in doc.metadata.get("candidates", ()) if c["field"] == "author"]

    def answer(kept: list[str], source: str, why: str) -> dict[str, Any]:
        return {"value": _fuller(kept, cands, not_people, doc), "source": source, "why": why,
                "rejected": rejected}

    visible: list[str] = []
    for b in doc.blocks:
        if b.label == "byline":
            visible += [a for a in (b.data.get("byline") or {}).get("authors", [])
                        if a not in visible]
    kept = people(visible, "visible") if visible else []
    if kept:
        return answer(kept, "visible", "the visible byline")
    if visible:
        # A byline the page shows with no person in it ("Redaktion") is the answer.
        return answer([], "visible", "the byline names no person")
    for source, names, why in (
            ("byline.header", _header_bylines(doc), "a byline near the headline"),
            ("byline.footer", _footer_bylines(doc), "a byline in or after the article")):
        for name in names:
            kept = people([name], source)
            if kept:
                return answer(kept, source, why)
    page_text: list[str] = []  # squashed once, when a metadata name is checked
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in _by_trust(cands, _AUTHOR_TRUST):
        if c["source"] in _AUTHOR_TRUST:
            groups.setdefault(c["source"], []).append(c)
    box = _author_box_names(doc)
    for source, items in groups.items():
        if source != "jsonld" and box:
            kept = people(box[:1], "author_box")
            if kept:
                return answer(kept, "author_box", "the author box")
            box = []
        persons = [c["value"] for c in items if not c.get("org")]
        kept = people(persons, source)
        if kept:  # a name the reader never sees is not the byline
            if not page_text:
                page_text.append(squash(" ".join(b.text for b in doc.blocks)))
            shown = [k for k in kept if squash(k) in page_text[0]]
            rejected.extend({"value": k, "reason": "not shown on the page", "source": source}
                            for k in kept if k not in shown)
            kept = shown
        if kept:
            return answer(kept, source, "the page's metadata")
    if box:
        kept = people(box[:1], "author_box")
        if kept:
            return answer(kept, "author_box", "the author box")
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
    out: dict[str, dict[str, Any]] = {"title": _title(doc)}
    doc.metadata["reconciled"] = out  # the authors are looked for around the headline
    out["authors"] = _authors(doc)
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
